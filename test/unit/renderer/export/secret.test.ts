import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { base64UrlEncode, formatShortCode } from '../../../../shared/invite';
import { readDocSecret, writeDocSecret } from '../../../../renderer/collab/docSecret';
import { ROOTS } from '../../../../renderer/domain';
import { exportInput, planToMarkdown, printableDocument, registerExportSection, translator } from '../../../../renderer/export';
import { createI18n } from '../../../../renderer/i18n';
import { richPlan } from '../../../support/richPlan';

const secret = Uint8Array.from({ length: 16 }, (_, i) => (i * 29 + 7) & 0xff);
const hex = [...secret].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('readable exports never carry the room secret', () => {
  it('Markdown and the printable page hold no form of it, even when a section dumps the document meta', async () => {
    const { doc } = richPlan();
    writeDocSecret(doc, { secret: base64UrlEncode(secret), at: 1, by: 'Ada' });
    // A careless contributor that prints everything under meta: it must see a copy without the secret.
    const dump = registerExportSection('meta-dump', (d: Y.Doc) => {
      const meta = JSON.stringify(d.getMap(ROOTS.meta).toJSON());
      return { id: 'meta-dump', heading: 'Meta', markdown: meta, html: meta };
    });
    try {
      const i18n = await createI18n('en');
      const input = exportInput(doc, { t: translator(i18n), language: 'en', exportedAt: 0 });
      const code = formatShortCode(secret);
      if (!code.ok) throw new Error(code.error.message);
      const outputs = [planToMarkdown(input), printableDocument(input)];
      // The dump really ran (the test could see a leak) and the plan is all there.
      for (const out of outputs) {
        expect(out).toContain('plan-rich');
        expect(out).toContain('Sensor kit launch');
        for (const form of [base64UrlEncode(secret), hex, Buffer.from(secret).toString('base64'), code.value, 'shareSecret', 'lockstep://join']) {
          expect(out.includes(form), `found ${form}`).toBe(false);
        }
      }
      // The live plan is untouched.
      expect(readDocSecret(doc)?.secret).toBe(base64UrlEncode(secret));
    } finally {
      dump();
    }
  });
});
