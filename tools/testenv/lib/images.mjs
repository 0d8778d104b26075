// Container images of the real node, built locally (nothing is pulled): a static Go program in a
// scratch image, packed as an OCI image archive that `ctr images import` takes.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, TESTENV_DIR, cacheDir, log, fmtMs } from './config.mjs';
import { run } from './proc.mjs';

/** The images of the real node: the sandbox (pause) image and the fixture app's image. */
export const NODE_IMAGES = Object.freeze({
  pause: {
    source: path.join(TESTENV_DIR, 'images', 'pause'),
    binary: 'pause',
    refs: ['registry.local/woow/pause:1'],
    ports: [],
  },
  fixture: {
    source: path.join(REPO_ROOT, 'test-fixtures', 'app'),
    binary: 'fixture-app',
    // The fixture chart's default image and the tag of its 0.2.0 variant (make-variant.mjs).
    refs: [
      'registry.local/woow/fixture:1.0',
      'registry.local/woow/fixture:2.0',
    ],
    ports: ['8080/tcp'],
  },
  // The helm-operator's backup and restore Jobs: restic (from its Go module, pinned in go.mod)
  // behind woow-restic, which hands restic's JSON summary over as the termination message.
  restic: {
    source: path.join(TESTENV_DIR, 'images', 'restic'),
    binary: 'woow-restic',
    also: { restic: 'github.com/restic/restic/cmd/restic' },
    refs: ['registry.local/woow/restic:0.18.1'],
    ports: [],
  },
});

export const PAUSE_IMAGE = NODE_IMAGES.pause.refs[0];
export const FIXTURE_IMAGE = NODE_IMAGES.fixture.refs[0];
export const RESTIC_IMAGE = NODE_IMAGES.restic.refs[0];

function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Hash of the program's sources (go.mod and *.go) and the Go version: the archive's cache key. */
function sourceHash(dir) {
  const h = crypto.createHash('sha256');
  h.update(
    execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim(),
  );
  for (const f of fs
    .readdirSync(dir)
    .filter(n => n === 'go.mod' || n.endsWith('.go'))
    .sort()) {
    h.update(f);
    h.update(fs.readFileSync(path.join(dir, f)));
  }
  return h.digest('hex').slice(0, 16);
}

export function imageArchive(name) {
  return path.join(
    cacheDir(),
    'images',
    `${name}-${sourceHash(NODE_IMAGES[name].source)}.oci.tar`,
  );
}

/** A tar of dir's content with fixed owners and times (same input, same digest). */
function reproducibleTar(dir, out) {
  execFileSync('tar', [
    '--sort=name',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--format=gnu',
    '-cf',
    out,
    '-C',
    dir,
    '.',
  ]);
}

function writeBlob(layoutDir, data) {
  const digest = sha256(data);
  fs.writeFileSync(path.join(layoutDir, 'blobs', 'sha256', digest), data);
  return { digest: `sha256:${digest}`, size: data.length };
}

/** Packs a rootfs holding static binaries (the first is the entrypoint) into an OCI image layout archive (uncompressed layer). */
function packImage(work, spec, out) {
  const layer = path.join(work, 'layer.tar');
  reproducibleTar(path.join(work, 'rootfs'), layer);
  const layout = path.join(work, 'layout');
  fs.mkdirSync(path.join(layout, 'blobs', 'sha256'), { recursive: true });
  const layerData = fs.readFileSync(layer);
  const layerBlob = writeBlob(layout, layerData);
  const config = {
    architecture: 'amd64',
    os: 'linux',
    created: '1970-01-01T00:00:00Z',
    config: {
      Entrypoint: [`/${spec.binary}`],
      Env: ['PATH=/'],
      WorkingDir: '/',
      ...(spec.ports.length
        ? { ExposedPorts: Object.fromEntries(spec.ports.map(p => [p, {}])) }
        : {}),
    },
    rootfs: { type: 'layers', diff_ids: [layerBlob.digest] },
    history: [
      {
        created: '1970-01-01T00:00:00Z',
        created_by: `tools/testenv: static ${spec.binary}`,
      },
    ],
  };
  const configBlob = writeBlob(layout, Buffer.from(JSON.stringify(config)));
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      ...configBlob,
    },
    layers: [
      { mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layerBlob },
    ],
  };
  const manifestBlob = writeBlob(layout, Buffer.from(JSON.stringify(manifest)));
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: spec.refs.map(ref => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...manifestBlob,
      platform: { architecture: 'amd64', os: 'linux' },
      annotations: {
        'io.containerd.image.name': ref,
        'org.opencontainers.image.ref.name': ref.split(':').pop(),
      },
    })),
  };
  fs.writeFileSync(path.join(layout, 'index.json'), JSON.stringify(index));
  fs.writeFileSync(
    path.join(layout, 'oci-layout'),
    JSON.stringify({ imageLayoutVersion: '1.0.0' }),
  );
  reproducibleTar(layout, out);
}

/** Builds the image archive of NODE_IMAGES[name] when missing; returns { file, ms } (ms null when cached). */
export async function buildImage(name, { env, logFile }) {
  const spec = NODE_IMAGES[name];
  const file = imageArchive(name);
  if (fs.existsSync(file)) return { file, ms: null };
  const t0 = Date.now();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(file), `.tmp-${name}-`));
  try {
    fs.mkdirSync(path.join(work, 'rootfs'), { recursive: true });
    const programs = { [spec.binary]: '.', ...spec.also };
    for (const [binary, pkg] of Object.entries(programs))
      await run(
        'go',
        [
          'build',
          '-ldflags',
          '-s -w',
          '-o',
          path.join(work, 'rootfs', binary),
          pkg,
        ],
        {
          cwd: spec.source,
          env: { ...env, CGO_ENABLED: '0' },
          logFile,
        },
      );
    packImage(work, spec, path.join(work, 'image.tar'));
    fs.renameSync(path.join(work, 'image.tar'), file);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // Archives of older sources are dropped.
  for (const f of fs.readdirSync(path.dirname(file))) {
    if (
      f.startsWith(`${name}-`) &&
      f.endsWith('.oci.tar') &&
      f !== path.basename(file)
    )
      fs.rmSync(path.join(path.dirname(file), f));
  }
  const ms = Date.now() - t0;
  log(`built image ${spec.refs.join(', ')} in ${fmtMs(ms)}`);
  return { file, ms };
}
