import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveRoomKeys, newPlanSecret } from '../../../../renderer/sync/roomKeys';

describe('deriveRoomKeys', () => {
  const secret = Uint8Array.from({ length: 16 }, (_, i) => i + 1);

  it('matches an independent HMAC-SHA256 computation', async () => {
    const keys = await deriveRoomKeys(secret);
    const room = createHmac('sha256', Buffer.from(secret)).update('lockstep/room/v1').digest('hex');
    const password = createHmac('sha256', Buffer.from(secret)).update('lockstep/password/v1').digest('base64url');
    expect(keys.roomName).toBe(`lockstep-${room}`);
    expect(keys.password).toBe(password);
  });

  it('reveals neither the secret nor each other', async () => {
    const keys = await deriveRoomKeys(secret);
    const secretHex = Buffer.from(secret).toString('hex');
    expect(keys.roomName).not.toContain(secretHex);
    expect(keys.password).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(keys.roomName).not.toContain(Buffer.from(keys.password, 'base64url').toString('hex'));
  });

  it('differs for different secrets and rejects short ones', async () => {
    const a = await deriveRoomKeys(newPlanSecret());
    const b = await deriveRoomKeys(newPlanSecret());
    expect(a.roomName).not.toBe(b.roomName);
    expect(a.password).not.toBe(b.password);
    await expect(deriveRoomKeys(new Uint8Array(8))).rejects.toThrow(/at least 16 bytes/);
  });
});
