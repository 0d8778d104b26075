import {
  allSpecs,
  templateDefinitionSchema,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { withGeneratedSecrets } from './generatedSecrets';
import { helmValuesFor, splitSecrets } from './values';

const MARKETPLACE = path.resolve(__dirname, '../../../../marketplace');
const definitions = fs
  .readdirSync(MARKETPLACE)
  .filter(f => f.endsWith('.yaml'))
  .map(file =>
    templateDefinitionSchema.parse(
      parseYaml(fs.readFileSync(path.join(MARKETPLACE, file), 'utf8')),
    ),
  );

describe('secrets of the real marketplace', () => {
  it('gives two n8n services their own encryption key, in the helm values and out of the stored ones', () => {
    const n8n = definitions.find(d => d.slug === 'n8n')!;
    const keys = [1, 2].map(() => {
      const values = withGeneratedSecrets(n8n.valueSpecs, {});
      const helm = helmValuesFor(n8n.helmChart.defaultValues, values) as any;
      expect(splitSecrets(n8n.valueSpecs, values).stored).toMatchObject({
        'n8n.encryption_key': { isSet: true },
      });
      return helm.n8n.encryption_key;
    });
    expect(keys[0]).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(keys[1]).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('has no fixed secret placeholder in any default values', () => {
    const placeholders = /auto-generated|changeme|change-me|secret123/i;
    for (const definition of definitions) {
      expect({
        slug: definition.slug,
        defaults: JSON.stringify(definition.helmChart.defaultValues),
      }).toEqual({
        slug: definition.slug,
        defaults: expect.not.stringMatching(placeholders),
      });
    }
  });

  it('generates the signing secrets users used to invent, each sensitive', () => {
    const generated = definitions.flatMap(d =>
      allSpecs(d.valueSpecs)
        .filter(spec => spec.generate)
        .map(spec => `${d.slug}:${spec.key}`),
    );
    expect(generated.sort()).toEqual([
      'airflow:webserverSecretKey',
      'anythingllm:secret.data.JWT_SECRET',
      'n8n:n8n.encryption_key',
      'superset:extraSecretEnv.SUPERSET_SECRET_KEY',
    ]);
  });
});
