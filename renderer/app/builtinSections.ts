import { BriefSection } from '../features/brief/BriefSection';
import { JourneySection } from '../features/journey/JourneySection';
import { MilestonesSection } from '../features/milestones/MilestonesSection';
import { SegmentsSection } from '../features/segments/SegmentsSection';
import { registerSection } from './sections';

registerSection({ id: 'brief', labelKey: 'workspace.sections.brief', icon: 'brief', order: 10, Component: BriefSection });
registerSection({ id: 'segments', labelKey: 'workspace.sections.segments', icon: 'segments', order: 20, Component: SegmentsSection });
registerSection({ id: 'journey', labelKey: 'workspace.sections.journey', icon: 'journey', order: 30, Component: JourneySection });
registerSection({ id: 'milestones', labelKey: 'workspace.sections.milestones', icon: 'milestones', order: 40, Component: MilestonesSection });
import '../features/offers/registerSections';
import '../features/scorecard/registerSections';
