import type { LockstepDB } from '../../storage';
import { getKv, setKv } from '../../storage';
import type { AppStore } from '../../state/store';
import { profileKey, type Profile } from './profile';

export async function loadProfile(db: LockstepDB, store: AppStore): Promise<void> {
  const read = await getKv(db, profileKey);
  store.getState().setProfile(read.value);
}

/** Stores the profile; the store changes only once it is on disk. Returns an error message or null. */
export async function saveProfile(db: LockstepDB, store: AppStore, profile: Profile): Promise<string | null> {
  const written = await setKv(db, profileKey, profile);
  if (!written.ok) return written.error.message;
  store.getState().setProfile(written.value);
  return null;
}

export function newProfileDraft(colourIndex = Math.floor(Math.random() * 8)): Profile {
  const colours = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4b5563'];
  return { id: globalThis.crypto.randomUUID(), name: '', role: 'marketing', colour: colours[colourIndex % colours.length] ?? '#2563eb' };
}
