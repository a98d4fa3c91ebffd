import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readPlan, planFingerprint, setBriefLine, addSegment } from '../../../../renderer/domain';
import {
  decodeContainer,
  exportPlanFile,
  importPlanFile,
  MAX_FILE_BYTES,
  MAX_MANIFEST_BYTES,
  planFileName,
  readPlanFile,
  type PlanFileErrorCode,
} from '../../../../renderer/planfile';
import { putPlanMeta, type LockstepDB } from '../../../../renderer/storage';
import { persistDoc } from '../../../../renderer/storage/docPersistence';
import { richPlan } from '../../../support/richPlan';
import { testContext } from '../../../support/context';
import { putRow, reload, storedRows, useFreshDBs } from '../../../storage/helpers';
import { manifestFor, rawContainer } from './build';

const exportedAt = new Date('2026-11-24T03:00:00Z');
const db = useFreshDBs('planfile');

/** Every table, as plain rows: "unchanged" means exactly equal to this. */
async function everything(d: LockstepDB) {
  return {
    plans: await d.plans.toArray(),
    updates: await storedRows(d),
    snapshots: await d.snapshots.toArray(),
    kv: await d.kv.toArray(),
    quarantine: await d.quarantine.toArray(),
  };
}

/** A library with one existing plan (content + row), as the app would have it. */
async function seededLibrary() {
  const d = db();
  const { doc } = richPlan('existing-plan', 'Existing plan');
  await putRow(d, 'existing-plan', 0, Y.encodeStateAsUpdate(doc));
  const row = await putPlanMeta(d, { id: 'existing-plan', title: 'Existing plan', kind: 'launch', stage: 'sales-review' }, 1_700_000_000_000);
  expect(row.ok).toBe(true);
  return d;
}

describe('export → import round trip', () => {
  it('gives back the same read model and the same Yjs state', async () => {
    const { doc } = richPlan();
    const bytes = exportPlanFile(doc, { appVersion: '0.1.0', exportedAt });
    const read = readPlanFile(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.manifest).toMatchObject({ planId: 'plan-rich', title: 'Sensor kit launch', formatVersion: 1, exportedAt: exportedAt.toISOString() });

    const d = db();
    const imported = await importPlanFile(d, bytes);
    expect(imported).toEqual({ ok: true, value: { planId: 'plan-rich', mode: 'new', title: 'Sensor kit launch' } });
    const { doc: back } = await reload(d, 'plan-rich');
    expect(planFingerprint(readPlan(back))).toBe(planFingerprint(readPlan(doc)));
    expect(readPlan(back).activity).toEqual(readPlan(doc).activity);
    expect(Y.encodeStateVector(back)).toEqual(Y.encodeStateVector(doc));
    expect(Y.encodeStateAsUpdate(back)).toEqual(Y.encodeStateAsUpdate(doc));
    expect(back.getXmlFragment('narrative').toString()).toBe(doc.getXmlFragment('narrative').toString());
    const row = await d.plans.get('plan-rich');
    expect(row).toMatchObject({ id: 'plan-rich', title: 'Sensor kit launch', kind: 'launch', stage: 'sales-review', deletedAt: null });
  });

  it('merges a copy of an existing plan into it instead of duplicating', async () => {
    const d = await seededLibrary();
    const { doc: theirs } = richPlan('existing-plan', 'Existing plan');
    // Their copy has an edit ours does not (same client ids as ours: they are one plan's history).
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(theirs));
    const bob = testContext('Bob');
    addSegment(other, bob, 'Added offline by Bob');
    const bytes = exportPlanFile(other, { appVersion: '0.1.0', exportedAt });
    const imported = await importPlanFile(d, bytes);
    expect(imported).toMatchObject({ ok: true, value: { planId: 'existing-plan', mode: 'merged' } });
    expect(await d.plans.count()).toBe(1);
    const { doc: merged } = await reload(d, 'existing-plan');
    expect(readPlan(merged).segments.map((s) => s.name)).toContain('Added offline by Bob');
    // Importing the same file again changes nothing in the document.
    const before = Y.encodeStateVector(merged);
    await importPlanFile(d, bytes);
    const { doc: again } = await reload(d, 'existing-plan');
    expect(Y.encodeStateVector(again)).toEqual(before);
    expect(planFingerprint(readPlan(again))).toBe(planFingerprint(readPlan(merged)));
  });

  it('merges into an open plan through its live document (so persistence and sync see it)', async () => {
    const d = await seededLibrary();
    const live = new Y.Doc({ guid: 'existing-plan' });
    const persistence = persistDoc(d, 'existing-plan', live, { compactOnOpen: false });
    await persistence.whenLoaded;
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    setBriefLine(other, testContext('Bob'), 'title', 'Renamed elsewhere');
    const imported = await importPlanFile(d, exportPlanFile(other, { appVersion: '0.1.0' }), { openDoc: (id) => (id === 'existing-plan' ? live : undefined) });
    expect(imported).toMatchObject({ ok: true, value: { mode: 'merged', title: 'Renamed elsewhere' } });
    expect(readPlan(live).brief.title).toBe('Renamed elsewhere');
    await persistence.destroy();
    const { doc: back } = await reload(d, 'existing-plan');
    expect(readPlan(back).brief.title).toBe('Renamed elsewhere');
  });

  it('imports as a separate copy on request, with a new id recorded as an edit', async () => {
    const d = await seededLibrary();
    const { doc } = richPlan('existing-plan', 'Existing plan');
    const imported = await importPlanFile(d, exportPlanFile(doc, { appVersion: '0.1.0' }), { asCopy: true, newId: () => 'copy-1' });
    expect(imported).toEqual({ ok: true, value: { planId: 'copy-1', mode: 'copy', title: 'Existing plan' } });
    const { doc: copy } = await reload(d, 'copy-1');
    expect(readPlan(copy).meta.planId).toBe('copy-1');
    expect(readPlan(copy).segments).toEqual(readPlan(doc).segments);
    expect(await d.plans.count()).toBe(2);
  });

  it('names files safely', () => {
    expect(planFileName('Q3: launch / "big" one')).toBe('Q3 launch big one.lockstep');
    expect(planFileName('...')).toBe('plan.lockstep');
  });
});

describe('broken files are refused and the library is unchanged', () => {
  const { doc } = richPlan();
  const good = exportPlanFile(doc, { appVersion: '0.1.0', exportedAt });
  const update = Y.encodeStateAsUpdate(doc);
  const manifestLength = new DataView(good.buffer).getUint32(12);

  const notAPlan = new Y.Doc();
  notAPlan.getMap('stuff').set('a', 1);
  const notAPlanUpdate = Y.encodeStateAsUpdate(notAPlan);

  // An incremental update whose dependencies are missing: Yjs parks it instead of applying it.
  const base = new Y.Doc();
  Y.applyUpdate(base, update);
  const sv = Y.encodeStateVector(base);
  setBriefLine(base, testContext('Cy'), 'title', 'Later title');
  const incremental = Y.encodeStateAsUpdate(base, sv);

  const garbageYjs = new Uint8Array(300).map((_, i) => (i * 37 + 11) % 256);
  const flipped = good.slice();
  flipped[flipped.length - 5] = (flipped[flipped.length - 5] ?? 0) ^ 0xff;
  const utf16 = new Uint8Array([0xff, 0xfe, ...[...'LOCKSTEP plan'].flatMap((c) => [c.charCodeAt(0), 0])]);
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, ...new Array(40).fill(0)]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const random = new Uint8Array(2048).map((_, i) => (i * 2654435761) >>> 24);

  const cases: [string, () => Uint8Array, PlanFileErrorCode][] = [
    ['empty file', () => new Uint8Array(), 'planfile/empty'],
    ['random bytes', () => random, 'planfile/not-a-plan-file'],
    ['wrong magic', () => rawContainer({ magic: 'LOCKSTEQ', doc: update }), 'planfile/not-a-plan-file'],
    ['zip archive', () => zip, 'planfile/not-a-plan-file'],
    ['PNG image', () => png, 'planfile/not-a-plan-file'],
    ['UTF-16 text', () => utf16, 'planfile/not-a-plan-file'],
    ['JSON text', () => new TextEncoder().encode(JSON.stringify({ plan: 'x' })), 'planfile/not-a-plan-file'],
    ['only the magic', () => good.slice(0, 8), 'planfile/truncated'],
    ['cut inside the header', () => good.slice(0, 15), 'planfile/truncated'],
    ['cut inside the manifest', () => good.slice(0, 20 + Math.floor(manifestLength / 2)), 'planfile/truncated'],
    ['cut inside the document', () => good.slice(0, good.length - 10), 'planfile/truncated'],
    ['newer version in the header', () => rawContainer({ version: 2, doc: update }), 'planfile/newer-version'],
    ['newer version in the manifest', () => rawContainer({ doc: update, manifest: manifestFor(update, { formatVersion: 7 }) }), 'planfile/newer-version'],
    ['version 0', () => rawContainer({ version: 0, doc: update }), 'planfile/damaged'],
    ['unknown header flags', () => rawContainer({ flags: 1, doc: update }), 'planfile/damaged'],
    ['checksum mismatch (flipped byte)', () => flipped, 'planfile/checksum'],
    ['manifest not JSON', () => rawContainer({ doc: update, manifestBytes: new TextEncoder().encode('{not json') }), 'planfile/bad-manifest'],
    ['manifest not UTF-8', () => rawContainer({ doc: update, manifestBytes: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }), 'planfile/bad-manifest'],
    ['manifest is an array', () => rawContainer({ doc: update, manifest: [1, 2, 3] }), 'planfile/bad-manifest'],
    ['manifest is null', () => rawContainer({ doc: update, manifest: null }), 'planfile/bad-manifest'],
    ['manifest with wrong types', () => rawContainer({ doc: update, manifest: manifestFor(update, { docBytes: String(update.byteLength), planId: 42 }) }), 'planfile/bad-manifest'],
    ['manifest missing the checksum', () => rawContainer({ doc: update, manifest: { ...manifestFor(update), sha256: undefined } }), 'planfile/bad-manifest'],
    ['manifest of another format', () => rawContainer({ doc: update, manifest: manifestFor(update, { format: 'excalidraw' }) }), 'planfile/bad-manifest'],
    ['negative document size in the manifest', () => rawContainer({ doc: update, manifest: manifestFor(update, { docBytes: -5 }) }), 'planfile/bad-manifest'],
    ['giant declared manifest length', () => rawContainer({ doc: update, manifestLength: 0xffffffff }), 'planfile/damaged'],
    ['negative manifest length (as uint32)', () => rawContainer({ doc: update, manifestLength: -1 }), 'planfile/damaged'],
    ['giant declared document length', () => rawContainer({ doc: update, docLength: 0xfffffff0 }), 'planfile/damaged'],
    ['declared document longer than the file', () => rawContainer({ doc: update, docLength: update.byteLength + 1000 }), 'planfile/truncated'],
    ['huge manifest', () => rawContainer({ doc: update, manifestBytes: new TextEncoder().encode(JSON.stringify({ ...manifestFor(update), pad: 'x'.repeat(MAX_MANIFEST_BYTES) })) }), 'planfile/damaged'],
    ['docBytes disagrees with the header', () => rawContainer({ doc: update, manifest: manifestFor(update, { docBytes: update.byteLength - 1 }) }), 'planfile/damaged'],
    ['extra bytes after the document', () => rawContainer({ doc: update, trailing: new Uint8Array([1, 2, 3]) }), 'planfile/damaged'],
    ['valid container, garbage Yjs bytes', () => rawContainer({ doc: garbageYjs }), 'planfile/unreadable-document'],
    ['valid container, update with missing dependencies', () => rawContainer({ doc: incremental }), 'planfile/unreadable-document'],
    ['valid container, empty Yjs update', () => rawContainer({ doc: Y.encodeStateAsUpdate(new Y.Doc()) }), 'planfile/empty-plan'],
    ['valid container, a Yjs doc that is not a plan', () => rawContainer({ doc: notAPlanUpdate }), 'planfile/empty-plan'],
    ['manifest names another plan than the one inside', () => rawContainer({ doc: update, manifest: manifestFor(update, { planId: 'someone-else' }) }), 'planfile/damaged'],
    ['over the size limit', () => {
      const big = new Uint8Array(MAX_FILE_BYTES + 1);
      big.set(good.subarray(0, 20));
      return big;
    }, 'planfile/too-large'],
  ];

  it('has at least 20 kinds of broken files', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    expect(readPlanFile(good).ok).toBe(true);
  });

  it.each(cases)('refuses %s with a clear message, library unchanged', async (_name, make, code) => {
    const d = await seededLibrary();
    const before = await everything(d);
    const result = await importPlanFile(d, make());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
    expect(result.error.message).not.toMatch(/undefined|\[object|Error:/);
    expect(await everything(d)).toEqual(before);
  });

  it('refuses a cut at every offset of a real file', () => {
    for (let cut = 0; cut < good.length; cut += 1) {
      const result = decodeContainer(good.subarray(0, cut));
      expect(result.ok, `cut at ${cut}`).toBe(false);
    }
  });
});
