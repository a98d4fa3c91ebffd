import './alignment.css';
import { registerSection } from '../../app/sections';
import { InsightsSection } from '../insights/InsightsSection';
import { TimelineSection } from '../timeline/TimelineSection';
import { WeeklySection } from '../weekly/WeeklySection';
import { ScorecardSection } from './ScorecardSection';

// After the review workflow (50–70): measure, listen to the market, meet weekly, see the calendar.
registerSection({ id: 'scorecard', labelKey: 'scorecard.tab', icon: 'journey', order: 80, Component: ScorecardSection });
registerSection({ id: 'insights', labelKey: 'insights.tab', icon: 'info', order: 90, Component: InsightsSection });
registerSection({ id: 'weekly', labelKey: 'weekly.tab', icon: 'check', order: 100, Component: WeeklySection });
registerSection({ id: 'timeline', labelKey: 'timeline.tab', icon: 'calendar', order: 110, Component: TimelineSection });
