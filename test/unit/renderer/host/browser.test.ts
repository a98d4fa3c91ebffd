import { describe, expect, it, vi } from 'vitest';
import { acceptAttribute, BROWSER_MAX_FILE_BYTES, createBrowserHost } from '../../../../renderer/host/browser';
import type { BrowserHostEnvironment } from '../../../../renderer/host/browser';

/** Just enough of a DOM element for the browser host: attributes, events, click, remove. */
class FakeElement {
  style: Record<string, string> = {};
  files: File[] | null = null;
  removed = false;
  onClick: (() => void) | null = null;
  private listeners = new Map<string, (() => void)[]>();
  [key: string]: unknown;
  constructor(readonly tagName: string) {}
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  click(): void {
    this.onClick?.();
  }
  remove(): void {
    this.removed = true;
  }
}

function fakeEnvironment() {
  const created: FakeElement[] = [];
  const blobs: Blob[] = [];
  const env = {
    document: {
      createElement: (tag: string) => {
        const element = new FakeElement(tag);
        created.push(element);
        return element;
      },
      body: { appendChild: vi.fn() },
    } as unknown as Document,
    print: vi.fn(),
    open: vi.fn(),
    createObjectURL: vi.fn((blob: Blob) => {
      blobs.push(blob);
      return `blob:fake/${blobs.length}`;
    }),
    revokeObjectURL: vi.fn(),
    version: '1.2.3',
  } satisfies BrowserHostEnvironment;
  return { env, created, blobs };
}

describe('browser host', () => {
  it('identifies itself and reports the version', async () => {
    const host = createBrowserHost(fakeEnvironment().env);
    expect(host.kind).toBe('browser');
    expect(await host.appVersion()).toBe('1.2.3');
  });

  it('saves by clicking a hidden download link for a Blob', async () => {
    vi.useFakeTimers();
    try {
      const { env, created, blobs } = fakeEnvironment();
      const clicked = vi.fn();
      env.document.createElement = ((tag: string) => {
        const element = new FakeElement(tag);
        element.onClick = clicked;
        created.push(element);
        return element;
      }) as never;
      const host = createBrowserHost(env);
      const result = await host.saveFile({ defaultName: 'Launch.lockstep', filters: [], content: new Uint8Array([1, 2, 3]) });
      expect(result).toEqual({ ok: true, value: { path: 'Launch.lockstep' } });
      const link = created[0];
      expect(link?.tagName).toBe('a');
      expect(link?.download).toBe('Launch.lockstep');
      expect(link?.href).toBe('blob:fake/1');
      expect(clicked).toHaveBeenCalledTimes(1);
      expect(link?.removed).toBe(true);
      expect([...new Uint8Array(await blobs[0]!.arrayBuffer())]).toEqual([1, 2, 3]);
      vi.advanceTimersByTime(60_000);
      expect(env.revokeObjectURL).toHaveBeenCalledWith('blob:fake/1');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses to save more than the size limit', async () => {
    const host = createBrowserHost(fakeEnvironment().env);
    const result = await host.saveFile({ defaultName: 'x', filters: [], content: new Uint8Array(BROWSER_MAX_FILE_BYTES + 1) });
    expect(result).toMatchObject({ ok: false, error: { code: 'file/too-large' } });
  });

  it('opens a file through a hidden file input', async () => {
    const { env, created } = fakeEnvironment();
    const host = createBrowserHost(env);
    const pending = host.openFile([{ name: 'Plan', extensions: ['lockstep'] }]);
    const input = created[0];
    expect(input?.type).toBe('file');
    expect(input?.accept).toBe('.lockstep');
    input!.files = [new File([new Uint8Array([7, 7])], 'Launch.lockstep')];
    input!.dispatch('change');
    const result = await pending;
    expect(result).toMatchObject({ ok: true, value: { name: 'Launch.lockstep' } });
    expect(input?.removed).toBe(true);
  });

  it('resolves null when the picker is cancelled', async () => {
    const { env, created } = fakeEnvironment();
    const pending = createBrowserHost(env).openFile([]);
    created[0]!.dispatch('cancel');
    expect(await pending).toEqual({ ok: true, value: null });
  });

  it('refuses a picked file over the size limit', async () => {
    const { env, created } = fakeEnvironment();
    const pending = createBrowserHost(env).openFile([]);
    const huge = { name: 'huge.lockstep', size: BROWSER_MAX_FILE_BYTES + 1, arrayBuffer: vi.fn() };
    created[0]!.files = [huge as unknown as File];
    created[0]!.dispatch('change');
    expect(await pending).toMatchObject({ ok: false, error: { code: 'file/too-large' } });
    expect(huge.arrayBuffer).not.toHaveBeenCalled();
  });

  it('prints through the browser print dialog', async () => {
    const { env } = fakeEnvironment();
    expect(await createBrowserHost(env).printToPdf('plan.pdf')).toEqual({ ok: true, value: null });
    expect(env.print).toHaveBeenCalledTimes(1);
  });

  it('says workshops need the desktop app', async () => {
    const host = createBrowserHost(fakeEnvironment().env);
    expect(await host.workshopInterfaces()).toEqual([]);
    const started = await host.startWorkshop('0.0.0.0', 4444);
    expect(started).toMatchObject({ ok: false, error: { code: 'workshop/desktop-only' } });
    expect(started.ok ? '' : started.error.message).toMatch(/desktop app/);
    expect(await host.stopWorkshop()).toMatchObject({ ok: false });
  });

  it('opens only allowlisted links, without an opener', async () => {
    const { env } = fakeEnvironment();
    const host = createBrowserHost(env);
    expect(await host.openExternal('https://example.com/')).toEqual({ ok: true, value: undefined });
    expect(env.open).toHaveBeenCalledWith('https://example.com/', '_blank', 'noopener,noreferrer');
    expect(await host.openExternal('javascript:alert(1)')).toMatchObject({ ok: false });
    expect(env.open).toHaveBeenCalledTimes(1);
  });

  it('accepts listener registrations and returns working unsubscribes', () => {
    const host = createBrowserHost(fakeEnvironment().env);
    for (const subscribe of [host.onMenuCommand, host.onOpenUrl, host.onOpenFile]) {
      const unsubscribe = subscribe(vi.fn());
      expect(typeof unsubscribe).toBe('function');
      expect(() => unsubscribe()).not.toThrow();
    }
  });

  it('builds the accept attribute from filters', () => {
    expect(acceptAttribute([{ name: 'Plans', extensions: ['lockstep'] }, { name: 'CSV', extensions: ['csv', 'lockstep'] }, { name: 'All', extensions: ['*'] }])).toBe('.lockstep,.csv');
  });
});
