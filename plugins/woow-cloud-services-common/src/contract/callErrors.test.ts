import {
  errorOfFailedCall,
  parseRetryAfter,
  retryAfterOf,
  withRetryAfter,
} from './callErrors';

const failed = (status: number, body: unknown, retryAfter?: string) =>
  errorOfFailedCall({
    what: 'helm-operator upgradeRelease',
    status,
    body,
    headers: new Headers(retryAfter ? { 'Retry-After': retryAfter } : {}),
  });

describe('errorOfFailedCall', () => {
  it.each([
    [400, 'InputError'],
    [422, 'InputError'],
    [401, 'AuthenticationError'],
    [403, 'NotAllowedError'],
    [404, 'NotFoundError'],
    [409, 'ConflictError'],
    [423, 'ConflictError'],
    [501, 'NotImplementedError'],
    [500, 'ServiceUnavailableError'],
    [503, 'ServiceUnavailableError'],
  ])('maps %i to %s with the server message', (status, name) => {
    const error = failed(status, {
      error: { name: 'Whatever', message: 'the reason' },
    });
    expect(error).toMatchObject({
      name,
      message: 'helm-operator upgradeRelease: the reason',
      remoteName: 'Whatever',
    });
    expect(error).not.toHaveProperty('statusCode');
  });

  it('keeps the field problems of a 400, and names the status without a body', () => {
    const fields = [{ field: 'name', message: 'is required' }];
    expect(
      failed(400, { error: { name: 'InputError', message: 'bad', fields } }),
    ).toMatchObject({ fields });
    expect(failed(502, 'not json').message).toBe(
      'helm-operator upgradeRelease: HTTP 502',
    );
  });

  it('keeps the delay of a 503 Retry-After, only on a 503', () => {
    expect(retryAfterOf(failed(503, {}, '9'))).toBe(9);
    expect(retryAfterOf(failed(409, {}, '9'))).toBeUndefined();
    expect(retryAfterOf(failed(503, {}))).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads Retry-After as seconds or an HTTP date, bounded', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('0', now)).toBe(1);
    expect(parseRetryAfter('99999', now)).toBe(600);
    expect(parseRetryAfter('Mon, 30 Nov 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('withRetryAfter', () => {
  it('marks an error and reads the mark back', () => {
    expect(retryAfterOf(withRetryAfter(new Error('busy'), 12))).toBe(12);
    expect(
      retryAfterOf(withRetryAfter(new Error('x'), undefined)),
    ).toBeUndefined();
    expect(retryAfterOf(new Error('plain'))).toBeUndefined();
  });
});
