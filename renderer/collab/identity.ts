import type { PresenceUser } from '../sync/presence';

/** How peers see us: the profile's name, role and colour (validated again by presence.ts). */
export function presenceUserFrom(profile: { name: string; role: string; colour: string } | null): PresenceUser | null {
  if (profile === null) return null;
  const name = profile.name.trim().slice(0, 80);
  if (name === '') return null;
  return { name, role: profile.role.slice(0, 80), color: /^#[0-9a-fA-F]{6}$/.test(profile.colour) ? profile.colour : '#4b5563' };
}

/** "Sanne de Vries" → "SV". */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(parts[0] ?? '?')][0] ?? '?';
  const last = parts.length > 1 ? ([...(parts[parts.length - 1] ?? '')][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}
