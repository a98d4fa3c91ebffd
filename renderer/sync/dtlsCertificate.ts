/**
 * One DTLS certificate for all of a session's WebRTC connections, made while the session
 * starts. Otherwise every RTCPeerConnection generates its own key pair when it is created —
 * for a joiner, in the middle of answering the first offer. The certificate is put into the
 * RTCConfiguration object that y-webrtc hands to simple-peer for each new connection (it
 * passes the same object on), so connections created before it is ready simply make their
 * own, as before. Certificates expire (30 days by default); it is renewed a day before.
 */
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;
const KEY: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

export class SharedCertificate {
  private renewing = false;

  constructor(private readonly config: RTCConfiguration) {}

  /** Starts making a certificate (or a new one when the current one expires within a day). */
  renewIfDue(now: number = Date.now()): void {
    const current = this.config.certificates?.[0];
    if (this.renewing || (current !== undefined && current.expires - now > RENEW_BEFORE_MS)) return;
    const generate = globalThis.RTCPeerConnection?.generateCertificate;
    if (typeof generate !== 'function') return;
    this.renewing = true;
    generate.call(globalThis.RTCPeerConnection, KEY).then(
      (certificate) => {
        this.renewing = false;
        this.config.certificates = [certificate];
      },
      () => {
        // Connections then make their own certificate, as without this class.
        this.renewing = false;
      },
    );
  }
}
