import { err, ok, type Result } from '../../../shared/result';

/**
 * Money is stored as integer minor units (cents) so that sums never drift, with the currency
 * next to it. 10^12 cents is ten billion euros: anything above is a typo or a hostile peer.
 */
export const MAX_AMOUNT = 1_000_000_000_000;
export const DEFAULT_CURRENCY = 'EUR';

export function validateAmount(value: unknown): Result<number> {
  if (typeof value !== 'number' || Number.isNaN(value)) return err('money/not-a-number', 'That is not an amount.');
  if (!Number.isFinite(value) || value > MAX_AMOUNT) return err('money/too-large', 'That amount is too large to be a real price.');
  if (value < 0) return err('money/negative', 'A price cannot be negative.');
  if (!Number.isInteger(value)) return err('money/fraction', 'Amounts are stored in whole cents.');
  return ok(value);
}

/** Reading side: anything that is not a valid amount becomes null rather than a wrong number. */
export function readAmount(value: unknown): number | null {
  return validateAmount(value).ok ? (value as number) : null;
}

let knownCurrencies: ReadonlySet<string> | null = null;
function currencies(): ReadonlySet<string> {
  if (!knownCurrencies) {
    // supportedValuesOf exists in every engine we ship on; the fallback keeps tests in odd runtimes honest.
    const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['EUR', 'USD', 'GBP', 'SEK', 'NOK', 'DKK', 'CHF'];
    knownCurrencies = new Set(list);
  }
  return knownCurrencies;
}

export function validateCurrency(value: unknown): Result<string> {
  if (typeof value !== 'string' || value.trim() === '') return err('money/currency-missing', 'Choose a currency for this offer.');
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !currencies().has(code)) return err('money/currency-unknown', `"${value.slice(0, 20)}" is not a currency code Lockstep knows (for example EUR).`);
  return ok(code);
}

export function readCurrency(value: unknown, fallback: string): string {
  const checked = validateCurrency(value);
  return checked.ok ? checked.value : fallback;
}

/**
 * Parses what a person typed ("30.000", "30 000,50", "€ 4,000.00") in their locale into cents.
 * The locale decides which of `.` and `,` is the decimal mark; the other is a grouping mark.
 */
export function parseMoneyInput(input: string, locale: string): Result<number> {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const cleaned = input.replace(/[\s\u00a0\u202f'’]/g, '').replace(/[^\d.,-]/g, '');
  if (cleaned === '' || !/\d/.test(cleaned)) return err('money/not-a-number', 'That is not an amount.');
  if (cleaned.includes('-')) return err('money/negative', 'A price cannot be negative.');
  const other = decimal === ',' ? '.' : ',';
  const normalised = cleaned.split(other).join('').replace(decimal, '.');
  if (!/^\d+(\.\d{0,2})?$/.test(normalised)) return err('money/not-a-number', 'That is not an amount (at most two decimals).');
  const [whole = '0', fraction = ''] = normalised.split('.');
  if (whole.length > 13) return err('money/too-large', 'That amount is too large to be a real price.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return validateAmount(cents);
}
