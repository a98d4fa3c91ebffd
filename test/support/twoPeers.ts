import * as Y from 'yjs';
import { createPlan, type CommandContext } from '../../renderer/domain';
import { label, testContext } from './context';

export interface Peer {
  doc: Y.Doc;
  ctx: CommandContext & { tick: (ms: number) => void };
}

/** Ada's plan and Bo's copy of it; `sync()` exchanges everything both ways. */
export function twoPeers(a: Peer = planOf('Ada')): { a: Peer; b: Peer; sync: () => void } {
  const b: Peer = { doc: new Y.Doc(), ctx: testContext('Bo') };
  Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  const sync = (): void => {
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
  };
  return { a, b, sync };
}

function planOf(name: string): Peer {
  const peer: Peer = { doc: new Y.Doc(), ctx: testContext(name) };
  createPlan(peer.doc, peer.ctx, { planId: 'p', kind: 'launch', title: 'Device', label });
  return peer;
}
