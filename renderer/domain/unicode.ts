/**
 * Yjs stores and sends strings as UTF-8, so a lone UTF-16 surrogate (half of an emoji, e.g.
 * from a cut at a length limit) reaches every other peer — and this peer after a reload — as
 * U+FFFD, while the writer's memory still holds the half. Read models normalise the same way,
 * so every peer shows the same text (found by the convergence harness, test/sync).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `value` with every lone surrogate replaced by U+FFFD, as a UTF-8 round trip would. */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

export const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
export const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
