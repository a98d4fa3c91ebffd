import { describe, expect, it } from 'vitest';
import {
  APP_LINK_PREFIX,
  base64UrlDecode,
  base64UrlEncode,
  encodeInvitePayload,
  formatBrowserLink,
  formatInviteLink,
  formatShortCode,
  parseInvite,
  type InviteFields,
} from '../../../shared/invite';
import { makeRng } from '../../support/rng';


const secret = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
const fields: InviteFields = { planId: 'plan_7Gq-x', secret, signaling: ['ws://192.168.1.20:4444', 'wss://signal.example.org/y'] };

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function errorCode(text: string): string {
  const r = parseInvite(text);
  if (r.ok) throw new Error(`expected "${text.slice(0, 60)}" to be rejected`);
  expect(r.error.message.length).toBeGreaterThan(10);
  return r.error.code;
}

describe('invite links', () => {
  it('round-trips the app link', () => {
    const link = unwrap(formatInviteLink(fields));
    expect(link.startsWith(APP_LINK_PREFIX)).toBe(true);
    const invite = unwrap(parseInvite(link));
    expect(invite.planId).toBe(fields.planId);
    expect([...invite.secret]).toEqual([...secret]);
    expect(invite.signaling).toEqual(fields.signaling);
  });

  it('round-trips the browser link and keeps the payload in the fragment', () => {
    const link = unwrap(formatBrowserLink('http://10.0.0.5:4444', fields));
    expect(link).toMatch(/^http:\/\/10\.0\.0\.5:4444\/#join=[A-Za-z0-9_-]+$/);
    const beforeFragment = link.split('#')[0] ?? '';
    expect(beforeFragment).not.toContain(fields.planId);
    const invite = unwrap(parseInvite(link));
    expect(invite.planId).toBe(fields.planId);
    expect([...invite.secret]).toEqual([...secret]);
    // An existing fragment on the base URL is replaced, a path kept.
    const withPath = unwrap(formatBrowserLink('https://host.local:8443/app/#old', fields));
    expect(withPath.startsWith('https://host.local:8443/app/#join=')).toBe(true);
  });

  it('accepts links with surrounding whitespace, quotes or angle brackets', () => {
    const link = unwrap(formatInviteLink(fields));
    expect(parseInvite(`  <${link}>\n`).ok).toBe(true);
    expect(parseInvite(`"${link}"`).ok).toBe(true);
  });

  it('round-trips invites with no signaling URLs and many random ones', () => {
    const seed = 20261124;
    const rand = makeRng(seed);
    for (let i = 0; i < 200; i++) {
      const s = Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256));
      const idChars = 'abcXYZ019_-';
      const planId = Array.from({ length: 1 + Math.floor(rand() * 64) }, () => idChars[Math.floor(rand() * idChars.length)]).join('');
      const signaling = Array.from({ length: Math.floor(rand() * 4) }, (_, k) => `ws://127.0.0.${k + 1}:${1000 + Math.floor(rand() * 60000)}`);
      const invite = parseInvite(unwrap(formatInviteLink({ planId, secret: s, signaling })));
      if (!invite.ok) throw new Error(`seed ${seed} case ${i}: ${invite.error.message}`);
      expect(invite.value.planId, `seed ${seed} case ${i}`).toBe(planId);
      expect([...invite.value.secret]).toEqual([...s]);
      expect(invite.value.signaling).toEqual(signaling);
    }
  });

  it('refuses to format invalid fields', () => {
    expect(formatInviteLink({ ...fields, planId: '' }).ok).toBe(false);
    expect(formatInviteLink({ ...fields, planId: 'has space' }).ok).toBe(false);
    expect(formatInviteLink({ ...fields, planId: 'x'.repeat(65) }).ok).toBe(false);
    expect(formatInviteLink({ ...fields, secret: new Uint8Array(8) }).ok).toBe(false);
    expect(formatInviteLink({ ...fields, signaling: ['http://not-ws'] }).ok).toBe(false);
    expect(formatInviteLink({ ...fields, signaling: Array(9).fill('ws://a:1') }).ok).toBe(false);
    expect(formatBrowserLink('ftp://x', fields).ok).toBe(false);
  });
});

describe('garbled links', () => {
  const link = unwrap(formatInviteLink(fields));
  const payload = link.slice(APP_LINK_PREFIX.length);

  it('rejects the obviously wrong', () => {
    expect(errorCode('')).toBe('invite/empty');
    expect(errorCode('   \n ')).toBe('invite/empty');
    expect(errorCode('lockstep://open/#abc')).toBe('invite/unrecognised');
    expect(errorCode('lockstep://join/#')).toBe('invite/too-short');
    expect(errorCode('lockstep://join/#!!!!')).toBe('invite/not-base64');
    expect(errorCode('lockstep://join/#a')).toBe('invite/not-base64');
    expect(errorCode('http://10.0.0.5:4444/')).toBe('invite/unrecognised');
    expect(errorCode('http://10.0.0.5:4444/#other=1')).toBe('invite/unrecognised');
    expect(errorCode('hello, world!')).toBe('invite/unrecognised');
    expect(errorCode('x'.repeat(100_000))).toBe('invite/too-long');
  });

  it('rejects a wrong version in plain words', () => {
    const bytes = base64UrlDecode(payload);
    if (bytes === null) throw new Error('payload did not decode');
    bytes[0] = 2;
    const r = parseInvite(APP_LINK_PREFIX + base64UrlEncode(bytes));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invite/version');
      expect(r.error.message).toMatch(/version/);
    }
  });

  it('catches every truncation', () => {
    for (let cut = 0; cut < payload.length; cut++) {
      const r = parseInvite(APP_LINK_PREFIX + payload.slice(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
    }
  });

  it('catches every single-character substitution (checksum)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < payload.length; i++) {
      const original = payload[i] ?? '';
      const replacement = alphabet[(alphabet.indexOf(original) + 17) % 64] ?? 'A';
      const garbled = payload.slice(0, i) + replacement + payload.slice(i + 1);
      const r = parseInvite(APP_LINK_PREFIX + garbled);
      // The last character may carry only padding bits; any change there that still
      // decodes to the same bytes is harmless.
      if (r.ok) {
        expect(base64UrlDecode(garbled)).toEqual(base64UrlDecode(payload));
      }
    }
  });

  it('rejects absurd lengths inside a payload with a valid checksum', () => {
    const forge = (body: number[]): string => {
      const bytes = base64UrlDecode(unwrap(encodeInvitePayload(fields)));
      if (bytes === null) throw new Error('unreachable');
      // Recompute a valid CRC so the length check, not the checksum, must catch it.
      const crcOf = (b: number[]): number[] => {
        let crc = 0xffffffff;
        for (const x of b) {
          crc ^= x;
          for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
        }
        crc = (crc ^ 0xffffffff) >>> 0;
        return [(crc >>> 24) & 0xff, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff];
      };
      return APP_LINK_PREFIX + base64UrlEncode([...body, ...crcOf(body)]);
    };
    const head = [1, ...secret];
    expect(errorCode(forge([...head, 200, 97, 98]))).toBe('invite/too-short');
    expect(errorCode(forge([...head, 1, 97, 250]))).toBe('invite/too-many-urls');
    expect(errorCode(forge([...head, 1, 97, 1, 0xff, 0xff, 97]))).toBe('invite/bad-signaling-url');
    expect(errorCode(forge([...head, 1, 32, 0]))).toBe('invite/bad-plan-id');
    expect(errorCode(forge([...head, 1, 97, 1, 0, 4, 104, 116, 116, 112]))).toBe('invite/bad-signaling-url');
    expect(errorCode(forge([...head, 1, 97, 0, 7, 7]))).toBe('invite/trailing-data');
  });

  it('never throws on random garbage', () => {
    const seed = 77;
    const rand = makeRng(seed);
    const chars = 'lockstep:/#join=httpws0123456789ABCDEFabcdef-_ \n!%+';
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: Math.floor(rand() * 120) }, () => chars[Math.floor(rand() * chars.length)]).join('');
      const prefixed = rand() < 0.5 ? APP_LINK_PREFIX + text : text;
      expect(() => parseInvite(prefixed), `seed ${seed} case ${i}`).not.toThrow();
    }
  });
});

describe('short codes', () => {
  it('round-trips and is case-, space- and dash-insensitive', () => {
    const code = unwrap(formatShortCode(secret));
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    for (const variant of [code, code.toLowerCase(), code.replace(/-/g, ' '), code.replace(/-/g, ''), ` ${code.replace(/-/g, '  ')} `]) {
      const invite = unwrap(parseInvite(variant));
      expect([...invite.secret]).toEqual([...secret]);
      expect(invite.planId).toBeNull();
      expect(invite.signaling).toEqual([]);
    }
  });

  it('reads look-alike letters as Crockford does (O→0, I/L→1)', () => {
    const code = unwrap(formatShortCode(new Uint8Array(16)));
    expect(code.startsWith('0000')).toBe(true);
    const typed = code.replace(/0/g, 'o');
    expect(parseInvite(typed).ok).toBe(true);
  });

  it('takes a signaling address typed after the code', () => {
    const code = unwrap(formatShortCode(secret));
    const invite = unwrap(parseInvite(`${code}   ws://10.0.0.5:4444`));
    expect(invite.signaling).toEqual(['ws://10.0.0.5:4444']);
    expect(errorCode('ws://10.0.0.5:4444')).toBe('invite/empty');
  });

  it('catches every single-symbol typo and every swap of neighbours', () => {
    const seed = 4242;
    const rand = makeRng(seed);
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let round = 0; round < 20; round++) {
      const s = Uint8Array.from({ length: 16 }, () => Math.floor(rand() * 256));
      const compact = unwrap(formatShortCode(s)).replace(/-/g, '');
      for (let i = 0; i < compact.length; i++) {
        for (const replacement of alphabet) {
          if (replacement === compact[i]) continue;
          const typo = compact.slice(0, i) + replacement + compact.slice(i + 1);
          expect(parseInvite(typo).ok, `seed ${seed} round ${round} pos ${i} -> ${replacement}`).toBe(false);
        }
        if (i + 1 < compact.length && compact[i] !== compact[i + 1]) {
          const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2);
          expect(parseInvite(swapped).ok, `seed ${seed} round ${round} swap ${i}`).toBe(false);
        }
      }
    }
  });

  it('explains short, long and foreign-character codes', () => {
    const code = unwrap(formatShortCode(secret));
    expect(errorCode(code.slice(0, -3))).toBe('invite/too-short');
    expect(errorCode(`${code}A`)).toBe('invite/too-long');
    expect(errorCode(code.replace(/^./, 'U'))).toBe('invite/bad-character');
    expect(formatShortCode(new Uint8Array(32)).ok).toBe(false);
  });
});
