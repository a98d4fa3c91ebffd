/**
 * What the server may say about its traffic. Room names are derived from plan secrets, and
 * frames carry session descriptions, so the transcript holds only counts, connection
 * numbers and topic ids hashed with a salt that lives and dies with the server: two lines
 * about the same topic can be correlated, but a topic cannot be recovered or guessed from
 * the log.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Transcript {
  line(text: string): void;
  topicId(topic: string): string;
}

export function createTranscript(onLog: ((line: string) => void) | undefined): Transcript {
  const salt = randomBytes(16);
  return {
    line(text) {
      if (!onLog) return;
      try {
        onLog(text);
      } catch {
        // A failing log sink must not take the server down with it.
      }
    },
    topicId(topic) {
      return 't:' + createHash('sha256').update(salt).update(topic, 'utf8').digest('hex').slice(0, 10);
    },
  };
}
