import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { withRetryAfter } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type {
  ReleaseState,
  ReleaseStatusResponse,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { DEFAULT_LIMITS, type CloudServicesSettings } from '../config';
import type { OperatorApi } from '../operator/OperatorClient';
import { TEST_MARKETPLACE_LOCATIONS } from './portalConfig';

/**
 * An in-memory stand-in for the helm-operator, for this module's unit test
 * only (the real operator is exercised by lifecycle.integration.test.ts).
 */
export class FakeOperator implements OperatorApi {
  releases = new Map<
    string,
    {
      revision: number;
      state: ReleaseState;
      problems: ReleaseStatusResponse['problems'];
    }
  >();
  down = false;
  /** Seconds of a busy operator's Retry-After (its mutation queue is full). */
  busyFor?: number;
  /** Releases whose status comes back malformed (no problems list): reconciling them throws. */
  malformed = new Set<string>();
  calls: string[] = [];
  /** Release names in the order they were installed. */
  installed: string[] = [];
  /** How long an install takes (lets concurrent passes overlap). */
  installDelayMs = 0;

  private guard(call: string) {
    this.calls.push(call);
    if (this.down)
      throw new ServiceUnavailableError('helm-operator install: unreachable');
    if (this.busyFor && call === 'install')
      throw withRetryAfter(
        new ServiceUnavailableError('helm-operator install: busy'),
        this.busyFor,
      );
  }
  async listReleases() {
    return { items: [], unreadableNamespaces: [] };
  }
  async getReleaseValues(namespace: string, releaseName: string) {
    return { namespace, releaseName, revision: 1, values: {} };
  }
  async getQuotaUsage(namespace: string) {
    return { namespace, exists: false, hard: {}, used: {} };
  }
  async ensureNamespace(req: { workspaceId: string }) {
    this.guard('ensureNamespace');
    return {
      namespace: `paas-ws-${req.workspaceId}`,
      created: true,
      quota: {} as any,
    };
  }
  async installRelease(req: any) {
    this.guard('install');
    this.installed.push(req.releaseName);
    if (this.installDelayMs) {
      await new Promise(resolve => setTimeout(resolve, this.installDelayMs));
    }
    this.releases.set(req.releaseName, {
      revision: 1,
      state: 'progressing',
      problems: [],
    });
    return {
      namespace: req.namespace,
      releaseName: req.releaseName,
      status: 'deployed' as const,
      revision: 1,
      ingress: null,
    };
  }
  async getRelease(_ns: string, name: string) {
    const r = this.releases.get(name);
    return r ? ({ revision: r.revision } as any) : undefined;
  }
  async upgradeRelease(ns: string, name: string) {
    this.guard('upgrade');
    const r = this.releases.get(name)!;
    r.revision += 1;
    r.state = 'progressing';
    return {
      namespace: ns,
      releaseName: name,
      status: 'deployed' as const,
      revision: r.revision,
      ingress: null,
    };
  }
  async uninstallRelease(ns: string, name: string) {
    this.guard('uninstall');
    const existed = this.releases.delete(name);
    return existed
      ? {
          namespace: ns,
          releaseName: name,
          ingressDeleted: true,
          deletedPvcs: [],
          retainedPvcs: [],
        }
      : undefined;
  }
  async rollbackRelease(ns: string, name: string) {
    return this.upgradeRelease(ns, name);
  }
  async listRevisions() {
    return { namespace: '', releaseName: '', revisions: [] };
  }
  async getNamespaceStatuses(ns: string) {
    this.guard(`namespaceStatus:${ns}`);
    const releases = [...this.releases.keys()]
      .filter(name => name.startsWith(`${ns}-`))
      .map(name => this.statusOf(ns, name)!);
    return { namespace: ns, releases };
  }
  async getStatus(ns: string, name: string) {
    this.guard('status');
    return this.statusOf(ns, name);
  }
  private statusOf(
    ns: string,
    name: string,
  ): ReleaseStatusResponse | undefined {
    const r = this.releases.get(name);
    if (!r) return undefined;
    if (this.malformed.has(name))
      return { namespace: ns, releaseName: name, revision: r.revision } as any;
    return {
      namespace: ns,
      releaseName: name,
      state: r.state,
      helmStatus: ({
        failed: 'failed',
        'pending-operation': 'pending-install',
      }[r.state as string] ??
        'deployed') as ReleaseStatusResponse['helmStatus'],
      revision: r.revision,
      workloads: [],
      pods: [],
      problems: r.problems,
      message: r.state === 'running' ? '' : `workloads ${r.state}`,
    };
  }
  async diffRelease(): Promise<any> {
    throw new Error('not used');
  }
  async getReleaseVolumes(): Promise<any> {
    throw new Error('not used');
  }
  async setIngress(): Promise<any> {
    return {};
  }
  /**
   * What recover finds: an earlier good revision (rolled back to), none (an
   * interrupted first install: uninstalled), or an operation holding the
   * release's lease (409).
   */
  recoverFinds: 'deployed-revision' | 'no-deployed-revision' | 'lease-held' =
    'deployed-revision';
  async recoverRelease(ns: string, name: string) {
    this.guard('recover');
    if (this.recoverFinds === 'lease-held') {
      throw new ConflictError(
        `Another operation (install) on release "${name}" is in progress`,
      );
    }
    if (this.recoverFinds === 'no-deployed-revision') {
      this.releases.delete(name);
      return {
        namespace: ns,
        releaseName: name,
        previousStatus: 'pending-install' as const,
        action: 'uninstalled' as const,
      };
    }
    const r = this.releases.get(name)!;
    r.state = 'running';
    return {
      namespace: ns,
      releaseName: name,
      previousStatus: 'pending-install' as const,
      action: 'rolled-back' as const,
      rolledBackTo: 1,
    };
  }
}

export const reconcilerSettings: CloudServicesSettings = {
  baseDomain: 'example.com',
  marketplaceLocations: TEST_MARKETPLACE_LOCATIONS,
  reconciler: {
    frequencySeconds: 1,
    healthCheckSeconds: 60,
    settleTimeoutSeconds: 600,
    maxAttempts: 3,
  },
  limits: DEFAULT_LIMITS,
  customDomains: {
    dnsServers: [],
    checkFrequencySeconds: 30,
    recheckSeconds: 300,
    reservedDomains: [],
  },
};
