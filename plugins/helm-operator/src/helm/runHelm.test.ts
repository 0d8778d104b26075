import { mockServices } from '@backstage/backend-test-utils';
import { ServiceUnavailableError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GatewayTimeoutError } from '../errors';
import { runHelm } from './runHelm';

// runHelm with stand-in helm binaries (shell scripts): the time limit, the
// kill, and what reaches the caller and the log.

describe('runHelm', () => {
  let dir: string;
  const logger = mockServices.logger.mock();
  const script = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };
  const ctx = {
    command: 'upgrade',
    namespace: 'paas-ws-1',
    releaseName: 'paas-ws-1-app',
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-helm-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns stdout and passes the arguments as they are, without a shell', async () => {
    const echo = script('echo', 'for a in "$@"; do echo "[$a]"; done');
    const out = await runHelm(
      { binary: echo, globalArgs: ['--kube-context=x'], logger },
      ['status', '$(id)', 'a b'],
      {
        ...ctx,
        timeoutSeconds: 10,
      },
    );
    expect(out).toBe('[status]\n[$(id)]\n[a b]\n[--kube-context=x]');
  });

  it('kills helm at the time limit and answers 504 saying what to expect', async () => {
    const pidFile = path.join(dir, 'pid');
    const slow = script('slow', `echo $$ > ${pidFile}\nexec sleep 60`);
    const err = await runHelm(
      { binary: slow, globalArgs: [], logger },
      ['upgrade'],
      { ...ctx, timeoutSeconds: 1 },
    ).catch(e => e);
    expect(err).toBeInstanceOf(GatewayTimeoutError);
    expect(err.statusCode).toBe(504);
    expect(err.message).toBe(
      'helm upgrade of release "paas-ws-1-app" did not finish within 1s. It was stopped; the operation may still complete or be left pending: check GET .../status, and use POST .../recover if the release stays pending-*.',
    );
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(); // gone
  });

  it('maps failures, keeping paths and secrets out of the answer and secrets out of the log', async () => {
    const failing = script(
      'failing',
      'echo "Error: UPGRADE FAILED: cannot patch: open /tmp/woow-helm-values-x/values.yaml: s3cr3t-value rejected" >&2; exit 1',
    );
    const err = await runHelm(
      { binary: failing, globalArgs: [], logger },
      ['upgrade'],
      {
        ...ctx,
        secrets: ['s3cr3t-value'],
        timeoutSeconds: 10,
      },
    ).catch(e => e);
    expect(err.statusCode).toBe(500);
    expect(err.message).toBe(
      'helm upgrade failed for release "paas-ws-1-app" in namespace "paas-ws-1": UPGRADE FAILED: cannot patch: open <path>: <redacted> rejected',
    );
    const logged = JSON.stringify((logger.warn as jest.Mock).mock.calls);
    expect(logged).toContain('/tmp/woow-helm-values-x');
    expect(logged).not.toContain('s3cr3t-value');
  });

  it('answers 503 when helm cannot be run at all', async () => {
    await expect(
      runHelm(
        { binary: path.join(dir, 'missing'), globalArgs: [], logger },
        ['status'],
        { ...ctx, timeoutSeconds: 5 },
      ),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
