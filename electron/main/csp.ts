/**
 * Content-Security-Policy for every app:// response. No 'unsafe-eval' and no inline
 * scripts. style-src allows inline styles because TipTap and Radix inject <style> elements
 * at runtime; styles cannot run code. connect-src allows ws:/wss: because y-webrtc talks
 * to whatever signaling server the plan's invite names (LAN workshop servers included).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
