import * as Y from 'yjs';
import { pathToFileURL } from 'node:url';
import { createPlan, narrativeFragment, LOCAL_ORIGIN, createUndoManager } from '../../renderer/domain';
import { makeRng } from '../support/rng';
import { metric, type Metrics } from './metric';

type Edit = { at: number; del: number; ins: string };

/**
 * A seeded synthetic editing trace shaped like a person writing: a cursor that mostly moves
 * forward, bursts of typing, occasional backspaces and jumps. (The public B4 trace is not
 * reachable from this machine; the same trace feeds both sides, so the ratio is fair.)
 */
export function editingTrace(edits: number, seed = 42): Edit[] {
  const rng = makeRng(seed);
  const trace: Edit[] = [];
  let length = 0;
  let cursor = 0;
  for (let i = 0; i < edits; i += 1) {
    if (rng() < 0.02) cursor = Math.floor(rng() * (length + 1));
    if (rng() < 0.12 && cursor > 0) {
      trace.push({ at: cursor - 1, del: 1, ins: '' });
      cursor -= 1;
      length -= 1;
    } else {
      const ch = rng() < 0.17 ? ' ' : String.fromCharCode(97 + Math.floor(rng() * 26));
      trace.push({ at: cursor, del: 0, ins: ch });
      cursor += 1;
      length += 1;
    }
  }
  return trace;
}

function replay(doc: Y.Doc, text: Y.Text | Y.XmlText, trace: readonly Edit[], origin: unknown): number {
  let bytes = 0;
  doc.on('update', (u: Uint8Array) => {
    bytes += u.length;
  });
  const start = performance.now();
  for (const edit of trace) {
    doc.transact(() => {
      if (edit.del > 0) text.delete(edit.at, edit.del);
      if (edit.ins) text.insert(edit.at, edit.ins);
    }, origin);
  }
  const ms = performance.now() - start;
  if (bytes === 0) throw new Error('replay produced no updates');
  return ms;
}

/**
 * crdt.trace_replay_ms: the trace typed into the plan's narrative (the rich-text field: an
 * XmlText inside a paragraph of the Y.XmlFragment TipTap binds to, with the plan's UndoManager
 * attached and the local origin) vs the same trace into a bare Y.Text, same process, same run.
 */
export async function benchCrdt(edits = 100_000): Promise<Metrics> {
  const trace = editingTrace(edits);
  // Warm up the JIT on a short prefix for both paths so order does not decide the ratio.
  const warm = trace.slice(0, 5_000);
  const runRaw = (t: readonly Edit[]) => {
    const doc = new Y.Doc();
    return replay(doc, doc.getText('t'), t, null);
  };
  const runPlan = (t: readonly Edit[]) => {
    const doc = new Y.Doc();
    createPlan(doc, { actor: { id: 'bench', name: 'Bench' }, now: () => 0, newId: (() => { let i = 0; return () => `b${(i += 1)}`; })() }, { planId: 'bench', kind: 'launch', title: 'Bench', label: (k) => k });
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    doc.transact(() => {
      paragraph.insert(0, [text]);
      narrativeFragment(doc).insert(0, [paragraph]);
    }, LOCAL_ORIGIN);
    createUndoManager(doc);
    return replay(doc, text, t, LOCAL_ORIGIN);
  };
  runRaw(warm);
  runPlan(warm);
  const raw: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    raw.push(runRaw(trace));
    ours.push(runPlan(trace));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] ?? Number.NaN;
  return {
    'crdt.trace_replay_ms': metric(median(ours), 'ms', median(raw), `${edits.toLocaleString('en')} single-char edits, median of 3; anchor = bare Y.Text`),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchCrdt());
}
