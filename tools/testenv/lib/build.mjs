// `build`: obtains every pinned binary once (Go builds cached per version) and the Debian packages.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  VERSIONS,
  TESTENV_DIR,
  binaries,
  cacheDir,
  log,
  fmtMs,
} from './config.mjs';
import { run, withLock, which } from './proc.mjs';
import { nodeBinaries, RUNC, CNI_BIN_DIR } from './node.mjs';
import { NODE_IMAGES, buildImage, imageArchive } from './images.mjs';

const KUBE_COMMANDS = [
  ['kubeApiserver', 'kube-apiserver'],
  ['kubeControllerManager', 'kube-controller-manager'],
  ['kubeScheduler', 'kube-scheduler'],
  ['kubectl', 'kubectl'],
];

// Upstream kwok stages that kwokctl uses by default (node init + lease heartbeat, fast pods).
const KWOK_STAGE_FILES = [
  'kustomize/stage/node/fast/node-initialize.yaml',
  'kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'kustomize/stage/pod/fast/pod-ready.yaml',
  'kustomize/stage/pod/fast/pod-complete.yaml',
  'kustomize/stage/pod/fast/pod-delete.yaml',
];

function goEnv(extra = {}) {
  const goflags = [process.env.GOFLAGS || '', '-trimpath', '-buildvcs=false']
    .join(' ')
    .trim();
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: goflags, ...extra };
}

function buildLog(name) {
  return path.join(cacheDir(), 'logs', `build-${name}.log`);
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Runs build(tmpDir) and moves tmpDir/<files> to their final paths: never a half-written binary. */
async function buildInto(finalFiles, label, build) {
  const dir = path.dirname(finalFiles[0]);
  const tmp = path.join(dir, `.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const t0 = Date.now();
  log(`building ${label} (first time, this can take several minutes)...`);
  try {
    await build(tmp);
    for (const f of finalFiles)
      fs.renameSync(path.join(tmp, path.basename(f)), f);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const ms = Date.now() - t0;
  log(`built ${label} in ${fmtMs(ms)}`);
  return ms;
}

function kubeLdflags() {
  const v = VERSIONS.kubernetes;
  const [, major, minor] = v.match(/^v(\d+)\.(\d+)/);
  const parts = ['-s', '-w'];
  for (const pkg of [
    'k8s.io/component-base/version',
    'k8s.io/client-go/pkg/version',
  ]) {
    parts.push(
      `-X ${pkg}.gitVersion=${v}`,
      `-X ${pkg}.gitMajor=${major}`,
      `-X ${pkg}.gitMinor=${minor}`,
      `-X ${pkg}.gitTreeState=clean`,
      `-X ${pkg}.buildDate=1970-01-01T00:00:00Z`,
    );
  }
  return parts.join(' ');
}

function helmLdflags(major, version) {
  // What helm's Makefile sets for a release build.
  const pkg = `helm.sh/helm/v${major}`;
  const parts = [
    '-s',
    '-w',
    `-X ${pkg}/internal/version.version=${version}`,
    `-X ${pkg}/internal/version.metadata=`,
    `-X ${pkg}/internal/version.gitTreeState=clean`,
  ];
  if (major === 3) {
    const info = JSON.parse(
      execFileSync('go', ['mod', 'download', '-json', `${pkg}@${version}`], {
        env: goEnv(),
        encoding: 'utf8',
      }),
    );
    const m =
      info.GoMod &&
      fs.readFileSync(info.GoMod, 'utf8').match(/k8s\.io\/client-go v0\.(\d+)/);
    if (m) {
      for (const p of [`${pkg}/pkg/lint/rules`, `${pkg}/pkg/chartutil`])
        parts.push(
          `-X ${p}.k8sVersionMajor=1`,
          `-X ${p}.k8sVersionMinor=${m[1]}`,
        );
    }
  }
  return parts.join(' ');
}

async function buildHelm(key, major) {
  const bin = binaries()[key];
  if (isExecutable(bin)) return null;
  const version = VERSIONS[key];
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  return buildInto([bin], `helm ${version}`, tmp =>
    run(
      'go',
      [
        'install',
        '-ldflags',
        helmLdflags(major, version),
        `helm.sh/helm/v${major}/cmd/helm@${version}`,
      ],
      {
        env: goEnv({ GOBIN: tmp }),
        logFile: buildLog(`helm-${version}`),
      },
    ),
  );
}

async function buildKube() {
  const b = binaries();
  const timings = {};
  for (const [key, cmd] of KUBE_COMMANDS) {
    const bin = b[key];
    if (isExecutable(bin)) continue;
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    timings[cmd] = await buildInto(
      [bin],
      `${cmd} ${VERSIONS.kubernetes}`,
      tmp =>
        run(
          'go',
          [
            'build',
            '-ldflags',
            kubeLdflags(),
            '-o',
            `${tmp}/`,
            `k8s.io/kubernetes/cmd/${cmd}`,
          ],
          {
            cwd: path.join(TESTENV_DIR, 'kube'),
            env: goEnv(),
            logFile: buildLog(`kube-${VERSIONS.kubernetes}`),
          },
        ),
    );
  }
  return timings;
}

async function buildEtcd() {
  const bin = binaries().etcd;
  if (isExecutable(bin)) return null;
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  return buildInto([bin], `etcd ${VERSIONS.etcd}`, tmp =>
    run(
      'go',
      ['build', '-ldflags', '-s -w', '-o', path.join(tmp, 'etcd'), '.'],
      {
        cwd: path.join(TESTENV_DIR, 'etcd'),
        env: goEnv(),
        logFile: buildLog(`etcd-${VERSIONS.etcd}`),
      },
    ),
  );
}

async function buildKwok() {
  const { kwok, kwokStages } = binaries();
  const v = VERSIONS.kwok;
  let ms = null;
  fs.mkdirSync(path.dirname(kwok), { recursive: true });
  if (!isExecutable(kwok)) {
    ms = await buildInto([kwok], `kwok ${v}`, tmp =>
      run(
        'go',
        [
          'install',
          '-ldflags',
          `-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${v.slice(1)}`,
          `sigs.k8s.io/kwok/cmd/kwok@${v}`,
        ],
        { env: goEnv({ GOBIN: tmp }), logFile: buildLog(`kwok-${v}`) },
      ),
    );
  }
  if (!fs.existsSync(kwokStages)) {
    // The stage definitions kwokctl embeds, taken from the same pinned module.
    const info = JSON.parse(
      execFileSync(
        'go',
        ['mod', 'download', '-json', `sigs.k8s.io/kwok@${v}`],
        { env: goEnv(), encoding: 'utf8' },
      ),
    );
    if (!info.Dir)
      throw new Error(
        `go mod download sigs.k8s.io/kwok@${v} failed: ${info.Error}`,
      );
    const text = KWOK_STAGE_FILES.map(f =>
      fs.readFileSync(path.join(info.Dir, f), 'utf8').trim(),
    ).join('\n---\n');
    fs.writeFileSync(
      `${kwokStages}.tmp`,
      `# generated from sigs.k8s.io/kwok@${v}\n${text}\n`,
    );
    fs.renameSync(`${kwokStages}.tmp`, kwokStages);
  }
  return ms;
}

/** The S3 server (backups), `go install`ed from its pinned module. */
async function buildVersitygw() {
  const { versitygw } = binaries();
  const v = VERSIONS.versitygw;
  if (isExecutable(versitygw)) return null;
  fs.mkdirSync(path.dirname(versitygw), { recursive: true });
  return buildInto([versitygw], `versitygw ${v}`, tmp =>
    run(
      'go',
      [
        'install',
        '-ldflags',
        '-s -w',
        `github.com/versity/versitygw/cmd/versitygw@${v}`,
      ],
      { env: goEnv({ GOBIN: tmp }), logFile: buildLog(`versitygw-${v}`) },
    ),
  );
}

/** The kubelet, from the same k8s.io/kubernetes module as the control plane. */
async function buildKubelet() {
  const bin = nodeBinaries().kubelet;
  if (isExecutable(bin)) return null;
  fs.mkdirSync(path.dirname(bin), { recursive: true });
  return buildInto([bin], `kubelet ${VERSIONS.kubernetes}`, tmp =>
    run(
      'go',
      [
        'build',
        '-ldflags',
        kubeLdflags(),
        '-o',
        `${tmp}/`,
        'k8s.io/kubernetes/cmd/kubelet',
      ],
      {
        cwd: path.join(TESTENV_DIR, 'kube'),
        env: goEnv(),
        logFile: buildLog(`kube-${VERSIONS.kubernetes}`),
      },
    ),
  );
}

/** containerd, ctr and the runc shim (static: CGO off, no btrfs/devmapper/zfs snapshotters). */
async function buildContainerd() {
  const nb = nodeBinaries();
  const files = [nb.containerd, nb.ctr, nb.shim];
  if (files.every(isExecutable)) return null;
  const v = VERSIONS.containerd;
  const mod = 'github.com/containerd/containerd/v2';
  fs.mkdirSync(path.dirname(nb.containerd), { recursive: true });
  return buildInto(files, `containerd ${v}`, tmp =>
    run(
      'go',
      [
        'build',
        '-tags',
        'no_btrfs no_devmapper no_zfs',
        '-ldflags',
        `-s -w -X ${mod}/version.Version=${v} -X ${mod}/version.Revision=${v}`,
        '-o',
        `${tmp}/`,
        ...files.map(f => `${mod}/cmd/${path.basename(f)}`),
      ],
      {
        cwd: path.join(TESTENV_DIR, 'containerd'),
        env: goEnv(),
        logFile: buildLog(`containerd-${v}`),
      },
    ),
  );
}

/** What the real node needs and is not there yet (binaries, image archives, Debian parts). */
function realNodeMissing() {
  const missing = Object.values(nodeBinaries()).filter(f => !isExecutable(f));
  for (const name of Object.keys(NODE_IMAGES))
    if (!fs.existsSync(imageArchive(name))) missing.push(imageArchive(name));
  return [...missing, ...realNodeDebianPackages()];
}

/** runc and the CNI plugins come from Debian. */
function realNodeDebianPackages() {
  const missing = [];
  if (!isExecutable(RUNC)) missing.push('runc');
  if (
    !['bridge', 'host-local', 'loopback'].every(p =>
      isExecutable(path.join(CNI_BIN_DIR, p)),
    )
  )
    missing.push('containernetworking-plugins');
  return missing;
}

async function buildRealNode() {
  const timings = {};
  await installDebianPackages(realNodeDebianPackages());
  timings[`kubelet-${VERSIONS.kubernetes}`] = await buildKubelet();
  timings[`containerd-${VERSIONS.containerd}`] = await buildContainerd();
  for (const name of Object.keys(NODE_IMAGES)) {
    timings[`image-${name}`] = (
      await buildImage(name, {
        env: goEnv(),
        logFile: buildLog(`image-${name}`),
      })
    ).ms;
  }
  return timings;
}

/** Debian packages: PostgreSQL, Prometheus (+promtool), Chromium. */
export function systemTools() {
  let pgBin = null;
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter(d => fs.existsSync(`/usr/lib/postgresql/${d}/bin/postgres`))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) pgBin = `/usr/lib/postgresql/${versions[0]}/bin`;
  } catch {
    /* not installed */
  }
  return {
    pgBin,
    prometheus: which('prometheus'),
    promtool: which('promtool'),
    chromium: which('chromium') || which('chromium-browser'),
    openssl: which('openssl'),
  };
}

async function ensureDebianPackages() {
  const t = systemTools();
  const missing = [];
  if (!t.pgBin) missing.push('postgresql');
  if (!t.prometheus || !t.promtool) missing.push('prometheus');
  if (!t.chromium) missing.push('chromium');
  if (!t.openssl) missing.push('openssl');
  await installDebianPackages(missing);
}

/**
 * apt-get install of the given packages (as root; otherwise says what to run),
 * with one `apt-get update` and a retry when the package lists are stale.
 * Also used by scripts/images.mjs (mmdebstrap, podman, buildah, runc).
 */
export async function installDebianPackages(missing, { logName = 'apt' } = {}) {
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages; run: sudo apt-get install -y ${missing.join(
        ' ',
      )}`,
    );
  }
  const t0 = Date.now();
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = buildLog(logName);
  try {
    await run('apt-get', ['install', '-y', ...missing], { env, logFile });
  } catch {
    log('apt-get install failed; running apt-get update once and retrying');
    await run('apt-get', ['update'], { env, logFile });
    await run('apt-get', ['install', '-y', ...missing], { env, logFile });
  }
  log(`installed ${missing.join(' ')} in ${fmtMs(Date.now() - t0)}`);
}

/**
 * Builds whatever is missing (with realNode: the real node's parts too). Returns
 * { binaries, timings }. Fast no-op when everything exists.
 */
export async function build({ realNode = false } = {}) {
  const b = binaries();
  const missing = Object.values(b).filter(f => !fs.existsSync(f));
  if (realNode) missing.push(...realNodeMissing());
  const t = systemTools();
  if (
    !missing.length &&
    t.pgBin &&
    t.prometheus &&
    t.promtool &&
    t.chromium &&
    t.openssl
  ) {
    return { binaries: b, timings: {} };
  }
  if (missing.length && !which('go')) {
    throw new Error(
      'the Go toolchain (go) is needed to build the test environment binaries',
    );
  }
  return withLock(path.join(cacheDir(), '.build.lock'), 'build', async () => {
    const timings = {};
    await ensureDebianPackages();
    timings[`helm-${VERSIONS.helm4}`] = await buildHelm('helm4', 4);
    timings[`helm-${VERSIONS.helm3}`] = await buildHelm('helm3', 3);
    timings[`etcd-${VERSIONS.etcd}`] = await buildEtcd();
    timings[`kwok-${VERSIONS.kwok}`] = await buildKwok();
    timings[`versitygw-${VERSIONS.versitygw}`] = await buildVersitygw();
    Object.assign(timings, await buildKube());
    if (realNode) Object.assign(timings, await buildRealNode());
    for (const k of Object.keys(timings))
      if (timings[k] == null) delete timings[k];
    return { binaries: b, timings };
  });
}
