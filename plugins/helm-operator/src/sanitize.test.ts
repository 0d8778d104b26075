import {
  isSecretKey,
  redactSecrets,
  sanitizeMessage,
  secretValuesOf,
} from './sanitize';

describe('sanitizeMessage', () => {
  it('removes file paths (kubeconfig, temp values files, charts)', () => {
    const msg =
      'Error: open /root/.kube/config: permission denied; reading /tmp/woow-helm-values-Ab12/values.yaml failed';
    const out = sanitizeMessage(msg);
    expect(out).not.toMatch(/\/root|\/tmp|woow-helm-values/);
    expect(out).toContain('<path>');
  });

  it('keeps URLs, which say which chart failed', () => {
    const out = sanitizeMessage(
      'Error: INSTALLATION FAILED: looks like "https://charts.example.com/stable" is not a valid chart repository',
    );
    expect(out).toBe(
      'INSTALLATION FAILED: looks like "https://charts.example.com/stable" is not a valid chart repository',
    );
  });

  it('removes tokens, certificates, credentials in URLs and the caller secrets', () => {
    const msg = [
      'Authorization: Bearer abc.def-ghi',
      'token: 9f8e7d6c5b4a',
      'certificate-authority-data: LS0tLS1CRUdJTi',
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
      'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
      'https://user:hunter2@charts.example.com/index.yaml',
      'Invalid value: "my-db-password-42"',
      'blob QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9w',
    ].join('\n');
    const out = sanitizeMessage(msg, ['my-db-password-42']);
    for (const leaked of [
      'abc.def-ghi',
      '9f8e7d6c5b4a',
      'LS0tLS1CRUdJTi',
      'MIIB',
      'eyJhbGci',
      'hunter2',
      'my-db-password-42',
      'QUJDREVG',
    ]) {
      expect(out).not.toContain(leaked);
    }
    expect(out).toContain('charts.example.com');
  });

  it('keeps release and object names', () => {
    const name = `paas-ws-123-${'a'.repeat(40)}`;
    expect(sanitizeMessage(`release ${name} failed`)).toContain(name);
  });

  it('bounds the length', () => {
    expect(sanitizeMessage('x '.repeat(5000)).length).toBeLessThan(1600);
  });
});

describe('redactSecrets', () => {
  it('keeps paths for the log', () => {
    expect(redactSecrets('open /root/.kube/config')).toBe(
      'open /root/.kube/config',
    );
  });
});

describe('secret values', () => {
  it('knows password-like keys', () => {
    for (const k of [
      'password',
      'postgresPassword',
      'apiKey',
      'api_key',
      'secretKey',
      'token',
      'privateKey',
      'clientSecret',
    ]) {
      expect(isSecretKey(k)).toBe(true);
    }
    for (const k of ['database', 'replicas', 'image', 'username'])
      expect(isSecretKey(k)).toBe(false);
  });

  it('collects every string under a secret key, at any depth', () => {
    expect(
      secretValuesOf({
        auth: { postgresPassword: 'p1', database: 'db' },
        credentials: { user: 'u', list: ['a'] },
        n: 1,
      }).sort(),
    ).toEqual(['a', 'p1', 'u']);
  });
});
