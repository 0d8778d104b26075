import { DEFAULT_DENIED_KINDS, ManifestPolicy } from './ManifestPolicy';

const NS = 'paas-ws-w1';
const REL = 'paas-ws-w1-app';

const policy = new ManifestPolicy({
  deniedKinds: DEFAULT_DENIED_KINDS,
  deployerServiceAccount: 'paas-deployer',
  reserved: [{ kind: 'NetworkPolicy', name: 'workspace-isolation' }],
});

function check(manifest: string, hooks: string[] = []) {
  return () => policy.check(NS, REL, { manifest, hooks });
}

const configMap = (namespace?: string) => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
${namespace ? `  namespace: ${namespace}\n` : ''}data: {}
`;

describe('ManifestPolicy', () => {
  it('accepts objects without a namespace or in the release namespace', () => {
    expect(check(`${configMap()}---\n${configMap(NS)}`)).not.toThrow();
    expect(check('')).not.toThrow();
  });

  it('refuses an object in another namespace, naming it and the rule', () => {
    expect(check(configMap('kube-system'))).toThrow(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: expect.stringMatching(
          /ConfigMap "cm" \(namespace "kube-system"\) is outside the release's namespace "paas-ws-w1"/,
        ),
      }),
    );
  });

  it.each(DEFAULT_DENIED_KINDS)('refuses kind %s', kind => {
    expect(
      check(`apiVersion: x/v1\nkind: ${kind}\nmetadata:\n  name: n\n`),
    ).toThrow(new RegExp(`${kind} "n" .*helmOperator.deniedKinds`));
  });

  it("names a denied kind first, wherever it stands (a chart's own Namespace, then objects placed in it)", () => {
    const ownNamespace = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${REL}\n`;
    expect(check(`${configMap(REL)}---\n${ownNamespace}`)).toThrow(
      `Release "${REL}" was refused before anything was applied: Namespace "${REL}" (cluster-scoped) is of kind Namespace, which workspace releases may not contain (helmOperator.deniedKinds)`,
    );
    // in a hook too, after a manifest that only breaks another rule
    expect(check(configMap('default'), [ownNamespace])).toThrow(
      /hook Namespace ".*" \(cluster-scoped\) is of kind Namespace/,
    );
  });

  it('checks hooks and the items of a List', () => {
    expect(check('', [configMap('default')])).toThrow(
      /hook ConfigMap "cm" \(namespace "default"\)/,
    );
    expect(
      check(
        `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRoleBinding\n    metadata:\n      name: admin\n`,
      ),
    ).toThrow(/ClusterRoleBinding "admin"/);
  });

  it("refuses the operator's own objects and workloads running as the deployer", () => {
    expect(
      check(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: workspace-isolation\n',
      ),
    ).toThrow(/managed by the operator/);
    expect(
      check(
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          serviceAccountName: paas-deployer\n',
      ),
    ).toThrow(/run as the deployer ServiceAccount/);
    expect(
      check(
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\n  annotations:\n    kubernetes.io/service-account.name: paas-deployer\ntype: kubernetes.io/service-account-token\n',
      ),
    ).toThrow(/token of the deployer/);
  });

  it('uses the configured deny list only', () => {
    const open = new ManifestPolicy({
      deniedKinds: [],
      deployerServiceAccount: 'paas-deployer',
      reserved: [],
    });
    expect(() =>
      open.check(NS, REL, {
        manifest: 'kind: StorageClass\nmetadata:\n  name: s\n',
        hooks: [],
      }),
    ).not.toThrow();
  });
});
