import { BriefSection } from '../features/brief/BriefSection';
import { lazySection, registerSection } from './sections';

// The brief is where a plan opens; every other section loads on first use.
const SegmentsSection = lazySection(async () => (await import('../features/segments/SegmentsSection')).SegmentsSection);
const JourneySection = lazySection(async () => (await import('../features/journey/JourneySection')).JourneySection);
const MilestonesSection = lazySection(async () => (await import('../features/milestones/MilestonesSection')).MilestonesSection);

registerSection({ id: 'brief', labelKey: 'workspace.sections.brief', icon: 'brief', order: 10, Component: BriefSection });
registerSection({ id: 'segments', labelKey: 'workspace.sections.segments', icon: 'segments', order: 20, Component: SegmentsSection });
registerSection({ id: 'journey', labelKey: 'workspace.sections.journey', icon: 'journey', order: 30, Component: JourneySection });
registerSection({ id: 'milestones', labelKey: 'workspace.sections.milestones', icon: 'milestones', order: 40, Component: MilestonesSection });
import '../features/offers/registerSections';
import '../features/scorecard/registerSections';
