import { digest } from 'lib0/hash/sha256';
import { z } from 'zod';
import type { Result } from '../../shared/result';

/**
 * The `.lockstep` container, byte for byte (docs/file-format.md is the reference):
 *
 *   offset  size  field
 *   0       8     magic, ASCII "LOCKSTEP"
 *   8       2     container format version, unsigned big-endian (this build writes 1)
 *   10      2     flags, must be 0 in version 1
 *   12      4     manifest length M, unsigned big-endian
 *   16      4     document length D, unsigned big-endian
 *   20      M     manifest: UTF-8 JSON object (see ManifestSchema)
 *   20+M    D     document: one Yjs update (Y.encodeStateAsUpdate, update format v1)
 *
 * The file ends exactly after the document. The manifest repeats D (`docBytes`) and carries the
 * SHA-256 of the document bytes, so a cut or flipped byte is detected before Yjs sees anything.
 * Lengths live in the fixed header so a reader can check them against the real file size before
 * it allocates or parses anything.
 */
export const MAGIC = 'LOCKSTEP';
export const FORMAT_NAME = 'lockstep-plan';
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 20;
/** Same ceiling as the hosts' file dialogs (electron/main/files.ts, renderer/host/browser.ts). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** A manifest is a few hundred bytes; anything near this is not ours. */
export const MAX_MANIFEST_BYTES = 64 * 1024;

const MAGIC_BYTES = new TextEncoder().encode(MAGIC);

export const ManifestSchema = z
  .object({
    format: z.literal(FORMAT_NAME),
    formatVersion: z.number().int().positive(),
    appVersion: z.string().max(50),
    planId: z.string().min(1).max(200),
    title: z.string().max(500),
    exportedAt: z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
    docBytes: z.number().int().nonnegative().max(MAX_FILE_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  // Later versions may add fields; version 1 readers ignore them (strip, not strict).
  .strip();
export type PlanFileManifest = z.infer<typeof ManifestSchema>;

export type PlanFileErrorCode =
  | 'planfile/empty'
  | 'planfile/too-large'
  | 'planfile/not-a-plan-file'
  | 'planfile/newer-version'
  | 'planfile/truncated'
  | 'planfile/damaged'
  | 'planfile/bad-manifest'
  | 'planfile/checksum'
  | 'planfile/unreadable-document'
  | 'planfile/empty-plan';

export interface PlanFileError {
  code: PlanFileErrorCode;
  message: string;
}

const fail = (code: PlanFileErrorCode, message: string): { ok: false; error: PlanFileError } => ({ ok: false, error: { code, message } });

export function sha256Hex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of digest(bytes)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Assembles a container. The caller supplies everything but the two derived manifest fields. */
export function encodeContainer(manifest: Omit<PlanFileManifest, 'docBytes' | 'sha256' | 'format' | 'formatVersion'>, update: Uint8Array): Uint8Array {
  const full: PlanFileManifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    ...manifest,
    docBytes: update.byteLength,
    sha256: sha256Hex(update),
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(full));
  const out = new Uint8Array(HEADER_BYTES + manifestBytes.byteLength + update.byteLength);
  out.set(MAGIC_BYTES, 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, FORMAT_VERSION);
  view.setUint16(10, 0);
  view.setUint32(12, manifestBytes.byteLength);
  view.setUint32(16, update.byteLength);
  out.set(manifestBytes, HEADER_BYTES);
  out.set(update, HEADER_BYTES + manifestBytes.byteLength);
  return out;
}

export interface DecodedContainer {
  manifest: PlanFileManifest;
  update: Uint8Array;
}

function startsWithMagic(bytes: Uint8Array): boolean {
  if (bytes.byteLength < MAGIC_BYTES.byteLength) return false;
  return MAGIC_BYTES.every((b, i) => bytes[i] === b);
}

/**
 * Checks the container only (not the Yjs content). Order matters for the messages people see:
 * first "is this ours at all", then "is it from a newer Lockstep", then "is it complete", and
 * only then the checksum. Never throws, whatever the bytes.
 */
export function decodeContainer(bytes: Uint8Array): Result<DecodedContainer, PlanFileError> {
  if (bytes.byteLength === 0) return fail('planfile/empty', 'This file is empty.');
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return fail('planfile/too-large', `This file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, more than any plan needs. It was not opened.`);
  }
  if (!startsWithMagic(bytes)) {
    return fail('planfile/not-a-plan-file', 'This is not a Lockstep plan file. Choose a file that ends in .lockstep and was exported from Lockstep.');
  }
  if (bytes.byteLength < HEADER_BYTES) return fail('planfile/truncated', 'This plan file is incomplete: it ends inside its header. Export it again.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(8);
  if (version > FORMAT_VERSION) {
    return fail('planfile/newer-version', 'This plan file was made by a newer version of Lockstep. Update Lockstep to open it.');
  }
  if (version === 0) return fail('planfile/damaged', 'This plan file is damaged (its version number is missing).');
  if (view.getUint16(10) !== 0) return fail('planfile/damaged', 'This plan file is damaged (unknown header flags).');
  const manifestLength = view.getUint32(12);
  const docLength = view.getUint32(16);
  if (manifestLength === 0 || manifestLength > MAX_MANIFEST_BYTES) {
    return fail('planfile/damaged', 'This plan file is damaged (its description has an impossible size).');
  }
  if (docLength > MAX_FILE_BYTES) return fail('planfile/damaged', 'This plan file is damaged (its plan has an impossible size).');
  const expected = HEADER_BYTES + manifestLength + docLength;
  if (bytes.byteLength < expected) {
    return fail('planfile/truncated', 'This plan file is incomplete: it was probably cut off while copying or downloading. Export it again.');
  }
  if (bytes.byteLength > expected) {
    return fail('planfile/damaged', 'This plan file is damaged: it has extra data after the plan.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + manifestLength)));
  } catch {
    return fail('planfile/bad-manifest', 'This plan file is damaged: its description cannot be read.');
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) return fail('planfile/bad-manifest', 'This plan file is damaged: its description is not valid.');
  const manifest = parsed.data;
  // The manifest's own version must agree with the header; a mismatch means tampering or damage.
  if (manifest.formatVersion > FORMAT_VERSION) {
    return fail('planfile/newer-version', 'This plan file was made by a newer version of Lockstep. Update Lockstep to open it.');
  }
  if (manifest.formatVersion !== version || manifest.docBytes !== docLength) {
    return fail('planfile/damaged', 'This plan file is damaged: its description does not match its content.');
  }
  // Copy so the caller never holds a view into a buffer it does not own.
  const update = bytes.slice(HEADER_BYTES + manifestLength, expected);
  if (sha256Hex(update) !== manifest.sha256) {
    return fail('planfile/checksum', 'This plan file is damaged: its content does not match its checksum. Export it again from the original.');
  }
  return { ok: true, value: { manifest, update } };
}
