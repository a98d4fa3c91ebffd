import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffHunk, writeText } from '../../../../renderer/domain/text';
import { makeRng } from '../../../support/rng';

/** A field as a hostile or broken peer can leave it: text plus content toString() does not show. */
function fieldWithHiddenContent(text: string, hiddenAt: number[]): { map: Y.Map<unknown>; field: Y.Text } {
  const doc = new Y.Doc();
  const map = doc.getMap<unknown>('brief');
  const field = new Y.Text(text);
  map.set('objective', field);
  // From the end, so earlier positions stay string positions.
  for (const at of [...hiddenAt].sort((a, b) => b - a)) field.insertEmbed(at, { hostile: true });
  return { map, field };
}

describe('writeText', () => {
  it('writes exactly the typed string when the field holds content toString() leaves out', () => {
    for (const hiddenAt of [[0], [4], [15], [0, 4, 15], [7, 7]]) {
      const { map, field } = fieldWithHiddenContent('local edit 8000', hiddenAt);
      expect(field.length, `hidden at ${hiddenAt.join(',')}`).toBe(15 + hiddenAt.length);
      for (const next of ['local edit 8000 | local edit 8500', 'local 8000 | local edit 8500', 'X local 8000 | edit 8500!', '', 'again']) {
        writeText(map, 'objective', next);
        expect(field.toString(), `hidden at ${hiddenAt.join(',')}, writing "${next}"`).toBe(next);
      }
    }
  });

  it('turns any string into any other in one hunk, with or without hidden content (seeded)', () => {
    const seed = 20261207;
    const rnd = makeRng(seed);
    const alphabet = ['a', 'b', ' ', '|', '0', '🚀', 'é'];
    const randomText = () => Array.from({ length: Math.floor(rnd() * 12) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const start = randomText();
      const hidden = rnd() < 0.5 ? [] : [Math.floor(rnd() * (start.length + 1))].filter((at) => at === 0 || !/[\uDC00-\uDFFF]/.test(start[at] ?? ''));
      const { map, field } = fieldWithHiddenContent(start, hidden);
      const next = randomText();
      writeText(map, 'objective', next);
      expect(field.toString(), `seed ${seed}, round ${round}: "${start}" → "${next}"`).toBe(next);
      expect(diffHunk(next, next)).toBeNull();
    }
  });
});
