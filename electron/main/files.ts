import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { err, ok } from '../../shared/result';
import type { Result } from '../../shared/result';
import type { OpenedFile } from '../../shared/ipc/contract';

/**
 * Largest file the app reads or writes through the host. A plan file is a Yjs document plus
 * a manifest; 64 MiB is far beyond any real plan and keeps a stray video or disk image from
 * being pulled into memory and across IPC.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const MIB = 1024 * 1024;

function tooLarge(bytes: number): Result<never> {
  return err(
    'file/too-large',
    `That file is ${(bytes / MIB).toFixed(1)} MiB; Lockstep only opens files up to ${MAX_FILE_BYTES / MIB} MiB.`,
  );
}

/**
 * Reads a file after checking its size on the open handle, so a file that grows between
 * the check and the read is still bounded (never reads more than the limit + 1 byte).
 */
export async function readFileWithLimit(filePath: string, limit = MAX_FILE_BYTES): Promise<Result<OpenedFile>> {
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch {
    return err('file/unreadable', `Lockstep could not open ${path.basename(filePath)}.`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return err('file/not-a-file', `${path.basename(filePath)} is not a file.`);
    if (info.size > limit) return tooLarge(info.size);
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return tooLarge(total);
      if (total === buffer.length) break;
    }
    if (total !== info.size) return err('file/changed', `${path.basename(filePath)} changed while Lockstep was reading it. Try again.`);
    return ok({ name: path.basename(filePath), bytes: new Uint8Array(buffer.subarray(0, total)) });
  } catch {
    return err('file/unreadable', `Lockstep could not read ${path.basename(filePath)}.`);
  } finally {
    await handle.close();
  }
}

export async function writeFileWithLimit(
  filePath: string,
  content: string | Uint8Array,
  limit = MAX_FILE_BYTES,
): Promise<Result<{ path: string }>> {
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > limit) {
    return err('file/too-large', `The export is ${(size / MIB).toFixed(1)} MiB, over the ${MAX_FILE_BYTES / MIB} MiB limit.`);
  }
  try {
    await writeFile(filePath, content);
    return ok({ path: filePath });
  } catch {
    return err('file/write-failed', `Lockstep could not write ${path.basename(filePath)}. Check the folder exists and you may write to it.`);
  }
}
