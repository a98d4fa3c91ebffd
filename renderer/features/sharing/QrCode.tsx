import { useEffect, useState } from 'react';

/** The invite as a QR code image (rendered locally by `qrcode`; nothing leaves the device). */
export function QrCode({ text, label, size = 184 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    // Loaded on first use: the encoder is only needed while an invite is on screen.
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: size }))
      .then(
      (url) => !cancelled && setSrc(url),
      () => !cancelled && setSrc(null),
    );
    return () => {
      cancelled = true;
    };
  }, [text, size]);
  return src === null ? <div className="collab-qr collab-qr--empty" style={{ width: size, height: size }} /> : <img className="collab-qr" src={src} alt={label} width={size} height={size} data-testid="share-qr" />;
}
