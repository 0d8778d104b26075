import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import { enforceCatalogPolicies } from './__testUtils__/catalogPolicies';
import { makeTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import { parameterNamesFor } from './parameterNames';
import { templateEntity } from './templateEntity';

type Step = {
  title: string;
  required?: string[];
  properties: Record<string, any>;
};

describe('templateEntity', () => {
  const entity = templateEntity(makeTemplate());
  const spec = entity.spec as any;
  const steps = spec.parameters as Step[];
  const [application, configuration, advanced] = steps;

  it('is a valid Scaffolder template named by the slug', async () => {
    expect(await templateEntityV1beta3Validator.check(entity)).toBe(true);
    await expect(enforceCatalogPolicies(entity)).resolves.toBeDefined();
    expect(entity.metadata).toMatchObject({
      name: 'postgresql',
      namespace: 'default',
      title: 'PostgreSQL',
      description: 'The relational database',
    });
    expect(spec.type).toBe('cloud-service');
  });

  it('carries category, tags, icon and documentation', () => {
    expect(entity.metadata.tags).toEqual([
      'cloud-service',
      'database',
      'sql',
      'relational-db',
    ]);
    expect(entity.metadata.annotations).toMatchObject({
      'woow.cloud/category': 'database',
      'woow.cloud/template-id': 'tpl-1',
      'woow.cloud/template-slug': 'postgresql',
      'woow.cloud/icon-url': 'https://example.com/postgresql.svg',
      'backstage.io/managed-by-location':
        'woow-cloud-services:template/postgresql',
    });
    // The icon is an annotation, not a link: the Scaffolder shows every link
    // on the template card and an "Icon" link there means nothing to users.
    expect(entity.metadata.links).toEqual([
      expect.objectContaining({
        url: 'https://www.postgresql.org/docs/',
        title: 'Documentation',
      }),
    ]);
  });

  it('folds a category that is no catalog tag into one', async () => {
    const ai = templateEntity(
      makeTemplate({
        category: 'ai_llm',
        tags: ['LLM & RAG'],
        iconUrl: '/icons/llm.svg',
      }),
    );
    await expect(enforceCatalogPolicies(ai)).resolves.toBeDefined();
    expect(ai.metadata.links).toHaveLength(1);
    expect(ai.metadata.tags).toEqual(['cloud-service', 'ai-llm', 'llm-rag']);
    expect(ai.metadata.annotations!['woow.cloud/category']).toBe('ai_llm');
  });

  it('asks for workspace, name and subdomain first, through the custom fields', () => {
    expect(application.title).toBe('Application');
    expect(application.required).toEqual(['workspaceId', 'name', 'subdomain']);
    expect(application.properties.workspaceId['ui:field']).toBe(
      'WorkspacePicker',
    );
    expect(application.properties.subdomain['ui:field']).toBe(
      'SubdomainPicker',
    );
    expect(application.properties.name.default).toBe('PostgreSQL');
  });

  it('puts required values in Configuration and optional ones in Advanced', () => {
    expect(steps.map(s => s.title)).toEqual([
      'Application',
      'Configuration',
      'Advanced',
    ]);
    expect(Object.keys(configuration.properties)).toEqual([
      'auth__password',
      'auth__database',
      'tier',
    ]);
    // The password is checked through the secrets schema, the select has a default.
    expect(configuration.required).toEqual(['auth__database']);
    expect(Object.keys(advanced.properties)).toEqual([
      'replicaCount',
      'metrics__enabled',
      'metrics__enabled_2',
      'auth__replicationPassword',
    ]);
    expect(advanced.required).toBeUndefined();
  });

  it('turns each kind of value into the matching JSON schema', () => {
    expect(configuration.properties.auth__database).toEqual({
      title: 'Database',
      type: 'string',
      description: 'Format: lower-case letters and _.',
    });
    expect(configuration.properties.tier).toEqual({
      title: 'Tier',
      type: 'string',
      enum: ['small', 'large'],
      default: 'small',
    });
    expect(advanced.properties.replicaCount).toEqual({
      title: 'Replicas',
      type: 'number',
      minimum: 1,
      maximum: 5,
      default: 1,
      description: 'Read replicas',
    });
    expect(advanced.properties.metrics__enabled).toEqual({
      title: 'Metrics',
      type: 'boolean',
      default: false,
    });
  });

  it('makes passwords Scaffolder secrets, required through the secrets schema', () => {
    expect(configuration.properties.auth__password).toMatchObject({
      type: 'string',
      'ui:field': 'Secret',
      'ui:widget': 'password',
    });
    expect(configuration.properties.auth__password).not.toHaveProperty(
      'default',
    );
    expect(spec.secrets.schema).toEqual({
      type: 'object',
      properties: {
        auth__password: { type: 'string', minLength: 1 },
        auth__replicationPassword: { type: 'string' },
      },
      required: ['auth__password'],
    });
  });

  it('maps parameters back to dotted helm keys in the deploy step, secrets by name only', () => {
    expect(spec.steps).toHaveLength(1);
    const [step] = spec.steps;
    expect(step.action).toBe('woow:cloud-service:deploy');
    expect(step.input).toEqual({
      workspaceId: '${{ parameters.workspaceId }}',
      template: 'postgresql',
      name: '${{ parameters.name }}',
      subdomain: '${{ parameters.subdomain }}',
      values: {
        'auth.database': "${{ parameters['auth__database'] }}",
        tier: "${{ parameters['tier'] }}",
        replicaCount: "${{ parameters['replicaCount'] }}",
        'metrics.enabled': "${{ parameters['metrics__enabled'] }}",
        metrics__enabled: "${{ parameters['metrics__enabled_2'] }}",
      },
      secretValues: {
        'auth.password': 'auth__password',
        'auth.replicationPassword': 'auth__replicationPassword',
      },
    });
    // No expression anywhere reads a secret into the step input.
    expect(JSON.stringify(spec.steps)).not.toContain('secrets.');
  });

  it('links the output to the service page, the public URL and the catalog entity', () => {
    expect(spec.output.links).toEqual([
      expect.objectContaining({
        url: "${{ steps['deploy'].output.serviceUrl }}",
      }),
      expect.objectContaining({
        url: "${{ steps['deploy'].output.publicUrl }}",
      }),
      expect.objectContaining({
        entityRef: "${{ steps['deploy'].output.entityRef }}",
      }),
    ]);
  });

  it('asks an app without a web UI for no subdomain and offers no "Open Web UI"', async () => {
    const database = templateEntity(makeTemplate({ ingressEnabled: false }));
    const dbSpec = database.spec as any;
    expect(await templateEntityV1beta3Validator.check(database)).toBe(true);
    const [app] = dbSpec.parameters as Step[];
    expect(app.required).toEqual(['workspaceId', 'name']);
    expect(Object.keys(app.properties)).toEqual(['workspaceId', 'name']);
    expect((app as any)['ui:order']).toEqual(['workspaceId', 'name']);
    expect(dbSpec.steps[0].input).not.toHaveProperty('subdomain');
    expect(dbSpec.output.links.map((l: any) => l.title)).toEqual([
      'Open service page',
      'Open in catalog',
    ]);
  });

  it('leaves out value steps a template does not need', () => {
    const bare = templateEntity(
      makeTemplate({ valueSpecs: { required: [], optional: [] } }),
    );
    expect((bare.spec as any).parameters.map((s: Step) => s.title)).toEqual([
      'Application',
    ]);
    expect((bare.spec as any).steps[0].input.values).toEqual({});
  });

  describe('value-spec patterns', () => {
    // RE2 takes this pattern in linear time; JavaScript's backtracking RegExp,
    // which the Scaffolder uses on JSON-schema `pattern`, takes exponential
    // time on a long run of "a" followed by "!".
    const catastrophic = '(a+)+';
    const withPatterns = templateEntity(
      makeTemplate({
        valueSpecs: {
          required: [
            {
              key: 'app.slug',
              label: 'Slug',
              type: 'text',
              required: true,
              pattern: catastrophic,
              patternDescription: 'one or more letters a',
            },
            {
              key: 'app.token',
              label: 'Token',
              type: 'password',
              required: true,
              pattern: catastrophic,
            },
          ],
          optional: [
            {
              key: 'app.note',
              label: 'Note',
              type: 'text',
              required: false,
              pattern: catastrophic,
            },
          ],
        },
      }),
    );

    /** Every `pattern` keyword anywhere in the template's JSON schemas, by path. */
    function patternKeywords(
      node: unknown,
      path = '',
    ): Record<string, unknown> {
      if (typeof node !== 'object' || node === null) return {};
      const found: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const here = path ? `${path}.${key}` : key;
        if (key === 'pattern') found[here] = child;
        Object.assign(found, patternKeywords(child, here));
      }
      return found;
    }

    it('emits no value-spec pattern, so no template can freeze the Scaffolder', () => {
      const { parameters, secrets } = withPatterns.spec as any;
      // Only the subdomain's own fixed, linear pattern remains.
      expect(patternKeywords({ parameters, secrets })).toEqual({
        'parameters.0.properties.subdomain.pattern':
          '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
      });
      expect(JSON.stringify(withPatterns)).not.toContain('^(?:(a+)+)$');
    });

    it('shows the rule in the description instead', () => {
      const [, required, optional] = (withPatterns.spec as any)
        .parameters as Step[];
      expect(required.properties.app__slug.description).toBe(
        'Format: one or more letters a.',
      );
      expect(required.properties.app__token.description).toBe(
        'Format: must match the pattern `(a+)+`.',
      );
      expect(optional.properties.app__note.description).toBe(
        'Format: must match the pattern `(a+)+`.',
      );
    });
  });

  it('starts a required boolean without default as false, so the form can submit it unticked', () => {
    const t = templateEntity(
      makeTemplate({
        valueSpecs: {
          required: [
            { key: 'tls', label: 'TLS', type: 'boolean', required: true },
          ],
          optional: [],
        },
      }),
    );
    expect((t.spec as any).parameters[1].properties.tls.default).toBe(false);
  });
});

describe('parameterNamesFor', () => {
  it('replaces dots and keeps names unique and clear of the Application step', () => {
    expect([
      ...parameterNamesFor(['a.b', 'a__b', 'name', 'x-y.z']).entries(),
    ]).toEqual([
      ['a.b', 'a__b'],
      ['a__b', 'a__b_2'],
      ['name', 'name_2'],
      ['x-y.z', 'x-y__z'],
    ]);
  });
});
