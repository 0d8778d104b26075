import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService } from '../../__testUtils__/fixtures';
import { CustomDomainStatus } from './CustomDomainStatus';

const CHECK_URL = `${BASE_URL}/workspaces/ws1/services/svc1/custom-domain/check`;

const waiting = makeService({
  customDomain: 'db.acme.com',
  customDomainVerification: {
    domain: 'db.acme.com',
    state: 'pending',
    message:
      'No CNAME record for db.acme.com and no TXT record at _woow-challenge.db.acme.com yet',
    records: [
      { type: 'CNAME', name: 'db.acme.com', value: 'orders-db.woow.test' },
      {
        type: 'TXT',
        name: '_woow-challenge.db.acme.com',
        value: 'woow-domain-verification=abc123',
      },
    ],
    checkedAt: null,
    verifiedAt: null,
  },
});

describe('CustomDomainStatus', () => {
  const server = setupCloudServicesServer();

  it('says None without a custom domain', () => {
    renderWithBackend(
      <CustomDomainStatus
        service={makeService()}
        canCheck
        onChecked={jest.fn()}
      />,
    );
    expect(screen.getByText('None')).toBeInTheDocument();
  });

  it('shows a pending domain as waiting for DNS with the records to set', () => {
    renderWithBackend(
      <CustomDomainStatus service={waiting} canCheck onChecked={jest.fn()} />,
    );
    expect(
      screen.getByLabelText('Custom domain status: Waiting for DNS'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'DNS records that prove the domain',
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(r => r.textContent);
    expect(rows).toEqual([
      'TypeNameValue',
      'CNAMEdb.acme.comorders-db.woow.test',
      'TXT_woow-challenge.db.acme.comwoow-domain-verification=abc123',
    ]);
  });

  it('shows a verified domain without records or a check button', () => {
    const verified = makeService({
      customDomain: 'db.acme.com',
      customDomainVerification: {
        ...waiting.customDomainVerification!,
        state: 'verified',
        message: 'Proven by a CNAME record',
      },
    });
    renderWithBackend(
      <CustomDomainStatus service={verified} canCheck onChecked={jest.fn()} />,
    );
    expect(
      screen.getByLabelText('Custom domain status: Verified'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows why a domain failed', () => {
    const failed = makeService({
      customDomain: 'db.acme.com',
      customDomainVerification: {
        ...waiting.customDomainVerification!,
        state: 'failed',
        message:
          'db.acme.com has a CNAME to evil.example, not to orders-db.woow.test',
      },
    });
    renderWithBackend(
      <CustomDomainStatus service={failed} canCheck onChecked={jest.fn()} />,
    );
    expect(
      screen.getByLabelText('Custom domain status: Not verified'),
    ).toBeInTheDocument();
    expect(screen.getByText(/has a CNAME to evil.example/)).toBeInTheDocument();
  });

  it('checks now and reloads the service', async () => {
    let called = 0;
    server.use(
      http.post(CHECK_URL, () => {
        called++;
        return HttpResponse.json(waiting);
      }),
    );
    const onChecked = jest.fn();
    renderWithBackend(
      <CustomDomainStatus service={waiting} canCheck onChecked={onChecked} />,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Check the DNS of db.acme.com now' }),
    );
    await screen.findByRole('button', { name: /Check the DNS/ });
    expect(called).toBe(1);
    expect(onChecked).toHaveBeenCalled();
  });

  it('says when the check could not be made', async () => {
    server.use(
      http.post(CHECK_URL, () =>
        errorResponse(403, 'NotAllowedError', 'Members and up may do that'),
      ),
    );
    const onChecked = jest.fn();
    renderWithBackend(
      <CustomDomainStatus service={waiting} canCheck onChecked={onChecked} />,
    );
    await userEvent.click(
      screen.getByRole('button', { name: /Check the DNS/ }),
    );
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(onChecked).not.toHaveBeenCalled();
  });

  it('offers no check to viewers', () => {
    renderWithBackend(
      <CustomDomainStatus
        service={waiting}
        canCheck={false}
        onChecked={jest.fn()}
      />,
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
