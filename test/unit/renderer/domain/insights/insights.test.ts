import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  battlecardFor,
  battlecardMarkdown,
  buildBattlecards,
  captureInsight,
  collectInsights,
  competitorsOf,
  createUndoManager,
  filterInsights,
  foldForSearch,
  markHeardAgain,
  readInsights,
  removeInsight,
  ROOTS,
  setCounterMessage,
  setInsightText,
  setVote,
  updateInsight,
  type BattlecardLabels,
} from '../../../../../renderer/domain';
import { twoPeers } from '../../../../support/twoPeers';

const pair = (): ReturnType<typeof twoPeers> => twoPeers();

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('market insights', () => {
  it('captures with all fields and defaults the date to today', () => {
    const { a } = pair();
    const id = ok(captureInsight(a.doc, a.ctx, { type: 'objection', text: '  Software is too expensive as an extra ', source: 'visit', segment: 'Labs', competitor: 'Acme', offerIds: ['o1', 'o1', 'o2'] }));
    const [insight] = readInsights(a.doc).items;
    expect(insight).toMatchObject({
      id,
      type: 'objection',
      text: 'Software is too expensive as an extra',
      source: 'visit',
      segment: 'Labs',
      competitor: 'Acme',
      offerIds: ['o1', 'o2'],
      authorName: 'Ada',
      date: '2027-01-15',
      counter: '',
      voters: [],
      heardAgain: [],
    });
    expect(captureInsight(a.doc, a.ctx, { type: 'objection', text: '   ', source: 'call' })).toMatchObject({ ok: false, error: { code: 'insight/empty' } });
    expect(captureInsight(a.doc, a.ctx, { type: 'nope' as 'objection', text: 'x', source: 'call' })).toMatchObject({ ok: false, error: { code: 'insight/bad-type' } });
    expect(captureInsight(a.doc, a.ctx, { type: 'objection', text: 'x', source: 'call', date: '2026-13-01' })).toMatchObject({ ok: false, error: { code: 'date/invalid' } });
  });

  it('concurrent votes and heard-again marks from two laptops all count; one vote per person', () => {
    const { a, b, sync } = pair();
    const id = ok(captureInsight(a.doc, a.ctx, { type: 'buying-motive', text: 'Less downtime', source: 'call' }));
    sync();
    setVote(a.doc, a.ctx, id, true);
    setVote(a.doc, a.ctx, id, true);
    setVote(b.doc, b.ctx, id, true);
    markHeardAgain(a.doc, a.ctx, id);
    markHeardAgain(b.doc, b.ctx, id, 'fair in Tampere');
    markHeardAgain(b.doc, b.ctx, id);
    sync();
    for (const doc of [a.doc, b.doc]) {
      const [insight] = readInsights(doc).items;
      expect(insight?.voters.sort()).toEqual(['ada-id', 'bo-id']);
      expect(insight?.heardAgain).toHaveLength(3);
    }
    setVote(b.doc, b.ctx, id, false);
    sync();
    expect(readInsights(a.doc).items[0]?.voterNames).toEqual(['Ada']);
  });

  it('two people capturing offline both keep their insight; concurrent text edits merge', () => {
    const { a, b, sync } = pair();
    const id = ok(captureInsight(a.doc, a.ctx, { type: 'customer-quote', text: 'We need it by spring', source: 'call' }));
    sync();
    captureInsight(b.doc, b.ctx, { type: 'product-feedback', text: 'Display too dim', source: 'event' });
    setInsightText(a.doc, a.ctx, id, 'We really need it by spring');
    setInsightText(b.doc, b.ctx, id, 'We need it by spring 2027');
    sync();
    const texts = readInsights(a.doc).items.map((i) => i.text).sort();
    expect(texts).toEqual(['Display too dim', 'We really need it by spring 2027']);
  });

  it('marketing counters arguments and objections only', () => {
    const { a } = pair();
    const quote = ok(captureInsight(a.doc, a.ctx, { type: 'customer-quote', text: 'Nice', source: 'call' }));
    const arg = ok(captureInsight(a.doc, a.ctx, { type: 'competitor-argument', text: 'Acme is cheaper', source: 'call', competitor: 'Acme' }));
    expect(setCounterMessage(a.doc, a.ctx, quote, 'x')).toMatchObject({ ok: false, error: { code: 'insight/not-counterable' } });
    a.ctx.tick(60_000);
    expect(setCounterMessage(a.doc, a.ctx, arg, 'Acme charges per seat; we do not.').ok).toBe(true);
    const insight = readInsights(a.doc).items.find((i) => i.id === arg);
    expect(insight).toMatchObject({ counter: 'Acme charges per seat; we do not.', counterByName: 'Ada', counterAt: 1_800_000_060_000 });
    expect(setCounterMessage(a.doc, a.ctx, 'missing', 'x')).toMatchObject({ ok: false, error: { code: 'insight/missing' } });
  });

  it('update and remove are single undo steps', () => {
    const { a } = pair();
    const undo = createUndoManager(a.doc);
    const id = ok(captureInsight(a.doc, a.ctx, { type: 'objection', text: 'Too pricey', source: 'call' }));
    undo.stopCapturing();
    updateInsight(a.doc, a.ctx, id, { competitor: 'Acme', type: 'competitor-argument' });
    undo.stopCapturing();
    expect(readInsights(a.doc).items[0]).toMatchObject({ competitor: 'Acme', type: 'competitor-argument' });
    undo.undo();
    expect(readInsights(a.doc).items[0]).toMatchObject({ competitor: '', type: 'objection' });
    removeInsight(a.doc, a.ctx, id);
    expect(readInsights(a.doc).items).toEqual([]);
    undo.undo();
    expect(readInsights(a.doc).items[0]?.text).toBe('Too pricey');
  });
});

describe('search, filters and battlecards', () => {
  function seeded() {
    const { a, b, sync } = pair();
    const ins = (ctx = a.ctx, input: Parameters<typeof captureInsight>[2]) => {
      ctx.tick(1000);
      return ok(captureInsight(a.doc, ctx, input));
    };
    const arg1 = ins(a.ctx, { type: 'competitor-argument', text: 'Säästö: Acme on halvempi', source: 'visit', competitor: 'Acme', segment: 'Labs', date: '2026-11-02' });
    const arg2 = ins(a.ctx, { type: 'objection', text: 'Software as an extra is too expensive', source: 'call', competitor: 'acme ', offerIds: ['o1'], date: '2026-11-10' });
    ins(a.ctx, { type: 'competitor-argument', text: 'Örsted bundles service', source: 'event', competitor: 'Örsted', date: '2026-11-20' });
    ins(a.ctx, { type: 'buying-motive', text: 'Privé-data blijft lokaal', source: 'survey', segment: 'labs', date: '2026-11-21' });
    setCounterMessage(a.doc, a.ctx, arg2, 'Bundle the software: one price.');
    setVote(a.doc, b.ctx, arg1, true);
    markHeardAgain(a.doc, b.ctx, arg1);
    sync();
    return { doc: a.doc, arg1, arg2 };
  }

  it('searches without caring about accents or case, and filters by every field', () => {
    const { doc } = seeded();
    const items = readInsights(doc).items;
    expect(foldForSearch('  Säästö  ÖRSTED ')).toBe('saasto orsted');
    expect(filterInsights(items, { query: 'saasto' }).map((i) => i.competitor)).toEqual(['Acme']);
    expect(filterInsights(items, { query: 'PRIVE lokaal' })).toHaveLength(1);
    expect(filterInsights(items, { query: 'one price' }).map((i) => i.type)).toEqual(['objection']);
    expect(filterInsights(items, { query: 'orsted' })).toHaveLength(1);
    expect(filterInsights(items, { competitor: 'ACME' })).toHaveLength(2);
    expect(filterInsights(items, { segment: 'Labs' })).toHaveLength(2);
    expect(filterInsights(items, { types: ['competitor-argument'] })).toHaveLength(2);
    expect(filterInsights(items, { sources: ['survey', 'call'] })).toHaveLength(2);
    expect(filterInsights(items, { offerId: 'o1' })).toHaveLength(1);
    expect(filterInsights(items, { from: '2026-11-10', to: '2026-11-20' })).toHaveLength(2);
    expect(filterInsights(items, { query: 'nothing like this' })).toEqual([]);
    expect(competitorsOf(items)).toEqual(['Acme', 'Örsted']);
  });

  it('gathers arguments and answers per competitor, most heard first, and exports Markdown', () => {
    const { doc, arg1, arg2 } = seeded();
    const items = collectInsights([{ planId: 'p', doc }]);
    expect(items[0]?.planTitle).toBe('Device');
    const cards = buildBattlecards(items);
    expect(cards.map((c) => [c.competitor, c.arguments.length, c.objections.length, c.unanswered])).toEqual([
      ['Acme', 1, 1, 1],
      ['Örsted', 1, 0, 1],
    ]);
    const acme = battlecardFor(items, 'ACME');
    expect(acme?.arguments[0]).toMatchObject({ answered: false, weight: 3 });
    expect(acme?.arguments[0]?.insight.id).toBe(arg1);
    expect(acme?.objections[0]?.insight.id).toBe(arg2);
    const labels: BattlecardLabels = {
      title: (c) => `Battlecard: ${c}`,
      arguments: 'Their arguments',
      objections: 'Objections',
      answer: 'Our answer',
      noAnswer: 'no answer yet',
      heard: (n) => `heard ${n}×`,
      none: 'None.',
      generated: (d) => `Generated ${d}`,
    };
    expect(battlecardMarkdown(acme!, labels, '2026-11-24')).toBe(
      [
        '# Battlecard: Acme',
        '',
        '_Generated 2026-11-24_',
        '',
        '## Their arguments',
        '',
        '- **Säästö: Acme on halvempi** (heard 3×)',
        '  - Our answer: _no answer yet_',
        '',
        '## Objections',
        '',
        '- **Software as an extra is too expensive** (heard 1×)',
        '  - Our answer: Bundle the software: one price.',
        '',
      ].join('\n'),
    );
  });

  it('escapes Markdown a peer typed into an insight', () => {
    const { a } = pair();
    captureInsight(a.doc, a.ctx, { type: 'objection', text: '# Title\n- [link](javascript:x) *bold*', source: 'call', competitor: 'X|Y' });
    const md = battlecardMarkdown(buildBattlecards(readInsights(a.doc).items)[0]!, {
      title: (c) => c,
      arguments: 'A',
      objections: 'O',
      answer: 'R',
      noAnswer: 'n',
      heard: (n) => String(n),
      none: '-',
      generated: (d) => d,
    }, '2026-11-24');
    expect(md).toContain('# X\\|Y');
    expect(md).toContain('**\\# Title  \n\\- \\[link\\](javascript:x) \\*bold\\***');
  });

  it('skips what a broken peer wrote', () => {
    const { a } = pair();
    captureInsight(a.doc, a.ctx, { type: 'objection', text: 'ok', source: 'call' });
    const root = a.doc.getMap<unknown>(ROOTS.insights);
    root.set('junk', 'string');
    const weird = new Y.Map<unknown>();
    root.set('weird', weird);
    weird.set('type', 'alien');
    weird.set('vote:x', 'not a mark');
    weird.set('offerIds', 'nope');
    const read = readInsights(a.doc);
    expect(read.skipped).toBe(1);
    expect(read.items.find((i) => i.id === 'weird')).toMatchObject({ type: 'customer-quote', voters: [], offerIds: [] });
  });
});
