import { describe, expect, it } from 'vitest';
import { mapPosition } from '../../../../renderer/ui/Field';

describe('mapPosition keeps the caret in place when a colleague edits the same text', () => {
  it('shifts a caret after a remote insertion before it', () => {
    expect(mapPosition('hello world', 'oh hello world', 8)).toBe(11);
  });
  it('leaves a caret before a remote change alone', () => {
    expect(mapPosition('hello world', 'hello big world', 3)).toBe(3);
  });
  it('moves a caret inside a removed range to where the range was', () => {
    expect(mapPosition('hello big world', 'hello world', 8)).toBe(6);
  });
  it('follows a remote deletion before it', () => {
    expect(mapPosition('abc def', 'def', 6)).toBe(2);
  });
});
