import { FakeWebContents } from './electron';

/** An IpcMainInvokeEvent as Electron would build it for a given sender and frame. */
export function invokeEvent(options: { sender?: FakeWebContents; url?: string; subframe?: boolean; noFrame?: boolean } = {}) {
  const sender = options.sender ?? new FakeWebContents();
  const top = { url: options.url ?? 'app://lockstep/index.html', parent: null };
  const frame = options.subframe ? { url: options.url ?? 'app://lockstep/index.html', parent: top } : top;
  return { sender, senderFrame: options.noFrame ? null : frame, processId: 1, frameId: 1 };
}
