import { mockServices } from '@backstage/backend-test-utils';
import {
  ChartSourceAllowList,
  DEFAULT_ALLOWED_CHART_SOURCES,
  templateCategorySchema,
  templateDefinitionSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { applyDatabaseMigrations } from '../database/migrations';
import { TemplateStore } from '../database/TemplateStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  FIXTURE_MARKETPLACE,
  MARKETPLACE,
} from '../__testUtils__/portalConfig';
import { MarketplaceLoader } from './MarketplaceLoader';

const logger = mockServices.logger.mock();

function readDefinition(file: string, dir = MARKETPLACE) {
  return templateDefinitionSchema.parse(
    parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')),
  );
}

describe('the marketplace files', () => {
  const files = fs.readdirSync(MARKETPLACE).filter(f => f.endsWith('.yaml'));
  const definitions = files.map(file => readDefinition(file));

  it('are all valid, with at least 15 real applications over all seven categories', () => {
    const real = definitions.filter(
      d => !d.helmChart.repository.startsWith('local:'),
    );
    expect(real.length).toBeGreaterThanOrEqual(15);
    expect(new Set(real.map(d => d.category))).toEqual(
      new Set(templateCategorySchema.options),
    );
    for (const d of real) {
      expect(d.helmChart.repository).toMatch(/^(https:\/\/|oci:\/\/)/);
      expect(d.iconUrl).toMatch(/^https:\/\//);
      expect(d.monthlyPrice).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(definitions.map(d => d.slug)).size).toBe(definitions.length);
  });

  it('has the spec examples exactly as the spec writes them', () => {
    const postgresql = readDefinition('postgresql.yaml');
    expect(postgresql.helmChart).toEqual({
      repository: 'https://charts.bitnami.com/bitnami',
      chartName: 'postgresql',
      chartVersion: '15.5.0',
      defaultValues: {
        primary: { persistence: { enabled: true, size: '8Gi' } },
        metrics: { enabled: true },
      },
    });
    expect(postgresql.valueSpecs).toEqual({
      required: [
        {
          key: 'auth.postgresPassword',
          label: 'Admin Password',
          type: 'password',
          required: true,
        },
        {
          key: 'auth.database',
          label: 'Database Name',
          type: 'text',
          required: false,
          defaultValue: 'app_db',
        },
      ],
      optional: [
        {
          key: 'primary.persistence.size',
          label: 'Storage Size',
          type: 'select',
          required: false,
          defaultValue: '8Gi',
          options: ['8Gi', '16Gi', '32Gi'],
          // a StatefulSet volume claim template (issue 14)
          immutable: true,
        },
      ],
    });
    const n8n = readDefinition('n8n.yaml');
    expect(n8n.name).toBe('n8n Workflow');
    expect(n8n.helmChart).toEqual({
      repository: 'https://8gears.github.io/n8n-helm-chart',
      chartName: 'n8n',
      chartVersion: '0.23.0',
      defaultValues: {
        persistence: { enabled: true, size: '5Gi' },
      },
    });
    expect(n8n.valueSpecs).toEqual({
      required: [],
      optional: [
        {
          key: 'config.executions.pruneDataMaxAge',
          label: 'Execution History (hours)',
          type: 'number',
          required: false,
          defaultValue: 3760,
          min: 1,
          max: 8760,
          helpText: 'Finished workflow executions older than this are deleted.',
        },
        {
          key: 'n8n.encryption_key',
          label: 'Encryption Key',
          type: 'password',
          required: false,
          generate: { length: 48, alphabet: 'alphanumeric' },
          helpText:
            'Encrypts the credentials n8n stores. Generated at launch and never changed; workspace admins can reveal it.',
        },
      ],
    });
    const redis = readDefinition('redis.yaml');
    expect(redis.helmChart).toEqual({
      repository: 'https://charts.bitnami.com/bitnami',
      chartName: 'redis',
      chartVersion: '19.0.0',
      defaultValues: { architecture: 'standalone', auth: { enabled: true } },
    });
    expect(redis.valueSpecs).toEqual({
      required: [
        {
          key: 'auth.password',
          label: 'Redis Password',
          type: 'password',
          required: true,
        },
      ],
      optional: [
        {
          key: 'master.persistence.size',
          label: 'Storage Size',
          type: 'select',
          required: false,
          defaultValue: '4Gi',
          options: ['4Gi', '8Gi', '16Gi'],
          // a StatefulSet volume claim template (issue 14)
          immutable: true,
        },
      ],
    });
    expect(definitions.map(d => d.slug)).toEqual(
      expect.arrayContaining(['anythingllm']),
    );
  });

  it('ships no test fixture: the fixture app is in the tests own location', () => {
    expect(definitions.map(d => d.slug)).not.toContain('woow-fixture-app');
    expect(
      readDefinition('woow-fixture-app.yaml', FIXTURE_MARKETPLACE).slug,
    ).toBe('woow-fixture-app');
  });

  it('points the fixture template at the local fixture chart and its real keys', () => {
    const fixture = readDefinition(
      'woow-fixture-app.yaml',
      FIXTURE_MARKETPLACE,
    );
    expect(fixture.category).toBe('container');
    expect(fixture.helmChart).toMatchObject({
      repository: 'local:',
      chartName: 'woow-fixture-app',
      chartVersion: '0.1.0',
    });
    const chartValues = parseYaml(
      fs.readFileSync(
        path.resolve(
          FIXTURE_MARKETPLACE,
          '../charts/woow-fixture-app/values.yaml',
        ),
        'utf8',
      ),
    );
    const keys = [
      ...fixture.valueSpecs.required,
      ...fixture.valueSpecs.optional,
    ].map(s => s.key);
    for (const key of keys) {
      const [head] = key.split('.');
      expect(chartValues).toHaveProperty(head);
    }
  });
});

describe('MarketplaceLoader', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'loads idempotently and keeps admin edits until the file changes, on %p',
    async id => {
      const knex = await databases.init(id);
      await applyDatabaseMigrations(knex);
      const store = new TemplateStore(knex);
      const loader = new MarketplaceLoader({
        store,
        logger,
        chartSources: ChartSourceAllowList.fromEntries(
          DEFAULT_ALLOWED_CHART_SOURCES,
        ),
      });

      const first = await loader.load([MARKETPLACE]);
      expect(first.invalid).toEqual([]);
      expect(first.inserted.length).toBe(
        fs.readdirSync(MARKETPLACE).filter(f => f.endsWith('.yaml')).length,
      );

      const again = await loader.load([MARKETPLACE]);
      expect(again.inserted).toEqual([]);
      expect(again.updated).toEqual([]);
      const redis = (await store.getBySlug('redis'))!;
      expect(redis.version).toBe(1);
      expect(redis.valueSpecs.required[0].type).toBe('password');

      // An admin edit survives a restart ...
      const {
        source,
        sourceHash,
        id: _id,
        createdAt,
        updatedAt,
        version,
        ...definition
      } = redis;
      await store.replace(
        redis.id,
        { ...definition, monthlyPrice: 99 },
        { source, sourceHash },
      );
      await loader.load([MARKETPLACE]);
      expect((await store.getBySlug('redis'))!.monthlyPrice).toBe(99);

      // ... until the file itself changes; a broken file is reported, not loaded.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-'));
      fs.writeFileSync(
        path.join(dir, 'redis.yaml'),
        fs
          .readFileSync(path.join(MARKETPLACE, 'redis.yaml'), 'utf8')
          .replace('monthlyPrice: 10', 'monthlyPrice: 11'),
      );
      fs.writeFileSync(
        path.join(dir, 'broken.yaml'),
        'slug: Not A Slug\nname: x\n',
      );
      const changed = await loader.load([dir]);
      expect(changed.updated).toEqual(['redis']);
      expect(changed.invalid).toEqual([
        {
          file: path.join(dir, 'broken.yaml'),
          reason: expect.stringContaining('slug'),
        },
      ]);
      expect((await store.getBySlug('redis'))!.monthlyPrice).toBe(11);
      fs.rmSync(dir, { recursive: true, force: true });
      await knex.destroy();
    },
  );
});
