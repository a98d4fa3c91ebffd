import { describe, expect, it } from 'vitest';
import { insightCaptureEn, insightCaptureErrorsEn } from '../../../../../renderer/features/insights/messages';
import { insightCaptureErrorsFi, insightCaptureFi } from '../../../../../renderer/features/insights/messages.fi';
import { insightCaptureErrorsNl, insightCaptureNl } from '../../../../../renderer/features/insights/messages.nl';
import { en, fi, nl } from '../../../../../renderer/i18n';

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted.key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`)));
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

// Words that are the same in every language (product name, key names).
const SAME_EVERYWHERE = new Set(['Plan']);

describe('quick capture and insight edit strings', () => {
  for (const [lang, strings, errors] of [
    ['nl', insightCaptureNl, insightCaptureErrorsNl],
    ['fi', insightCaptureFi, insightCaptureErrorsFi],
  ] as const) {
    it(`${lang}: same keys and placeholders as English, and really translated`, () => {
      const english = new Map([...leaves(insightCaptureEn), ...leaves(insightCaptureErrorsEn)]);
      const translated = new Map([...leaves(strings), ...leaves(errors)]);
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of translated) {
        const source = english.get(key) ?? '';
        expect(text.trim(), `${lang} ${key} is empty`).not.toBe('');
        expect(placeholders(text), `${lang} ${key} placeholders`).toEqual(placeholders(source));
        if (!SAME_EVERYWHERE.has(source)) expect(text, `${lang} ${key} is an English copy`).not.toBe(source);
      }
    });
  }

  it('are wired into every locale (strings and error codes)', () => {
    for (const [locale, strings, errors] of [
      [en, insightCaptureEn, insightCaptureErrorsEn],
      [nl, insightCaptureNl, insightCaptureErrorsNl],
      [fi, insightCaptureFi, insightCaptureErrorsFi],
    ] as const) {
      expect(locale.quickCapture).toEqual(strings.quickCapture);
      expect(locale.insightEdit).toEqual(strings.insightEdit);
      expect(locale.error).toMatchObject(errors);
    }
  });
});
