import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeClients } from '../kube/KubeClients';

// Charts that try to leave their workspace, written to a temp directory (a
// localChartsDir) by the isolation tests: one template each.

export interface HostileChart {
  name: string;
  templates: Record<string, string>;
}

/** Minimal valid objects of each kind the deny list refuses (cluster-scoped or the workspace's own limits). */
export const DENIED_KIND_OBJECTS: Record<string, string> = {
  Namespace:
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ .Release.Name }}-ns',
  ClusterRole:
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: {{ .Release.Name }}-cr\nrules: []',
  ClusterRoleBinding:
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: {{ .Release.Name }}-crb\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects: []',
  CustomResourceDefinition: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.hostile.example.com
spec:
  group: hostile.example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object}}`,
  MutatingWebhookConfiguration:
    'apiVersion: admissionregistration.k8s.io/v1\nkind: MutatingWebhookConfiguration\nmetadata:\n  name: {{ .Release.Name }}-mwc\nwebhooks: []',
  ValidatingWebhookConfiguration:
    'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: {{ .Release.Name }}-vwc\nwebhooks: []',
  ValidatingAdmissionPolicy: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: {{ .Release.Name }}-vap
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}
  validations:
    - expression: "true"`,
  ValidatingAdmissionPolicyBinding: `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: {{ .Release.Name }}-vapb
spec:
  policyName: {{ .Release.Name }}-vap
  validationActions: [Deny]`,
  PriorityClass:
    'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: {{ .Release.Name }}-pc\nvalue: 1000000',
  StorageClass:
    'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: {{ .Release.Name }}-sc\nprovisioner: kubernetes.io/no-provisioner',
  PersistentVolume: `apiVersion: v1
kind: PersistentVolume
metadata:
  name: {{ .Release.Name }}-pv
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /etc}`,
  APIService: `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1.hostile.example.com
spec:
  group: hostile.example.com
  version: v1
  groupPriorityMinimum: 1000
  versionPriority: 15
  service: {name: api, namespace: {{ .Release.Namespace }}}
  insecureSkipTLSVerify: true`,
  CSIDriver:
    'apiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata:\n  name: hostile.example.com\nspec: {}',
  RuntimeClass:
    'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: {{ .Release.Name }}-rc\nhandler: runc',
  IngressClass:
    'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: {{ .Release.Name }}-ic\nspec:\n  controller: example.com/hostile',
  ResourceQuota:
    'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: more\nspec:\n  hard: {pods: "1000"}',
  LimitRange:
    'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: none\nspec:\n  limits: []',
};

export const KUBE_SYSTEM_CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-escape
  namespace: kube-system
data:
  owned: "yes"`;

/** The default ServiceAccount of the release's namespace made cluster-admin. */
export const CLUSTER_ADMIN_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{ .Release.Name }}-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: default
    namespace: {{ .Release.Namespace }}`;

/** A pre-install hook writing into kube-system. */
export const HOOK_IN_KUBE_SYSTEM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-hook
  namespace: kube-system
  annotations:
    "helm.sh/hook": pre-install,pre-upgrade
data:
  owned: "yes"`;

/** A workload running as the deployer ServiceAccount (its rights inside a pod). */
export const RUNS_AS_DEPLOYER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-d
spec:
  replicas: 1
  selector:
    matchLabels: {app: {{ .Release.Name }}}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}}
    spec:
      serviceAccountName: paas-deployer
      containers:
        - name: c
          image: registry.local/x:1`;

/** Copies a Secret of another namespace (values.victimNamespace) into a ConfigMap of the release. */
export const LOOKUP_SECRET = `{{- $s := lookup "v1" "Secret" .Values.victimNamespace "creds" }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-loot
data:
  loot: {{ $s | toJson | quote }}`;

export function writeCharts(charts: HostileChart[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-charts-'));
  for (const chart of charts) {
    const root = path.join(dir, chart.name);
    fs.mkdirSync(path.join(root, 'templates'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'Chart.yaml'),
      `apiVersion: v2\nname: ${chart.name}\nversion: 0.1.0\n`,
    );
    fs.writeFileSync(path.join(root, 'values.yaml'), 'victimNamespace: ""\n');
    for (const [file, text] of Object.entries(chart.templates)) {
      fs.writeFileSync(path.join(root, 'templates', file), `${text}\n`);
    }
  }
  return dir;
}

/** Chart names are DNS labels: `hostile-kind-clusterrolebinding`. */
export function kindChartName(kind: string) {
  return `hostile-kind-${kind.toLowerCase()}`;
}

/** The ConfigMaps in kube-system named after releases of `namespace`: what an escape left there. */
export async function escapedConfigMaps(
  kube: KubeClients,
  namespace: string,
): Promise<string[]> {
  const list = await kube.core.listNamespacedConfigMap({
    namespace: 'kube-system',
  });
  return list.items
    .map(c => c.metadata!.name!)
    .filter(n => n.startsWith(namespace));
}
