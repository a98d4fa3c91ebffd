import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readPlan } from '../../renderer/domain';
import { exportPlanFile, importPlanFile, readPlanFile, sha256Hex, type PlanFileErrorCode } from '../../renderer/planfile';
import { freshDB, storedRows } from '../storage/helpers';
import { makeRng, seedFromEnv } from '../support/rng';
import { richPlan } from '../support/richPlan';
import { rawContainer } from '../unit/renderer/planfile/build';

/**
 * Seeded fuzzing of the `.lockstep` reader: thousands of mutated files, each must give either a
 * clear refusal (a known code and a sentence) or a valid plan — never a throw. Half of the
 * mutations hit the Yjs bytes inside a correctly re-wrapped container (lengths and checksum
 * fixed up), so Yjs's own decoder is fuzzed, not just our header checks.
 * Reproduce a failure with `SEED=<seed> npx vitest run --project reliability test/reliability/import-fuzz.test.ts`.
 */
const SEED = seedFromEnv();
const CASES = Number(process.env['FUZZ_CASES'] ?? 4000);
const KNOWN: readonly PlanFileErrorCode[] = [
  'planfile/empty',
  'planfile/too-large',
  'planfile/not-a-plan-file',
  'planfile/newer-version',
  'planfile/truncated',
  'planfile/damaged',
  'planfile/bad-manifest',
  'planfile/checksum',
  'planfile/unreadable-document',
  'planfile/empty-plan',
];

const db = freshDB('fuzz');
afterAll(async () => {
  db.close();
  await db.delete();
});

function scratchOf(update: Uint8Array): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d;
}

type Mutator = (bytes: Uint8Array, rnd: () => number) => Uint8Array;
const pick = (rnd: () => number, n: number): number => Math.floor(rnd() * n);

const flip: Mutator = (b, rnd) => {
  const out = b.slice();
  const n = 1 + pick(rnd, 8);
  for (let i = 0; i < n && out.length > 0; i += 1) out[pick(rnd, out.length)] = pick(rnd, 256);
  return out;
};
const flipOne: Mutator = (b, rnd) => {
  const out = b.slice();
  if (out.length > 0) out[pick(rnd, out.length)] = pick(rnd, 256);
  return out;
};
const cut: Mutator = (b, rnd) => b.slice(0, pick(rnd, b.length + 1));
const cutMiddle: Mutator = (b, rnd) => {
  const start = pick(rnd, b.length);
  const len = 1 + pick(rnd, Math.max(1, b.length - start));
  return new Uint8Array([...b.subarray(0, start), ...b.subarray(start + len)]);
};
const insert: Mutator = (b, rnd) => {
  const at = pick(rnd, b.length + 1);
  const extra = new Uint8Array(1 + pick(rnd, 16)).map(() => pick(rnd, 256));
  return new Uint8Array([...b.subarray(0, at), ...extra, ...b.subarray(at)]);
};
const duplicate: Mutator = (b, rnd) => {
  const start = pick(rnd, b.length);
  const len = 1 + pick(rnd, Math.min(64, b.length - start));
  const at = pick(rnd, b.length + 1);
  return new Uint8Array([...b.subarray(0, at), ...b.subarray(start, start + len), ...b.subarray(at)]);
};
const interesting = [0, 1, 0x7f, 0x80, 0xff, 0xfffe];
const header: Mutator = (b, rnd) => {
  const out = b.slice();
  const view = new DataView(out.buffer);
  const field = pick(rnd, 4);
  if (out.length < 20) return out;
  if (field === 0) view.setUint16(8, interesting[pick(rnd, interesting.length)] ?? 0);
  if (field === 1) view.setUint16(10, pick(rnd, 4));
  if (field === 2) view.setUint32(12, pick(rnd, 2) ? 0xffffffff : pick(rnd, 1024));
  if (field === 3) view.setUint32(16, pick(rnd, 2) ? 0xffffffff : pick(rnd, 100_000));
  return out;
};
const MUTATORS: Mutator[] = [flip, cut, cutMiddle, insert, duplicate, header];

describe(`import fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  const { doc } = richPlan('fuzz-plan', 'Fuzz plan');
  const good = exportPlanFile(doc, { appVersion: '0.1.0' });
  const update = Y.encodeStateAsUpdate(doc);
  const manifest = {
    format: 'lockstep-plan',
    formatVersion: 1,
    appVersion: '0.1.0',
    planId: 'fuzz-plan',
    title: 'Fuzz plan',
    exportedAt: '2026-11-24T03:00:00.000Z',
  };

  it('never throws: every file is a clear refusal or a valid plan', async () => {
    const rnd = makeRng(SEED);
    const tally = new Map<string, number>();
    let imports = 0;
    for (let i = 0; i < CASES; i += 1) {
      const rounds = 1 + pick(rnd, 3);
      let bytes: Uint8Array;
      let target: 'container' | 'yjs';
      if (rnd() < 0.5) {
        target = 'container';
        bytes = good;
        for (let r = 0; r < rounds; r += 1) bytes = (MUTATORS[pick(rnd, MUTATORS.length)] as Mutator)(bytes, rnd);
      } else {
        target = 'yjs';
        let inner = update;
        // Half the time one changed byte: small enough that Yjs often still decodes it, so the
        // read-model checks after decoding get exercised too.
        if (rnd() < 0.5) inner = flipOne(inner, rnd);
        else for (let r = 0; r < rounds; r += 1) inner = (MUTATORS[pick(rnd, 5)] as Mutator)(inner, rnd);
        bytes = rawContainer({ doc: inner, manifest: { ...manifest, docBytes: inner.byteLength, sha256: sha256Hex(inner) } });
      }
      const context = `seed ${SEED}, case ${i} (${target})`;
      let result: ReturnType<typeof readPlanFile>;
      try {
        result = readPlanFile(bytes);
      } catch (error) {
        throw new Error(`readPlanFile threw at ${context}: ${String(error)}`, { cause: error });
      }
      if (result.ok) {
        expect(result.value.view.meta.planId, context).toBe('fuzz-plan');
        expect(readPlan(scratchOf(result.value.update)).meta.planId, context).toBe('fuzz-plan');
        tally.set(`${target}:ok`, (tally.get(`${target}:ok`) ?? 0) + 1);
      } else {
        expect(KNOWN, context).toContain(result.error.code);
        expect(result.error.message.length, context).toBeGreaterThan(10);
        tally.set(`${target}:${result.error.code}`, (tally.get(`${target}:${result.error.code}`) ?? 0) + 1);
      }
      // Every 100th file also goes through the real import into a real (fake-indexeddb) library.
      if (i % 100 === 0) {
        imports += 1;
        const before = { plans: await db.plans.toArray(), updates: await storedRows(db) };
        const imported = await importPlanFile(db, bytes, { asCopy: true, newId: () => `copy-${i}` });
        if (!imported.ok) expect({ plans: await db.plans.toArray(), updates: await storedRows(db) }, context).toEqual(before);
        else expect(await db.plans.get(`copy-${i}`), context).toBeDefined();
      }
    }
    console.log(`import fuzz seed ${SEED}: ${JSON.stringify(Object.fromEntries(tally))}, ${imports} real imports`);
    // The fuzzer must reach the Yjs decoder, not only the header checks.
    expect(tally.get('yjs:planfile/unreadable-document') ?? 0).toBeGreaterThan(0);
    expect(tally.get('yjs:ok') ?? 0).toBeGreaterThan(0);
  });
});
