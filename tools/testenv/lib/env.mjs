// `up`, `down`, `status`: the running environment (processes, ports, certs, data) under the state dir.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  VERSIONS,
  FIXTURE_CHARTS_DIR,
  binaries,
  stateDir,
  log,
  fmtMs,
  waitFor,
} from './config.mjs';
import { build, systemTools } from './build.mjs';
import {
  startDaemon,
  stopPid,
  pidMatches,
  pidAlive,
  withLock,
  run,
  tailFile,
} from './proc.mjs';
import { kubeClient } from './kube.mjs';
import { RESTIC_IMAGE } from './images.mjs';
import { removeS3Address, s3Component, s3Env, s3Identity } from './s3.mjs';
import {
  REAL_NODE_NAME,
  FIXTURE_IMAGE,
  nodeBinaries,
  nodeComponents,
  nodeIdentity,
  nodePaths,
  importImages,
  writeCniConfig,
  realNodeScrapeConfig,
  realNodeWanted,
  stopRealNode,
  waitRealNodeReady,
} from './node.mjs';

const SERVICE_CIDR = '10.96.0.0/16';
const POD_CIDR = '10.244.0.0/16';
const SA_ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const FAKE_NODES = ['kwok-node-0', 'kwok-node-1'];
export const STORAGE_CLASS = 'standard';
const PG_USER = 'woow';
const PG_DATABASE = 'woow';

// ---------------------------------------------------------------- paths and state

/**
 * kwok serves `kubectl logs` (pods/log through the API server) from files named by ClusterLogs.
 * One ClusterLogs for every pod and container, following one CRI-format file (`<RFC3339 time>
 * stdout F <line>`): tests append lines to $WOOW_KWOK_POD_LOG and see them in every pod's log.
 */
function writeKwokLogsConfig(p) {
  fs.mkdirSync(path.dirname(p.podLog), { recursive: true });
  if (!fs.existsSync(p.podLog)) fs.writeFileSync(p.podLog, '');
  const config = [
    'apiVersion: kwok.x-k8s.io/v1alpha1',
    'kind: ClusterLogs',
    'metadata:',
    '  name: testenv-pod-logs',
    'spec:',
    '  selector: {}',
    '  logs:',
    `  - logsFile: ${JSON.stringify(p.podLog)}`,
    '    follow: true',
    '',
  ].join('\n');
  fs.writeFileSync(p.kwokLogs, config);
  return p.kwokLogs;
}

function paths(root = stateDir()) {
  return {
    root,
    stateFile: path.join(root, 'state.json'),
    envFile: path.join(root, 'env'),
    envJson: path.join(root, 'env.json'),
    kubeconfig: path.join(root, 'kubeconfig'),
    certs: path.join(root, 'certs'),
    logs: path.join(root, 'logs'),
    etcdData: path.join(root, 'etcd'),
    kube: path.join(root, 'kube'),
    kwokLogs: path.join(root, 'kube', 'kwok-logs.yaml'),
    podLog: path.join(root, 'kube', 'pod-logs', 'containers.log'),
    prometheus: path.join(root, 'prometheus'),
    helmHome: path.join(root, 'helm'),
    lock: path.join(root, '.up.lock'),
  };
}

// Everything `up` creates directly under the state dir; `down` removes exactly these.
const STATE_ENTRIES = [
  'state.json',
  'env',
  'env.json',
  'kubeconfig',
  'certs',
  'logs',
  'etcd',
  'kube',
  'prometheus',
  'helm',
  'postgres',
  'node',
  's3',
];

function readState(p = paths()) {
  try {
    return JSON.parse(fs.readFileSync(p.stateFile, 'utf8'));
  } catch {
    return null;
  }
}

function writeState(p, state) {
  fs.writeFileSync(
    `${p.stateFile}.tmp`,
    `${JSON.stringify(state, null, 2)}\n`,
    { mode: 0o600 },
  );
  fs.renameSync(`${p.stateFile}.tmp`, p.stateFile);
}

function randomToken() {
  return crypto.randomBytes(24).toString('hex');
}

function pgUser() {
  // postgres refuses to run as root: use the Debian package's `postgres` account then.
  if (process.getuid?.() !== 0) return null;
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find(l => l.startsWith('postgres:'));
  if (!line)
    throw new Error(
      'running as root but there is no `postgres` user (apt-get install postgresql)',
    );
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function pgDir(p) {
  // As root the server runs as `postgres`, which usually cannot enter root's home: keep its
  // files under /tmp then, in a directory named after the state dir.
  if (process.getuid?.() === 0) {
    const h = crypto
      .createHash('sha256')
      .update(p.root)
      .digest('hex')
      .slice(0, 12);
    return path.join(os.tmpdir(), `woow-testenv-pg-${h}`);
  }
  return path.join(p.root, 'postgres');
}

// ---------------------------------------------------------------- network helpers

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portFree(port) {
  return new Promise(resolve => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function httpGet(url, { ca, token, insecure = false, timeoutMs = 3000 } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.get(
      url,
      {
        timeout: timeoutMs,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        ...(u.protocol === 'https:'
          ? { ca, rejectUnauthorized: !insecure }
          : {}),
      },
      res => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', c => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout ${url}`)));
    req.on('error', reject);
  });
}

async function httpOk(url, opts) {
  try {
    const r = await httpGet(url, opts);
    return r.status === 200;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- certificates and kubeconfigs

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function ensureCerts(p) {
  ensureCaAndServerCerts(p);
  ensureKubeletClientCert(p);
}

/** The API server's client certificate for kubelets (logs, exec, port-forward, node proxy). */
function ensureKubeletClientCert(p) {
  const c = p.certs;
  if (fs.existsSync(path.join(c, 'apiserver-kubelet-client.crt'))) return;
  const name = 'apiserver-kubelet-client';
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      '/O=system:masters/CN=kube-apiserver-kubelet-client',
      '-addext',
      'extendedKeyUsage=clientAuth',
    ],
    c,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '3650',
      '-copy_extensions',
      'copyall',
      '-out',
      `${name}.crt`,
    ],
    c,
  );
}

function ensureCaAndServerCerts(p) {
  const c = p.certs;
  if (
    fs.existsSync(path.join(c, 'apiserver.crt')) &&
    fs.existsSync(path.join(c, 'sa.pub'))
  )
    return;
  fs.mkdirSync(c, { recursive: true, mode: 0o700 });
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '3650',
      '-subj',
      '/CN=woow-testenv-ca',
    ],
    c,
  );
  const san = [
    'IP:127.0.0.1',
    'IP:10.96.0.1',
    'DNS:localhost',
    'DNS:kubernetes',
    'DNS:kubernetes.default',
    'DNS:kubernetes.default.svc',
    'DNS:kubernetes.default.svc.cluster.local',
  ].join(',');
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'apiserver.key',
      '-out',
      'apiserver.csr',
      '-subj',
      '/CN=kube-apiserver',
      '-addext',
      `subjectAltName=${san}`,
      '-addext',
      'extendedKeyUsage=serverAuth',
    ],
    c,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'apiserver.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '3650',
      '-copy_extensions',
      'copyall',
      '-out',
      'apiserver.crt',
    ],
    c,
  );
  openssl(['genrsa', '-out', 'sa.key', '2048'], c);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], c);
}

function kubeconfigYaml({ server, caFile, token, user }) {
  const caData = fs.readFileSync(caFile).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: woow-testenv
  cluster:
    server: ${server}
    certificate-authority-data: ${caData}
users:
- name: ${user}
  user:
    token: ${token}
contexts:
- name: woow-testenv
  context:
    cluster: woow-testenv
    user: ${user}
    namespace: default
current-context: woow-testenv
`;
}

function writeKubeFiles(p, state) {
  fs.mkdirSync(p.kube, { recursive: true, mode: 0o700 });
  const t = state.tokens;
  // token,user,uid,"groups" — components use their real bootstrap-RBAC identities.
  const csv = [
    `${t.admin},woow-admin,uid-admin,"system:masters"`,
    `${t.kcm},system:kube-controller-manager,uid-kcm`,
    `${t.scheduler},system:kube-scheduler,uid-scheduler`,
    `${t.kwok},kwok-controller,uid-kwok,"system:masters"`,
    // The real node's kubelet (Node authorizer: only what its own pods need).
    ...(t.node
      ? [
          `${t.node},system:node:${REAL_NODE_NAME},uid-node-${REAL_NODE_NAME},"system:nodes"`,
        ]
      : []),
  ].join('\n');
  fs.writeFileSync(path.join(p.kube, 'tokens.csv'), `${csv}\n`, {
    mode: 0o600,
  });
  const server = `https://127.0.0.1:${state.ports.apiserver}`;
  const caFile = path.join(p.certs, 'ca.crt');
  fs.writeFileSync(
    p.kubeconfig,
    kubeconfigYaml({ server, caFile, token: t.admin, user: 'woow-admin' }),
    { mode: 0o600 },
  );
  for (const [name, user] of [
    ['kcm', 'system:kube-controller-manager'],
    ['scheduler', 'system:kube-scheduler'],
    ['kwok', 'kwok-controller'],
  ]) {
    fs.writeFileSync(
      path.join(p.kube, `${name}.kubeconfig`),
      kubeconfigYaml({ server, caFile, token: t[name], user }),
      { mode: 0o600 },
    );
  }
}

// ---------------------------------------------------------------- components

/**
 * Each component: ports it needs, deps (restarted-with-new-port deps force a restart),
 * start() -> pid, healthy() -> bool, and the process it runs (for pid checks).
 */
function components(p, state, tools) {
  const b = binaries();
  const ca = () => fs.readFileSync(path.join(p.certs, 'ca.crt'));
  const c = p.certs;
  const kubeLog = name => path.join(p.logs, `${name}.log`);
  const pg = state.pg;
  const pgAs = pgUser();

  const all = [
    {
      name: 'etcd',
      bin: b.etcd,
      ports: ['etcd', 'etcdPeer'],
      deps: [],
      url: () => `http://127.0.0.1:${state.ports.etcd}`,
      start: () =>
        startDaemon(
          b.etcd,
          [
            '--name=woow-testenv',
            `--data-dir=${p.etcdData}`,
            `--listen-client-urls=http://127.0.0.1:${state.ports.etcd}`,
            `--advertise-client-urls=http://127.0.0.1:${state.ports.etcd}`,
            `--listen-peer-urls=http://127.0.0.1:${state.ports.etcdPeer}`,
            `--initial-advertise-peer-urls=http://127.0.0.1:${state.ports.etcdPeer}`,
            `--initial-cluster=woow-testenv=http://127.0.0.1:${state.ports.etcdPeer}`,
            '--initial-cluster-state=new',
            '--unsafe-no-fsync=true',
            '--log-level=warn',
          ],
          { logFile: kubeLog('etcd') },
        ),
      healthy: async () => {
        try {
          const r = await httpGet(
            `http://127.0.0.1:${state.ports.etcd}/health`,
          );
          return r.status === 200 && JSON.parse(r.body).health === 'true';
        } catch {
          return false;
        }
      },
    },
    {
      name: 'kube-apiserver',
      bin: b.kubeApiserver,
      ports: ['apiserver'],
      deps: ['etcd'],
      timeoutMs: 180_000,
      // The real node needs the kubelet flags below: an API server started without them is replaced.
      current: pid =>
        !state.realNode || pidMatches(pid, '--kubelet-client-certificate='),
      url: () => `https://127.0.0.1:${state.ports.apiserver}`,
      start: () =>
        startDaemon(
          b.kubeApiserver,
          [
            `--etcd-servers=http://127.0.0.1:${state.ports.etcd}`,
            '--bind-address=127.0.0.1',
            '--advertise-address=127.0.0.1',
            // Endpoints may not hold loopback addresses, and no pod runs for real: do not
            // reconcile the `kubernetes` Service endpoints (avoids an error every 10 s).
            '--endpoint-reconciler-type=none',
            `--secure-port=${state.ports.apiserver}`,
            `--cert-dir=${path.join(p.kube, 'apiserver-certs')}`,
            `--tls-cert-file=${c}/apiserver.crt`,
            `--tls-private-key-file=${c}/apiserver.key`,
            `--client-ca-file=${c}/ca.crt`,
            `--token-auth-file=${p.kube}/tokens.csv`,
            `--service-account-issuer=${SA_ISSUER}`,
            `--api-audiences=${SA_ISSUER}`,
            `--service-account-key-file=${c}/sa.pub`,
            `--service-account-signing-key-file=${c}/sa.key`,
            '--authorization-mode=Node,RBAC',
            `--service-cluster-ip-range=${SERVICE_CIDR}`,
            '--allow-privileged=true',
            // Kubelets (the real node): reached at their InternalIP (the node proxy refuses
            // loopback), authenticated with a client certificate of our CA.
            '--kubelet-preferred-address-types=InternalIP,Hostname',
            `--kubelet-client-certificate=${c}/apiserver-kubelet-client.crt`,
            `--kubelet-client-key=${c}/apiserver-kubelet-client.key`,
            '--profiling=false',
            '--v=1',
          ],
          { logFile: kubeLog('kube-apiserver') },
        ),
      healthy: () =>
        httpOk(`https://127.0.0.1:${state.ports.apiserver}/readyz`, {
          ca: ca(),
          token: state.tokens.admin,
        }),
    },
    {
      name: 'kube-controller-manager',
      bin: b.kubeControllerManager,
      ports: ['kcm'],
      deps: ['kube-apiserver'],
      start: () => {
        const kc = path.join(p.kube, 'kcm.kubeconfig');
        return startDaemon(
          b.kubeControllerManager,
          [
            `--kubeconfig=${kc}`,
            `--authentication-kubeconfig=${kc}`,
            `--authorization-kubeconfig=${kc}`,
            '--bind-address=127.0.0.1',
            `--secure-port=${state.ports.kcm}`,
            `--cert-dir=${path.join(p.kube, 'kcm-certs')}`,
            `--service-account-private-key-file=${c}/sa.key`,
            `--root-ca-file=${c}/ca.crt`,
            `--cluster-signing-cert-file=${c}/ca.crt`,
            `--cluster-signing-key-file=${c}/ca.key`,
            '--use-service-account-credentials=true',
            `--service-cluster-ip-range=${SERVICE_CIDR}`,
            '--controllers=*',
            // In-tree hostPath provisioner (test/dev only): lets PVCs of the default
            // StorageClass bind without a CSI driver. Paths are under /tmp/hostpath_pv.
            '--enable-hostpath-provisioner=true',
            '--leader-elect=false',
            // A real cluster's control plane keeps up with thousands of pods;
            // the defaults (20 requests/s per controller) would make a scale
            // benchmark measure this rate limit rather than the portal.
            '--kube-api-qps=200',
            '--kube-api-burst=400',
            '--concurrent-deployment-syncs=20',
            '--concurrent-replicaset-syncs=20',
            '--v=1',
          ],
          { logFile: kubeLog('kube-controller-manager') },
        );
      },
      healthy: () =>
        httpOk(`https://127.0.0.1:${state.ports.kcm}/healthz`, {
          insecure: true,
        }),
    },
    {
      name: 'kube-scheduler',
      bin: b.kubeScheduler,
      ports: ['scheduler'],
      deps: ['kube-apiserver'],
      start: () => {
        const kc = path.join(p.kube, 'scheduler.kubeconfig');
        return startDaemon(
          b.kubeScheduler,
          [
            `--kubeconfig=${kc}`,
            `--authentication-kubeconfig=${kc}`,
            `--authorization-kubeconfig=${kc}`,
            '--bind-address=127.0.0.1',
            `--secure-port=${state.ports.scheduler}`,
            `--cert-dir=${path.join(p.kube, 'scheduler-certs')}`,
            '--leader-elect=false',
            '--kube-api-qps=200',
            '--kube-api-burst=400',
            '--v=1',
          ],
          { logFile: kubeLog('kube-scheduler') },
        );
      },
      healthy: () =>
        httpOk(`https://127.0.0.1:${state.ports.scheduler}/healthz`, {
          insecure: true,
        }),
    },
    {
      name: 'kwok',
      bin: b.kwok,
      ports: ['kwok'],
      deps: ['kube-apiserver'],
      // A kwok started before its logs config existed is replaced once (see up()).
      current: pid => pidMatches(pid, `--config=${p.kwokLogs}`),
      start: () =>
        startDaemon(
          b.kwok,
          [
            `--kubeconfig=${path.join(p.kube, 'kwok.kubeconfig')}`,
            `--config=${b.kwokStages}`,
            `--config=${writeKwokLogsConfig(p)}`,
            '--manage-all-nodes=false',
            '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
            `--cidr=${POD_CIDR}`,
            '--node-ip=127.0.0.1',
            `--node-port=${state.ports.kwok}`,
            `--server-address=127.0.0.1:${state.ports.kwok}`,
            '--node-lease-duration-seconds=40',
          ],
          { logFile: kubeLog('kwok'), env: { ...process.env, HOME: p.kube } },
        ),
      healthy: () => httpOk(`http://127.0.0.1:${state.ports.kwok}/healthz`),
    },
    {
      name: 'postgres',
      bin: `${tools.pgBin}/postgres`,
      ports: ['postgres'],
      deps: [],
      stopSignal: 'SIGINT', // fast shutdown (SIGTERM waits for clients to leave)
      start: async () => {
        await ensurePgCluster(p, state, tools, pgAs);
        return startDaemon(
          `${tools.pgBin}/postgres`,
          [
            '-D',
            path.join(pg.dir, 'data'),
            '-k',
            path.join(pg.dir, 'run'),
            '-h',
            '127.0.0.1',
            '-p',
            String(state.ports.postgres),
            '-c',
            'fsync=off',
            '-c',
            'synchronous_commit=off',
            '-c',
            'full_page_writes=off',
            '-c',
            'max_connections=300',
          ],
          {
            logFile: path.join(pg.dir, 'postgres.log'),
            uid: pgAs?.uid,
            gid: pgAs?.gid,
            env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
            cwd: pg.dir,
          },
        );
      },
      healthy: async () => {
        try {
          execFileSync(
            `${tools.pgBin}/pg_isready`,
            ['-q', '-h', '127.0.0.1', '-p', String(state.ports.postgres)],
            { stdio: 'ignore' },
          );
          return true;
        } catch {
          return false;
        }
      },
      afterReady: () => ensurePgDatabase(state, tools),
    },
    {
      name: 'prometheus',
      bin: tools.prometheus,
      ports: ['prometheus'],
      deps: [],
      start: () => {
        writePrometheusConfig(p, state);
        return startDaemon(tools.prometheus, prometheusArgs(p, state), {
          logFile: path.join(p.logs, 'prometheus.log'),
          cwd: p.prometheus,
        });
      },
      healthy: () =>
        httpOk(`http://127.0.0.1:${state.ports.prometheus}/-/ready`),
    },
    s3Component({ p, state, startDaemon, httpGet }),
  ];
  if (state.realNode)
    all.push(...nodeComponents({ p, state, startDaemon, httpOk }));
  return all;
}

function prometheusArgs(p, state) {
  return [
    `--config.file=${path.join(p.prometheus, 'prometheus.yml')}`,
    `--storage.tsdb.path=${path.join(p.prometheus, 'data')}`,
    '--storage.tsdb.retention.time=90d',
    `--web.listen-address=127.0.0.1:${state.ports.prometheus}`,
    '--web.enable-admin-api',
    '--web.enable-lifecycle',
    '--web.enable-remote-write-receiver',
    '--log.level=warn',
  ];
}

/** Writes prometheus.yml; returns true when its content changed. */
function writePrometheusConfig(p, state) {
  fs.mkdirSync(path.join(p.prometheus, 'targets'), { recursive: true });
  fs.mkdirSync(path.join(p.prometheus, 'data'), { recursive: true });
  let kubelet = '';
  if (state.realNode) {
    const tokenFile = path.join(p.prometheus, 'kube-token');
    fs.writeFileSync(tokenFile, state.tokens.admin, { mode: 0o600 });
    kubelet = realNodeScrapeConfig({
      apiserverPort: state.ports.apiserver,
      tokenFile,
      caFile: path.join(p.certs, 'ca.crt'),
    });
  }
  const yml = `# generated by tools/testenv
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:${state.ports.prometheus}']
  # Tests drop file_sd target files (JSON) here, e.g. for a small exporter they start.
  - job_name: testenv
    file_sd_configs:
      - files: ['${path.join(p.prometheus, 'targets')}/*.json']
        refresh_interval: 1s
${kubelet}`;
  const file = path.join(p.prometheus, 'prometheus.yml');
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  fs.writeFileSync(file, yml);
  return before !== yml;
}

async function ensurePgCluster(p, state, tools, pgAs) {
  const dir = state.pg.dir;
  const data = path.join(dir, 'data');
  if (fs.existsSync(path.join(data, 'PG_VERSION'))) return;
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, `${state.pg.password}\n`, { mode: 0o600 });
  if (pgAs) {
    for (const f of [dir, path.join(dir, 'run'), pwfile])
      fs.chownSync(f, pgAs.uid, pgAs.gid);
  }
  await run(
    `${tools.pgBin}/initdb`,
    [
      '-D',
      data,
      '-U',
      PG_USER,
      `--pwfile=${pwfile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '-E',
      'UTF8',
      '--no-locale',
    ],
    {
      logFile: path.join(p.logs, 'initdb.log'),
      uid: pgAs?.uid,
      gid: pgAs?.gid,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
      cwd: dir,
    },
  );
  fs.rmSync(pwfile, { force: true });
}

async function ensurePgDatabase(state, tools) {
  const env = { ...process.env, PGPASSWORD: state.pg.password };
  const args = [
    '-h',
    '127.0.0.1',
    '-p',
    String(state.ports.postgres),
    '-U',
    PG_USER,
    '-d',
    'postgres',
    '-v',
    'ON_ERROR_STOP=1',
    '-tAc',
  ];
  const exists = execFileSync(
    `${tools.pgBin}/psql`,
    [...args, `SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}'`],
    { env, encoding: 'utf8' },
  ).trim();
  if (exists !== '1')
    execFileSync(
      `${tools.pgBin}/psql`,
      [...args, `CREATE DATABASE ${PG_DATABASE}`],
      { env, stdio: 'ignore' },
    );
}

// ---------------------------------------------------------------- cluster objects

/**
 * A fake node that kwok manages (its annotation) with `capacity` (cpu,
 * memory, pods...): kwok makes it Ready and runs its pods. Also used by the
 * scale benchmark for room beyond the two nodes of the environment.
 */
export function kwokNode(name, capacity) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: {
        'kwok.x-k8s.io/node': 'fake',
        'node.alpha.kubernetes.io/ttl': '0',
      },
      labels: {
        type: 'kwok',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/role': 'agent',
        'node-role.kubernetes.io/agent': '',
      },
    },
    spec: {},
    status: { allocatable: capacity, capacity },
  };
}

async function ensureClusterObjects(state, p) {
  const kc = kubeClient({
    server: `https://127.0.0.1:${state.ports.apiserver}`,
    token: state.tokens.admin,
    caFile: path.join(p.certs, 'ca.crt'),
  });
  for (const name of FAKE_NODES) {
    const existing = await kc.getOrNull(`/api/v1/nodes/${name}`);
    if (existing) {
      // The API server reaches kwok (pods/log) at the node's kubelet port: keep it kwok's current port.
      if (
        existing.status?.daemonEndpoints?.kubeletEndpoint?.Port !==
        state.ports.kwok
      ) {
        await kc.request(
          'PATCH',
          `/api/v1/nodes/${name}/status`,
          {
            status: {
              daemonEndpoints: { kubeletEndpoint: { Port: state.ports.kwok } },
            },
          },
          { contentType: 'application/merge-patch+json' },
        );
      }
      continue;
    }
    const res = {
      cpu: '16',
      memory: '64Gi',
      pods: '110',
      'ephemeral-storage': '200Gi',
    };
    await kc.post('/api/v1/nodes', kwokNode(name, res));
  }
  if (
    !(await kc.getOrNull(
      `/apis/storage.k8s.io/v1/storageclasses/${STORAGE_CLASS}`,
    ))
  ) {
    await kc.post('/apis/storage.k8s.io/v1/storageclasses', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: STORAGE_CLASS,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'kubernetes.io/host-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    });
  }
  await waitFor(
    async () => {
      for (const name of FAKE_NODES) {
        const n = await kc.get(`/api/v1/nodes/${name}`);
        const ready = (n.status?.conditions ?? []).find(
          x => x.type === 'Ready',
        );
        if (ready?.status !== 'True') return false;
      }
      // Pods need the namespace's default ServiceAccount, created by the controller manager.
      return !!(await kc.getOrNull(
        '/api/v1/namespaces/default/serviceaccounts/default',
      ));
    },
    { timeoutMs: 120_000, what: `fake nodes ${FAKE_NODES.join(', ')} Ready` },
  );
}

// ---------------------------------------------------------------- env

function buildEnv(p, state, tools) {
  const b = binaries();
  const pg = state.pg;
  const env = {
    WOOW_TESTENV_STATE: p.root,
    KUBECONFIG: p.kubeconfig,
    WOOW_KUBECONFIG: p.kubeconfig,
    WOOW_KUBE_API: `https://127.0.0.1:${state.ports.apiserver}`,
    WOOW_KUBE_TOKEN: state.tokens.admin,
    WOOW_KUBE_CA_FILE: path.join(p.certs, 'ca.crt'),
    WOOW_KUBE_VERSION: VERSIONS.kubernetes,
    WOOW_KUBE_STORAGE_CLASS: STORAGE_CLASS,
    WOOW_KUBECTL: b.kubectl,
    WOOW_HELM4: b.helm4,
    WOOW_HELM3: b.helm3,
    WOOW_HELM: b.helm4,
    HELM_CACHE_HOME: path.join(p.helmHome, 'cache'),
    HELM_CONFIG_HOME: path.join(p.helmHome, 'config'),
    HELM_DATA_HOME: path.join(p.helmHome, 'data'),
    WOOW_ETCD_URL: `http://127.0.0.1:${state.ports.etcd}`,
    WOOW_PG_HOST: '127.0.0.1',
    WOOW_PG_PORT: String(state.ports.postgres),
    WOOW_PG_USER: PG_USER,
    WOOW_PG_PASSWORD: pg.password,
    WOOW_PG_DATABASE: PG_DATABASE,
    WOOW_PG_URL: `postgres://${PG_USER}:${pg.password}@127.0.0.1:${state.ports.postgres}/${PG_DATABASE}`,
    WOOW_PG_BIN: tools.pgBin,
    WOOW_PROMETHEUS_URL: `http://127.0.0.1:${state.ports.prometheus}`,
    WOOW_PROMETHEUS_FILE_SD_DIR: path.join(p.prometheus, 'targets'),
    WOOW_PROMTOOL: tools.promtool,
    WOOW_CHROMIUM: tools.chromium ?? '',
    WOOW_FIXTURE_CHARTS: FIXTURE_CHARTS_DIR,
    WOOW_KWOK_POD_LOG: p.podLog,
    ...s3Env(state),
  };
  if (state.realNode) {
    Object.assign(env, {
      WOOW_REAL_NODE: REAL_NODE_NAME,
      WOOW_REAL_NODE_IP: state.realNode.nodeIp,
      WOOW_REAL_NODE_FIXTURE_IMAGE: FIXTURE_IMAGE,
      WOOW_REAL_NODE_RESTIC_IMAGE: RESTIC_IMAGE,
      WOOW_CONTAINERD_ADDRESS: nodePaths(p.root).sock,
      WOOW_CTR: nodeBinaries().ctr,
    });
  }
  return env;
}

function shellQuote(v) {
  return /^[\w@%+=:,./-]*$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

function writeEnvFiles(p, env) {
  const lines = Object.entries(env).map(
    ([k, v]) => `${k}=${shellQuote(String(v))}`,
  );
  fs.writeFileSync(p.envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  fs.writeFileSync(p.envJson, `${JSON.stringify(env, null, 2)}\n`, {
    mode: 0o600,
  });
}

/** The env of a running environment, or null. */
export function readEnv() {
  try {
    return JSON.parse(fs.readFileSync(paths().envJson, 'utf8'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- up / down / status

function initState(p) {
  let state = readState(p);
  if (!state) {
    state = {
      createdAt: new Date().toISOString(),
      versions: VERSIONS,
      ports: {},
      pids: {},
      tokens: {
        admin: randomToken(),
        kcm: randomToken(),
        scheduler: randomToken(),
        kwok: randomToken(),
        node: randomToken(),
      },
      pg: { password: randomToken(), dir: pgDir(p) },
    };
    // A PostgreSQL directory left by an earlier state has another password: start afresh.
    if (path.basename(state.pg.dir).startsWith('woow-testenv-pg-'))
      fs.rmSync(state.pg.dir, { recursive: true, force: true });
  }
  state.pids ??= {};
  state.ports ??= {};
  state.tokens.node ??= randomToken();
  state.s3 ??= s3Identity(p.root);
  return state;
}

/**
 * Starts whatever is not running (reusing what is: checked by pid + health), waits for readiness,
 * writes kubeconfig/env/env.json. Returns { env, started } where started is true when nothing was
 * running before (this call brought the environment up).
 */
export async function up({ quiet = false, quietReuse = false, realNode } = {}) {
  const say = quiet ? () => {} : log;
  const t0 = Date.now();
  // The real node, once started in a state dir, stays until `down`.
  const withRealNode =
    realNodeWanted(realNode) || !!readState(paths())?.realNode;
  if (withRealNode && process.getuid?.() !== 0) {
    throw new Error(
      'the real node needs root (containerd, runc, cgroups, a bridge, network namespaces): run as root, or without it (no --real-node; WOOW_TESTENV_REAL_NODE=0 for npm test)',
    );
  }
  const { timings } = await build({ realNode: withRealNode });
  if (Object.keys(timings).length)
    say(`build done in ${fmtMs(Date.now() - t0)}`);
  const tools = systemTools();
  const p = paths();
  fs.mkdirSync(p.root, { recursive: true, mode: 0o700 });

  return withLock(p.lock, 'testenv up/down', async () => {
    const state = initState(p);
    if (withRealNode) state.realNode ??= nodeIdentity(p.root);
    fs.mkdirSync(p.logs, { recursive: true });
    ensureCerts(p);
    const comps = components(p, state, tools);
    const byName = Object.fromEntries(comps.map(c => [c.name, c]));

    // What is alive already?
    const alive = {};
    await Promise.all(
      comps.map(async c => {
        const pid = state.pids[c.name];
        alive[c.name] =
          !!pid &&
          pidMatches(pid, path.basename(c.bin)) &&
          (!c.current || c.current(pid)) &&
          (await c.healthy());
      }),
    );
    const wasRunning = Object.values(alive).some(Boolean);
    if (Object.values(alive).every(Boolean)) {
      if (!quietReuse)
        say(`already up (${comps.length} components healthy), state ${p.root}`);
      const env = buildEnv(p, state, tools);
      writeEnvFiles(p, env);
      return { env, started: false, reused: true };
    }

    // Ports: keep recorded ones when free, else pick new ones.
    const changedPorts = new Set();
    const taken = new Set(Object.values(state.ports));
    for (const c of comps) {
      if (alive[c.name]) continue;
      for (const key of c.ports) {
        const rec = state.ports[key];
        // A component replaced below (unhealthy or started with other arguments) frees its own port.
        const ownPort =
          state.pids[c.name] &&
          pidMatches(state.pids[c.name], path.basename(c.bin));
        if (rec && (ownPort || (await portFree(rec)))) continue;
        let port;
        do port = await freePort();
        while (taken.has(port));
        taken.add(port);
        if (rec) changedPorts.add(c.name);
        state.ports[key] = port;
      }
    }
    writeState(p, state);
    writeKubeFiles(p, state);

    const startOne = async c => {
      const depChanged = c.deps.some(
        d => changedPorts.has(d) || restarted.has(d),
      );
      if (alive[c.name] && !depChanged) return;
      if (alive[c.name]) {
        say(`restarting ${c.name} (a dependency moved)`);
        await stopPid(state.pids[c.name], {
          signal: c.stopSignal ?? 'SIGTERM',
        });
      } else if (
        state.pids[c.name] &&
        pidMatches(state.pids[c.name], path.basename(c.bin))
      ) {
        // Alive but unhealthy, or started with other arguments: replace it.
        await stopPid(state.pids[c.name], {
          signal: c.stopSignal ?? 'SIGTERM',
        });
      }
      const t = Date.now();
      const portList = c.ports.map(k => state.ports[k]).join(',');
      const host = c.host ?? '127.0.0.1';
      say(`starting ${c.name}${portList ? ` on ${host}:${portList}` : ''}`);
      const pid = await c.start();
      state.pids[c.name] = pid;
      writeState(p, state);
      restarted.add(c.name);
      try {
        await waitFor(
          async () => {
            if (!pidAlive(pid))
              throw new Error(
                `${c.name} exited; log:\n${tailFile(logOf(c), 25)}`,
              );
            return c.healthy();
          },
          {
            timeoutMs: c.timeoutMs ?? 120_000,
            intervalMs: 250,
            what: `${c.name} to become healthy`,
          },
        );
      } catch (e) {
        if (/exited; log/.test(e.message))
          throw new Error(e.message.replace(/^timed out.*?: /, ''));
        throw e;
      }
      if (c.afterReady) await c.afterReady();
      say(`${c.name} ready (pid ${pid}) in ${fmtMs(Date.now() - t)}`);
    };
    const logOf = c =>
      c.name === 'postgres'
        ? path.join(state.pg.dir, 'postgres.log')
        : path.join(p.logs, `${c.name}.log`);
    const restarted = new Set();

    // containerd starts with the control plane; the kubelet once the API server is up.
    const containerd = state.realNode
      ? startOne(byName.containerd)
      : Promise.resolve();
    const kubeChain = async () => {
      await startOne(byName.etcd);
      await startOne(byName['kube-apiserver']);
      await Promise.all(
        ['kube-controller-manager', 'kube-scheduler', 'kwok'].map(n =>
          startOne(byName[n]),
        ),
      );
      const t = Date.now();
      await ensureClusterObjects(state, p);
      say(`nodes ${FAKE_NODES.join(', ')} Ready in ${fmtMs(Date.now() - t)}`);
      if (state.realNode) {
        await containerd;
        // Images and routes added since this containerd started.
        importImages(nodePaths(p.root));
        writeCniConfig(p.root, state);
        await startOne(byName.kubelet);
        const tn = Date.now();
        await waitRealNodeReady(
          kubeClient({
            server: `https://127.0.0.1:${state.ports.apiserver}`,
            token: state.tokens.admin,
            caFile: path.join(p.certs, 'ca.crt'),
          }),
          state,
        );
        say(`node ${REAL_NODE_NAME} Ready in ${fmtMs(Date.now() - tn)}`);
        // A Prometheus that was running already learns the kubelet's scrape job (or its new port).
        await startedPrometheus;
        if (
          writePrometheusConfig(p, state) &&
          alive.prometheus &&
          !restarted.has('prometheus')
        ) {
          const res = await fetch(
            `http://127.0.0.1:${state.ports.prometheus}/-/reload`,
            { method: 'POST' },
          );
          if (!res.ok)
            throw new Error(
              `prometheus reload: HTTP ${res.status} ${await res.text()}`,
            );
        }
      }
    };
    const startedPrometheus = startOne(byName.prometheus);
    const results = await Promise.allSettled([
      kubeChain(),
      containerd,
      startOne(byName.postgres),
      startedPrometheus,
      startOne(byName.versitygw),
    ]);
    const failed = results.filter(r => r.status === 'rejected');
    if (failed.length) {
      writeState(p, state);
      throw new Error(
        `testenv up failed:\n${failed
          .map(f => f.reason?.stack ?? f.reason)
          .join('\n')}\n(logs in ${p.logs}; run \`testenv down\` to clean up)`,
      );
    }
    state.upAt = new Date().toISOString();
    writeState(p, state);
    const env = buildEnv(p, state, tools);
    writeEnvFiles(p, env);
    say(`up in ${fmtMs(Date.now() - t0)}; env: ${p.envFile}`);
    return { env, started: !wasRunning, reused: false };
  });
}

async function provisionedHostPaths(p, state) {
  if (!state.pids?.['kube-apiserver'] || !state.ports?.apiserver) return [];
  try {
    const kc = kubeClient({
      server: `https://127.0.0.1:${state.ports.apiserver}`,
      token: state.tokens.admin,
      caFile: path.join(p.certs, 'ca.crt'),
    });
    const { items } = await kc.get('/api/v1/persistentvolumes', {
      timeoutMs: 5000,
    });
    return items
      .map(pv => pv.spec?.hostPath?.path)
      .filter(hp => hp && /^\/tmp\/hostpath_pv\/[0-9a-f-]+$/.test(hp));
  } catch {
    return [];
  }
}

/** Stops exactly the recorded processes (SIGTERM, then SIGKILL) and removes the state data. */
export async function down({ quiet = false, keepData = false } = {}) {
  const say = quiet ? () => {} : log;
  const p = paths();
  if (!fs.existsSync(p.root)) {
    say(`nothing to stop (${p.root} does not exist)`);
    return;
  }
  await withLock(p.lock, 'testenv up/down', async () => {
    const state = readState(p);
    if (state) {
      // Directories the in-tree hostPath provisioner made for volumes that still exist.
      const hostPaths = keepData ? [] : await provisionedHostPaths(p, state);
      // The real node first: its containers use those volumes, its kubelet the API server.
      await stopRealNode(p, state, say);
      writeState(p, state);
      // Reverse dependency order: clients before servers.
      const order = [
        'kwok',
        'kube-scheduler',
        'kube-controller-manager',
        'kube-apiserver',
        'etcd',
        'prometheus',
        'postgres',
        'versitygw',
      ];
      const bins = {
        etcd: 'etcd',
        'kube-apiserver': 'kube-apiserver',
        'kube-controller-manager': 'kube-controller-manager',
        'kube-scheduler': 'kube-scheduler',
        kwok: 'kwok',
        postgres: 'postgres',
        prometheus: 'prometheus',
        versitygw: 'versitygw',
      };
      for (const name of order) {
        const pid = state.pids?.[name];
        if (!pid) continue;
        if (!pidMatches(pid, bins[name])) {
          delete state.pids[name];
          continue;
        }
        const t = Date.now();
        await stopPid(pid, {
          signal: name === 'postgres' ? 'SIGINT' : 'SIGTERM',
        });
        say(`stopped ${name} (pid ${pid}) in ${fmtMs(Date.now() - t)}`);
        delete state.pids[name];
        writeState(p, state);
      }
      removeS3Address(state.s3);
      for (const hp of hostPaths)
        fs.rmSync(hp, { recursive: true, force: true });
      if (
        !keepData &&
        state.pg?.dir &&
        path.basename(state.pg.dir).startsWith('woow-testenv-pg-')
      ) {
        fs.rmSync(state.pg.dir, { recursive: true, force: true });
      }
    }
    if (!keepData) {
      for (const e of STATE_ENTRIES)
        fs.rmSync(path.join(p.root, e), { recursive: true, force: true });
      say(`removed state data in ${p.root}`);
    }
  });
  if (!keepData) {
    try {
      fs.rmdirSync(p.root); // only when empty
    } catch {
      /* something else lives there */
    }
  }
}

/** [{ name, running, healthy, pid, ports }] */
export async function status() {
  const p = paths();
  const state = readState(p);
  if (!state) return { stateDir: p.root, components: [] };
  const tools = systemTools();
  const comps = components(p, state, tools);
  const out = await Promise.all(
    comps.map(async c => {
      const pid = state.pids?.[c.name];
      const running = !!pid && pidMatches(pid, path.basename(c.bin));
      return {
        name: c.name,
        running,
        healthy: running ? await c.healthy() : false,
        pid: running ? pid : null,
        ports: c.ports.map(k => state.ports[k]).filter(Boolean),
      };
    }),
  );
  return { stateDir: p.root, components: out };
}

/**
 * Loads historic samples into Prometheus: OpenMetrics text (ending with `# EOF`, timestamps in
 * seconds) is turned into TSDB blocks with `promtool tsdb create-blocks-from openmetrics`, then
 * Prometheus is restarted so it opens them. For live samples, prefer a scrape target in
 * WOOW_PROMETHEUS_FILE_SD_DIR (scraped every second).
 */
export async function loadPrometheusSamples(
  openMetricsText,
  { quiet = true } = {},
) {
  const say = quiet ? () => {} : log;
  const p = paths();
  const tools = systemTools();
  return withLock(p.lock, 'testenv up/down', async () => {
    const state = readState(p);
    if (!state?.pids?.prometheus) throw new Error('testenv is not up');
    const prom = components(p, state, tools).find(c => c.name === 'prometheus');
    const t = Date.now();
    const file = path.join(p.prometheus, `backfill-${Date.now()}.om`);
    const text = openMetricsText.trimEnd().endsWith('# EOF')
      ? `${openMetricsText.trimEnd()}\n`
      : `${openMetricsText.trimEnd()}\n# EOF\n`;
    fs.writeFileSync(file, text);
    await stopPid(state.pids.prometheus);
    try {
      await run(
        tools.promtool,
        [
          'tsdb',
          'create-blocks-from',
          'openmetrics',
          file,
          path.join(p.prometheus, 'data'),
        ],
        {
          logFile: path.join(p.logs, 'promtool.log'),
        },
      );
    } finally {
      fs.rmSync(file, { force: true });
      const pid = await prom.start();
      state.pids.prometheus = pid;
      writeState(p, state);
      await waitFor(() => prom.healthy(), {
        timeoutMs: 60_000,
        intervalMs: 250,
        what: 'prometheus to become ready',
      });
    }
    say(`loaded samples into prometheus in ${fmtMs(Date.now() - t)}`);
  });
}

export {
  paths as statePaths,
  readState,
  prometheusArgs,
  writePrometheusConfig,
};
