import { parseRetryAfter, retryAfterOf, withRetryAfter } from './operatorBusy';

describe('operatorBusy', () => {
  it('reads Retry-After as seconds or an HTTP date, bounded', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('0', now)).toBe(1);
    expect(parseRetryAfter('99999', now)).toBe(600);
    expect(parseRetryAfter('Mon, 30 Nov 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('marks an error and reads the mark back', () => {
    const busy = withRetryAfter(new Error('busy'), 12);
    expect(retryAfterOf(busy)).toBe(12);
    expect(retryAfterOf(withRetryAfter(new Error('x'), undefined))).toBe(
      undefined,
    );
    expect(retryAfterOf(new Error('plain'))).toBeUndefined();
  });
});
