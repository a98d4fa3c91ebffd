import * as Y from 'yjs';
import { createPlan, type CommandContext } from '../../../../../renderer/domain';
import type { Result } from '../../../../../shared/result';
import { label, testContext } from '../../../../support/context';

export type TestCtx = CommandContext & { tick: (ms: number) => void };
export interface Peer {
  doc: Y.Doc;
  ctx: TestCtx;
}

/** Unwraps a Result in tests, failing loudly with the plain-words message. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function newPlan(name = 'Mia', title = 'Device launch'): Peer {
  const peer = { doc: new Y.Doc(), ctx: testContext(name) };
  createPlan(peer.doc, peer.ctx, { planId: 'plan-1', kind: 'launch', title, label });
  return peer;
}

/** Marketing (Mia) and sales (Sam, Sid) each on their own document, plus full sync between them. */
export function team(): { mia: Peer; sam: Peer; sid: Peer; sync: () => void } {
  const mia = newPlan('Mia');
  const sam = { doc: new Y.Doc(), ctx: testContext('Sam') };
  const sid = { doc: new Y.Doc(), ctx: testContext('Sid') };
  const docs = [mia.doc, sam.doc, sid.doc];
  const sync = (): void => {
    for (let round = 0; round < 2; round += 1) for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  };
  sync();
  // Distinct clocks so "who came later" is well defined in the assertions.
  sam.ctx.tick(1_000);
  sid.ctx.tick(2_000);
  return { mia, sam, sid, sync };
}

export const person = (peer: Peer): { id: string; name: string } => ({ id: peer.ctx.actor.id, name: peer.ctx.actor.name });
