import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SubdomainPicker } from './SubdomainPicker';
import { validateSubdomain } from './subdomainValidation';
import { BASE_URL, fieldApis, renderField } from './__testUtils__/fieldHarness';

const TAKEN = new Set(['orders']);
const RESERVED = new Set(['admin']);

describe('SubdomainPicker', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let requests: string[];

  beforeEach(() => {
    requests = [];
    server.use(
      http.get(
        `${BASE_URL}/subdomains/:subdomain/availability`,
        ({ params }) => {
          const subdomain = String(params.subdomain);
          requests.push(subdomain);
          let reason: string | undefined;
          if (RESERVED.has(subdomain)) reason = 'is reserved';
          if (TAKEN.has(subdomain)) reason = 'is taken';
          return HttpResponse.json({
            subdomain,
            available: !reason,
            ...(reason ? { reason } : {}),
            fqdn: `${subdomain}.woowtech.test`,
          });
        },
      ),
    );
  });

  const renderPicker = () =>
    renderField(SubdomainPicker, { title: 'Subdomain' });

  it('says a free subdomain is available, asking once after typing stops', async () => {
    renderPicker();
    await userEvent.type(screen.getByLabelText(/Subdomain/), 'shop');
    expect(
      await screen.findByText('shop.woowtech.test is available'),
    ).toBeInTheDocument();
    expect(requests).toEqual(['shop']);
  });

  it('says a taken subdomain is not available', async () => {
    renderPicker();
    await userEvent.type(screen.getByLabelText(/Subdomain/), 'orders');
    expect(
      await screen.findByText('orders.woowtech.test is taken'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Subdomain/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('knows reserved subdomains without asking (the list is shared with the backend)', async () => {
    renderPicker();
    await userEvent.type(screen.getByLabelText(/Subdomain/), 'admin');
    expect(await screen.findByText('admin is reserved')).toBeInTheDocument();
    expect(requests).not.toContain('admin');
  });

  it('explains the format rule without asking the backend, and lower-cases what is typed', async () => {
    const { onChange } = renderPicker();
    await userEvent.type(screen.getByLabelText(/Subdomain/), 'My_Shop');
    expect(onChange).toHaveBeenLastCalledWith('my_shop');
    expect(
      await screen.findByText(/my_shop must be a DNS label/),
    ).toBeInTheDocument();
    expect(requests).toEqual([]);
  });
});

describe('validateSubdomain', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const apiHolder = {
    get: (ref: { id: string }) =>
      ((
        {
          [fetchApiRef.id]: fieldApis.fetchApi,
          [discoveryApiRef.id]: fieldApis.discoveryApi,
        } as any
      )[ref.id]),
  };
  const validate = async (subdomain: string) => {
    const errors: string[] = [];
    await validateSubdomain(
      subdomain,
      { addError: (m: string) => errors.push(m) } as any,
      {
        apiHolder,
        formData: {},
        schema: {},
      } as any,
    );
    return errors;
  };

  it('blocks Next on a taken subdomain and lets a free one through', async () => {
    server.use(
      http.get(`${BASE_URL}/subdomains/:subdomain/availability`, ({ params }) =>
        HttpResponse.json(
          params.subdomain === 'orders'
            ? {
                subdomain: 'orders',
                available: false,
                reason: 'is taken',
                fqdn: 'orders.woowtech.test',
              }
            : {
                subdomain: params.subdomain,
                available: true,
                fqdn: `${params.subdomain}.woowtech.test`,
              },
        ),
      ),
    );
    expect(await validate('orders')).toEqual(['orders is taken']);
    expect(await validate('shop')).toEqual([]);
  });

  it('blocks a malformed subdomain without a request', async () => {
    expect(await validate('-bad-')).toEqual([
      expect.stringMatching(/^-bad- must be a DNS label/),
    ]);
  });
});
