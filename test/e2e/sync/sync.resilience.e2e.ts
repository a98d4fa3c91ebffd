/**
 * Two separate Chromium processes: 30 offline/online cycles with edits on both sides while
 * apart, and a 5 MB plan reaching a peer that joins later (over Chromium's 256 KiB
 * data-channel message limit, so it only arrives thanks to framing).
 */
import { describe, expect, it } from 'vitest';
import {
  closePeers,
  converged,
  newSecretHex,
  read,
  readReceived,
  spyOnReceived,
  waitFor,
  type Peer,
  useSyncRig,
} from './support';

const rig = useSyncRig();
const launch = (secret: string, name: string): Promise<Peer> => rig.launch(secret, name);

describe('resilience between separate Chromium processes', () => {
  it('converges both ways after each of 30 offline/online cycles', async () => {
    const secret = newSecretHex();
    const [a, b] = await Promise.all([launch(secret, 'cycle-a'), launch(secret, 'cycle-b')]);
    await Promise.all([a, b].map((p) => p.page.evaluate(() => window.__harness.start())));
    await a.page.evaluate(() => window.__harness.set('start', 0));
    expect(await waitFor(() => converged([a, b]), 30_000), 'initial sync').toBe(true);
    for (let cycle = 0; cycle < 30; cycle++) {
      // Alternate who goes offline, and sometimes both do.
      const offline = cycle % 3 === 0 ? [a] : cycle % 3 === 1 ? [b] : [a, b];
      for (const p of offline) await p.page.evaluate(() => window.__harness.disconnect());
      await a.page.evaluate((c) => { window.__harness.set(`a-${c}`, c); window.__harness.set('same-key', `a-${c}`); }, cycle);
      await b.page.evaluate((c) => { window.__harness.set(`b-${c}`, c); window.__harness.set('same-key', `b-${c}`); }, cycle);
      for (const p of offline) await p.page.evaluate(() => window.__harness.reconnect());
      const ok = await waitFor(() => converged([a, b]), 30_000, 150);
      if (!ok) {
        const [sa, sb] = await Promise.all([a, b].map((p) => p.page.evaluate(() => window.__harness.status())));
        throw new Error(`cycle ${cycle} (secret ${secret}) did not converge; status A ${JSON.stringify(sa)} B ${JSON.stringify(sb)}`);
      }
    }
    const final = await read(a);
    for (let cycle = 0; cycle < 30; cycle++) {
      expect(final[`a-${cycle}`]).toBe(cycle);
      expect(final[`b-${cycle}`]).toBe(cycle);
    }
    expect(await read(b)).toEqual(final);
    await closePeers([a, b]);
  }, 300_000);

  it('a 5 MB plan reaches a peer that joins later', async () => {
    const secret = newSecretHex();
    const host = await launch(secret, 'big-host');
    const docBytes = await host.page.evaluate(() => window.__harness.bulkInsert(5 * 1024 * 1024, 12345));
    expect(docBytes).toBeGreaterThan(5 * 1024 * 1024);
    await host.page.evaluate(() => window.__harness.set('small', 'edit'));
    await host.page.evaluate(() => window.__harness.start());
    const joiner = await launch(secret, 'big-joiner');
    await spyOnReceived(joiner);
    const joinStartedAt = Date.now();
    await joiner.page.evaluate(() => window.__harness.start());
    const expected = await host.page.evaluate(() => window.__harness.bulkDigest());
    const arrived = await waitFor(async () => {
      const digest = await joiner.page.evaluate(() => window.__harness.bulkDigest());
      return digest.hash === expected.hash && digest.chars === expected.chars;
    }, 60_000, 250);
    const status = await joiner.page.evaluate(() => window.__harness.status());
    console.log(`[5 MB join] encoded ${docBytes} bytes, arrived ${Date.now() - joinStartedAt} ms after the joiner started (upper bound: includes polling)`);
    expect(arrived, `5 MB plan did not arrive (secret ${secret}); joiner status ${JSON.stringify(status)}`).toBe(true);
    expect(await read(joiner)).toEqual({ small: 'edit' });
    // The plan came once (a step 1 from each side's connect used to make the host answer
    // twice), and tiny probes followed it so a lost last packet is retransmitted at once.
    const probed = await waitFor(async () => (await readReceived(joiner)).probesAfterLarge > 0, 10_000);
    expect(probed, `tail probes after the plan; received ${JSON.stringify(await readReceived(joiner))}`).toBe(true);
    expect((await readReceived(joiner)).largeMessages, 'large messages the joiner received').toBe(1);
    // And it keeps syncing live in both directions afterwards.
    await joiner.page.evaluate(() => window.__harness.set('reply', 1));
    expect(await waitFor(() => converged([host, joiner]), 20_000)).toBe(true);

    // The host keeps the whole plan ready for joiners while it is quiet (plans of 10,000+
    // operations); a change must discard that copy. Many small entries, quiet long enough for
    // the copy to be prepared, then one more edit, then a second joiner: its very first
    // answer must hold the edit.
    await host.page.evaluate(() => window.__harness.bulkSmall(20_000));
    await new Promise((r) => setTimeout(r, 4000));
    await host.page.evaluate(() => window.__harness.set('late', 'edit'));
    const second = await launch(secret, 'big-joiner-2');
    await second.page.evaluate(() => window.__harness.start());
    expect(await waitFor(() => converged([host, joiner, second]), 60_000, 250), `second joiner (secret ${secret})`).toBe(true);
    expect(await read(second)).toEqual({ small: 'edit', reply: 1, late: 'edit' });
    // Not healed later by anti-entropy: the very first answer already held the edit.
    expect(await second.page.evaluate(() => window.__harness.firstSyncedRead())).toEqual({ small: 'edit', reply: 1, late: 'edit' });
    await closePeers([host, joiner, second]);
  }, 240_000);
});
