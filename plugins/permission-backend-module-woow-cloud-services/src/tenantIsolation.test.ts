import {
  MARKETPLACE,
  apiAs,
  startTestPortal,
} from './__testUtils__/testPortal';
// tools/testenv is not a workspace package: its files are imported by path.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { waitFor } from '../../../tools/testenv/lib/waitFor.mjs';

const ADMIN = 'user:default/platform-root';
const OWNER_A = 'user:default/alice';
const VIEWER_A = 'user:default/victor';
const OWNER_B = 'user:default/bob';
const OUTSIDER = 'user:default/olga';
const LIMITED = 'user:default/lim';

/**
 * Tenant isolation through the real backend: the shipped policy decides,
 * the Cloud Services plugin enforces with its real database, the catalog
 * filters with the product's rules.
 */
describe('tenant isolation with the shipped permission policy', () => {
  let ctx: Awaited<ReturnType<typeof startTestPortal>>;
  const as = (user: string) => apiAs(ctx.backend.server, user);

  beforeAll(async () => {
    ctx = await startTestPortal({
      woowCloudServices: {
        baseDomain: 'apps.example.com',
        marketplace: { locations: [MARKETPLACE] },
        platformAdmins: { users: [ADMIN] },
        limits: { workspacesPerUser: 2, servicesPerWorkspace: 1 },
      },
    });
  });
  afterAll(async () => ctx?.backend.stop());

  async function redisTemplate() {
    const res = await as(OWNER_A).get('/templates/redis');
    expect(res.body).toMatchObject({ slug: 'redis' });
    const { id, createdAt, updatedAt, version, ...definition } = res.body;
    return { id, version, definition, body: res.body };
  }

  async function deploy(user: string, workspaceId: string, name: string) {
    return as(user).post(`/workspaces/${workspaceId}/services`, {
      templateId: 'redis',
      name,
      // Redis has no web UI: no subdomain.
      helmValues: { 'auth.password': 'a-long-enough-Passw0rd' },
    });
  }

  describe('marketplace templates', () => {
    it('refuses a non-admin creating, updating or deactivating one, and changes nothing', async () => {
      const before = await redisTemplate();
      const create = await as(OWNER_A).post('/templates', {
        ...before.definition,
        slug: 'redis-by-alice',
      });
      expect(create.status).toBe(403);
      expect(create.body.error.message).toMatch(/woow\.template\.manage/);
      const update = await as(OWNER_A).put(`/templates/${before.id}`, {
        ...before.definition,
        monthlyPrice: 1,
        version: before.version,
      });
      expect(update.status).toBe(403);
      expect(update.body.error.message).toMatch(/woow\.template\.manage/);
      const deactivate = await as(OWNER_A).post(
        `/templates/${before.id}/deactivate`,
        { version: before.version },
      );
      expect(deactivate.status).toBe(403);
      const inactive = await as(OWNER_A).get('/templates?includeInactive=true');
      expect(inactive.status).toBe(403);

      expect((await redisTemplate()).body).toEqual(before.body);
      expect((await as(OWNER_A).get('/templates/redis-by-alice')).status).toBe(
        404,
      );
    });

    it('lets a platform admin create, update and deactivate one', async () => {
      const before = await redisTemplate();
      const create = await as(ADMIN).post('/templates', {
        ...before.definition,
        slug: 'redis-admin-copy',
        name: 'Redis (admin copy)',
      });
      expect(create.status).toBe(201);
      const update = await as(ADMIN).put(`/templates/${create.body.id}`, {
        ...before.definition,
        slug: 'redis-admin-copy',
        name: 'Redis (admin copy)',
        monthlyPrice: 42,
        version: create.body.version,
      });
      expect(update.status).toBe(200);
      expect(update.body.monthlyPrice).toBe(42);
      const deactivate = await as(ADMIN).post(
        `/templates/${create.body.id}/deactivate`,
        { version: update.body.version },
      );
      expect(deactivate.status).toBe(200);
      expect(deactivate.body.isActive).toBe(false);
      const all = await as(ADMIN).get('/templates?includeInactive=true');
      expect(all.status).toBe(200);
      expect(all.body.items.map((t: any) => t.slug)).toContain(
        'redis-admin-copy',
      );
    });
  });

  describe('workspaces', () => {
    let workspaceA: string;
    let workspaceB: string;
    let serviceB: { id: string; helmReleaseName: string };

    beforeAll(async () => {
      // Setup, checked as it goes: a failure here names the step.
      const ok = <T extends { status: number; text: string }>(
        res: T,
        what: string,
      ): T => {
        if (res.status !== 201) {
          throw new Error(`${what}: HTTP ${res.status} ${res.text}`);
        }
        return res;
      };
      const a = ok(
        await as(OWNER_A).post('/workspaces', { name: 'Team A' }),
        'workspace A',
      );
      const b = ok(
        await as(OWNER_B).post('/workspaces', { name: 'Team B' }),
        'workspace B',
      );
      workspaceA = a.body.id;
      workspaceB = b.body.id;
      ok(
        await as(OWNER_A).post(`/workspaces/${workspaceA}/members`, {
          userRef: VIEWER_A,
          role: 'viewer',
        }),
        'viewer in A',
      );
      const created = ok(
        await deploy(OWNER_B, workspaceB, `b-${workspaceB}`),
        'service in B',
      );
      serviceB = created.body;
    });

    it('refuses a viewer every write, naming the role, and changes nothing', async () => {
      const viewer = as(VIEWER_A);
      const writes = [
        await deploy(VIEWER_A, workspaceA, `v-${workspaceA}`),
        await viewer.post(`/workspaces/${workspaceA}/members`, {
          userRef: OUTSIDER,
          role: 'viewer',
        }),
        await viewer.put(
          `/workspaces/${workspaceA}/members/${encodeURIComponent(OWNER_A)}`,
          { role: 'viewer' },
        ),
      ];
      for (const res of writes) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/role/);
      }
      expect(
        (await viewer.get(`/workspaces/${workspaceA}/services`)).body.items,
      ).toEqual([]);
      const members = await viewer.get(`/workspaces/${workspaceA}/members`);
      expect(members.body.items.map((m: any) => [m.userRef, m.role])).toEqual([
        [OWNER_A, 'owner'],
        [VIEWER_A, 'viewer'],
      ]);
    });

    it("gives a member of workspace A 404 on workspace B's services", async () => {
      const alice = as(OWNER_A);
      const base = `/workspaces/${workspaceB}/services`;
      for (const res of [
        await alice.get(`/workspaces/${workspaceB}`),
        await alice.get(base),
        await alice.get(`${base}/${serviceB.id}`),
        await alice.patch(`${base}/${serviceB.id}`, { name: 'x', version: 1 }),
        await alice.del(`${base}/${serviceB.id}?version=1`),
        await deploy(OWNER_A, workspaceB, `a-in-${workspaceB}`),
      ]) {
        expect(res.status).toBe(404);
      }
    });

    it("shows B's service entity in the catalog to B's members and admins only", async () => {
      await ctx.scheduler.triggerTask('woow-cloud-services:refresh');
      const entityPath = `/entities/by-name/resource/default/${serviceB.helmReleaseName}`;
      await waitFor(
        async () => (await as(OWNER_B).catalog(entityPath)).status === 200,
        { timeoutMs: 30_000, intervalMs: 250, what: `${entityPath} for B` },
      );
      expect((await as(OWNER_B).catalog(entityPath)).status).toBe(200);
      expect((await as(ADMIN).catalog(entityPath)).status).toBe(200);
      expect((await as(OWNER_A).catalog(entityPath)).status).toBe(404);
      expect((await as(OUTSIDER).catalog(entityPath)).status).toBe(404);

      // Lists are filtered in the database query; other entities stay visible.
      const list = await as(OWNER_A).catalog(
        '/entities/by-query?filter=kind=resource,kind=template',
      );
      expect(list.status).toBe(200);
      const names = list.body.items.map((e: any) => e.metadata.name);
      expect(names).not.toContain(serviceB.helmReleaseName);
      expect(names).toContain('redis');

      // Membership counts from the next request on.
      const added = await as(OWNER_B).post(
        `/workspaces/${workspaceB}/members`,
        {
          userRef: OWNER_A,
          role: 'viewer',
        },
      );
      expect(added.status).toBe(201);
      expect((await as(OWNER_A).catalog(entityPath)).status).toBe(200);
    });
  });

  describe('limits', () => {
    it('refuses a workspace beyond workspacesPerUser, naming the limit, and creates nothing', async () => {
      const lim = as(LIMITED);
      expect((await lim.post('/workspaces', { name: 'One' })).status).toBe(201);
      expect((await lim.post('/workspaces', { name: 'Two' })).status).toBe(201);
      const third = await lim.post('/workspaces', { name: 'Three' });
      expect(third.status).toBe(403);
      expect(third.body.error.message).toMatch(
        /woowCloudServices\.limits\.workspacesPerUser = 2/,
      );
      const mine = await lim.get('/workspaces');
      expect(mine.body.items.map((w: any) => w.name).sort()).toEqual([
        'One',
        'Two',
      ]);
    });

    it('refuses a service beyond servicesPerWorkspace, naming the limit, and creates nothing', async () => {
      const owner = 'user:default/full';
      const ws = await as(owner).post('/workspaces', { name: 'Full' });
      expect(ws.status).toBe(201);
      const first = await deploy(owner, ws.body.id, `f1-${ws.body.id}`);
      expect(first.status).toBe(201);
      const second = await deploy(owner, ws.body.id, `f2-${ws.body.id}`);
      expect(second.status).toBe(403);
      expect(second.body.error.message).toMatch(
        /woowCloudServices\.limits\.servicesPerWorkspace = 1/,
      );
      const services = await as(owner).get(
        `/workspaces/${ws.body.id}/services`,
      );
      expect(services.body.items.map((s: any) => s.name)).toEqual([
        `f1-${ws.body.id}`,
      ]);
      const availability = await as(owner).get(
        `/subdomains/f2-${ws.body.id}/availability`,
      );
      expect(availability.body).toMatchObject({ available: true });
    });
  });
});
