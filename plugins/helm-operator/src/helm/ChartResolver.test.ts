import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChartSourceAllowList } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { ChartResolver, withVersion } from './ChartResolver';

const ALLOW = ChartSourceAllowList.fromEntries([
  'https://charts.example.com',
  'oci://registry.example.com/charts',
  'local:',
]);

describe('ChartResolver', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charts-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(
      path.join(dir, 'app', 'Chart.yaml'),
      'apiVersion: v2\nname: app\nversion: 0.1.0\n',
    );
    fs.writeFileSync(path.join(dir, 'app-0.2.0.tgz'), 'not really a tarball');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes repository charts as --repo/--version flags', async () => {
    const r = await new ChartResolver(undefined, ALLOW).resolve({
      repoUrl: 'https://charts.example.com',
      name: 'pg',
      version: '1.2.3',
    });
    expect(r.args).toEqual([
      'pg',
      '--repo=https://charts.example.com',
      '--version=1.2.3',
    ]);
    expect(r.display).toBe('pg@1.2.3 from https://charts.example.com');
  });

  it('passes OCI references as they are', async () => {
    const r = await new ChartResolver(undefined, ALLOW).resolve({
      ociRef: 'oci://registry.example.com/charts/app',
      version: '2.0.0',
    });
    expect(r.args).toEqual([
      'oci://registry.example.com/charts/app',
      '--version=2.0.0',
    ]);
  });

  it('finds local chart directories and packaged versions', async () => {
    const resolver = new ChartResolver(dir, ALLOW);
    expect((await resolver.resolve({ localName: 'app' })).args).toEqual([
      path.join(dir, 'app'),
    ]);
    expect(
      (await resolver.resolve({ localName: 'app', version: '0.1.0' })).args,
    ).toEqual([path.join(dir, 'app')]);
    expect(
      (await resolver.resolve({ localName: 'app', version: '0.2.0' })).args,
    ).toEqual([path.join(dir, 'app-0.2.0.tgz')]);
  });

  it('refuses what it cannot find with a 422 naming the chart', async () => {
    const resolver = new ChartResolver(dir, ALLOW);
    await expect(
      resolver.resolve({ localName: 'app', version: '9.9.9' }),
    ).rejects.toMatchObject({
      statusCode: 422,
      message:
        'Chart app@9.9.9 (local) could not be fetched: the local chart has version 0.1.0',
    });
    await expect(resolver.resolve({ localName: 'nope' })).rejects.toMatchObject(
      { statusCode: 422 },
    );
    await expect(resolver.resolve({ localName: '..' })).rejects.toBeInstanceOf(
      Error,
    );
  });

  it('refuses local charts when no directory is configured', async () => {
    await expect(
      new ChartResolver(undefined, ALLOW).resolve({ localName: 'app' }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it.each([
    [
      {
        repoUrl: 'https://charts.example.com.evil.io',
        name: 'a',
        version: '1',
      },
    ],
    [
      {
        repoUrl: 'https://charts.example.com@evil.io/x',
        name: 'a',
        version: '1',
      },
    ],
    [{ repoUrl: 'http://127.0.0.1:8879', name: 'a', version: '1' }],
    [{ ociRef: 'oci://registry.example.com/chartsx/app' }],
  ])('refuses a source that is not allowed with a 403: %j', async source => {
    await expect(
      new ChartResolver(undefined, ALLOW).resolve(source),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /^chart\.(repoUrl|ociRef) .*helmOperator\.allowedChartSources/,
      ),
    });
  });

  it('refuses local charts unless "local:" is allowed', async () => {
    await expect(
      new ChartResolver(dir, ChartSourceAllowList.fromEntries([])).resolve({
        localName: 'app',
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('hands helm the normalised URL it checked', async () => {
    const r = await new ChartResolver(undefined, ALLOW).resolve({
      repoUrl: 'HTTPS://Charts.Example.COM:443/sub/',
      name: 'pg',
      version: '1',
    });
    expect(r.args[1]).toBe('--repo=https://charts.example.com/sub');
  });

  it('replaces the version', () => {
    expect(withVersion({ localName: 'a', version: '1' }, '2')).toEqual({
      localName: 'a',
      version: '2',
    });
    expect(withVersion({ localName: 'a', version: '1' })).toEqual({
      localName: 'a',
      version: '1',
    });
  });
});
