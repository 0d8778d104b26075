import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService } from '../../__testUtils__/fixtures';
import { DomainCertificates } from './DomainCertificates';

const SVC = '/workspaces/ws1/services/svc1';

describe('DomainCertificates', () => {
  const server = setupCloudServicesServer();

  it('shows each domain with its address and certificate state, https only when active', async () => {
    server.use(
      getJson(`${SVC}/domains`, {
        mode: 'originCertificate',
        domains: [
          {
            host: 'orders-db.woow.test',
            url: 'https://orders-db.woow.test',
            tls: {
              state: 'active',
              notAfter: '2040-01-01T00:00:00.000Z',
              issuer: 'Origin CA',
            },
          },
          {
            host: 'db.example.org',
            url: 'http://db.example.org',
            tls: {
              state: 'not-covered',
              message:
                "The platform's shared certificate does not cover this domain",
            },
          },
        ],
      }),
    );
    renderWithBackend(<DomainCertificates service={makeService()} />);
    expect(
      await screen.findByLabelText(
        'TLS certificate of orders-db.woow.test: HTTPS',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /https:\/\/orders-db\.woow\.test/ }),
    ).toHaveAttribute('href', 'https://orders-db.woow.test');
    expect(screen.getByText(/Issuer: Origin CA/)).toBeInTheDocument();
    expect(
      screen.getByLabelText(
        'TLS certificate of db.example.org: No certificate',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /http:\/\/db\.example\.org/ }),
    ).toHaveAttribute('href', 'http://db.example.org');
    expect(screen.getByText(/does not cover this domain/)).toBeInTheDocument();
  });

  it.each([
    ['pending', 'Certificate pending'],
    ['expired', 'Certificate expired'],
    ['error', 'Certificate error'],
  ])('names the %s state in words', async (state, label) => {
    server.use(
      getJson(`${SVC}/domains`, {
        mode: 'certManager',
        domains: [
          {
            host: 'orders-db.woow.test',
            url: 'http://orders-db.woow.test',
            tls: { state, message: 'ACME order failed' },
          },
        ],
      }),
    );
    renderWithBackend(<DomainCertificates service={makeService()} />);
    expect(await screen.findByText(label)).toBeInTheDocument();
    expect(screen.getByText('ACME order failed')).toBeInTheDocument();
  });

  it('falls back to the recorded address and says the state is unknown when the backend fails', async () => {
    server.use(
      http.get(`${BASE_URL}${SVC}/domains`, () =>
        HttpResponse.json({ error: { message: 'down' } }, { status: 503 }),
      ),
    );
    renderWithBackend(<DomainCertificates service={makeService()} />);
    expect(
      await screen.findByText(
        'The certificate state cannot be read right now.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /orders-db\.woow\.test/ }),
    ).toHaveAttribute('href', 'https://orders-db.woow.test');
  });
});
