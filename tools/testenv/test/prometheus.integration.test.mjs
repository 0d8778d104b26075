// Prometheus answers PromQL over samples the test provides, both live (a scrape target the test
// serves, registered through file_sd) and historic (backfilled TSDB blocks).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadPrometheusSamples } from '../index.mjs';
import { testenv, waitFor } from '../lib/test-helpers.mjs';

async function promQuery(env, apiPath, params) {
  const url = new URL(`${env.WOOW_PROMETHEUS_URL}${apiPath}`);
  for (const [k, v] of Object.entries(params))
    url.searchParams.set(k, String(v));
  const res = await fetch(url);
  const body = await res.json();
  assert.equal(body.status, 'success', JSON.stringify(body));
  return body.data;
}

describe('prometheus', () => {
  let env;
  let server;
  let targetFile;

  before(async () => {
    ({ env } = await testenv());
  });

  after(async () => {
    if (targetFile) fs.rmSync(targetFile, { force: true });
    if (server) await new Promise(r => server.close(r));
  });

  test('is ready and scrapes itself', async () => {
    const res = await fetch(`${env.WOOW_PROMETHEUS_URL}/-/ready`);
    assert.equal(res.status, 200);
    await waitFor(
      async () =>
        (
          await promQuery(env, '/api/v1/query', {
            query: 'up{job="prometheus"}',
          })
        ).result[0]?.value[1] === '1',
      {
        what: 'prometheus self-scrape',
      },
    );
  });

  test('scrapes a target registered in the file_sd directory', async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(
        [
          '# TYPE woow_testenv_fixture_value gauge',
          'woow_testenv_fixture_value{service="svc-a"} 42',
          'woow_testenv_fixture_value{service="svc-b"} 7',
          '',
        ].join('\n'),
      );
    });
    await new Promise(r => server.listen(0, '127.0.0.1', r));
    targetFile = path.join(
      env.WOOW_PROMETHEUS_FILE_SD_DIR,
      `test-${process.pid}.json`,
    );
    fs.writeFileSync(
      `${targetFile}.tmp`,
      JSON.stringify([
        {
          targets: [`127.0.0.1:${server.address().port}`],
          labels: { source: 'testenv-test' },
        },
      ]),
    );
    fs.renameSync(`${targetFile}.tmp`, targetFile);

    const data = await waitFor(
      async () => {
        const d = await promQuery(env, '/api/v1/query', {
          query: 'sum(woow_testenv_fixture_value{source="testenv-test"})',
        });
        return d.result[0]?.value[1] === '49' && d;
      },
      { timeoutMs: 60_000, what: 'scraped samples' },
    );
    assert.equal(data.resultType, 'vector');
  });

  test('answers range queries over backfilled historic samples', async () => {
    const now = Math.floor(Date.now() / 1000);
    const start = now - 6 * 3600;
    const end = now - 3 * 3600;
    const lines = ['# TYPE woow_backfill_cpu_usage gauge'];
    for (let t = start; t <= end; t += 60) {
      lines.push(
        `woow_backfill_cpu_usage{service="svc-a",namespace="paas-ws-1"} ${(
          0.25 +
          ((t - start) / 60) * 0.001
        ).toFixed(3)} ${t}`,
      );
    }
    lines.push('# EOF');
    await loadPrometheusSamples(lines.join('\n'));

    const data = await waitFor(
      async () => {
        const d = await promQuery(env, '/api/v1/query_range', {
          query: 'woow_backfill_cpu_usage{service="svc-a"}',
          start,
          end,
          step: 300,
        });
        return d.result.length === 1 && d;
      },
      { timeoutMs: 60_000, what: 'backfilled series' },
    );
    const values = data.result[0].values;
    assert.equal(values.length, (end - start) / 300 + 1);
    assert.equal(values[0][1], '0.25');
    assert.equal(data.result[0].metric.namespace, 'paas-ws-1');
    const avg = await promQuery(env, '/api/v1/query', {
      query: 'avg_over_time(woow_backfill_cpu_usage[1h])',
      time: start + 3600,
    });
    assert.ok(Number(avg.result[0].value[1]) > 0.25);
  });
});
