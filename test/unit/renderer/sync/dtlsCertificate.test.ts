import { afterEach, describe, expect, it, vi } from 'vitest';
import { SharedCertificate } from '../../../../renderer/sync/dtlsCertificate';

const DAY = 24 * 60 * 60 * 1000;

function fakeCertificate(expires: number): RTCCertificate {
  return { expires, getFingerprints: () => [] } as unknown as RTCCertificate;
}

/** Installs a fake RTCPeerConnection whose generateCertificate answers from `next`. */
function stubWebRtc(next: () => Promise<RTCCertificate>): ReturnType<typeof vi.fn> {
  const generateCertificate = vi.fn(next);
  vi.stubGlobal('RTCPeerConnection', { generateCertificate });
  return generateCertificate;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('SharedCertificate', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('puts one ECDSA certificate into the configuration every connection is made from', async () => {
    const certificate = fakeCertificate(Date.now() + 30 * DAY);
    const generate = stubWebRtc(() => Promise.resolve(certificate));
    const config: RTCConfiguration = { iceServers: [] };
    const shared = new SharedCertificate(config);
    shared.renewIfDue();
    shared.renewIfDue();
    await settle();
    expect(config.certificates).toEqual([certificate]);
    expect(generate).toHaveBeenCalledTimes(1);
    expect(generate).toHaveBeenCalledWith({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(config.iceServers).toEqual([]);
  });

  it('keeps a certificate with more than a day left and renews one that expires sooner', async () => {
    const now = Date.now();
    const first = fakeCertificate(now + 30 * DAY);
    const second = fakeCertificate(now + 60 * DAY);
    const generate = stubWebRtc(() => Promise.resolve(generate.mock.calls.length === 1 ? first : second));
    const config: RTCConfiguration = {};
    const shared = new SharedCertificate(config);
    shared.renewIfDue(now);
    await settle();
    shared.renewIfDue(now + 28 * DAY);
    await settle();
    expect(config.certificates).toEqual([first]);
    shared.renewIfDue(now + 29.5 * DAY);
    await settle();
    expect(config.certificates).toEqual([second]);
    expect(generate).toHaveBeenCalledTimes(2);
  });

  it('leaves the configuration alone when certificates cannot be made', async () => {
    stubWebRtc(() => Promise.reject(new Error('not supported')));
    const config: RTCConfiguration = { iceServers: [] };
    new SharedCertificate(config).renewIfDue();
    await settle();
    expect(config).toEqual({ iceServers: [] });

    vi.unstubAllGlobals();
    vi.stubGlobal('RTCPeerConnection', undefined);
    const bare: RTCConfiguration = {};
    new SharedCertificate(bare).renewIfDue();
    await settle();
    expect(bare).toEqual({});
  });

  it('tries again after a failed attempt', async () => {
    let fail = true;
    const certificate = fakeCertificate(Date.now() + 30 * DAY);
    stubWebRtc(() => (fail ? Promise.reject(new Error('busy')) : Promise.resolve(certificate)));
    const config: RTCConfiguration = {};
    const shared = new SharedCertificate(config);
    shared.renewIfDue();
    await settle();
    fail = false;
    shared.renewIfDue();
    await settle();
    expect(config.certificates).toEqual([certificate]);
  });
});
