import { ChartSourceAllowList } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ChartVersions } from './ChartVersions';

const INDEX = `apiVersion: v1
entries:
  app:
    - version: 1.2.0
      appVersion: "2.1"
      created: "2026-01-02T03:04:05Z"
      description: Newest
    - version: 1.10.0-rc.1
    - version: 1.1.0
    - version: 1.0.0
    - version: 0.9.0
  other:
    - version: 9.9.9
`;

describe('ChartVersions', () => {
  let server: http.Server;
  let repoUrl: string;
  let requests = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests++;
      if (req.url === '/charts/index.yaml') res.end(INDEX);
      else res.writeHead(404).end();
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    repoUrl = `http://127.0.0.1:${port}/charts`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const allow = (entries: string[]) =>
    ChartSourceAllowList.fromEntries(
      entries,
      'helmOperator.allowedChartSources',
    );

  it("lists a repository's stable versions above the deployed one, newest first, from its index (kept for a while)", async () => {
    let now = 0;
    const versions = new ChartVersions({
      allowList: allow([repoUrl]),
      cacheTtlMs: 1000,
      now: () => now,
    });
    const source = { repoUrl, name: 'app', version: '1.0.0' };
    const before = requests;
    const newer = await versions.newerThan(source, 'app', '1.0.0');
    expect(newer).toEqual([
      {
        version: '1.2.0',
        appVersion: '2.1',
        created: '2026-01-02T03:04:05Z',
        description: 'Newest',
      },
      { version: '1.1.0' },
    ]);
    await versions.newerThan(source, 'app', '1.1.0');
    expect(requests - before).toBe(1);
    now = 2000;
    await versions.newerThan(source, 'app', '1.1.0');
    expect(requests - before).toBe(2);
  });

  it('refuses a repository outside the allow list without connecting (403)', async () => {
    const versions = new ChartVersions({ allowList: allow(['local:']) });
    const before = requests;
    await expect(
      versions.newerThan(
        { repoUrl, name: 'app', version: '1.0.0' },
        'app',
        '1.0.0',
      ),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(requests).toBe(before);
  });

  it('says which repository failed when the index cannot be had (502)', async () => {
    const versions = new ChartVersions({
      allowList: allow([`${repoUrl}/missing`]),
    });
    await expect(
      versions.newerThan(
        { repoUrl: `${repoUrl}/missing`, name: 'app', version: '1.0.0' },
        'app',
        '1.0.0',
      ),
    ).rejects.toMatchObject({
      statusCode: 502,
      message: expect.stringContaining('HTTP 404'),
    });
  });

  it('lists local charts: the index, packaged files and the chart directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chart-versions-'));
    fs.writeFileSync(path.join(dir, 'index.yaml'), INDEX);
    fs.writeFileSync(path.join(dir, 'app-1.3.0.tgz'), '');
    fs.writeFileSync(path.join(dir, 'app-extra-5.0.0.tgz'), '');
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(
      path.join(dir, 'app', 'Chart.yaml'),
      'name: app\nversion: 1.1.0\n',
    );
    const versions = new ChartVersions({
      localChartsDir: dir,
      allowList: allow(['local:']),
    });
    const newer = await versions.newerThan(
      { localName: 'app' },
      'app',
      '1.1.0',
    );
    expect(newer.map(v => v.version)).toEqual(['1.3.0', '1.2.0']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists nothing for an OCI chart (registries have no index)', async () => {
    const versions = new ChartVersions({
      allowList: allow(['oci://r.example.com']),
    });
    expect(
      await versions.newerThan(
        { ociRef: 'oci://r.example.com/app' },
        'app',
        '1.0.0',
      ),
    ).toEqual([]);
  });
});
