import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import type { PrometheusMetricsReader } from '../metrics/PrometheusMetricsReader';
import { createRouter } from './router';

// The metrics route alone: its 503 when Prometheus is not set up, and the
// scope it hands the reader (the reader itself is tested against a real
// Prometheus in metrics/).
const service = {
  helmNamespace: 'paas-ws-a',
  helmReleaseName: 'paas-ws-a-app-x1y2z',
  allocatedVcpu: 2,
  allocatedRamGb: 4,
};

async function app(
  metrics?: PrometheusMetricsReader,
  logger = mockServices.logger.mock(),
) {
  const views = { get: jest.fn(async () => service) };
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    auditor: mockServices.auditor.mock(),
    logger,
    settings: { baseDomain: 'example.com' } as any,
    marketplace: {} as any,
    workspaces: {} as any,
    lifecycle: {} as any,
    updater: {} as any,
    views: views as any,
    customDomains: {} as any,
    backups: {} as any,
    metrics,
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  return express().use(router).use(middleware.error());
}

const auth = { Authorization: `Bearer ${mockCredentials.user.token()}` };

describe('GET .../metrics', () => {
  it('answers 503 saying metrics are not set up when no Prometheus is configured', async () => {
    const res = await request(await app())
      .get('/workspaces/a/services/s1/metrics?range=1h')
      .set(auth);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      'Metrics are not set up: configure woowCloudServices.metrics.prometheusUrl',
    );
    const config = await request(await app())
      .get('/config')
      .set(auth);
    expect(config.body.metricsEnabled).toBe(false);
  });

  it("reads the service's own namespace and release for the asked range", async () => {
    const metrics = {
      range: '7d',
      stepSeconds: 3600,
      start: 0,
      end: 604800,
      series: [],
      current: {
        cpuCores: null,
        cpuPercentOfLimit: null,
        memoryBytes: null,
        memoryLimitBytes: null,
        activeConnections: null,
      },
    };
    const read = jest.fn(async () => metrics);
    const server = await app({ read } as unknown as PrometheusMetricsReader);
    const res = await request(server)
      .get('/workspaces/a/services/s1/metrics?range=7d')
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(metrics);
    expect(read).toHaveBeenCalledWith(
      { namespace: 'paas-ws-a', releaseName: 'paas-ws-a-app-x1y2z' },
      '7d',
      { vcpu: 2, ramGb: 4 },
    );
    const bad = await request(server)
      .get('/workspaces/a/services/s1/metrics?range=1y')
      .set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      expect.objectContaining({ field: 'range' }),
    ]);
    expect(
      (await request(server).get('/config').set(auth)).body.metricsEnabled,
    ).toBe(true);
  });
});

describe('an answer off its contract', () => {
  it('is a 500 with a reference, the reason logged and nothing of the body sent', async () => {
    const read = jest.fn(async () => ({ range: '7d', secret: 's3cr3t' }));
    const logger = mockServices.logger.mock();
    const res = await request(
      await app({ read } as unknown as PrometheusMetricsReader, logger),
    )
      .get('/workspaces/a/services/s1/metrics?range=7d')
      .set(auth);
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('s3cr3t');
    const logged = JSON.stringify(logger.error.mock.calls);
    expect(logged).toContain('getServiceMetrics answered off its contract');
    expect(logged).toContain('stepSeconds');
    expect(logged).not.toContain('s3cr3t');
  });
});
