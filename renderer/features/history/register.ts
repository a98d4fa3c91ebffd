import { lazySection, registerSection } from '../../app/sections';

const HistorySection = lazySection(async () => (await import('./HistorySection')).HistorySection);

registerSection({ id: 'history', labelKey: 'history.heading', icon: 'undo', order: 90, Component: HistorySection });
