import type { LibraryEntry } from '../../storage';
import type { SliceCreator } from '../../state/sliceTypes';

export type LibrarySort = 'updated' | 'title' | 'stage';
export const LIBRARY_SORTS: readonly LibrarySort[] = ['updated', 'title', 'stage'];

export type LoadState = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string };

/** The library as loaded from storage plus how the person is looking at it. No plan content. */
export interface LibrarySlice {
  library: LibraryEntry[];
  libraryLoad: LoadState;
  librarySearch: string;
  librarySort: LibrarySort;
  showArchived: boolean;
  createDialogOpen: boolean;
  setLibrary: (entries: LibraryEntry[]) => void;
  setLibraryLoad: (load: LoadState) => void;
  setLibrarySearch: (search: string) => void;
  setLibrarySort: (sort: LibrarySort) => void;
  setShowArchived: (show: boolean) => void;
  setCreateDialogOpen: (open: boolean) => void;
}

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set) => ({
  library: [],
  libraryLoad: { state: 'loading' },
  librarySearch: '',
  librarySort: 'updated',
  showArchived: false,
  createDialogOpen: false,
  setLibrary: (library) => set({ library, libraryLoad: { state: 'ready' } }),
  setLibraryLoad: (libraryLoad) => set({ libraryLoad }),
  setLibrarySearch: (librarySearch) => set({ librarySearch }),
  setLibrarySort: (librarySort) => set({ librarySort }),
  setShowArchived: (showArchived) => set({ showArchived }),
  setCreateDialogOpen: (createDialogOpen) => set({ createDialogOpen }),
});
