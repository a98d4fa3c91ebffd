import { registerSection } from '../../app/sections';
import { HistorySection } from './HistorySection';

registerSection({ id: 'history', labelKey: 'history.heading', icon: 'undo', order: 90, Component: HistorySection });
