import './alignment.css';
import { lazySection, registerSection } from '../../app/sections';

const ScorecardSection = lazySection(async () => (await import('./ScorecardSection')).ScorecardSection);
const InsightsSection = lazySection(async () => (await import('../insights/InsightsSection')).InsightsSection);
const WeeklySection = lazySection(async () => (await import('../weekly/WeeklySection')).WeeklySection);
const TimelineSection = lazySection(async () => (await import('../timeline/TimelineSection')).TimelineSection);

// After the review workflow (50–70): measure, listen to the market, meet weekly, see the calendar.
registerSection({ id: 'scorecard', labelKey: 'scorecard.tab', icon: 'journey', order: 80, Component: ScorecardSection });
registerSection({ id: 'insights', labelKey: 'insights.tab', icon: 'info', order: 90, Component: InsightsSection });
registerSection({ id: 'weekly', labelKey: 'weekly.tab', icon: 'check', order: 100, Component: WeeklySection });
registerSection({ id: 'timeline', labelKey: 'timeline.tab', icon: 'calendar', order: 110, Component: TimelineSection });
