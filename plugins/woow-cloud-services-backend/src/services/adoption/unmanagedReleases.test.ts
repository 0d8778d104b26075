import type { ReleaseSummary } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import {
  adoptedValueProblems,
  adoptedValues,
  adoptionBlocker,
  adoptionNameProblems,
  matchTemplate,
  referenceIdOf,
  releaseKey,
  stateForHelmStatus,
  unmanagedReleases,
  workspaceIdOf,
  type TemplateChart,
} from './unmanagedReleases';

const template = (
  slug: string,
  chartName: string,
  isActive = true,
): TemplateChart => ({
  id: `id-${slug}`,
  slug,
  name: slug.toUpperCase(),
  isActive,
  helmChart: { chartName },
});

const release = (over: Partial<ReleaseSummary> = {}): ReleaseSummary => ({
  namespace: 'paas-ws-team',
  releaseName: 'paas-ws-team-db',
  chart: 'postgresql',
  chartVersion: '15.5.0',
  appVersion: '16',
  status: 'deployed',
  revision: 3,
  updated: '2026-11-30T08:00:00.000Z',
  ...over,
});

describe('names', () => {
  it('reads workspace and reference ID from the names', () => {
    expect(workspaceIdOf('paas-ws-team')).toBe('team');
    expect(workspaceIdOf('default')).toBe('');
    expect(referenceIdOf('paas-ws-team', 'paas-ws-team-db')).toBe('db');
    expect(referenceIdOf('paas-ws-team', 'paas-ws-team-')).toBeNull();
    expect(referenceIdOf('paas-ws-team', 'mydb')).toBeNull();
    expect(referenceIdOf('paas-ws-team', 'paas-ws-teamx-db')).toBeNull();
  });
});

describe('matchTemplate', () => {
  it('matches active templates by chart name, the first slug when several', () => {
    const templates = [
      template('pg-b', 'postgresql'),
      template('pg-a', 'postgresql'),
      template('old', 'redis', false),
    ];
    expect(matchTemplate('postgresql', templates)).toEqual({
      id: 'id-pg-a',
      slug: 'pg-a',
      name: 'PG-A',
    });
    expect(matchTemplate('redis', templates)).toBeNull();
    expect(matchTemplate('mysql', templates)).toBeNull();
  });
});

describe('unmanagedReleases', () => {
  const templates = [template('postgresql', 'postgresql')];

  it('leaves out releases a service knows, matching namespace and name', () => {
    const known = new Set([releaseKey('paas-ws-team', 'paas-ws-team-db')]);
    const items = unmanagedReleases(
      [
        release(),
        release({ releaseName: 'paas-ws-team-db2' }),
        // same name, other namespace: not the known one
        release({ namespace: 'paas-ws-x', releaseName: 'paas-ws-team-db' }),
      ],
      known,
      templates,
      new Set(['team']),
    );
    expect(items.map(i => releaseKey(i.namespace, i.releaseName))).toEqual([
      'paas-ws-team/paas-ws-team-db2',
      'paas-ws-x/paas-ws-team-db',
    ]);
    expect(items[0]).toMatchObject({
      workspaceId: 'team',
      workspaceExists: true,
      referenceId: 'db2',
      template: { slug: 'postgresql' },
      adoptable: true,
    });
    expect(items[0].reason).toBeUndefined();
    expect(items[1]).toMatchObject({
      workspaceId: 'x',
      workspaceExists: false,
      referenceId: null,
      adoptable: false,
    });
    expect(items[1].reason).toMatch(/not named "paas-ws-x-<referenceId>"/);
  });

  it('says why a release cannot be adopted', () => {
    expect(adoptionBlocker(release(), false)).toMatch(
      /workspace "team" does not exist/,
    );
    expect(
      adoptionBlocker(release({ status: 'pending-upgrade' }), true),
    ).toMatch(/pending-upgrade/);
    expect(
      adoptionBlocker(release({ status: 'failed' }), true),
    ).toBeUndefined();
  });

  it('starts adopted services in the state the helm status implies', () => {
    expect(stateForHelmStatus('deployed')).toBe('running');
    expect(stateForHelmStatus('failed')).toBe('error');
  });
});

describe('adoptedValues', () => {
  const specs = {
    required: [
      { key: 'password', label: 'Password', type: 'password' as const },
    ],
    optional: [
      { key: 'replicaCount', label: 'Replicas', type: 'number' as const },
      { key: 'persistence.size', label: 'Size', type: 'text' as const },
      { key: 'env.GREETING', label: 'Greeting', type: 'text' as const },
    ],
  };

  it('takes spec keys as user values and keeps everything else as it is', () => {
    const result = adoptedValues(specs as any, {
      password: 's3cret-pw',
      replicaCount: 2,
      persistence: { size: '2Gi', storageClass: 'fast' },
      env: { GREETING: 'hi' },
      resources: { limits: { cpu: '1' } },
    });
    expect(result.userValues).toEqual({
      password: 's3cret-pw',
      replicaCount: 2,
      'persistence.size': '2Gi',
      'env.GREETING': 'hi',
    });
    expect(result.otherValues).toEqual({
      persistence: { storageClass: 'fast' },
      resources: { limits: { cpu: '1' } },
    });
    expect(result.undeclaredSecrets).toEqual([]);
  });

  it('leaves non-scalar values at a spec key in place, and finds undeclared secrets', () => {
    const result = adoptedValues(specs as any, {
      replicaCount: { odd: true },
      auth: { rootPassword: 'x', username: 'u' },
      apiToken: '',
    });
    expect(result.userValues).toEqual({});
    expect(result.otherValues.replicaCount).toEqual({ odd: true });
    expect(result.undeclaredSecrets).toEqual(['auth.rootPassword']);
  });

  it('does not change the values it was given', () => {
    const values = { persistence: { size: '2Gi' } };
    adoptedValues(specs as any, values);
    expect(values).toEqual({ persistence: { size: '2Gi' } });
  });
});

describe('adoption rules', () => {
  it("names the workspace that is not the namespace's and a release not so named", () => {
    expect(
      adoptionNameProblems({
        namespace: 'paas-ws-team',
        releaseName: 'paas-ws-team-db',
        workspaceId: 'team',
      }),
    ).toEqual([]);
    expect(
      adoptionNameProblems({
        namespace: 'paas-ws-team',
        releaseName: 'mydb',
        workspaceId: 'other',
      }).map(e => e.field),
    ).toEqual(['workspaceId', 'releaseName']);
  });

  it("checks adopted values against the template's rules, and refuses undeclared credentials", () => {
    const fixture = {
      slug: 'fixture',
      valueSpecs: {
        required: [
          {
            key: 'password',
            label: 'Password',
            type: 'password' as const,
            required: true,
          },
        ],
        optional: [
          {
            key: 'replicaCount',
            label: 'Replicas',
            type: 'number' as const,
            required: false,
            max: 5,
          },
        ],
      },
    };
    const problems = adoptedValueProblems(
      fixture as any,
      adoptedValues(fixture.valueSpecs as any, {
        replicaCount: 9,
        auth: { token: 't' },
      }),
    );
    expect(problems.map(p => p.field)).toEqual([
      'helmValues.password',
      'helmValues.replicaCount',
      'templateId',
    ]);
    expect(problems[2].message).toMatch(/auth\.token/);
    expect(
      adoptedValueProblems(
        fixture as any,
        adoptedValues(fixture.valueSpecs as any, { password: 'long-enough' }),
      ),
    ).toEqual([]);
  });
});
