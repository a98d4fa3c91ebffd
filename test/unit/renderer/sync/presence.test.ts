import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { clearLocalPresence, readLocalPresence, readPeers, setLocalPresence } from '../../../../renderer/sync/presence';

function pair(): { a: Awareness; b: Awareness } {
  const a = new Awareness(new Y.Doc());
  const b = new Awareness(new Y.Doc());
  // Deliver every awareness change both ways, as the sync session does over WebRTC.
  const link = (from: Awareness, to: Awareness) =>
    from.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === 'remote') return;
      const update = awarenessProtocol.encodeAwarenessUpdate(from, [...added, ...updated, ...removed]);
      awarenessProtocol.applyAwarenessUpdate(to, update, 'remote');
    });
  link(a, b);
  link(b, a);
  return { a, b };
}

describe('presence', () => {
  it('shares validated presence between peers', () => {
    const { a, b } = pair();
    expect(setLocalPresence(a, { user: { name: 'Ana', role: 'facilitator', color: '#aa3300' }, section: 'pricing' })).toBe(true);
    const seen = readPeers(b);
    expect(seen).toEqual([{ clientId: a.clientID, user: { name: 'Ana', role: 'facilitator', color: '#aa3300' }, section: 'pricing' }]);
    expect(readPeers(a)).toEqual([]);
    a.destroy();
    b.destroy();
  });

  it('updates only the given fields and removes fields set to undefined', () => {
    const a = new Awareness(new Y.Doc());
    expect(setLocalPresence(a, { user: { name: 'Ana', role: 'sales', color: '#112233' }, section: 'intro', followId: 7 })).toBe(true);
    expect(setLocalPresence(a, { section: 'launch' })).toBe(true);
    expect(readLocalPresence(a)).toEqual({ user: { name: 'Ana', role: 'sales', color: '#112233' }, section: 'launch', followId: 7 });
    expect(setLocalPresence(a, { followId: undefined, user: { color: '#445566' } })).toBe(true);
    expect(readLocalPresence(a)).toEqual({ user: { name: 'Ana', role: 'sales', color: '#445566' }, section: 'launch' });
    a.destroy();
  });

  it('refuses to publish an invalid presence', () => {
    const a = new Awareness(new Y.Doc());
    expect(setLocalPresence(a, { user: { name: '', role: 'x', color: '#000000' } })).toBe(false);
    expect(setLocalPresence(a, { user: { name: 'Bo', role: 'x', color: 'red' } })).toBe(false);
    expect(setLocalPresence(a, { user: { name: 'Bo' } })).toBe(false);
    expect(a.getLocalState()).toEqual({});
    a.destroy();
  });

  it('skips malformed states that a malicious peer publishes', () => {
    const b = new Awareness(new Y.Doc());
    const evil = new Awareness(new Y.Doc());
    const states: unknown[] = [
      { user: { name: 42, role: 'x', color: '#000000' } },
      { user: { name: 'x'.repeat(500), role: 'x', color: '#000000' } },
      { user: { name: 'Eve', role: 'x', color: 'javascript:alert(1)' } },
      { user: null },
      'not an object',
      { user: { name: 'Eve', role: 'x', color: '#000000' }, followId: -1 },
    ];
    for (const state of states) {
      evil.setLocalState(state as Record<string, unknown>);
      awarenessProtocol.applyAwarenessUpdate(b, awarenessProtocol.encodeAwarenessUpdate(evil, [evil.clientID]), 'remote');
      expect(readPeers(b), JSON.stringify(state)).toEqual([]);
    }
    evil.setLocalState({ user: { name: 'Eve', role: 'x', color: '#000000' }, cursor: { anchor: 1 } });
    awarenessProtocol.applyAwarenessUpdate(b, awarenessProtocol.encodeAwarenessUpdate(evil, [evil.clientID]), 'remote');
    expect(readPeers(b).map((p) => p.user.name)).toEqual(['Eve']);
    b.destroy();
    evil.destroy();
  });

  it('removing a peer\'s states (as the session does on close) clears it at once', () => {
    const { a, b } = pair();
    setLocalPresence(a, { user: { name: 'Ana', role: 'r', color: '#123456' } });
    expect(readPeers(b)).toHaveLength(1);
    // What session.ts does when the connection that vouched for a's client closes.
    awarenessProtocol.removeAwarenessStates(b, [a.clientID], 'peer-closed');
    expect(readPeers(b)).toEqual([]);
    // After reconnect, a's next state arrives again.
    setLocalPresence(a, { section: 'again' });
    expect(readPeers(b).map((p) => p.section)).toEqual(['again']);
    clearLocalPresence(a);
    expect(readPeers(b)).toEqual([]);
    a.destroy();
    b.destroy();
  });
});
