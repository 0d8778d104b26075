import { helmFailureToError } from './helmErrors';

const ctx = {
  command: 'install',
  namespace: 'paas-ws-1',
  releaseName: 'paas-ws-1-app',
};
const status = (e: Error) => (e as any).statusCode ?? e.name;

describe('helmFailureToError', () => {
  it.each([
    [
      'Error: INSTALLATION FAILED: cannot re-use a name that is still in use',
      'ConflictError',
    ],
    [
      'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
      'ConflictError',
    ],
    ['Error: release: not found', 'NotFoundError'],
    [
      'level=ERROR msg="release name check failed"\nError: INSTALLATION FAILED: release name check failed: cannot reuse a name that is still in use',
      'ConflictError',
    ],
    ['Error: release has no 7 version', 'NotFoundError'],
    [
      'Error: INSTALLATION FAILED: create: failed to create: namespaces "paas-ws-1" not found',
      'NotFoundError',
    ],
    [
      'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused',
      'ServiceUnavailableError',
    ],
    [
      'Error: INSTALLATION FAILED: persistentvolumeclaims "x" is forbidden: exceeded quota: workspace-quota',
      422,
    ],
    [
      'Error: INSTALLATION FAILED: template: app/templates/d.yaml:3:4: executing "x" at <.Values.a>: nil pointer',
      422,
    ],
    ['Error: something nobody expected', 500],
  ])('%s -> %s', (stderr, expected) => {
    expect(status(helmFailureToError(stderr, ctx))).toBe(expected);
  });

  it('names the chart that could not be fetched, without paths', () => {
    const e = helmFailureToError(
      'Error: INSTALLATION FAILED: looks like "http://127.0.0.1:1" is not a valid chart repository or cannot be reached: Get "http://127.0.0.1:1/index.yaml": dial tcp 127.0.0.1:1: connect: connection refused\nopen /tmp/x/values.yaml',
      { ...ctx, chart: 'app@1.0.0 from http://127.0.0.1:1' },
    );
    expect(status(e)).toBe(422);
    expect(e.message).toMatch(
      /^Chart app@1.0.0 from http:\/\/127.0.0.1:1 could not be fetched: .*connection refused/,
    );
    expect(e.message).not.toContain('/tmp/x');
  });

  it.each([
    'Error: looks like "https://charts.example.com" is not a valid chart repository or cannot be reached: Get "https://charts.example.com/index.yaml": dial tcp 10.0.3.7:443: connect: connection refused',
    'Error: Get "https://charts.example.com/index.yaml": dial tcp: lookup charts.example.com on 10.96.0.10:53: no such host',
    'Error: failed to do request: Head "https://registry.example.com/v2/app/manifests/1.0": dial tcp [fd00::12]:443: i/o timeout',
  ])('never names the addresses helm dialled: %s', stderr => {
    const e = helmFailureToError(stderr, {
      ...ctx,
      chart: 'app@1.0.0 from https://charts.example.com',
    });
    expect([422, 502]).toContain(status(e));
    expect(e.message).toContain('<address>');
    expect(e.message).not.toMatch(/10\.0\.3\.7|10\.96\.0\.10|fd00::12/);
  });

  it('keeps the caller secrets out of the message', () => {
    const e = helmFailureToError(
      'Error: something: Invalid value: "hunter22"',
      { ...ctx, secrets: ['hunter22'] },
    );
    expect(e.message).not.toContain('hunter22');
  });
});

describe('an object outside the deployer', () => {
  it('is a 403 naming the object, before anything is applied', () => {
    const err = helmFailureToError(
      'Error: INSTALLATION FAILED: unable to continue with install: could not get information about the resource ConfigMap "x-escape" in namespace "kube-system": configmaps "x-escape" is forbidden: User "system:serviceaccount:paas-ws-a:paas-deployer" cannot get resource "configmaps" in API group "" in the namespace "kube-system"',
      {
        command: 'install',
        namespace: 'paas-ws-a',
        releaseName: 'paas-ws-a-x',
      },
    );
    expect(err).toMatchObject({
      name: 'NotAllowedError',
      message:
        'Release "paas-ws-a-x" in namespace "paas-ws-a" was refused before anything was applied: ConfigMap "x-escape" (namespace "kube-system") is outside what the workspace\'s deployer ServiceAccount may manage (refused by the API server)',
    });
    expect(
      helmFailureToError(
        'Error: could not get information about the resource Namespace "n" in namespace "": namespaces "n" is forbidden: User "system:serviceaccount:paas-ws-a:paas-deployer" cannot get resource "namespaces"',
        {
          command: 'install',
          namespace: 'paas-ws-a',
          releaseName: 'paas-ws-a-x',
        },
      ).message,
    ).toContain('Namespace "n" (cluster-scoped)');
  });
});
