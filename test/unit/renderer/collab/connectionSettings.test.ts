import { describe, expect, it } from 'vitest';
import { cleanConnectionSettings, normaliseSignalingInput, parseIceServerInput } from '../../../../renderer/collab/connectionSettings';
import { createCollabEnvironment, servingSignalingUrl } from '../../../../renderer/collab/environment';

describe('connection settings', () => {
  it('accepts signaling addresses as people type them and refuses the rest in plain words', () => {
    expect(normaliseSignalingInput(' 192.168.1.20:4444 ')).toEqual({ ok: true, value: 'ws://192.168.1.20:4444' });
    expect(normaliseSignalingInput('wss://signal.example.com/')).toEqual({ ok: true, value: 'wss://signal.example.com' });
    for (const bad of ['', 'http://x:1', 'ftp://x', 'ws://', 'ws://a b']) {
      const result = normaliseSignalingInput(bad);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  it('validates STUN and TURN servers; TURN needs credentials', () => {
    expect(parseIceServerInput({ urls: 'stun:stun.example.com:3478' })).toEqual({ ok: true, value: { urls: 'stun:stun.example.com:3478' } });
    expect(parseIceServerInput({ urls: 'turn:turn.example.com:3478' }).ok).toBe(false);
    expect(parseIceServerInput({ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'p' })).toEqual({
      ok: true,
      value: { urls: 'turn:turn.example.com:3478', username: 'u', credential: 'p' },
    });
    expect(parseIceServerInput({ urls: 'https://stun.example.com' }).ok).toBe(false);
    expect(parseIceServerInput({ urls: `stun:${'a'.repeat(600)}` }).ok).toBe(false);
  });

  it('drops stored entries that are no longer valid', () => {
    expect(cleanConnectionSettings({ signalingUrls: ['ws://a:1', 'nope', 'ws://a:1'], iceServers: [{ urls: 'turn:x:1' }, { urls: 'stun:y:2' }] })).toEqual({
      signalingUrls: ['ws://a:1'],
      iceServers: [{ urls: 'stun:y:2' }],
    });
  });

  it('contacts nothing by default; a browser participant uses the host that served it', () => {
    expect(createCollabEnvironment(null).signalingUrls()).toEqual([]);
    expect(createCollabEnvironment(null).iceServers()).toEqual([]);
    expect(servingSignalingUrl({ protocol: 'http:', host: '10.0.0.5:4444' }, true)).toBe('ws://10.0.0.5:4444');
    expect(servingSignalingUrl({ protocol: 'app:', host: 'lockstep' }, false)).toBeNull();
    const env = createCollabEnvironment('ws://10.0.0.5:4444');
    env.setWorkshop({ port: 4444, signalingUrls: ['ws://192.168.1.2:4444'], webUrls: [] });
    env.setSettings({ signalingUrls: ['ws://10.0.0.5:4444', 'wss://s.example.com'], iceServers: [] });
    expect(env.signalingUrls()).toEqual(['ws://192.168.1.2:4444', 'ws://10.0.0.5:4444', 'wss://s.example.com']);
  });
});
