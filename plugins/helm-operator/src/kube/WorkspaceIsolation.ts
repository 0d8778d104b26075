import {
  V1NetworkPolicy,
  V1NetworkPolicyPeer,
  V1RoleBinding,
  V1ServiceAccount,
} from '@kubernetes/client-node';
import { NetworkPolicyOptions, PodSecurityOptions } from '../config';
import {
  DEPLOYER_CLUSTER_ROLE,
  DEPLOYER_ROLE_BINDING,
  DEPLOYER_SERVICE_ACCOUNT,
  NETWORK_POLICY_NAME,
} from './deployer';
import { KubeClients } from './KubeClients';
import { isConflict, isNotFound, kubeErrorToSafe } from './kubeErrors';
import { managedLabels } from './labels';

/** Pod Security Admission labels of a workspace namespace. */
export function podSecurityLabels(
  opts: PodSecurityOptions,
): Record<string, string> {
  const psa = 'pod-security.kubernetes.io';
  return {
    [`${psa}/enforce`]: opts.enforce,
    [`${psa}/enforce-version`]: 'latest',
    [`${psa}/warn`]: opts.warn,
    [`${psa}/warn-version`]: 'latest',
    [`${psa}/audit`]: opts.audit,
    [`${psa}/audit-version`]: 'latest',
  };
}

/** Ingress only from the namespace itself and the listed namespaces (by their name label). */
export function networkPolicySpec(
  opts: NetworkPolicyOptions,
): V1NetworkPolicy['spec'] {
  const from: V1NetworkPolicyPeer[] = [
    { podSelector: {} },
    ...opts.allowFromNamespaces.map(name => ({
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': name },
      },
    })),
    ...opts.allowFromNamespaceLabels.map(matchLabels => ({
      namespaceSelector: { matchLabels },
    })),
  ];
  return {
    podSelector: {},
    policyTypes: ['Ingress'],
    ingress: [{ _from: from }],
  };
}

export interface WorkspaceIsolationOptions {
  networkPolicy: NetworkPolicyOptions;
}

/**
 * The Kubernetes-enforced part of a workspace namespace: the deployer
 * ServiceAccount helm impersonates, its RoleBinding (this namespace only) to
 * the ClusterRole `paas-deployer`, and the NetworkPolicy `workspace-isolation`.
 * Each step is idempotent; a namespace made before this existed gets them on
 * its next ensure.
 */
export class WorkspaceIsolation {
  constructor(
    private readonly kube: KubeClients,
    private readonly opts: WorkspaceIsolationOptions,
  ) {}

  async ensure(namespace: string): Promise<void> {
    await this.ensureServiceAccount(namespace);
    await this.ensureRoleBinding(namespace);
    if (this.opts.networkPolicy.enabled)
      await this.ensureNetworkPolicy(namespace);
  }

  private async ensureServiceAccount(namespace: string) {
    const body: V1ServiceAccount = {
      metadata: {
        name: DEPLOYER_SERVICE_ACCOUNT,
        namespace,
        labels: managedLabels(),
      },
      // Impersonated, never used by a pod: no token is mounted anywhere.
      automountServiceAccountToken: false,
    };
    try {
      await this.kube.core.createNamespacedServiceAccount({ namespace, body });
    } catch (e) {
      if (!isConflict(e)) {
        throw kubeErrorToSafe(
          e,
          `Creating ServiceAccount ${DEPLOYER_SERVICE_ACCOUNT} in "${namespace}"`,
        );
      }
    }
  }

  private async ensureRoleBinding(namespace: string) {
    const body: V1RoleBinding = {
      metadata: {
        name: DEPLOYER_ROLE_BINDING,
        namespace,
        labels: managedLabels(),
      },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: DEPLOYER_CLUSTER_ROLE,
      },
      subjects: [
        { kind: 'ServiceAccount', name: DEPLOYER_SERVICE_ACCOUNT, namespace },
      ],
    };
    const what = `Binding ClusterRole ${DEPLOYER_CLUSTER_ROLE} in "${namespace}"`;
    try {
      await this.kube.rbac.createNamespacedRoleBinding({ namespace, body });
      return;
    } catch (e) {
      if (!isConflict(e)) throw kubeErrorToSafe(e, what);
    }
    // roleRef is immutable: a binding changed by hand is put back by delete + create.
    const existing = await this.kube.rbac
      .readNamespacedRoleBinding({ name: DEPLOYER_ROLE_BINDING, namespace })
      .catch(e => Promise.reject(kubeErrorToSafe(e, what)));
    const key = (b: V1RoleBinding) =>
      [
        `${b.roleRef.kind}/${b.roleRef.name}`,
        ...(b.subjects ?? []).map(s => `${s.kind}/${s.namespace}/${s.name}`),
      ].join(',');
    if (key(existing) === key(body)) return;
    try {
      await this.kube.rbac.deleteNamespacedRoleBinding({
        name: DEPLOYER_ROLE_BINDING,
        namespace,
      });
    } catch (e) {
      if (!isNotFound(e)) throw kubeErrorToSafe(e, what);
    }
    await this.kube.rbac
      .createNamespacedRoleBinding({ namespace, body })
      .catch(e =>
        isConflict(e) ? undefined : Promise.reject(kubeErrorToSafe(e, what)),
      );
  }

  private async ensureNetworkPolicy(namespace: string) {
    const body: V1NetworkPolicy = {
      metadata: {
        name: NETWORK_POLICY_NAME,
        namespace,
        labels: managedLabels(),
      },
      spec: networkPolicySpec(this.opts.networkPolicy),
    };
    const what = `Applying NetworkPolicy ${NETWORK_POLICY_NAME} in "${namespace}"`;
    try {
      await this.kube.networking.createNamespacedNetworkPolicy({
        namespace,
        body,
      });
      return;
    } catch (e) {
      if (!isConflict(e)) throw kubeErrorToSafe(e, what);
    }
    // Converge on the configured policy (the allowed namespaces may have changed).
    const existing = await this.kube.networking
      .readNamespacedNetworkPolicy({ name: NETWORK_POLICY_NAME, namespace })
      .catch(e => Promise.reject(kubeErrorToSafe(e, what)));
    if (
      JSON.stringify(existing.spec?.ingress) ===
        JSON.stringify(body.spec?.ingress) &&
      JSON.stringify(existing.spec?.policyTypes) ===
        JSON.stringify(body.spec?.policyTypes)
    ) {
      return;
    }
    body.metadata!.resourceVersion = existing.metadata?.resourceVersion;
    await this.kube.networking
      .replaceNamespacedNetworkPolicy({
        name: NETWORK_POLICY_NAME,
        namespace,
        body,
      })
      .catch(e =>
        isConflict(e) ? undefined : Promise.reject(kubeErrorToSafe(e, what)),
      );
  }
}
