import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import {
  checkHelmVersion,
  HelmCli,
  helmTimeoutFor,
  mutationFlags,
  parseHelmVersion,
  serverDryRunFlags,
} from './HelmCli';

describe('helm version', () => {
  it('parses helm version --short', () => {
    expect(parseHelmVersion('v4.3.1+g1234abc\n')).toEqual({
      version: 'v4.3.1',
      major: 4,
      minor: 3,
    });
    expect(parseHelmVersion('v3.22.0')).toEqual({
      version: 'v3.22.0',
      major: 3,
      minor: 22,
    });
    expect(parseHelmVersion('nonsense')).toBeUndefined();
  });

  it('accepts helm 4 and helm 3 from 3.14, refuses older', () => {
    expect(checkHelmVersion('v4.0.0').major).toBe(4);
    expect(checkHelmVersion('v3.14.0').major).toBe(3);
    expect(() => checkHelmVersion('v3.13.3')).toThrow(
      /v3.13.3 is not supported: helm 4, or helm 3 from 3.14/,
    );
    expect(() => checkHelmVersion('v2.17.0')).toThrow(/not supported/);
    expect(() => checkHelmVersion('v5.0.0')).toThrow(/not supported/);
  });
});

describe('mutationFlags', () => {
  const base = {
    wait: false,
    rollbackOnFailure: false,
    helmTimeoutSeconds: 100,
  };

  it('maps waiting, rollback on failure and forced replacement for helm 4', () => {
    expect(mutationFlags(4, { ...base, command: 'install' })).toEqual([
      '--server-side=true',
      '--timeout=100s',
    ]);
    expect(
      mutationFlags(4, { ...base, command: 'upgrade', wait: true }),
    ).toEqual(['--server-side=auto', '--wait=watcher', '--timeout=100s']);
    expect(
      mutationFlags(4, {
        ...base,
        command: 'upgrade',
        rollbackOnFailure: true,
        forceReplace: true,
      }),
    ).toEqual([
      '--server-side=auto',
      '--rollback-on-failure',
      '--force-replace',
      '--timeout=100s',
    ]);
    // helm rollback has no --rollback-on-failure: it waits instead
    expect(
      mutationFlags(4, {
        ...base,
        command: 'rollback',
        rollbackOnFailure: true,
      }),
    ).toEqual(['--server-side=auto', '--wait=watcher', '--timeout=100s']);
  });

  it('maps the same options to helm 3 flags', () => {
    expect(mutationFlags(3, { ...base, command: 'install' })).toEqual([
      '--timeout=100s',
    ]);
    expect(
      mutationFlags(3, { ...base, command: 'upgrade', wait: true }),
    ).toEqual(['--wait', '--timeout=100s']);
    expect(
      mutationFlags(3, {
        ...base,
        command: 'install',
        rollbackOnFailure: true,
        forceReplace: true,
      }),
    ).toEqual(['--atomic', '--force', '--timeout=100s']);
    expect(
      mutationFlags(3, {
        ...base,
        command: 'rollback',
        rollbackOnFailure: true,
      }),
    ).toEqual(['--wait', '--timeout=100s']);
  });

  it('never waits by default (the status endpoint reports readiness)', () => {
    for (const major of [3, 4] as const) {
      const flags = mutationFlags(major, { ...base, command: 'install' }).join(
        ' ',
      );
      expect(flags).not.toMatch(/--wait|--atomic|--rollback-on-failure/);
    }
  });

  it('uses a server-side dry run on both versions', () => {
    expect(serverDryRunFlags(4)).toEqual(['--dry-run=server']);
    expect(serverDryRunFlags(3)).toEqual(['--dry-run=server']);
  });

  it("ends helm's own timeout before ours", () => {
    expect(helmTimeoutFor(300)).toBeLessThan(300);
    expect(helmTimeoutFor(1)).toBe(1);
  });
});

describe('HelmCli.detect', () => {
  const logger = mockServices.logger.mock();

  it('says clearly when the binary is missing', async () => {
    await expect(
      HelmCli.detect({ binary: '/nonexistent/helm', logger }),
    ).rejects.toThrow(
      'helm binary "/nonexistent/helm" cannot be run: not found (install helm 4, or set helmOperator.helmBinary)',
    );
  });

  it('refuses a helm that is too old', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-helm-'));
    const fake = path.join(dir, 'helm');
    fs.writeFileSync(fake, '#!/bin/sh\necho v3.12.0+gdeadbee\n', {
      mode: 0o755,
    });
    try {
      await expect(HelmCli.detect({ binary: fake, logger })).rejects.toThrow(
        /v3.12.0 is not supported/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HelmCli.run', () => {
  const logger = mockServices.logger.mock();

  it("always acts in the release's namespace as its deployer ServiceAccount", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-helm-'));
    const fake = path.join(dir, 'helm');
    // "version" answers like helm 4; every other call prints its arguments
    fs.writeFileSync(
      fake,
      '#!/bin/sh\nif [ "$1" = version ]; then echo v4.3.1; else echo "$@"; fi\n',
      { mode: 0o755 },
    );
    try {
      const helm = await HelmCli.detect({
        binary: fake,
        kubeconfigPath: '/k/config',
        logger,
      });
      const out = await helm.run(['history', 'paas-ws-a-app'], {
        command: 'history',
        namespace: 'paas-ws-a',
        releaseName: 'paas-ws-a-app',
        timeoutSeconds: 30,
      });
      expect(out.split(' ')).toEqual([
        'history',
        'paas-ws-a-app',
        '--namespace=paas-ws-a',
        '--kube-as-user=system:serviceaccount:paas-ws-a:paas-deployer',
        '--kubeconfig=/k/config',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
