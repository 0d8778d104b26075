import { mockCredentials } from '@backstage/backend-test-utils';
import { validate } from 'jsonschema';
import { makeTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import {
  FakeCloudServicesApi,
  runAction,
} from '../__testUtils__/actionTestKit';
import { createDeployAction } from './deploy';

const SECRET = 'S3cret-Value-Never-Logged';

/** The step input a generated template renders (see templateEntity.ts). */
const renderedInput = {
  workspaceId: 'team-a',
  template: 'postgresql',
  name: 'Orders DB',
  subdomain: 'orders-db',
  values: {
    'auth.database': 'orders',
    tier: 'large',
    replicaCount: '2',
    'metrics.enabled': 'true',
  },
  secretValues: { 'auth.password': 'auth__password' },
};

function setup() {
  const api = new FakeCloudServicesApi();
  api.templates = [makeTemplate()];
  api.workspaces = [
    {
      id: 'team-a',
      name: 'Team A',
      description: '',
      namespace: 'paas-ws-team-a',
      createdBy: 'user:default/jane',
      createdAt: '',
      version: 1,
      myRole: 'member',
    },
    {
      id: 'audit',
      name: 'Audit',
      description: '',
      namespace: 'paas-ws-audit',
      createdBy: 'user:default/bob',
      createdAt: '',
      version: 1,
      myRole: 'viewer',
    },
  ];
  const apiFor = jest.fn(() => api);
  const action = createDeployAction({
    apiFor,
    appBaseUrl: 'http://portal.test',
    pollIntervalMs: 1,
  });
  return { api, apiFor, action };
}

describe('woow:cloud-service:deploy', () => {
  describe('input schema', () => {
    const { action } = setup();
    const check = (input: unknown) =>
      validate(input, action.schema!.input!).valid;

    it('accepts what a generated template renders', () => {
      expect(check(renderedInput)).toBe(true);
    });

    it.each([
      [
        'a subdomain that is no DNS label',
        { ...renderedInput, subdomain: 'Orders_DB' },
      ],
      ['a missing template', { ...renderedInput, template: undefined }],
      ['a name over 80 characters', { ...renderedInput, name: 'x'.repeat(81) }],
      [
        'a nested value',
        { ...renderedInput, values: { auth: { password: 'x' } } },
      ],
      [
        'a secret name that is no string',
        { ...renderedInput, secretValues: { 'auth.password': 1 } },
      ],
    ])('refuses %s', (_what, input) => {
      expect(check(JSON.parse(JSON.stringify(input)))).toBe(false);
    });

    it('declares examples and dry-run support', () => {
      expect(action.supportsDryRun).toBe(true);
      expect(action.examples?.[0].example).toContain(
        'woow:cloud-service:deploy',
      );
    });
  });

  describe('dry run', () => {
    it('checks template, workspace role, subdomain and values, and deploys nothing', async () => {
      const { api, action } = setup();
      const run = await runAction(action, renderedInput, {
        isDryRun: true,
        secrets: { auth__password: SECRET },
      });
      expect(api.calls.map(c => c.method)).toEqual([
        'getTemplate',
        'listMyWorkspaces',
        'checkSubdomain',
      ]);
      expect(run.output).toMatchObject({
        serviceId: 'dry-run',
        publicUrl: 'https://orders-db.woowtech.test',
        state: 'pending',
      });
      expect(run.log.join('\n')).toContain('would deploy PostgreSQL');
      expect(run.log.join('\n')).not.toContain(SECRET);
    });

    it.each([
      ['a taken subdomain', { subdomain: 'taken' }, /Subdomain taken is taken/],
      [
        'a workspace where the user is a viewer',
        { workspaceId: 'audit' },
        /viewer/,
      ],
      [
        'a workspace the user is not in',
        { workspaceId: 'other' },
        /not a member/,
      ],
      [
        'a value breaking its pattern',
        { values: { 'auth.database': 'Orders!' } },
        /auth\.database must match lower-case/,
      ],
      [
        'a value that is not configurable',
        { values: { 'image.repository': 'evil' } },
        /image\.repository/,
      ],
    ])('refuses %s', async (_what, change, message) => {
      const { api, action } = setup();
      api.takenSubdomains.add('taken');
      await expect(
        runAction(
          action,
          { ...renderedInput, ...change },
          { isDryRun: true, secrets: { auth__password: SECRET } },
        ),
      ).rejects.toThrow(message);
      expect(api.callsTo('createService')).toHaveLength(0);
    });

    it('checks a catastrophic pattern in linear time (RE2), as the form no longer checks it', async () => {
      const { api, action } = setup();
      api.templates = [
        makeTemplate({
          valueSpecs: {
            required: [
              {
                key: 'app.slug',
                label: 'Slug',
                type: 'text',
                required: true,
                pattern: '(a+)+',
                patternDescription: 'letters a',
              },
            ],
            optional: [],
          },
        }),
      ];
      // Backtracking RegExp would take exponential time on this value.
      const hostile = `${'a'.repeat(4000)}!`;
      await expect(
        runAction(
          action,
          {
            ...renderedInput,
            values: { 'app.slug': hostile },
            secretValues: {},
          },
          { isDryRun: true },
        ),
      ).rejects.toThrow('Invalid values: app.slug must match letters a');
      await expect(
        runAction(
          action,
          {
            ...renderedInput,
            values: { 'app.slug': 'a'.repeat(4000) },
            secretValues: {},
          },
          { isDryRun: true },
        ),
      ).resolves.toBeDefined();
    });

    it('refuses a missing required password', async () => {
      const { action } = setup();
      await expect(
        runAction(action, renderedInput, { isDryRun: true }),
      ).rejects.toThrow(/auth\.password is required/);
    });
  });

  describe('run', () => {
    it('creates the service as the initiating user, with typed values and the secret from the task secrets', async () => {
      const { api, apiFor, action } = setup();
      api.script = ['pending', 'deploying', 'running'];
      const jane = mockCredentials.user('user:default/jane');
      const run = await runAction(action, renderedInput, {
        secrets: { auth__password: SECRET },
        credentials: jane,
      });
      expect(apiFor).toHaveBeenCalledWith(jane);
      const [create] = api.callsTo('createService');
      expect(create.args).toEqual([
        'team-a',
        {
          templateId: 'tpl-1',
          name: 'Orders DB',
          subdomain: 'orders-db',
          helmValues: {
            'auth.database': 'orders',
            tier: 'large',
            replicaCount: 2,
            'metrics.enabled': true,
            'auth.password': SECRET,
          },
        },
      ]);
      expect(run.output).toEqual({
        serviceId: 'svc-1',
        workspaceId: 'team-a',
        deploymentId: 'D-000001',
        serviceUrl:
          'http://portal.test/cloud-services/workspaces/team-a/services/svc-1',
        publicUrl: 'https://orders-db.woowtech.test',
        entityRef: 'resource:default/paas-ws-team-a-k3x9q2',
        state: 'running',
      });
      const log = run.log.join('\n');
      expect(log).toContain('is deploying');
      expect(log).toContain('is running');
      expect(log).not.toContain(SECRET);
    });

    it('fails with the reason when the service ends in error', async () => {
      const { api, action } = setup();
      api.script = ['deploying', 'error'];
      await expect(
        runAction(action, renderedInput, {
          secrets: { auth__password: SECRET },
        }),
      ).rejects.toThrow(
        'Service Orders DB failed: helm install failed: timed out',
      );
    });

    it('returns right after creating when told not to wait', async () => {
      const { action } = setup();
      const run = await runAction(
        action,
        { ...renderedInput, waitForRunning: false },
        { secrets: { auth__password: SECRET } },
      );
      expect(run.output.state).toBe('deploying');
    });

    it('reads secrets only into password values', async () => {
      const { action } = setup();
      await expect(
        runAction(
          action,
          {
            ...renderedInput,
            secretValues: {
              ...renderedInput.secretValues,
              'auth.database': 'auth__password',
            },
          },
          { secrets: { auth__password: SECRET } },
        ),
      ).rejects.toThrow(
        /only password and sensitive values are read from secrets/,
      );
    });
  });
});
