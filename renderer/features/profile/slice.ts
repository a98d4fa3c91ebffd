import type { SliceCreator } from '../../state/sliceTypes';
import type { Profile } from './profile';

export interface ProfileSlice {
  /** null until the person filled in the first-run dialog. */
  profile: Profile | null;
  setProfile: (profile: Profile | null) => void;
}

export const createProfileSlice: SliceCreator<ProfileSlice> = (set) => ({
  profile: null,
  setProfile: (profile) => set({ profile }),
});
