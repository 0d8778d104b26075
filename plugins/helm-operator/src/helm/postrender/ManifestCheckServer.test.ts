import { mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import execa from 'execa';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RenderedRelease } from '../ManifestPolicy';
import {
  CHECK_SOCKET_ENV,
  CheckClientLanguage,
  findCheckClient,
} from './checkClient';
import { CheckedRun, ManifestCheckServer } from './ManifestCheckServer';

// The post-renderer as helm runs it (node, the script the server wrote, the
// run's environment), against the real socket: what it prints is what helm
// would apply, and any exit but 0 makes helm apply nothing.

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  annotations:
    postrenderer.helm.sh/postrender-filename: 'app/templates/cm.yaml'
data:
  mode: 0755
`;

const LANGUAGES: CheckClientLanguage[] = ['perl', 'node'];

describe.each(LANGUAGES)(
  'ManifestCheckServer and its %s post-renderer',
  language => {
    let checks: ManifestCheckServer;

    beforeAll(async () => {
      checks = await ManifestCheckServer.start(
        mockServices.logger.mock(),
        language,
      );
    });

    afterAll(() => checks.close());

    function postRender(env: Record<string, string>, input = MANIFEST) {
      const { interpreter, fileName } = checks.client;
      const script = path.join(checks.pluginsDir, checks.plugin, fileName);
      return execa(interpreter, [script], { input, env, reject: false });
    }

    it('prints the manifest unchanged when the check allows it, having shown the check the release', async () => {
      const seen: RenderedRelease[] = [];
      const out = await checks.guard(
        async rendered => {
          seen.push(rendered);
        },
        ({ env }) => postRender(env),
      );
      expect(out.exitCode).toBe(0);
      expect(out.stdout).toBe(MANIFEST.trimEnd());
      expect(seen).toEqual([
        {
          manifest:
            'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  mode: 0755\n',
          hooks: [],
        },
      ]);
    });

    it('exits 1 printing nothing when the check refuses, and the guard throws the refusal', async () => {
      let out: execa.ExecaReturnValue | undefined;
      const refusal = new NotAllowedError('ConfigMap "a" is not allowed');
      await expect(
        checks.guard(
          async () => {
            throw refusal;
          },
          async ({ env }) => {
            out = await postRender(env);
            throw new Error('helm failed: post-renderer exited with error');
          },
        ),
      ).rejects.toBe(refusal);
      expect(out?.exitCode).toBe(1);
      expect(out?.stdout).toBe('');
    });

    it('answers each id once: a second run with the same id is refused', async () => {
      const outs = await checks.guard(
        async () => {},
        async ({ env }) => [await postRender(env), await postRender(env)],
      );
      expect(outs.map(o => o.exitCode)).toEqual([0, 1]);
      expect(outs[1].stdout).toBe('');
    });

    it('refuses an id it never gave, and one whose mutation is over', async () => {
      let finished: CheckedRun | undefined;
      await checks.guard(
        async () => {},
        async run => {
          finished = run;
        },
      );
      const forged = await postRender({
        ...finished!.env,
        WOOW_MANIFEST_CHECK_ID: 'not-an-id',
      });
      const late = await postRender(finished!.env);
      expect([forged.exitCode, late.exitCode]).toEqual([1, 1]);
      expect(forged.stdout + late.stdout).toBe('');
    });

    it('keeps its socket private (0600, in a 0700 directory)', () => {
      const mode = (p: string) => fs.statSync(p).mode & 0o777;
      expect(mode(checks.socketPath)).toBe(0o600);
      expect(mode(path.dirname(checks.socketPath))).toBe(0o700);
    });
  },
);

describe.each(LANGUAGES)('the %s post-renderer fails closed', language => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-client-'));
  const client = path.join(tmp, 'check');
  let interpreter = '';
  beforeAll(async () => {
    const found = await findCheckClient(language);
    interpreter = found.interpreter;
    fs.writeFileSync(client, found.source);
  });
  const run = (env: Record<string, string>, input = MANIFEST) =>
    execa(interpreter, [client], {
      input,
      env: { NODE_OPTIONS: '', WOOW_MANIFEST_CHECK_ID: 'some-id', ...env },
      reject: false,
    });

  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('when no operator listens on the socket', async () => {
    const out = await run({ [CHECK_SOCKET_ENV]: path.join(tmp, 'gone.sock') });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('the operator cannot be reached');
  });

  it.each([
    ['a small manifest', MANIFEST],
    // more than a socket buffer: the operator is gone while it is sent
    ['a large manifest', MANIFEST.repeat(20_000)],
  ])('when the operator goes away before it answers (%s)', async (_, input) => {
    const socketPath = path.join(tmp, `dies-${input.length}.sock`);
    const dying = net.createServer(conn => conn.destroy());
    await new Promise<void>(r => dying.listen(socketPath, r));
    try {
      const out = await run({ [CHECK_SOCKET_ENV]: socketPath }, input);
      expect(out.exitCode).toBe(1);
      expect(out.stdout).toBe('');
    } finally {
      dying.close();
    }
  });

  it('when it is not told where to ask', async () => {
    const out = await run({
      [CHECK_SOCKET_ENV]: '',
      WOOW_MANIFEST_CHECK_ID: '',
    });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toBe('');
  });
});
