import * as Y from 'yjs';
import {
  addMilestone,
  addSegment,
  changeStage,
  createPlan,
  readPlan,
  setBriefText,
  setJourneyCell,
  setSegmentText,
  setTargetDate,
} from '../../renderer/domain';
import { label, testContext } from './context';

/** Appends TipTap-shaped blocks (as y-prosemirror stores them) to the narrative. */
export function writeNarrative(doc: Y.Doc, blocks: { heading?: string; paragraph?: string; bold?: string; bullets?: string[] }[]): void {
  const fragment = doc.getXmlFragment('narrative');
  doc.transact(() => {
    for (const b of blocks) {
      if (b.heading !== undefined) {
        const h = new Y.XmlElement('heading');
        h.setAttribute('level', '2');
        h.insert(0, [new Y.XmlText(b.heading)]);
        fragment.push([h]);
      }
      if (b.paragraph !== undefined) {
        const p = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        p.insert(0, [text]);
        fragment.push([p]);
        text.insert(0, b.paragraph);
        if (b.bold) text.insert(text.length, b.bold, { bold: {} });
      }
      if (b.bullets) {
        const list = new Y.XmlElement('bulletList');
        fragment.push([list]);
        for (const item of b.bullets) {
          const li = new Y.XmlElement('listItem');
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText(item)]);
          li.insert(0, [p]);
          list.push([li]);
        }
      }
    }
  });
}

/** A plan with something in every section, built with the real domain commands. */
export function richPlan(planId = 'plan-rich', title = 'Sensor kit launch') {
  const doc = new Y.Doc({ guid: planId });
  const ctx = testContext('Ada');
  createPlan(doc, ctx, { planId, kind: 'launch', title, label });
  setBriefText(doc, ctx, 'pain', 'Field engineers lose half a day per site visit.');
  setBriefText(doc, ctx, 'objective', '40 sales-accepted leads by Q2.');
  setTargetDate(doc, ctx, '2026-12-01');
  const seg = addSegment(doc, ctx, 'Benelux utilities');
  if (seg.ok) setSegmentText(doc, ctx, seg.value, 'pains', 'Manual re-entry of readings');
  addSegment(doc, ctx, 'Nordic water boards');
  const phase = readPlan(doc).phases[0];
  if (phase) setJourneyCell(doc, ctx, phase.id, 'marketing', 'activities', 'Webinar series');
  addMilestone(doc, ctx, { title: 'Trade fair Utrecht', date: '2026-11-30', discipline: 'marketing', kind: 'campaign' });
  changeStage(doc, ctx, { stage: 'sales-review' });
  writeNarrative(doc, [{ heading: 'Why now' }, { paragraph: 'Regulation changes in 2027 ', bold: 'force digital logs.' }, { bullets: ['Faster audits', 'Fewer errors'] }]);
  return { doc, ctx };
}
