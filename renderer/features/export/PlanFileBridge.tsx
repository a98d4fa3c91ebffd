import { useEffect } from 'react';
import { onMenuCommand } from '../../app/menuEvents';
import { useServices } from '../../app/services';
import { useImportPlanFile } from './useImportPlanFile';

/**
 * App-wide: a `.lockstep` file opened from the OS (double-click, "Open with", a second launch
 * with a file argument) arrives through the bridge's onOpenFile and is imported; the menu's
 * "Import plan…" opens the file dialog. Renders nothing.
 */
export function PlanFileBridge() {
  const { host } = useServices();
  const { pick, fromFile } = useImportPlanFile();
  useEffect(() => host.onOpenFile((file) => void fromFile(file)), [host, fromFile]);
  useEffect(() => onMenuCommand((command) => command === 'plan:import' && void pick()), [pick]);
  return null;
}
