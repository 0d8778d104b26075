import { NotAllowedError } from '@backstage/errors';
import { parseAllDocuments } from 'yaml';

/**
 * Cluster-scoped kinds and cluster-wide hooks into the API server: a
 * workspace release may not contain them. The deployer ServiceAccount could
 * not create them anyway (the API server is the first guard); refusing them
 * here says why, before anything is applied.
 */
const CLUSTER_SCOPED_KINDS: readonly string[] = [
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'APIService',
  'PriorityClass',
  'StorageClass',
  'PersistentVolume',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'RuntimeClass',
  'IngressClass',
  'Node',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
];

/** Kinds a workspace release may not contain (helmOperator.deniedKinds' default). */
export const DEFAULT_DENIED_KINDS: readonly string[] = [
  ...CLUSTER_SCOPED_KINDS,
  // Namespaced, but the workspace's own limits: a tenant must not lift them.
  'ResourceQuota',
  'LimitRange',
];

export interface ManifestPolicyOptions {
  /** Kinds refused anywhere in a release (helmOperator.deniedKinds). */
  deniedKinds: readonly string[];
  /** Objects the operator itself manages in every workspace namespace (kind -> names). */
  reserved: ReadonlyArray<{ kind: string; name: string }>;
  /** The ServiceAccount helm runs as: no workload may run as it. */
  deployerServiceAccount: string;
}

interface RenderedObject {
  kind?: string;
  apiVersion?: string;
  metadata?: { name?: string; namespace?: string; annotations?: any };
  type?: string;
  items?: unknown[];
  spec?: any;
}

export interface RenderedRelease {
  /** The release's manifest (helm's `manifest` field). */
  manifest: string;
  /** Its hooks (helm's `hooks[].manifest`), checked like the rest. */
  hooks: string[];
}

function objectsOf(text: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJSON() as RenderedObject | null;
    if (!value || typeof value !== 'object') continue;
    // helm applies the items of a List one by one: so are they checked.
    if (/List$/.test(value.kind ?? '') && Array.isArray(value.items)) {
      out.push(...(value.items as RenderedObject[]).filter(Boolean));
    } else {
      out.push(value);
    }
  }
  return out;
}

/** The pod spec of a Pod or of a workload's template (CronJob: two levels down). */
function podSpecOf(obj: RenderedObject): any {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob')
    return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

/**
 * The operator's check of what a release would apply: every object (hooks
 * included) in the release's namespace, no kind of the deny list, none of the
 * operator's own objects, no workload running as the deployer. A refusal is
 * a 403 naming the object and the rule; nothing has been applied then.
 */
export class ManifestPolicy {
  private readonly denied: Set<string>;

  constructor(private readonly opts: ManifestPolicyOptions) {
    this.denied = new Set(opts.deniedKinds);
  }

  check(namespace: string, release: string, rendered: RenderedRelease): void {
    const objects = [
      { where: 'manifest', text: rendered.manifest },
      ...rendered.hooks.map(text => ({ where: 'hook', text })),
    ].flatMap(({ where, text }) =>
      objectsOf(text).map(obj => ({ where, obj })),
    );
    // A denied kind first, wherever it stands: it is the root of what else
    // is wrong (a chart's own Namespace, then its objects placed in it).
    const found =
      objects.find(({ obj }) => this.denied.has(obj.kind ?? '')) ??
      objects.find(({ obj }) => this.violation(namespace, obj));
    if (!found) return;
    const { where, obj } = found;
    const kind = obj.kind ?? '(no kind)';
    const name = obj.metadata?.name ?? '(unnamed)';
    const location =
      obj.metadata?.namespace === undefined &&
      CLUSTER_SCOPED_KINDS.includes(kind)
        ? 'cluster-scoped'
        : `namespace "${obj.metadata?.namespace ?? namespace}"`;
    throw new NotAllowedError(
      `Release "${release}" was refused before anything was applied: ${
        where === 'hook' ? 'hook ' : ''
      }${kind} "${name}" (${location}) ${this.violation(namespace, obj)}`,
    );
  }

  private violation(namespace: string, obj: RenderedObject): string | null {
    const kind = obj.kind ?? '';
    const objNamespace = obj.metadata?.namespace;
    if (this.denied.has(kind)) {
      return `is of kind ${kind}, which workspace releases may not contain (helmOperator.deniedKinds)`;
    }
    if (objNamespace !== undefined && objNamespace !== namespace) {
      return `is outside the release's namespace "${namespace}": releases may only create objects in their own namespace`;
    }
    const name = obj.metadata?.name;
    if (this.opts.reserved.some(r => r.kind === kind && r.name === name)) {
      return 'is managed by the operator for the workspace and may not be replaced by a release';
    }
    const sa = this.opts.deployerServiceAccount;
    if (
      kind === 'Secret' &&
      obj.type === 'kubernetes.io/service-account-token' &&
      obj.metadata?.annotations?.['kubernetes.io/service-account.name'] === sa
    ) {
      return `would hold a token of the deployer ServiceAccount "${sa}"`;
    }
    const pod = podSpecOf(obj);
    if (pod && typeof pod === 'object' && pod.serviceAccountName === sa) {
      return `would run as the deployer ServiceAccount "${sa}"`;
    }
    return null;
  }
}
