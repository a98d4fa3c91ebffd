/**
 * Settings → Connection: the signaling servers and ICE (STUN/TURN) servers this device uses.
 * Both are empty by default: Lockstep contacts no public server unless the user adds one.
 */
import { z } from 'zod';
import { validateSignalingUrl } from '../../shared/invite';
import { err, ok, type Result } from '../../shared/result';
import { defineKvKey } from '../storage';

export const MAX_SIGNALING_SETTINGS = 6;
export const MAX_ICE_SERVERS = 8;

export const iceServerSchema = z.object({
  urls: z.string().min(6).max(512),
  username: z.string().max(256).optional(),
  credential: z.string().max(512).optional(),
});
export type IceServerSetting = z.infer<typeof iceServerSchema>;

export const connectionSettingsSchema = z.object({
  signalingUrls: z.array(z.string().max(512)).max(MAX_SIGNALING_SETTINGS),
  iceServers: z.array(iceServerSchema).max(MAX_ICE_SERVERS),
});
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

export const EMPTY_CONNECTION_SETTINGS: ConnectionSettings = { signalingUrls: [], iceServers: [] };

export const connectionKey = defineKvKey<ConnectionSettings>('connection', connectionSettingsSchema, EMPTY_CONNECTION_SETTINGS);

/** A signaling address as typed: trimmed, `host:port` completed to `ws://host:port`. */
export function normaliseSignalingInput(text: string): Result<string> {
  const trimmed = text.trim();
  if (trimmed === '') return err('connection/empty', 'Type an address such as ws://192.168.1.20:4444.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `ws://${trimmed}`;
  const valid = validateSignalingUrl(withScheme);
  if (!valid.ok) return err('connection/bad-signaling', 'That is not a signaling address. It looks like ws://192.168.1.20:4444 (or wss:// for a secure server).');
  return ok(withScheme.replace(/\/+$/, ''));
}

const ICE_URL = /^(stun|stuns|turn|turns):[^\s]{1,500}$/i;

/** A STUN/TURN server as typed. TURN servers need a username and password. */
export function parseIceServerInput(input: { urls: string; username?: string | undefined; credential?: string | undefined }): Result<IceServerSetting> {
  const urls = input.urls.trim();
  if (!ICE_URL.test(urls)) return err('connection/bad-ice', 'That is not a STUN or TURN address. It looks like stun:stun.example.com:3478 or turn:turn.example.com:3478.');
  const isTurn = /^turns?:/i.test(urls);
  const username = input.username?.trim() ?? '';
  const credential = input.credential ?? '';
  if (isTurn && (username === '' || credential === '')) return err('connection/turn-credentials', 'A TURN server needs a username and a password.');
  const server: IceServerSetting = { urls };
  if (username !== '') server.username = username;
  if (credential !== '') server.credential = credential;
  const checked = iceServerSchema.safeParse(server);
  return checked.success ? ok(checked.data) : err('connection/bad-ice', 'That server entry is too long.');
}

/** Drops entries that are no longer valid (settings written by an older version, edited by hand). */
export function cleanConnectionSettings(settings: ConnectionSettings): ConnectionSettings {
  return {
    signalingUrls: [...new Set(settings.signalingUrls.filter((u) => validateSignalingUrl(u).ok))],
    iceServers: settings.iceServers.filter((s) => parseIceServerInput(s).ok),
  };
}

export function toRtcIceServers(servers: readonly IceServerSetting[]): RTCIceServer[] {
  return servers.map((s) => ({ urls: s.urls, ...(s.username === undefined ? {} : { username: s.username }), ...(s.credential === undefined ? {} : { credential: s.credential }) }));
}
