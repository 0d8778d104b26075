/**
 * The identity releases run as: the ServiceAccount `paas-deployer` of each
 * workspace namespace, bound (RoleBinding, that namespace only) to the
 * ClusterRole `paas-deployer` of deploy/operator/deployer-clusterrole.yaml.
 * helm and the operator's own namespaced writes impersonate it, so the API
 * server refuses anything outside the namespace or cluster-scoped.
 */
export const DEPLOYER_SERVICE_ACCOUNT = 'paas-deployer';
export const DEPLOYER_CLUSTER_ROLE = 'paas-deployer';
export const DEPLOYER_ROLE_BINDING = 'paas-deployer';
export const NETWORK_POLICY_NAME = 'workspace-isolation';

/** The user name the API server gives the deployer ServiceAccount of `namespace`. */
export function deployerUser(namespace: string): string {
  return `system:serviceaccount:${namespace}:${DEPLOYER_SERVICE_ACCOUNT}`;
}

const NAMESPACED_PATH =
  /^\/(?:api\/[^/]+|apis\/[^/]+\/[^/]+)\/namespaces\/([^/]+)\/[^/]+/;

/**
 * The namespace of a namespaced API path (`/api/v1/namespaces/ns/configmaps`,
 * `/apis/g/v/namespaces/ns/leases/x`); undefined for cluster-wide paths and
 * for the Namespace object itself (`/api/v1/namespaces/ns`).
 */
export function namespaceOfApiPath(pathname: string): string | undefined {
  return NAMESPACED_PATH.exec(pathname)?.[1];
}
