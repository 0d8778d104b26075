import { InputError, NotAllowedError } from '@backstage/errors';
import {
  dnsLabelSchema,
  MAX_RELEASE_NAME_LENGTH,
  namespaceFor,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';

/** A namespace and release the fence let through. */
export interface FencedRelease {
  namespace: string;
  releaseName: string;
}

function dnsLabelProblem(value: string): string | undefined {
  const parsed = dnsLabelSchema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0].message;
}

/**
 * The namespace and name rules of the operator. Every route passes its
 * namespace and release through here before anything calls helm or the
 * Kubernetes API, so a refused request changes nothing.
 *
 * - not a DNS-1123 label, or a release longer than 53 characters: 400
 * - a namespace without the configured prefix (default `paas-ws-`): 403
 * - a release not named `<namespace>-<something>`: 403 (it would escape the
 *   naming convention that ties releases to their workspace)
 */
export class Fence {
  constructor(private readonly prefix: string) {}

  /** Whether a namespace has the prefix (and more): one the operator may act in. */
  contains(namespace: string): boolean {
    return (
      namespace.startsWith(this.prefix) && namespace.length > this.prefix.length
    );
  }

  namespace(namespace: string): string {
    const problem = dnsLabelProblem(namespace);
    if (problem) {
      throw new InputError(`Invalid namespace "${namespace}": ${problem}`);
    }
    if (!this.contains(namespace)) {
      throw new NotAllowedError(
        `Namespace "${namespace}" is outside the operator's namespaces (${this.prefix}*)`,
      );
    }
    return namespace;
  }

  release(namespace: string, releaseName: string): FencedRelease {
    this.namespace(namespace);
    const problem = dnsLabelProblem(releaseName);
    if (problem) {
      throw new InputError(`Invalid release name "${releaseName}": ${problem}`);
    }
    if (releaseName.length > MAX_RELEASE_NAME_LENGTH) {
      throw new InputError(
        `Invalid release name "${releaseName}": must be at most ${MAX_RELEASE_NAME_LENGTH} characters`,
      );
    }
    if (
      !releaseName.startsWith(`${namespace}-`) ||
      releaseName.length === namespace.length + 1
    ) {
      throw new NotAllowedError(
        `Release "${releaseName}" must be named "${namespace}-<referenceId>" in namespace "${namespace}"`,
      );
    }
    return { namespace, releaseName };
  }

  /** The namespace of a workspace; 400 when the result is not a valid namespace name. */
  workspaceNamespace(workspaceId: string): string {
    const namespace = namespaceFor(workspaceId, this.prefix);
    const problem = dnsLabelProblem(namespace);
    if (problem) {
      throw new InputError(
        `Invalid workspaceId "${workspaceId}": namespace "${namespace}" ${problem}`,
      );
    }
    return this.namespace(namespace);
  }
}
