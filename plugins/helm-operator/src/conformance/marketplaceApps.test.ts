import { templateDefinitionSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import path from 'node:path';
import {
  launchValues,
  planValueKeys,
  readMarketplace,
  valueSpecKeys,
} from './marketplaceApps';

const app = templateDefinitionSchema.parse({
  slug: 'demo',
  name: 'Demo',
  description: 'A demo app',
  category: 'web',
  monthlyPrice: 0,
  helmChart: {
    repository: 'local:',
    chartName: 'demo',
    chartVersion: '1.0.0',
    defaultValues: { auth: { enabled: true }, persistence: { size: '1Gi' } },
  },
  valueSpecs: {
    required: [
      {
        key: 'auth.password',
        label: 'Password',
        type: 'password',
        required: true,
      },
      { key: 'adminEmail', label: 'E-mail', type: 'text', required: true },
      {
        key: 'auth.database',
        label: 'DB',
        type: 'text',
        required: true,
        defaultValue: 'app',
      },
    ],
    optional: [
      {
        key: 'persistence.size',
        label: 'Size',
        type: 'select',
        options: ['2Gi'],
        defaultValue: '2Gi',
      },
      { key: 'ui.title', label: 'Title', type: 'text' },
      {
        key: 'secretKey',
        label: 'Key',
        type: 'password',
        generate: { length: 32 },
      },
    ],
  },
  minResources: { vcpu: 1, ramGb: 1, storageGb: 1 },
});

describe('launchValues', () => {
  it('is the chart defaults, the specs defaults and a value for each required or generated spec without one', () => {
    const values = launchValues(app, 'seed');
    expect(values).toEqual({
      auth: {
        enabled: true,
        password: expect.stringMatching(/^Pw-seed-.{32}$/),
        database: 'app',
      },
      adminEmail: 'admin@example.com',
      persistence: { size: '2Gi' },
      secretKey: expect.stringMatching(/^Pw-seed-.{32}$/),
    });
    // The template is not changed by it.
    expect(app.helmChart.defaultValues).toEqual({
      auth: { enabled: true },
      persistence: { size: '1Gi' },
    });
  });
});

describe('readMarketplace', () => {
  it('reads every marketplace file through the template schema', () => {
    const apps = readMarketplace(
      path.resolve(__dirname, '../../../../marketplace'),
    );
    expect(apps.map(a => a.slug)).toEqual(
      expect.arrayContaining(['postgresql', 'redis', 'n8n']),
    );
    // Required and optional keys both.
    expect(valueSpecKeys(apps.find(a => a.slug === 'redis')!)).toEqual(
      expect.arrayContaining(['auth.password', 'master.persistence.size']),
    );
  });

  it('gives the apps that take resources plans setting their chart keys', () => {
    const apps = [
      ...readMarketplace(path.resolve(__dirname, '../../../../marketplace')),
      // The sandbox's and the tests' fixture app, not shipped in the marketplace.
      ...readMarketplace(
        path.resolve(__dirname, '../../../../test-fixtures/marketplace'),
      ),
    ];
    const bySlug = new Map(apps.map(a => [a.slug, a]));
    for (const slug of ['postgresql', 'redis', 'mariadb', 'woow-fixture-app']) {
      expect({ slug, defaultPlan: bySlug.get(slug)!.defaultPlan }).toEqual({
        slug,
        defaultPlan: 'small',
      });
    }
    expect(planValueKeys(bySlug.get('postgresql')!)).toEqual([
      'primary.resources.limits.cpu',
      'primary.resources.limits.memory',
      'primary.resources.requests.cpu',
      'primary.resources.requests.memory',
    ]);
    // The launch values carry the default plan's values.
    expect(launchValues(bySlug.get('redis')!, 'seed').master).toMatchObject({
      resources: { requests: { cpu: '250m', memory: '256Mi' } },
    });
  });
});
