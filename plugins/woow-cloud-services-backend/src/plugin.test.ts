import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { woowCloudServicesPlugin } from './plugin';
import { MARKETPLACE, portalConfig } from './__testUtils__/portalConfig';

const API = '/api/woow-cloud-services';
const auth = (ref: string) => ({
  Authorization: `Bearer ${mockCredentials.user.token(ref)}`,
});
const A = 'user:default/a';
const B = 'user:default/b';

// Everything here stops before the helm-operator would be called: the full
// flow against the real operator is in service/lifecycle.integration.test.ts.
describe('woowCloudServicesPlugin', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        woowCloudServicesPlugin,
        mockServices.rootConfig.factory({
          data: portalConfig({
            woowCloudServices: {
              baseDomain: 'apps.example.com',
            },
          }),
        }),
      ],
    });
    return server;
  }

  it('does not start with a mistyped marketplace location, naming the key and the path', async () => {
    await expect(
      startTestBackend({
        features: [
          woowCloudServicesPlugin,
          mockServices.rootConfig.factory({
            data: portalConfig({
              woowCloudServices: {
                baseDomain: 'apps.example.com',
                marketplace: { locations: [`${MARKETPLACE}-typo`] },
              },
            }),
          }),
        ],
      }),
    ).rejects.toThrow(
      `woowCloudServices.marketplace.locations[0]: ${MARKETPLACE}-typo does not exist`,
    );
  });

  it('serves config, the OpenAPI document and the marketplace', async () => {
    const server = await start();
    const config = await request(server).get(`${API}/config`).set(auth(A));
    expect(config.body).toEqual({
      baseDomain: 'apps.example.com',
      cnameTarget: '{subdomain}.apps.example.com',
      metricsEnabled: false,
    });
    const doc = await request(server).get(`${API}/openapi.json`).set(auth(A));
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain(
      `${API}/workspaces/{workspaceId}/services`,
    );

    const all = await request(server).get(`${API}/templates`).set(auth(A));
    expect(all.body.items.length).toBeGreaterThanOrEqual(16);
    const databases = await request(server)
      .get(`${API}/templates?category=database`)
      .set(auth(A));
    expect(databases.body.items.map((t: any) => t.slug).sort()).toEqual([
      'mariadb',
      'postgresql',
      'redis',
    ]);
    const search = await request(server)
      .get(`${API}/templates?search=chatbot`)
      .set(auth(A));
    expect(search.body.items.map((t: any) => t.slug)).toEqual(['anythingllm']);
    const tags = await request(server)
      .get(`${API}/templates?tags=ai,llm`)
      .set(auth(A));
    expect(tags.body.items.map((t: any) => t.slug).sort()).toEqual([
      'anythingllm',
      'ollama',
      'open-webui',
    ]);
    const bySlug = await request(server)
      .get(`${API}/templates/n8n`)
      .set(auth(A));
    expect(bySlug.body.name).toBe('n8n Workflow');
    const bad = await request(server)
      .get(`${API}/templates?category=games`)
      .set(auth(A));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { field: 'category', message: expect.any(String) },
    ]);
  });

  it('lets admins edit and deactivate templates with optimistic locking', async () => {
    const server = await start();
    const { body: redis } = await request(server)
      .get(`${API}/templates/redis`)
      .set(auth(A));
    const { id, createdAt, updatedAt, version, ...definition } = redis;
    const stale = await request(server)
      .put(`${API}/templates/${id}`)
      .set(auth(A))
      .send({ ...definition, monthlyPrice: 12, version: version + 1 });
    expect(stale.status).toBe(409);
    const updated = await request(server)
      .put(`${API}/templates/${id}`)
      .set({ ...auth(A), 'If-Match': `"${version}"` })
      .send({ ...definition, monthlyPrice: 12 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      monthlyPrice: 12,
      version: version + 1,
    });
    const invalid = await request(server)
      .post(`${API}/templates`)
      .set(auth(A))
      .send({
        ...definition,
        slug: 'redis-copy',
        valueSpecs: { required: [{ key: 'a', label: 'A', type: 'select' }] },
      });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields[0].field).toBe(
      'valueSpecs.required.0.options',
    );
    const deactivated = await request(server)
      .post(`${API}/templates/${id}/deactivate`)
      .set(auth(A))
      .send({});
    expect(deactivated.body.isActive).toBe(false);
    const list = await request(server)
      .get(`${API}/templates?search=redis`)
      .set(auth(A));
    expect(list.body.items).toEqual([]);
  });

  it('manages workspaces and members by role, hiding them from non-members', async () => {
    const server = await start();
    const created = await request(server)
      .post(`${API}/workspaces`)
      .set(auth(A))
      .send({ name: 'Team Rocket' });
    expect(created.status).toBe(201);
    const ws = created.body;
    expect(ws).toMatchObject({
      myRole: 'owner',
      serviceCount: 0,
      namespace: `paas-ws-${ws.id}`,
    });

    expect(
      (await request(server).get(`${API}/workspaces/${ws.id}`).set(auth(B)))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get(`${API}/workspaces`).set(auth(B))).body.items,
    ).toEqual([]);

    const member = (ref: string) =>
      `${API}/workspaces/${ws.id}/members/${encodeURIComponent(ref)}`;
    const added = await request(server)
      .post(`${API}/workspaces/${ws.id}/members`)
      .set(auth(A))
      .send({ userRef: B, role: 'viewer' });
    expect(added.status).toBe(201);
    expect(
      (await request(server).get(`${API}/workspaces`).set(auth(B))).body.items,
    ).toEqual([expect.objectContaining({ id: ws.id, myRole: 'viewer' })]);
    // A viewer cannot manage members.
    const denied = await request(server)
      .post(`${API}/workspaces/${ws.id}/members`)
      .set(auth(B))
      .send({ userRef: 'user:default/c', role: 'viewer' });
    expect(denied.status).toBe(403);
    // The last owner can be neither demoted nor removed.
    expect(
      (
        await request(server)
          .put(member(A))
          .set(auth(A))
          .send({ role: 'admin' })
      ).status,
    ).toBe(409);
    expect((await request(server).delete(member(A)).set(auth(A))).status).toBe(
      409,
    );
    // With a second owner, the first may step down.
    expect(
      (
        await request(server)
          .put(member(B))
          .set(auth(A))
          .send({ role: 'owner' })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(server)
          .put(member(A))
          .set(auth(B))
          .send({ role: 'member' })
      ).body,
    ).toMatchObject({
      userRef: A,
      role: 'member',
    });
    const members = await request(server)
      .get(`${API}/workspaces/${ws.id}/members`)
      .set(auth(A));
    expect(members.body.items.map((m: any) => [m.userRef, m.role])).toEqual([
      [A, 'member'],
      [B, 'owner'],
    ]);
    const badRef = await request(server)
      .delete(member('not-a-ref'))
      .set(auth(B));
    expect(badRef.status).toBe(400);
  });

  it('refuses bad service input naming each field, creating nothing', async () => {
    const server = await start();
    const { body: ws } = await request(server)
      .post(`${API}/workspaces`)
      .set(auth(A))
      .send({ name: 'Validation', id: 'validation' });
    const res = await request(server)
      .post(`${API}/workspaces/${ws.id}/services`)
      .set(auth(A))
      .send({
        templateId: 'woow-fixture-app',
        name: '',
        subdomain: 'admin',
        helmValues: {
          replicaCount: 9,
          unknownKey: 'x',
          'persistence.size': '3Gi',
        },
      });
    expect(res.status).toBe(400);
    const fields = res.body.error.fields.map((f: any) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'subdomain',
        'helmValues.unknownKey',
        'helmValues.replicaCount',
        'helmValues.persistence.size',
        'helmValues.password',
      ]),
    );
    const list = await request(server)
      .get(`${API}/workspaces/${ws.id}/services`)
      .set(auth(A));
    expect(list.body.items).toEqual([]);

    const availability = await request(server)
      .get(`${API}/subdomains/admin/availability`)
      .set(auth(A));
    expect(availability.body).toEqual({
      subdomain: 'admin',
      available: false,
      reason: 'is reserved',
      fqdn: 'admin.apps.example.com',
    });
    const free = await request(server)
      .get(`${API}/subdomains/my-app/availability`)
      .set(auth(A));
    expect(free.body.available).toBe(true);
    const missingVersion = await request(server)
      .patch(`${API}/workspaces/${ws.id}/services/nope`)
      .set(auth(A))
      .send({ name: 'x' });
    expect(missingVersion.status).toBe(400);
    expect(missingVersion.body.error.fields).toEqual([
      { field: 'version', message: expect.stringContaining('required') },
    ]);
  });
});
