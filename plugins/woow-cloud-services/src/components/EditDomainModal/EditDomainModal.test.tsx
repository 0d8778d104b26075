import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService } from '../../__testUtils__/fixtures';
import { EditDomainModal } from './EditDomainModal';

const PATCH_URL = `${BASE_URL}/workspaces/ws1/services/svc1`;

describe('EditDomainModal', () => {
  const server = setupCloudServicesServer();

  function renderModal(service = makeService(), onSaved = jest.fn()) {
    renderWithBackend(
      <EditDomainModal
        open
        service={service}
        baseDomain="woow.test"
        onClose={jest.fn()}
        onSaved={onSaved}
      />,
    );
    return onSaved;
  }

  it('shows the CNAME record for the domain being typed', async () => {
    renderModal();
    expect(screen.getByLabelText('Required DNS record')).toHaveTextContent(
      'app.example.com CNAME orders-db.woow.test',
    );
    await userEvent.type(screen.getByLabelText('Custom domain'), 'DB.Acme.com');
    expect(screen.getByLabelText('Required DNS record')).toHaveTextContent(
      'db.acme.com CNAME orders-db.woow.test',
    );
  });

  it('refuses a malformed domain without calling the server', async () => {
    let called = false;
    server.use(
      http.patch(PATCH_URL, () => {
        called = true;
        return HttpResponse.json({});
      }),
    );
    renderModal();
    await userEvent.type(
      screen.getByLabelText('Custom domain'),
      'not a domain',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      screen.getByText(/Custom domain must be a fully qualified domain name/),
    ).toBeInTheDocument();
    expect(called).toBe(false);
  });

  it('saves the domain with the service version', async () => {
    let body: unknown;
    server.use(
      http.patch(PATCH_URL, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(makeService({ customDomain: 'db.acme.com' }));
      }),
    );
    const onSaved = renderModal();
    await userEvent.type(screen.getByLabelText('Custom domain'), 'db.acme.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('button', { name: 'Save' });
    expect(body).toEqual({ version: 7, customDomain: 'db.acme.com' });
    expect(onSaved).toHaveBeenCalled();
  });

  it('removes an existing custom domain', async () => {
    let body: unknown;
    server.use(
      http.patch(PATCH_URL, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(makeService({ customDomain: null }));
      }),
    );
    const onSaved = renderModal(makeService({ customDomain: 'db.acme.com' }));
    expect(screen.getByLabelText('Custom domain')).toHaveValue('db.acme.com');
    await userEvent.click(
      screen.getByRole('button', { name: 'Remove custom domain' }),
    );
    expect(body).toEqual({ version: 7, customDomain: null });
    expect(onSaved).toHaveBeenCalled();
  });

  it('shows the server field error inline', async () => {
    server.use(
      http.patch(PATCH_URL, () =>
        errorResponse(400, 'InputError', 'Invalid input', {
          fields: [
            { field: 'customDomain', message: 'is used by another service' },
          ],
        }),
      ),
    );
    const onSaved = renderModal();
    await userEvent.type(screen.getByLabelText('Custom domain'), 'db.acme.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('Custom domain is used by another service'),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('explains a version conflict and reloads the service', async () => {
    server.use(
      http.patch(PATCH_URL, () =>
        errorResponse(409, 'ConflictError', 'stale version 7'),
      ),
    );
    const onSaved = renderModal();
    await userEvent.type(screen.getByLabelText('Custom domain'), 'db.acme.com');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Someone else changed this service in the meantime/,
    );
    expect(onSaved).toHaveBeenCalled();
  });
});
