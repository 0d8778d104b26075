import { LoggerService } from '@backstage/backend-plugin-api';
import { V1ClusterRole, V1PolicyRule } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { DEPLOYER_CLUSTER_ROLE } from './deployer';
import { KubeClients } from './KubeClients';
import { isConflict, kubeMessage, kubeStatusCode } from './kubeErrors';
import { managedLabels, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './labels';

const ALL = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const READ = ['get', 'list', 'watch'];

/**
 * The rules of the ClusterRole `paas-deployer`, as shipped in
 * deploy/operator/deployer-clusterrole.yaml (a test keeps the two equal; the
 * YAML explains each rule).
 */
export const DEPLOYER_RULES: V1PolicyRule[] = parse(`
- apiGroups: ['']
  resources: [configmaps, secrets, services, serviceaccounts, persistentvolumeclaims, pods]
  verbs: [${ALL}, deletecollection]
- apiGroups: ['']
  resources: [pods/exec]
  verbs: [${ALL}, deletecollection]
- apiGroups: ['']
  resources: [pods/log, events, endpoints, resourcequotas, limitranges]
  verbs: [${READ}]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [${READ}]
- apiGroups: [apps]
  resources: [deployments, statefulsets, daemonsets]
  verbs: [${ALL}]
- apiGroups: [apps]
  resources: [replicasets, controllerrevisions]
  verbs: [${READ}]
- apiGroups: [batch]
  resources: [jobs, cronjobs]
  verbs: [${ALL}]
- apiGroups: [autoscaling]
  resources: [horizontalpodautoscalers]
  verbs: [${ALL}]
- apiGroups: [policy]
  resources: [poddisruptionbudgets]
  verbs: [${ALL}]
- apiGroups: [networking.k8s.io]
  resources: [ingresses, networkpolicies]
  verbs: [${ALL}]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [${ALL}]
- apiGroups: [coordination.k8s.io]
  resources: [leases]
  verbs: [${ALL}]
- apiGroups: [monitoring.coreos.com]
  resources: [servicemonitors, podmonitors, prometheusrules]
  verbs: [${ALL}]
`);

function sameRules(a: V1PolicyRule[] = [], b: V1PolicyRule[] = []) {
  const key = (rules: V1PolicyRule[]) =>
    JSON.stringify(
      rules.map(r => [r.apiGroups, r.resources, r.verbs, r.resourceNames]),
    );
  return key(a) === key(b);
}

/**
 * Where the operator may (development, tests: admin credentials) it creates
 * the deployer ClusterRole, and keeps one it created up to date. In
 * production deploy/operator ships it and the operator, without rights on
 * ClusterRoles, leaves it alone: a role an administrator extended is never
 * overwritten (only one labelled as made by the operator is).
 */
export async function ensureDeployerRole(
  kube: KubeClients,
  logger: LoggerService,
): Promise<void> {
  const body: V1ClusterRole = {
    metadata: { name: DEPLOYER_CLUSTER_ROLE, labels: managedLabels() },
    rules: DEPLOYER_RULES,
  };
  try {
    await kube.rbac.createClusterRole({ body });
    logger.info(`Created ClusterRole ${DEPLOYER_CLUSTER_ROLE}`);
    return;
  } catch (e) {
    if (!isConflict(e)) {
      logger.info(
        `ClusterRole ${DEPLOYER_CLUSTER_ROLE} not created by the operator (HTTP ${kubeStatusCode(
          e,
        )}): it must come from deploy/operator`,
      );
      return;
    }
  }
  try {
    const existing = await kube.rbac.readClusterRole({
      name: DEPLOYER_CLUSTER_ROLE,
    });
    const ours =
      existing.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
    if (ours && !sameRules(existing.rules, DEPLOYER_RULES)) {
      body.metadata!.resourceVersion = existing.metadata?.resourceVersion;
      await kube.rbac.replaceClusterRole({
        name: DEPLOYER_CLUSTER_ROLE,
        body,
      });
      logger.info(`Updated ClusterRole ${DEPLOYER_CLUSTER_ROLE}`);
    }
  } catch (e) {
    logger.warn(
      `ClusterRole ${DEPLOYER_CLUSTER_ROLE} could not be checked: ${kubeMessage(
        e,
      )}`,
    );
  }
}
