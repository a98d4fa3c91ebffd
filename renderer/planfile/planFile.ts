import * as Y from 'yjs';
import type { Result } from '../../shared/result';
import { encodeStateWithoutDocSecret } from '../collab/docSecret';
import { readPlan, type PlanView } from '../domain';
import { decodeContainer, encodeContainer, type PlanFileError, type PlanFileManifest } from './container';

export interface ExportMeta {
  appVersion: string;
  /** Injected for tests; defaults to now. */
  exportedAt?: Date;
}

/**
 * The plan as one `.lockstep` file: its whole Yjs state plus a manifest. The room's secret is
 * left out: the file is a copy of the plan, never an invite to it.
 */
export function exportPlanFile(doc: Y.Doc, meta: ExportMeta): Uint8Array {
  const view = readPlan(doc);
  const update = encodeStateWithoutDocSecret(doc);
  return encodeContainer(
    {
      appVersion: meta.appVersion.slice(0, 50),
      planId: view.meta.planId || doc.guid,
      title: view.brief.title,
      exportedAt: (meta.exportedAt ?? new Date()).toISOString(),
    },
    update,
  );
}

/** File name for the save dialog: the title, made safe for every file system. */
export function planFileName(title: string): string {
  const safe = title
    .normalize('NFKC')
    // Control characters are invalid in file names on every platform we ship to.
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80);
  return `${safe || 'plan'}.lockstep`;
}

export interface ReadPlanFile {
  manifest: PlanFileManifest;
  update: Uint8Array;
  /** The read model of the file's plan, computed from a scratch document. */
  view: PlanView;
}

const fail = (code: PlanFileError['code'], message: string): { ok: false; error: PlanFileError } => ({ ok: false, error: { code, message } });

/**
 * Reads and fully checks a plan file without touching anything else: the container, then the
 * Yjs bytes applied into a scratch document (Yjs throws on some garbage and silently parks
 * updates it cannot place on other garbage — both are refused), then the plan inside.
 */
export function readPlanFile(bytes: Uint8Array): Result<ReadPlanFile, PlanFileError> {
  const container = decodeContainer(bytes);
  if (!container.ok) return container;
  const { manifest, update } = container.value;
  const scratch = new Y.Doc({ gc: true });
  try {
    try {
      Y.applyUpdate(scratch, update);
    } catch {
      return fail('planfile/unreadable-document', 'The plan inside this file cannot be read. The file may have been edited or damaged.');
    }
    // Structs waiting for updates that never come: the bytes were not one complete state.
    if (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null) {
      return fail('planfile/unreadable-document', 'The plan inside this file is incomplete. Export it again from the original.');
    }
    let view: PlanView;
    try {
      view = readPlan(scratch);
    } catch {
      // readPlan promises not to throw; a root of an unexpected type is the one way it could.
      return fail('planfile/unreadable-document', 'The plan inside this file has a layout this version of Lockstep does not understand.');
    }
    if (view.meta.planId === '' || scratch.getMap('brief').size === 0) {
      return fail('planfile/empty-plan', 'This file holds no plan: it has no plan id or brief.');
    }
    if (view.meta.planId !== manifest.planId) {
      return fail('planfile/damaged', 'This plan file is damaged: its description names another plan than the one inside.');
    }
    return { ok: true, value: { manifest, update, view } };
  } finally {
    scratch.destroy();
  }
}
