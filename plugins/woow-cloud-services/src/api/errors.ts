/**
 * Thrown when the backend does not answer in time. The message says so in
 * plain words, because an endless spinner is what users report as "broken".
 */
export class RequestTimeoutError extends Error {
  readonly name = 'RequestTimeoutError';

  constructor(method: string, path: string, timeoutMs: number) {
    super(
      `The Cloud Services backend did not answer within ${Math.round(
        timeoutMs / 1000,
      )} seconds (${method} ${path}). It may be busy or unreachable; try again in a moment.`,
    );
  }
}

interface SchemaIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * The backend answered, but not in the shape the shared contract says. Names
 * the request and the first few problems instead of dumping a zod error.
 */
export class UnexpectedResponseError extends Error {
  readonly name = 'UnexpectedResponseError';

  constructor(method: string, path: string, issues: SchemaIssue[]) {
    const details = issues
      .slice(0, 3)
      .map(i => `${i.path.map(String).join('.') || '(response)'}: ${i.message}`)
      .join('; ');
    super(
      `The Cloud Services backend sent an unexpected response to ${method} ${path} (${details}). The frontend and backend versions may not match.`,
    );
  }
}
