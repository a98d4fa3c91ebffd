import { STAGES } from '../../domain';
import type { LibraryEntry } from '../../storage';
import type { LibrarySort } from './slice';

/**
 * What the list shows: search over title, kind and stage labels (translated, so a Dutch user
 * can type "concept"), pinned first, then the chosen order. Corrupt rows always stay visible
 * at the end so a damaged entry is never silently hidden.
 */
export function visibleRows(
  entries: readonly LibraryEntry[],
  opts: { search: string; sort: LibrarySort; label: (entry: Extract<LibraryEntry, { corrupt?: false }>) => string; locale: string },
): LibraryEntry[] {
  const needle = opts.search.trim().toLocaleLowerCase(opts.locale);
  const good: Extract<LibraryEntry, { corrupt?: false }>[] = [];
  const bad: LibraryEntry[] = [];
  for (const entry of entries) {
    if (entry.corrupt) {
      if (needle === '' || entry.title.toLocaleLowerCase(opts.locale).includes(needle)) bad.push(entry);
    } else if (needle === '' || `${entry.title} ${opts.label(entry)}`.toLocaleLowerCase(opts.locale).includes(needle)) {
      good.push(entry);
    }
  }
  const collator = new Intl.Collator(opts.locale, { sensitivity: 'base', numeric: true });
  const stageIndex = (stage: string): number => {
    const i = (STAGES as readonly string[]).indexOf(stage);
    return i === -1 ? STAGES.length : i;
  };
  good.sort((a, b) => {
    if (a.pinned !== b.pinned) return b.pinned - a.pinned;
    if (opts.sort === 'title') return collator.compare(a.title, b.title) || b.updatedAt - a.updatedAt;
    if (opts.sort === 'stage') return stageIndex(a.stage) - stageIndex(b.stage) || b.updatedAt - a.updatedAt;
    return b.updatedAt - a.updatedAt || collator.compare(a.title, b.title);
  });
  return [...good, ...bad];
}
