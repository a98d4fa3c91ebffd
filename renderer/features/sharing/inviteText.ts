import type { TFunction } from 'i18next';
import { formatBrowserLink, formatInviteLink, formatShortCode } from '../../../shared/invite';
import type { AppError } from '../../../shared/result';
import { secretBytes, type ShareData } from '../../collab/shareData';

export interface InviteTexts {
  link: string;
  browserLink: string | null;
  code: string;
  /** The first meeting address, shown next to the code. */
  address: string | null;
}

/** The three forms of a shared plan's invite. `browserBase` is where browser participants open the app. */
export function inviteTexts(planId: string, share: ShareData, signalingUrls: readonly string[], browserBase: string | null): InviteTexts | null {
  const secret = secretBytes(share);
  if (secret === null) return null;
  const fields = { planId, secret, signaling: signalingUrls.slice(0, 8) };
  const link = formatInviteLink(fields);
  const code = formatShortCode(secret);
  if (!link.ok || !code.ok) return null;
  const browser = browserBase === null ? null : formatBrowserLink(browserBase, fields);
  return { link: link.value, code: code.value, browserLink: browser?.ok ? browser.value : null, address: signalingUrls[0] ?? null };
}

/** A garbled invite in plain words, in the user's language. */
export function inviteErrorText(error: AppError, t: TFunction): string {
  const known = ['invite/empty', 'invite/unrecognised', 'invite/checksum', 'invite/version'];
  if (known.includes(error.code)) return t(`collab.inviteError.${error.code}`);
  return t('collab.inviteError.other', { message: error.message });
}
