import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { UnprocessableError } from '../errors';
import { sanitizeMessage } from '../sanitize';

/** The HTTP status of a Kubernetes API error (client-node ApiException), if it is one. */
export function kubeStatusCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

export const isNotFound = (e: unknown) => kubeStatusCode(e) === 404;
/** AlreadyExists on create, Conflict (stale resourceVersion) on update. */
export const isConflict = (e: unknown) => kubeStatusCode(e) === 409;

/** The API server's own message (a Status object's `message`), without the headers client-node adds. */
export function kubeMessage(error: unknown): string {
  const body = (error as { body?: unknown })?.body;
  if (typeof body === 'string') {
    try {
      const status = JSON.parse(body) as { message?: string };
      if (status.message) return status.message;
    } catch {
      /* not JSON */
    }
    return body;
  }
  if (body && typeof body === 'object' && 'message' in body) {
    return String((body as { message: unknown }).message);
  }
  return (error as Error)?.message ?? String(error);
}

/**
 * Maps a failed Kubernetes API call to an error a caller may see. `what`
 * says what the operator was doing ("creating the Ingress ...").
 */
export function kubeErrorToSafe(error: unknown, what: string): Error {
  const code = kubeStatusCode(error);
  const message = sanitizeMessage(kubeMessage(error));
  if (code === 404) return new NotFoundError(`${what}: ${message}`);
  if (code === 409) return new ConflictError(`${what}: ${message}`);
  if (code === 422 || code === 400)
    return new UnprocessableError(`${what}: ${message}`);
  if (code === undefined || code >= 500) {
    return new ServiceUnavailableError(
      `${what}: the Kubernetes API did not answer (${message})`,
    );
  }
  if (
    code === 403 &&
    /User "system:serviceaccount:[^"]+:paas-deployer" cannot/.test(message)
  ) {
    // The namespace's deployer lacks the right: a namespace made before the
    // deployer existed (or whose binding was removed) until it is ensured again.
    return new ConflictError(
      `${what}: the workspace's deployer ServiceAccount may not do this; ensure the namespace again with POST /namespaces (${message})`,
    );
  }
  // 401/403: the operator's own credentials lack rights: a deployment problem.
  return new ServiceUnavailableError(
    `${what}: the operator is not permitted by the cluster (HTTP ${code}); check its RBAC`,
  );
}
