import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { auditedCallOf, createOperatorAudit } from './audit';

const SECRET = 'Operator-Secret-3321!';

/** An auditor that keeps every record (created, succeeded, failed) in order. */
function recordingAuditor() {
  const records: Array<Record<string, any>> = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      const { request: _req, ...rest } = options;
      records.push({ ...rest, status: 'initiated' });
      return {
        async success(params) {
          records.push({
            ...rest,
            meta: { ...rest.meta, ...params?.meta },
            status: 'succeeded',
          });
        },
        async fail(params) {
          records.push({
            ...rest,
            meta: { ...rest.meta, ...params.meta },
            error: params.error,
            status: 'failed',
          });
        },
      };
    },
  };
  return { auditor, records };
}

function app(auditor: AuditorService) {
  const audit = createOperatorAudit(auditor);
  const router = express.Router();
  router.post('/releases', (_req, res) => {
    res.status(201).json({ revision: 1 });
  });
  router.patch('/releases/:namespace/:name', () => {
    throw new ConflictError(`upgrade refused: password ${SECRET} is weak`);
  });
  router.delete('/releases/:namespace/:name', () => {
    throw new NotFoundError('no such release');
  });
  router.post('/releases/:namespace/:name/recover', req => {
    req.socket.destroy();
  });
  router.get('/releases/:namespace/:name', (_req, res) => {
    res.json({});
  });
  return express()
    .use(express.json())
    .use(audit.start)
    .use(router)
    .use(audit.recordError)
    .use(
      (
        error: Error,
        _req: express.Request,
        res: express.Response,
        _next: express.NextFunction,
      ) => {
        res.status(error.name === 'NotFoundError' ? 404 : 409).json({});
      },
    );
}

/** Waits for the records of `count` finished calls (they are written when the answer is sent). */
async function settled(records: unknown[], count: number) {
  for (let i = 0; i < 100 && records.length < count; i++)
    await new Promise(resolve => setImmediate(resolve));
}

describe('the operator audit', () => {
  it('records an install with its target and value keys, never values', async () => {
    const { auditor, records } = recordingAuditor();
    const res = await request(app(auditor))
      .post('/releases')
      .send({
        namespace: 'paas-ws-a',
        releaseName: 'paas-ws-a-app',
        chart: { name: 'x' },
        values: { auth: { password: SECRET }, replicaCount: 1 },
      });
    expect(res.status).toBe(201);
    await settled(records, 2);
    expect(records).toEqual([
      expect.objectContaining({
        eventId: 'release-install',
        severityLevel: 'medium',
        status: 'initiated',
      }),
      {
        eventId: 'release-install',
        severityLevel: 'medium',
        status: 'succeeded',
        meta: {
          namespace: 'paas-ws-a',
          release: 'paas-ws-a-app',
          valueKeys: ['auth', 'replicaCount'],
          ingress: false,
          status: 201,
        },
      },
    ]);
    expect(JSON.stringify(records)).not.toContain(SECRET);
  });

  it('records failures with the error kind and a redacted message', async () => {
    const { auditor, records } = recordingAuditor();
    const res = await request(app(auditor))
      .patch('/releases/paas-ws-a/paas-ws-a-app')
      .send({ values: { password: SECRET } });
    expect(res.status).toBe(409);
    await settled(records, 2);
    const failed = records[1];
    expect(failed).toMatchObject({
      eventId: 'release-upgrade',
      status: 'failed',
      meta: {
        namespace: 'paas-ws-a',
        release: 'paas-ws-a-app',
        valueKeys: ['password'],
        status: 409,
      },
    });
    expect(failed.error.name).toBe('ConflictError');
    expect(failed.error.message).toBe(
      'upgrade refused: password <redacted> is weak',
    );
    expect(failed.error.stack).toBeUndefined();
    expect(JSON.stringify(records)).not.toContain(SECRET);
  });

  it('records uninstalls as high and leaves reads alone', async () => {
    const { auditor, records } = recordingAuditor();
    const server = app(auditor);
    await request(server).get('/releases/paas-ws-a/paas-ws-a-app');
    const res = await request(server).delete(
      '/releases/paas-ws-a/paas-ws-a-app?deleteData=true',
    );
    expect(res.status).toBe(404);
    await settled(records, 2);
    expect(records.map(r => [r.eventId, r.severityLevel, r.status])).toEqual([
      ['release-uninstall', 'high', 'initiated'],
      ['release-uninstall', 'high', 'failed'],
    ]);
    expect(records[1].meta.deleteData).toBe(true);
  });

  it('records a call whose connection closed before the answer as failed', async () => {
    const { auditor, records } = recordingAuditor();
    await expect(
      request(app(auditor)).post('/releases/paas-ws-a/paas-ws-a-app/recover'),
    ).rejects.toThrow();
    await settled(records, 2);
    expect(records.map(r => [r.eventId, r.status])).toEqual([
      ['release-recover', 'initiated'],
      ['release-recover', 'failed'],
    ]);
    expect(records[1].error.message).toBe(
      'the connection closed before the answer was sent',
    );
  });

  it('names every mutating route, and audits unknown ones generically', () => {
    const call = (method: string, path: string, body: object = {}) =>
      auditedCallOf({ method, path, body, query: {} } as any)?.eventId;
    expect(call('POST', '/namespaces', { workspaceId: 'a' })).toBe(
      'namespace-ensure',
    );
    expect(call('POST', '/releases/ns/r/rollback', { revision: 2 })).toBe(
      'release-rollback',
    );
    expect(call('POST', '/releases/ns/r/recover')).toBe('release-recover');
    expect(call('POST', '/releases/ns/r/diff')).toBe('release-diff');
    expect(call('PUT', '/releases/ns/r/ingress')).toBe(
      'release-ingress-update',
    );
    expect(call('POST', '/something/new')).toBe('operator-request');
    expect(call('GET', '/releases/ns/r')).toBeUndefined();
  });

  it('records backups, their deletion and restores with their ids', () => {
    const call = (method: string, path: string, body: object = {}) => {
      const event = auditedCallOf({ method, path, body, query: {} } as any);
      return event && [event.eventId, event.severityLevel, event.meta];
    };
    expect(call('POST', '/releases/ns/ns-a/backups', { id: 'b1' })).toEqual([
      'release-backup-create',
      'medium',
      { namespace: 'ns', release: 'ns-a', backupId: 'b1' },
    ]);
    expect(call('DELETE', '/releases/ns/ns-a/backups/b1')).toEqual([
      'release-backup-delete',
      'high',
      { namespace: 'ns', release: 'ns-a', backupId: 'b1' },
    ]);
    expect(
      call('POST', '/releases/ns/ns-b/restores', {
        id: 'r1',
        backupId: 'b1',
        sourceRelease: 'ns-a',
      }),
    ).toEqual([
      'release-backup-restore',
      'high',
      {
        namespace: 'ns',
        release: 'ns-b',
        restoreId: 'r1',
        backupId: 'b1',
        sourceRelease: 'ns-a',
      },
    ]);
    // A DELETE of the whole collection is no backup deletion.
    expect(call('DELETE', '/releases/ns/ns-a/backups')?.[0]).toBe(
      'operator-request',
    );
    expect(call('GET', '/releases/ns/ns-a/backups/b1')).toBeUndefined();
  });
});
