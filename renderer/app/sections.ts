import { lazy, type ComponentType } from 'react';
import type { IconName } from '../ui/icons';

/**
 * The workspace's sections. Each feature registers itself here (Offers, Reviews, Pilots,
 * Scorecard, Insights, Weekly, History come later); the workspace renders the navigation and
 * the active section from this list, so adding a section touches no shell code.
 */
export interface WorkspaceSection {
  id: string;
  /** i18n key of the label. */
  labelKey: string;
  icon: IconName;
  /** Position in the navigation; built-ins use 10, 20, 30, 40. */
  order: number;
  Component: ComponentType;
}

const sections = new Map<string, WorkspaceSection>();

export function registerSection(section: WorkspaceSection): void {
  sections.set(section.id, section);
}

export function workspaceSections(): WorkspaceSection[] {
  return [...sections.values()].sort((a, b) => a.order - b.order);
}

export function findSection(id: string): WorkspaceSection | undefined {
  return sections.get(id);
}

/**
 * A section whose code loads the first time it is shown. Opening a plan then parses and
 * compiles only what the first section needs (charts, the review workflow and the rest come
 * later); the workspace shows a progress line meanwhile.
 */
export function lazySection(load: () => Promise<ComponentType>): ComponentType {
  return lazy(async () => ({ default: await load() }));
}
