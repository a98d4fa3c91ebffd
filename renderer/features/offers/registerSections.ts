import './workflow.css';
import { lazySection, registerSection } from '../../app/sections';

const OffersSection = lazySection(async () => (await import('./OffersSection')).OffersSection);
const ReviewsSection = lazySection(async () => (await import('../reviews/ReviewsSection')).ReviewsSection);
const PilotsSection = lazySection(async () => (await import('../pilots/PilotsSection')).PilotsSection);

// After the built-ins (10–40): the review workflow follows the plan's own order of work.
registerSection({ id: 'offers', labelKey: 'offers.heading', icon: 'list', order: 50, Component: OffersSection });
registerSection({ id: 'reviews', labelKey: 'reviews.heading', icon: 'check', order: 60, Component: ReviewsSection });
registerSection({ id: 'pilots', labelKey: 'pilots.heading', icon: 'calendar', order: 70, Component: PilotsSection });
