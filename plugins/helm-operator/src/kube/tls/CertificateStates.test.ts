import { V1Ingress } from '@kubernetes/client-node';
import { makeCertificate } from '../../__testUtils__/certificates';
import { KubeClients } from '../KubeClients';
import { CertificateStates } from './CertificateStates';

// One module with the API server stubbed: what the state is for a given
// Secret and clock (the integration test reads real ones from a real API
// server, where the clock cannot be moved).

const ingress: V1Ingress = {
  metadata: { name: 'rel', namespace: 'paas-ws-a' },
  spec: {
    tls: [{ hosts: ['app.example.com'], secretName: 'rel-origin-tls' }],
    rules: [{ host: 'app.example.com' }, { host: 'shop.example.org' }],
  },
};

function kubeWith(secrets: Record<string, string | undefined>): KubeClients {
  return {
    config: { makeApiClient: () => ({}) },
    core: {
      readNamespacedSecret: async ({ name }: { name: string }) => {
        const crt = secrets[name];
        if (crt === undefined)
          throw Object.assign(new Error('nf'), { code: 404 });
        return { data: { 'tls.crt': Buffer.from(crt).toString('base64') } };
      },
    },
  } as unknown as KubeClients;
}

const ORIGIN = {
  mode: 'originCertificate' as const,
  secretNamespace: 'certs',
  secretName: 'origin',
};

describe('CertificateStates (origin certificate Secrets)', () => {
  it('is active before notAfter and expired after it; a host without a tls entry is not covered', async () => {
    const { crt } = await makeCertificate(['*.example.com'], 30);
    const kube = kubeWith({ 'rel-origin-tls': crt });
    const notAfter = new Date(
      (
        await new CertificateStates(kube, kube, ORIGIN).of(ingress)
      )[0].tls.notAfter!,
    );
    const at = (date: Date) =>
      new CertificateStates(kube, kube, ORIGIN, () => date).of(ingress);

    const before = await at(new Date(notAfter.getTime() - 1000));
    expect(before[0].tls.state).toBe('active');
    expect(before[1]).toEqual({
      host: 'shop.example.org',
      tls: {
        state: 'not-covered',
        message: expect.stringContaining('does not cover'),
      },
    });
    const after = await at(new Date(notAfter.getTime() + 1000));
    expect(after[0].tls).toMatchObject({
      state: 'expired',
      notAfter: notAfter.toISOString(),
      issuer: 'Test Origin CA',
    });
  });

  it('is pending while the Secret is missing and an error when it holds no certificate', async () => {
    const missing = kubeWith({});
    expect(
      (await new CertificateStates(missing, missing, ORIGIN).of(ingress))[0].tls
        .state,
    ).toBe('pending');
    const garbage = kubeWith({ 'rel-origin-tls': 'not a certificate' });
    expect(
      (await new CertificateStates(garbage, garbage, ORIGIN).of(ingress))[0]
        .tls,
    ).toEqual({
      state: 'error',
      message: 'The certificate cannot be read',
    });
  });

  it('says a certificate that does not name the host does not cover it', async () => {
    const { crt } = await makeCertificate(['other.example.net'], 30);
    const kube = kubeWith({ 'rel-origin-tls': crt });
    expect(
      (await new CertificateStates(kube, kube, ORIGIN).of(ingress))[0].tls,
    ).toMatchObject({
      state: 'not-covered',
      message: 'The certificate does not name app.example.com',
    });
  });
});
