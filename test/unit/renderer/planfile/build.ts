import { FORMAT_NAME, FORMAT_VERSION, HEADER_BYTES, MAGIC, sha256Hex } from '../../../../renderer/planfile';

export interface RawParts {
  magic?: string;
  version?: number;
  flags?: number;
  manifest?: unknown;
  /** Raw manifest bytes instead of JSON.stringify(manifest). */
  manifestBytes?: Uint8Array;
  doc?: Uint8Array;
  manifestLength?: number;
  docLength?: number;
  trailing?: Uint8Array;
}

/** The manifest a correct exporter writes for `doc`. */
export function manifestFor(doc: Uint8Array, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    appVersion: '0.1.0',
    planId: 'plan-rich',
    title: 'Sensor kit launch',
    exportedAt: '2026-11-24T03:00:00.000Z',
    docBytes: doc.byteLength,
    sha256: sha256Hex(doc),
    ...overrides,
  };
}

/** Builds a container byte by byte, so tests can break any part of it on purpose. */
export function rawContainer(parts: RawParts): Uint8Array {
  const doc = parts.doc ?? new Uint8Array();
  const manifestBytes = parts.manifestBytes ?? new TextEncoder().encode(JSON.stringify('manifest' in parts ? parts.manifest : manifestFor(doc)));
  const trailing = parts.trailing ?? new Uint8Array();
  const out = new Uint8Array(HEADER_BYTES + manifestBytes.byteLength + doc.byteLength + trailing.byteLength);
  out.set(new TextEncoder().encode((parts.magic ?? MAGIC).slice(0, 8).padEnd(8, ' ')), 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, parts.version ?? FORMAT_VERSION);
  view.setUint16(10, parts.flags ?? 0);
  view.setUint32(12, (parts.manifestLength ?? manifestBytes.byteLength) >>> 0);
  view.setUint32(16, (parts.docLength ?? doc.byteLength) >>> 0);
  out.set(manifestBytes, HEADER_BYTES);
  out.set(doc, HEADER_BYTES + manifestBytes.byteLength);
  out.set(trailing, HEADER_BYTES + manifestBytes.byteLength + doc.byteLength);
  return out;
}
