/**
 * Per-connection flood control: a token bucket decides whether a frame is handled, and a
 * second, draining "penalty" bucket decides when a client has been dropping frames for
 * long enough that it is abusive rather than bursty and should be disconnected.
 */
export type RateDecision = 'accept' | 'drop' | 'disconnect';

export interface RateLimiter {
  take(nowMs: number): RateDecision;
}

export function createRateLimiter(options: { perSecond: number; burst: number; nowMs: number }): RateLimiter {
  const { perSecond, burst } = options;
  let tokens = burst;
  let penalty = 0;
  let last = options.nowMs;

  return {
    take(nowMs) {
      // A clock that goes backwards (manual change) must not grant or take tokens.
      const elapsedS = Math.max(0, nowMs - last) / 1000;
      last = nowMs;
      tokens = Math.min(burst, tokens + elapsedS * perSecond);
      penalty = Math.max(0, penalty - elapsedS * perSecond);
      if (tokens >= 1) {
        tokens -= 1;
        return 'accept';
      }
      penalty += 1;
      // Exceeding the rate by a whole further burst's worth of frames is not an accident.
      return penalty > burst ? 'disconnect' : 'drop';
    },
  };
}
