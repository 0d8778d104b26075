import { LoggerService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { RenderedRelease } from '../ManifestPolicy';
import {
  CHECK_ID_ENV,
  CHECK_SOCKET_ENV,
  CheckClient,
  CheckClientLanguage,
  findCheckClient,
  VERDICT,
} from './checkClient';
import { renderedFromPostRenderInput } from './postRenderInput';

/** The helm 4 plugin (type postrenderer/v1) the checked runs name. */
export const CHECK_PLUGIN_NAME = 'woow-manifest-check';

/** Larger post-renderer inputs are refused (a release Secret holds far less). */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Throws to refuse what a mutation would apply; runs before anything is. */
export type RenderedCheck = (rendered: RenderedRelease) => Promise<void>;

/** What a checked helm run gets: its post-renderer plugin's name and environment. */
export interface CheckedRun {
  plugin: string;
  env: Record<string, string>;
}

interface PendingCheck {
  check: RenderedCheck;
  used: boolean;
  /** What the check threw: the answer to give instead of helm's failure. */
  refusal?: unknown;
}

/**
 * The operator's end of the manifest check inside helm runs: a Unix socket
 * (mode 0600, in a private 0700 directory) that helm's post-renderer sends
 * each rendered release to. Every checked run gets a one-time id; the check
 * registered under it says allow or refuse, and a refusal is what the
 * operator answers when helm then fails. Also writes the helm 4
 * post-renderer plugin into that directory (HELM_PLUGINS of checked runs).
 */
export class ManifestCheckServer {
  private readonly pending = new Map<string, PendingCheck>();
  /** The post-renderer plugin checked runs name. */
  readonly plugin = CHECK_PLUGIN_NAME;

  private constructor(
    private readonly server: net.Server,
    private readonly dir: string,
    private readonly logger: LoggerService,
    /** The language of the post-renderer helm runs. */
    readonly client: CheckClient,
  ) {}

  get socketPath(): string {
    return path.join(this.dir, 'check.sock');
  }

  get pluginsDir(): string {
    return path.join(this.dir, 'plugins');
  }

  /** `language`: the post-renderer's; by default perl where it runs, else node. */
  static async start(
    logger: LoggerService,
    language?: CheckClientLanguage,
  ): Promise<ManifestCheckServer> {
    const client = await findCheckClient(language);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'woow-manifest-check-'));
    fs.chmodSync(dir, 0o700);
    writePlugin(path.join(dir, 'plugins', CHECK_PLUGIN_NAME), client);
    // Half-open: the post-renderer ends its side once the manifest is sent,
    // and still reads the verdict.
    const server = net.createServer({ allowHalfOpen: true });
    const checks = new ManifestCheckServer(server, dir, logger, client);
    server.on('connection', conn => checks.answer(conn));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(checks.socketPath, () => resolve());
    });
    fs.chmodSync(checks.socketPath, 0o600);
    // Shutdown hooks close it; an open socket alone keeps no process alive.
    server.unref();
    logger.info(
      `Manifest checks run inside helm install/upgrade (post-renderer in ${client.language})`,
    );
    return checks;
  }

  /**
   * Runs `run` (one helm mutation with the returned post-renderer) with
   * `check` applied to what helm rendered before it applies anything. When
   * the check refused, its error is thrown instead of helm's failure.
   */
  async guard<T>(
    check: RenderedCheck,
    run: (checked: CheckedRun) => Promise<T>,
  ): Promise<T> {
    const id = randomUUID();
    const entry: PendingCheck = { check, used: false };
    this.pending.set(id, entry);
    try {
      const result = await run({
        plugin: CHECK_PLUGIN_NAME,
        env: {
          HELM_PLUGINS: this.pluginsDir,
          [CHECK_SOCKET_ENV]: this.socketPath,
          [CHECK_ID_ENV]: id,
          // A node post-renderer is plain node: none of the operator's preloads.
          NODE_OPTIONS: '',
        },
      });
      if (!entry.used) {
        this.logger.error(
          'helm finished a mutation without running the manifest check (post-renderer)',
        );
      }
      return result;
    } catch (e) {
      throw entry.refusal ?? e;
    } finally {
      this.pending.delete(id);
    }
  }

  close(): void {
    this.server.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** One post-renderer connection: `<id>\n<manifest>` in, a verdict out. */
  private answer(conn: net.Socket) {
    const chunks: Buffer[] = [];
    let size = 0;
    conn.on('error', () => conn.destroy());
    conn.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) conn.end(VERDICT.refuse);
      else chunks.push(chunk);
    });
    conn.on('end', async () => {
      if (size > MAX_INPUT_BYTES) return;
      const input = Buffer.concat(chunks).toString('utf8');
      const newline = input.indexOf('\n');
      const entry = this.pending.get(input.slice(0, Math.max(newline, 0)));
      // Each id answers once: a replayed or unknown one is refused.
      if (!entry || entry.used) {
        conn.end(VERDICT.refuse);
        return;
      }
      entry.used = true;
      try {
        await entry.check(
          renderedFromPostRenderInput(input.slice(newline + 1)),
        );
        conn.end(VERDICT.allow);
      } catch (e) {
        entry.refusal = e;
        conn.end(VERDICT.refuse);
      }
    });
  }
}

/** The post-renderer plugin: the client script and the interpreter that runs it. */
function writePlugin(pluginDir: string, client: CheckClient) {
  fs.mkdirSync(pluginDir, { recursive: true, mode: 0o700 });
  const script = path.join(pluginDir, client.fileName);
  fs.writeFileSync(script, client.source, { mode: 0o400 });
  fs.writeFileSync(
    path.join(pluginDir, 'plugin.yaml'),
    stringify({
      apiVersion: 'v1',
      name: CHECK_PLUGIN_NAME,
      version: '1.0.0',
      type: 'postrenderer/v1',
      runtime: 'subprocess',
      runtimeConfig: {
        platformCommand: [{ command: client.interpreter, args: [script] }],
      },
    }),
    { mode: 0o400 },
  );
}
