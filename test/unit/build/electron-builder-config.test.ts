import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../../..');
const config = require(path.join(root, 'build/electron-builder.config.cjs')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  protocols: { schemes: string[] }[];
  fileAssociations: { ext: string; mimeType?: string }[];
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string; entitlements: string; hardenedRuntime: boolean };
  files: string[];
};

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('ascii'), file).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (config: unknown, logger: { isEnabled: boolean; add(): void }) => Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  }, 60_000); // loading app-builder-lib alone takes seconds on a busy machine

  it('names the app and packs it into an asar from the built bundles only', () => {
    expect(config.appId).toBe('app.lockstep.desktop');
    expect(config.productName).toBe('Lockstep');
    expect(config.asar).toBe(true);
    expect(config.files).toContain('dist/**/*');
    expect(config.files.some((f) => f.startsWith('electron/') || f.startsWith('renderer/'))).toBe(false);
  });

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('sets fuse %s to %s', (fuse, value) => {
    expect(config.electronFuses[fuse]).toBe(value);
  });

  it('only uses fuses electron-builder knows', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(known.length).toBeGreaterThan(5);
    for (const fuse of Object.keys(config.electronFuses)) expect(known, fuse).toContain(fuse);
  });

  it('registers lockstep:// and .lockstep files', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual(['lockstep']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'lockstep', mimeType: 'application/x-lockstep' })]);
  });

  it('targets AppImage + deb, NSIS and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('points every platform at real icons', () => {
    const linuxDir = path.join(root, config.linux.icon);
    expect(pngSize(path.join(linuxDir, '512x512.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(linuxDir, '256x256.png'))).toEqual({ width: 256, height: 256 });
    expect(pngSize(path.join(root, 'build/icons/icon.png'))).toEqual({ width: 512, height: 512 });

    const ico = readFileSync(path.join(root, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toContain(256);

    const icns = readFileSync(path.join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic09'))).toBe(true);
  });

  it('signs macOS builds with the hardened runtime and a minimal entitlement file', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(entitlements).not.toContain('disable-library-validation');
    expect(entitlements).not.toContain('com.apple.security.device.camera');
    expect(existsSync(path.join(root, config.mac.entitlements))).toBe(true);
  });
});
