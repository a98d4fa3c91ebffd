import type * as Y from 'yjs';
import { asBytes, LockstepDB, persistDoc, type DocPersistence } from '../../../renderer/storage';
import { storedRows } from '../../storage/helpers';
import type { DiskFactory, PeerDisk } from './simulate';

/**
 * A simulated peer's disk backed by Lockstep's real persistence (Dexie over fake-indexeddb in
 * Node): batching, compaction and reload are the production code paths. Each simulation gets
 * its own database so parallel test files never share rows.
 */
export function dexieDisks(simulationName: string, options: { compactAfterRows?: number } = {}): DiskFactory & { close(): Promise<void> } {
  const db = new LockstepDB(`sim-${simulationName}-${Math.random().toString(36).slice(2)}`);
  const factory = (peerName: string): PeerDisk => {
    let persistence: DocPersistence | null = null;
    return {
      async attach(doc: Y.Doc) {
        // A small batch window and compaction threshold so runs exercise both many times.
        persistence = persistDoc(db, peerName, doc, { batchMs: 5, compactAfterRows: options.compactAfterRows ?? 40 });
        const report = await persistence.whenLoaded;
        if (!report.ok || report.skipped.length > 0) throw new Error(`${peerName} could not load: ${report.message ?? 'skipped rows'}`);
      },
      async flush() {
        await persistence?.flush();
      },
      async detach() {
        await persistence?.destroy();
        persistence = null;
      },
      async storedUpdates() {
        const rows = await storedRows(db, peerName);
        return rows.map(({ value }) => {
          const bytes = asBytes(value);
          if (!bytes) throw new Error(`${peerName} has a stored row that is not bytes`);
          return bytes;
        });
      },
    };
  };
  return Object.assign(factory, { close: async () => db.delete() });
}
