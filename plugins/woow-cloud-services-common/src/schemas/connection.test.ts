import {
  chartNameOf,
  connectionSpecSchema,
  helmFullname,
  launchSubdomainProblem,
  serviceConnection,
} from './connection';
import { templateDefinitionSchema } from './template';

const postgres = {
  slug: 'postgresql',
  name: 'PostgreSQL',
  description: 'A database',
  category: 'database',
  monthlyPrice: 15,
  helmChart: {
    repository: 'https://charts.bitnami.com/bitnami',
    chartName: 'postgresql',
    chartVersion: '15.5.0',
  },
  valueSpecs: {},
  defaultPort: 5432,
  ingressEnabled: false,
  minResources: { vcpu: 1, ramGb: 1, storageGb: 8 },
};

describe('connectionSpecSchema', () => {
  it('takes a Service name with {release} or {fullname} and a port', () => {
    expect(
      connectionSpecSchema.parse({ service: '{fullname}-master', port: 6379 }),
    ).toEqual({ service: '{fullname}-master', port: 6379 });
    expect(
      connectionSpecSchema.parse({
        service: '{release}-webserver',
        port: 8080,
      }),
    ).toEqual({ service: '{release}-webserver', port: 8080 });
  });

  it('refuses other placeholders, upper case, bad ports and unknown fields, naming the rule', () => {
    const issues = (value: unknown) =>
      connectionSpecSchema
        .safeParse(value)
        .error?.issues.map(i => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ service: '{chart}', port: 80 })).toEqual([
      'service: must be lower-case letters, digits, dashes and the placeholders {release} or {fullname}',
    ]);
    expect(issues({ service: 'Web', port: 80 })).toHaveLength(1);
    expect(issues({ service: 'web', port: 0 })).toEqual([
      'port: Too small: expected number to be >=1',
    ]);
    expect(issues({ service: 'web', port: 80, web: true })).toEqual([
      ': Unrecognized key: "web"',
    ]);
  });

  it('is optional in a template, with its default documented on the schema', () => {
    const parsed = templateDefinitionSchema.parse(postgres);
    expect(parsed.connection).toBeUndefined();
    expect(connectionSpecSchema.description).toContain('defaultPort');
    expect(
      templateDefinitionSchema.parse({
        ...postgres,
        connection: { service: '{fullname}', port: 5432 },
      }).connection,
    ).toEqual({ service: '{fullname}', port: 5432 });
    expect(
      templateDefinitionSchema.safeParse({
        ...postgres,
        connection: { service: '{fullname}' },
      }).error?.issues[0].path,
    ).toEqual(['connection', 'port']);
  });
});

describe('helmFullname', () => {
  it('is the release name when it contains the chart name, else release-chart', () => {
    expect(helmFullname('paas-ws-a-postgresql-x1y2', 'postgresql')).toBe(
      'paas-ws-a-postgresql-x1y2',
    );
    expect(helmFullname('paas-ws-a-orders', 'postgresql')).toBe(
      'paas-ws-a-orders-postgresql',
    );
  });

  it('cuts to 63 characters without a trailing dash', () => {
    const release = `paas-ws-${'a'.repeat(43)}-x`; // 53 characters
    const name = helmFullname(release, 'postgresql');
    expect(name).toBe(`${release}-postgresq`);
    expect(name).toHaveLength(63);
    expect(helmFullname(`${'b'.repeat(52)}x`, 'abcdefghi')).toBe(
      `${'b'.repeat(52)}x-abcdefghi`.slice(0, 63),
    );
    expect(helmFullname(`${'c'.repeat(53)}`, 'ab-cdefgh-')).not.toMatch(/-$/);
  });
});

describe('chartNameOf', () => {
  it('reads the chart name of oci:// and local: sources', () => {
    expect(
      chartNameOf({
        repository: 'oci://registry-1.docker.io/bitnamicharts/redis',
        chartName: 'unused',
      }),
    ).toBe('redis');
    expect(chartNameOf({ repository: 'local:', chartName: 'postgresql' })).toBe(
      'postgresql',
    );
    expect(
      chartNameOf({ repository: 'local:podinfo', chartName: 'unused' }),
    ).toBe('podinfo');
  });
});

describe('serviceConnection', () => {
  const service = {
    helmReleaseName: 'paas-ws-team-orders',
    helmNamespace: 'paas-ws-team',
  };

  it('builds the in-cluster address and port-forward command from the declared Service', () => {
    expect(
      serviceConnection(
        {
          ...postgres,
          connection: { service: '{fullname}-master', port: 6379 },
        },
        service,
      ),
    ).toEqual({
      serviceName: 'paas-ws-team-orders-postgresql-master',
      namespace: 'paas-ws-team',
      port: 6379,
      host: 'paas-ws-team-orders-postgresql-master.paas-ws-team.svc.cluster.local',
      address:
        'paas-ws-team-orders-postgresql-master.paas-ws-team.svc.cluster.local:6379',
      portForwardCommand:
        'kubectl port-forward -n paas-ws-team svc/paas-ws-team-orders-postgresql-master 6379:6379',
    });
  });

  it('defaults to the {fullname} Service on defaultPort when the template says nothing', () => {
    const conn = serviceConnection(postgres, service);
    expect(conn.address).toBe(
      'paas-ws-team-orders-postgresql.paas-ws-team.svc.cluster.local:5432',
    );
  });
});

describe('launchSubdomainProblem', () => {
  it('needs a subdomain for web apps and refuses one for the others', () => {
    expect(launchSubdomainProblem({ ingressEnabled: true }, undefined)).toBe(
      'is required',
    );
    expect(launchSubdomainProblem({ ingressEnabled: true }, 'shop')).toBe(
      undefined,
    );
    expect(launchSubdomainProblem({ ingressEnabled: false }, 'db')).toMatch(
      /^is not used: this application has no web UI/,
    );
    expect(launchSubdomainProblem({ ingressEnabled: false }, undefined)).toBe(
      undefined,
    );
  });
});
