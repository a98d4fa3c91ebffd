import { z } from 'zod';
import { defineKvKey } from '../../storage';

export const ROLES = ['marketing', 'sales', 'other'] as const;
export type Role = (typeof ROLES)[number];

/** Presence colours chosen for contrast on white and for colour-blind distinguishability. */
export const PROFILE_COLOURS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4b5563'] as const;

export const ProfileSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  colour: z.string().regex(/^#[0-9a-f]{6}$/i),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const profileKey = defineKvKey<Profile | null>('profile', ProfileSchema.nullable(), null);

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}
