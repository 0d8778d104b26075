import { InputError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  makeService,
  makeTemplate,
} from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';
import {
  FakeCloudServicesApi,
  runAction,
} from '../__testUtils__/actionTestKit';
import { createCloudServiceActions } from '.';

// Inputs are written as JSON text on purpose: JSON.parse (as the scaffolder's
// renderer does) makes `__proto__` an own key, where an object literal would
// set the prototype instead and the test would check nothing.
const deployInput = `{
  "workspaceId": "team-a", "template": "postgresql", "name": "Orders DB",
  "subdomain": "orders-db", "values": { "auth.database": "orders" }`;
const targetInput = `{ "workspaceId": "team-a", "serviceId": "svc-1"`;

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
      myRole: 'admin',
    },
  ];
  api.services.set('svc-1', makeService({ helmRevision: 3, version: 7 }));
  api.script = ['running'];
  const actions = createCloudServiceActions({
    apiFor: () => api,
    pollIntervalMs: 1,
  });
  const byId = (id: string) =>
    actions.find(a => a.id === `woow:cloud-service:${id}`)!;
  return { api, byId };
}

const cases: Array<[string, string, string, string]> = [
  [
    'deploy',
    'a top-level __proto__ in values',
    `${deployInput.replace(
      '"auth.database"',
      '"__proto__": "x", "auth.database"',
    )} }`,
    'values.__proto__',
  ],
  [
    'deploy',
    'a nested __proto__ in values',
    `${deployInput.replace(
      '"auth.database": "orders"',
      '"auth.database": "orders", "tier": { "__proto__": { "polluted": true } }',
    )} }`,
    'values.tier.__proto__',
  ],
  [
    'deploy',
    'a dotted key walking to a prototype',
    `${deployInput.replace(
      '"auth.database"',
      '"auth.__proto__.polluted": "x", "auth.database"',
    )} }`,
    'values.auth.__proto__.polluted',
  ],
  [
    'deploy',
    'constructor in secretValues',
    `${deployInput}, "secretValues": { "constructor": "auth__password" } }`,
    'secretValues.constructor',
  ],
  [
    'deploy',
    'a __proto__ at the top of the input',
    `${deployInput}, "__proto__": { "waitForRunning": false } }`,
    '__proto__',
  ],
  [
    'upgrade',
    'a top-level __proto__ in values',
    `${targetInput}, "values": { "__proto__": null, "replicaCount": 2 } }`,
    'values.__proto__',
  ],
  [
    'upgrade',
    'prototype in secretValues',
    `${targetInput}, "secretValues": { "prototype": "pw" } }`,
    'secretValues.prototype',
  ],
  [
    'rollback',
    'a __proto__ at the top of the input',
    `${targetInput}, "revision": 1, "__proto__": { "revision": 2 } }`,
    '__proto__',
  ],
  [
    'delete',
    'constructor at the top of the input',
    `${targetInput}, "constructor": true }`,
    'constructor',
  ],
];

describe('woow:cloud-service:* actions and prototype keys', () => {
  it.each(cases)(
    '%s refuses %s before reading or sending anything',
    async (id, _what, json, path) => {
      const { api, byId } = setup();
      const input = JSON.parse(json) as JsonObject;
      const forbidden = path
        .split('.')
        .find(part => ['__proto__', 'constructor', 'prototype'].includes(part));
      // The key really is an own key of the raw input, as the scaffolder hands it over.
      expect(JSON.stringify(input)).toContain(forbidden);

      const run = runAction(byId(id), input, {
        secrets: { auth__password: 'pw-value', pw: 'pw-value' },
      });
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(`Input ${path} is not allowed`);
      expect(api.calls).toEqual([]);
    },
  );

  it.each(['deploy', 'upgrade', 'rollback', 'delete'])(
    '%s still runs without such keys',
    async id => {
      const { api, byId } = setup();
      const inputs: Record<string, string> = {
        deploy: `${deployInput}, "secretValues": { "auth.password": "auth__password" } }`,
        upgrade: `${targetInput}, "values": { "replicaCount": 2 } }`,
        rollback: `${targetInput}, "revision": 1 }`,
        delete: `${targetInput} }`,
      };
      await runAction(byId(id), JSON.parse(inputs[id]), {
        secrets: { auth__password: 'pw-value' },
      });
      expect(api.calls.length).toBeGreaterThan(0);
    },
  );
});
