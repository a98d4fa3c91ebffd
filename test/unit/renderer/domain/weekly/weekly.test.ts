import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMeetingItem,
  addMilestone,
  answerReview,
  buildAgenda,
  carriedOverActions,
  changeStage,
  captureInsight,
  closeMeeting,
  createPilot,
  createPlan,
  decidePilot,
  isAgendaEmpty,
  joinMeeting,
  minutesMarkdown,
  previousMeeting,
  readMeetings,
  requestReview,
  ROOTS,
  setActual,
  setMeetingNotes,
  setTarget,
  startMeeting,
  updateMeetingItem,
  updateMilestone,
  type MinutesFormat,
} from '../../../../../renderer/domain';
import { label, testContext } from '../../../../support/context';

const DAY = 86_400_000;
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

function setup() {
  const doc = new Y.Doc();
  const ctx = testContext('Ada');
  createPlan(doc, ctx, { planId: 'p1', kind: 'launch', title: 'Device', label });
  return { doc, ctx };
}

const meeting = (doc: Y.Doc, id: string) => {
  const found = readMeetings(doc).items.find((m) => m.id === id);
  if (!found) throw new Error('no meeting');
  return found;
};

describe('weekly sync agenda', () => {
  it('lists exactly what changed since the previous meeting, and what is coming in 14 days', () => {
    const { doc, ctx } = setup();
    const sam = testContext('Sam');
    // 2027-01-15 (clock of testContext). Before the first meeting:
    const moved = ok(addMilestone(doc, ctx, { title: 'Trade fair', date: '2027-02-10', discipline: 'marketing', kind: 'milestone' }));
    changeStage(doc, ctx, { stage: 'sales-review' });
    captureInsight(doc, ctx, { type: 'objection', text: 'old objection', source: 'call' });
    setActual(doc, ctx, 'leads', '2027-W01', 10);
    ctx.tick(DAY);
    const first = ok(startMeeting(doc, ctx));
    const firstStart = meeting(doc, first).createdAt;
    // Between the meetings:
    ctx.tick(DAY);
    changeStage(doc, ctx, { stage: 'pilot' });
    setTarget(doc, ctx, 'leads', '2027-Q1', 1200); // Q1 2027 has 12 ISO weeks → 100 a week
    setActual(doc, ctx, 'leads', '2027-W02', 120);
    setActual(doc, ctx, 'opportunities', '2027-W02', 30);
    const insight = ok(captureInsight(doc, ctx, { type: 'competitor-argument', text: 'Acme is cheaper', source: 'visit', competitor: 'Acme' }));
    const review = ok(requestReview(doc, ctx, { target: { kind: 'brief' }, reviewers: [{ id: 'sam-id', name: 'Sam' }], dueDate: null }));
    sam.tick(3 * DAY);
    ok(answerReview(doc, sam, review, { verdict: 'request-changes', sellability: 2, pricePerception: 'too-high', objections: 'Too expensive' }));
    const pilot = ok(createPilot(doc, ctx, { name: 'Benelux pilot', start: '2027-01-20', end: '2027-03-01' }));
    ok(decidePilot(doc, ctx, pilot, 'adjust', 'Price too high'));
    updateMilestone(doc, ctx, moved, { date: '2027-01-27' });
    addMilestone(doc, ctx, { title: 'Webinar', date: '2027-01-30', discipline: 'marketing', kind: 'milestone' });
    addMilestone(doc, ctx, { title: 'Far away', date: '2027-02-20', discipline: 'sales', kind: 'milestone' });
    addMilestone(doc, ctx, { title: 'Spring ads', date: '2027-01-10', endDate: '2027-01-25', discipline: 'marketing', kind: 'campaign' });
    const done = ok(addMilestone(doc, ctx, { title: 'Done thing', date: '2027-01-24', discipline: 'sales', kind: 'milestone' }));
    updateMilestone(doc, ctx, done, { done: true });
    ctx.tick(5 * DAY);
    const second = ok(startMeeting(doc, ctx));
    const m2 = meeting(doc, second);
    expect(m2.since).toBe(firstStart);
    expect(previousMeeting(readMeetings(doc).items, m2)?.id).toBe(first);

    const agenda = buildAgenda([{ planId: 'p1', doc }], m2.since, m2.createdAt);
    expect(agenda.stageChanges.map((s) => [s.from, s.to, s.byName])).toEqual([['sales-review', 'pilot', 'Ada']]);
    expect(agenda.targetChanges.map((t) => [t.kpi, t.period, t.to])).toEqual([['leads', '2027-Q1', 1200]]);
    expect(agenda.kpis.map((k) => [k.kpi, k.week, k.actual, k.target])).toEqual([
      ['leads', '2027-W02', 120, 100],
      ['conversion', '2027-W02', 0.25, null],
    ]);
    expect(agenda.kpis[0]).toMatchObject({ delta: 20, status: 'ahead', planTitle: 'Device' });
    expect(agenda.insights.map((i) => [i.id, i.text])).toEqual([[insight, 'Acme is cheaper']]);
    expect(agenda.reviews.map((r) => [r.kind, r.byName, r.verdict])).toEqual([
      ['requested', 'Ada', null],
      ['answered', 'Sam', 'request-changes'],
    ]);
    expect(agenda.pilotDecisions.map((p) => [p.pilotName, p.decision, p.rationale])).toEqual([['Benelux pilot', 'adjust', 'Price too high']]);
    // addMilestone does not log its first date as a critical edit, so the old date is unknown here.
    expect(agenda.rescheduled.map((r) => [r.title, r.from, r.to])).toEqual([['Trade fair', null, '2027-01-27']]);
    // now = 2027-01-22: window 22 Jan – 5 Feb.
    expect(agenda.upcoming.map((u) => [u.kind, u.title, u.date])).toEqual([
      ['campaign', 'Spring ads', '2027-01-10'],
      ['milestone', 'Trade fair', '2027-01-27'],
      ['milestone', 'Webinar', '2027-01-30'],
    ]);
    expect(isAgendaEmpty(agenda)).toBe(false);

    // The first meeting's agenda (last 7 days before it) has only what happened before it.
    const m1 = meeting(doc, first);
    const agenda1 = buildAgenda(doc, m1.since, m1.createdAt);
    expect(agenda1.stageChanges.map((s) => s.to)).toEqual(['sales-review']);
    expect(agenda1.insights.map((i) => i.text)).toEqual(['old objection']);
    expect(agenda1.kpis.map((k) => [k.kpi, k.week])).toEqual([['leads', '2027-W01']]);
    expect(agenda1.reviews).toEqual([]);
    expect(agenda1.pilotDecisions).toEqual([]);

    // Nothing changed and nothing coming: an empty agenda says so.
    const quiet = buildAgenda(doc, m2.createdAt, m2.createdAt + 60 * DAY);
    expect(isAgendaEmpty(quiet)).toBe(true);
  });

  it('changes on another plan show up in a cross-plan agenda, tagged with their plan', () => {
    const a = setup();
    const b = { doc: new Y.Doc(), ctx: testContext('Bo') };
    createPlan(b.doc, b.ctx, { planId: 'p2', kind: 'campaign', title: 'Spring campaign', label });
    const since = a.ctx.now();
    b.ctx.tick(1000);
    changeStage(b.doc, b.ctx, { stage: 'stopped' });
    const agenda = buildAgenda([{ planId: 'p1', doc: a.doc }, { planId: 'p2', doc: b.doc }], since, since + DAY);
    expect(agenda.stageChanges.map((s) => [s.planId, s.planTitle, s.to])).toEqual([['p2', 'Spring campaign', 'stopped']]);
  });
});

describe('meetings, action items and carry-over', () => {
  it('open action items carry over until done; done ones stay visible only in the meeting that ticked them', () => {
    const { doc, ctx } = setup();
    const bo = testContext('Bo');
    const m1 = ok(startMeeting(doc, ctx, { week: '2027-W02' }));
    joinMeeting(doc, bo, m1);
    const price = ok(addMeetingItem(doc, ctx, m1, { kind: 'action', text: 'Send price list', owner: 'Bo', due: '2027-01-20' }));
    const call = ok(addMeetingItem(doc, ctx, m1, { kind: 'action', text: 'Call Acme', owner: 'Ada' }));
    addMeetingItem(doc, ctx, m1, { kind: 'decision', text: 'Bundle the software' });
    expect(addMeetingItem(doc, ctx, m1, { kind: 'action', text: ' ' })).toMatchObject({ ok: false, error: { code: 'sync/empty' } });
    expect(addMeetingItem(doc, ctx, m1, { kind: 'action', text: 'x', due: '2027-02-30' })).toMatchObject({ ok: false, error: { code: 'date/invalid' } });
    ctx.tick(1000);
    updateMeetingItem(doc, ctx, call, { done: true });
    closeMeeting(doc, ctx, m1);
    ctx.tick(7 * DAY);
    const m2 = ok(startMeeting(doc, ctx, { week: '2027-W03' }));
    let meetings = readMeetings(doc).items;
    expect(carriedOverActions(meetings, meeting(doc, m1))).toEqual([]);
    expect(carriedOverActions(meetings, meeting(doc, m2)).map((i) => [i.text, i.done, i.meetingId])).toEqual([['Send price list', false, m1]]);
    // Ticked off in the second meeting: the item in the first meeting is the one that changes.
    ctx.tick(1000);
    updateMeetingItem(doc, ctx, price, { done: true });
    meetings = readMeetings(doc).items;
    expect(meeting(doc, m1).items.find((i) => i.id === price)).toMatchObject({ done: true, doneByName: 'Ada' });
    expect(carriedOverActions(meetings, meeting(doc, m2)).map((i) => [i.text, i.done])).toEqual([['Send price list', true]]);
    ctx.tick(7 * DAY);
    const m3 = ok(startMeeting(doc, ctx, { week: '2027-W04' }));
    const open = ok(addMeetingItem(doc, ctx, m2, { kind: 'action', text: 'Prepare pilot', owner: 'Bo' }));
    meetings = readMeetings(doc).items;
    expect(carriedOverActions(meetings, meeting(doc, m3)).map((i) => i.id)).toEqual([open]);
    expect(meeting(doc, m1).attendees.map((a) => a.name)).toEqual(['Ada', 'Bo']);
  });

  it('two people starting the same week offline keep both meetings and all notes', () => {
    const a = setup();
    const b = { doc: new Y.Doc(), ctx: testContext('Bo') };
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    const ma = ok(startMeeting(a.doc, a.ctx, { week: '2027-W02' }));
    const mb = ok(startMeeting(b.doc, b.ctx, { week: '2027-W02' }));
    setMeetingNotes(a.doc, a.ctx, ma, 'Ada notes');
    setMeetingNotes(b.doc, b.ctx, mb, 'Bo notes');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    expect(readMeetings(a.doc).items.map((m) => m.notes).sort()).toEqual(['Ada notes', 'Bo notes']);
    expect(readMeetings(b.doc).items.map((m) => m.id)).toEqual(readMeetings(a.doc).items.map((m) => m.id));
  });

  it('exports minutes to Markdown and tolerates garbage in the syncs root', () => {
    const { doc, ctx } = setup();
    const id = ok(startMeeting(doc, ctx, { week: '2027-W02', title: 'Weekly *sync*' }));
    setMeetingNotes(doc, ctx, id, 'Good week.');
    addMeetingItem(doc, ctx, id, { kind: 'decision', text: 'Go to the fair' });
    addMeetingItem(doc, ctx, id, { kind: 'action', text: 'Book stand', owner: 'Bo', due: '2027-01-20' });
    addMeetingItem(doc, ctx, id, { kind: 'deal', text: 'Big lab deal' });
    const root = doc.getMap<unknown>(ROOTS.syncs);
    root.set('junk', 3);
    const m = meeting(doc, id);
    const agenda = buildAgenda(doc, m.since, m.createdAt, { noted: m.items, openActions: [] });
    expect(agenda.deals.map((d) => d.text)).toEqual(['Big lab deal']);
    const f: MinutesFormat = {
      t: (key, vars) => (vars ? `${key}(${Object.values(vars).join(',')})` : key),
      kpiValue: (_k, v) => (v === null ? '—' : String(v)),
      day: (d) => d ?? '',
      time: () => 'T',
    };
    const md = minutesMarkdown(m, agenda, f);
    expect(md.startsWith('# weekly.md.title(2027-W02,2027-01-15)\n\n**Weekly \\*sync\\***\n\nweekly.md.attendees: Ada\n')).toBe(true);
    expect(md).toContain('### weekly.md.decisions\n\n- Go to the fair\n');
    expect(md).toContain('### weekly.md.actions\n\n- [ ] Book stand — weekly.md.owner: Bo — weekly.md.due: 2027-01-20\n');
    expect(md).toContain('## weekly.md.notes\n\nGood week.\n');
    expect(md).toContain('### weekly.md.deals\n\n- Big lab deal\n');
    expect(readMeetings(doc).skipped).toBe(1);
  });
});
