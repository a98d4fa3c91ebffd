import type { InsightInput, InsightSource, InsightType } from '../../domain';

/** What the person has typed so far; kept by the caller so a failed capture loses nothing. */
export interface InsightDraft {
  type: InsightType;
  source: InsightSource;
  text: string;
  segment: string;
  competitor: string;
  offerIds: string[];
}

export const emptyDraft = (): InsightDraft => ({ type: 'objection', source: 'call', text: '', segment: '', competitor: '', offerIds: [] });

/** After a successful capture: type, source and segment stay (people log several from one call). */
export const afterCapture = (draft: InsightDraft): InsightDraft => ({ ...draft, text: '', competitor: '', offerIds: [] });

export const draftInput = (draft: InsightDraft): InsightInput => ({ ...draft });
