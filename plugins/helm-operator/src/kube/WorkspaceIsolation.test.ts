import { networkPolicySpec, podSecurityLabels } from './WorkspaceIsolation';

describe('podSecurityLabels', () => {
  it('enforces, warns and audits the configured levels, at the latest version', () => {
    expect(
      podSecurityLabels({
        enforce: 'baseline',
        warn: 'restricted',
        audit: 'restricted',
      }),
    ).toEqual({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'latest',
    });
  });
});

describe('networkPolicySpec', () => {
  it('selects every pod and lets in only the namespace itself and the allowed namespaces', () => {
    expect(
      networkPolicySpec({
        enabled: true,
        allowFromNamespaces: ['traefik'],
        allowFromNamespaceLabels: [{ team: 'monitoring' }],
      }),
    ).toEqual({
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          _from: [
            { podSelector: {} },
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'traefik' },
              },
            },
            { namespaceSelector: { matchLabels: { team: 'monitoring' } } },
          ],
        },
      ],
    });
  });
});
