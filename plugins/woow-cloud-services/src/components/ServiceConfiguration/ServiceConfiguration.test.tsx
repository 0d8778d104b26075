import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  errorResponse,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService, makeTemplate } from '../../__testUtils__/fixtures';
import { ServiceConfiguration } from './ServiceConfiguration';

const SVC = `${BASE_URL}/workspaces/ws1/services/svc1`;
const PREVIEW = {
  values: [
    { key: 'auth.database', change: 'changed', from: 'orders', to: 'sales' },
  ],
  manifestDiff: '--- a\n+++ b\n-  POSTGRES_DB: orders\n+  POSTGRES_DB: sales',
  droppedValues: [],
};

function renderConfig(
  opts: {
    canDeploy?: boolean;
    template?: ReturnType<typeof makeTemplate>;
  } = {},
) {
  const onChanged = jest.fn();
  renderWithBackend(
    <ServiceConfiguration
      service={makeService()}
      template={opts.template ?? makeTemplate()}
      baseDomain="woow.test"
      canDeploy={opts.canDeploy ?? true}
      onChanged={onChanged}
    />,
  );
  return onChanged;
}

const row = (label: string) =>
  within(screen.getByRole('table', { name: 'Helm values' }))
    .getByText(label)
    .closest('tr')!;

describe('ServiceConfiguration', () => {
  const server = setupCloudServicesServer();

  it('shows editable name, read-only reference ID and subdomain, and current values', () => {
    renderConfig();
    expect(screen.getByLabelText('Application name')).toHaveValue('Orders DB');
    expect(screen.getByLabelText('Reference ID')).toHaveValue('orders-db-x1');
    expect(screen.getByLabelText('Reference ID')).toHaveAttribute('readonly');
    expect(screen.getByRole('group', { name: 'Subdomain' })).toHaveTextContent(
      'orders-db.woow.test',
    );
    expect(row('Admin Password')).toHaveTextContent('set');
    expect(row('Database Name')).toHaveTextContent('orders');
    expect(row('Max Connections')).toHaveTextContent('default');
  });

  it('gives viewers a read-only view', () => {
    renderConfig({ canDeploy: false });
    expect(screen.getByLabelText('Application name')).toHaveAttribute(
      'readonly',
    );
    expect(
      screen.queryByRole('button', { name: 'Save name' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit values' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit custom domain' }),
    ).not.toBeInTheDocument();
  });

  it('renames without touching values', async () => {
    let body: unknown;
    server.use(
      http.patch(SVC, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(makeService({ name: 'Sales DB', version: 8 }));
      }),
    );
    const onChanged = renderConfig();
    const name = screen.getByLabelText('Application name');
    await userEvent.clear(name);
    await userEvent.type(name, 'Sales DB');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await screen.findByRole('button', { name: 'Save name' });
    expect(body).toEqual({ version: 7, name: 'Sales DB' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('previews a values change, then upgrades on confirmation', async () => {
    const bodies: Record<string, unknown> = {};
    server.use(
      http.post(`${SVC}/preview`, async ({ request }) => {
        bodies.preview = await request.json();
        return HttpResponse.json(PREVIEW);
      }),
      http.patch(SVC, async ({ request }) => {
        bodies.patch = await request.json();
        return HttpResponse.json(makeService({ state: 'upgrading' }));
      }),
    );
    const onChanged = renderConfig();
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    const db = screen.getByLabelText('Database Name');
    await userEvent.clear(db);
    await userEvent.type(db, 'sales');
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Review changes',
    });
    const diff = within(dialog).getByRole('table', { name: 'Value changes' });
    expect(within(diff).getByText('Database Name')).toBeInTheDocument();
    expect(within(diff).getByText('orders')).toBeInTheDocument();
    expect(within(diff).getByText('sales')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Manifest diff')).toHaveTextContent(
      '+ POSTGRES_DB: sales',
    );
    // Only what changed is sent: the empty password field means "keep".
    expect(bodies.preview).toEqual({
      helmValues: { 'auth.database': 'sales' },
    });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm upgrade' }),
    );
    await screen.findByRole('button', { name: 'Edit values' });
    expect(bodies.patch).toEqual({
      version: 7,
      helmValues: { 'auth.database': 'sales' },
    });
    expect(onChanged).toHaveBeenCalled();
  });

  it('sends a replaced password but never shows it in the review', async () => {
    let previewBody: any;
    server.use(
      http.post(`${SVC}/preview`, async ({ request }) => {
        previewBody = await request.json();
        return HttpResponse.json({
          values: [
            {
              key: 'auth.postgresPassword',
              change: 'changed',
              from: '(set)',
              to: 'n3w-s3cret-value',
            },
          ],
          manifestDiff: '',
          droppedValues: [],
        });
      }),
    );
    renderConfig();
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    expect(screen.getByLabelText('Admin Password')).toHaveValue('');
    await userEvent.type(
      screen.getByLabelText('Admin Password'),
      'n3w-s3cret-value',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Review changes',
    });
    expect(previewBody.helmValues).toEqual({
      'auth.postgresPassword': 'n3w-s3cret-value',
    });
    expect(dialog).not.toHaveTextContent('n3w-s3cret-value');
    expect(within(dialog).getAllByText('••••••••')).toHaveLength(2);
    expect(
      within(dialog).getByText('The rendered manifests do not change.'),
    ).toBeInTheDocument();
  });

  it('says when nothing changed', async () => {
    renderConfig();
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );
    expect(screen.getByText('Nothing changed yet.')).toBeInTheDocument();
  });

  it('validates values before asking for a preview', async () => {
    let previewed = false;
    server.use(
      http.post(`${SVC}/preview`, () => {
        previewed = true;
        return HttpResponse.json(PREVIEW);
      }),
    );
    renderConfig();
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    await userEvent.click(
      screen.getByRole('button', { name: /Advanced settings/ }),
    );
    const max = screen.getByLabelText('Max Connections');
    await userEvent.clear(max);
    await userEvent.type(max, '5');
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );
    expect(
      screen.getByText('Max Connections must be at least 10'),
    ).toBeInTheDocument();
    expect(previewed).toBe(false);
  });

  it('shows the server 400 field errors inline', async () => {
    server.use(
      http.post(`${SVC}/preview`, () =>
        errorResponse(400, 'InputError', 'Invalid input', {
          fields: [
            { field: 'auth.database', message: 'must not be "postgres"' },
          ],
        }),
      ),
    );
    renderConfig();
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    const db = screen.getByLabelText('Database Name');
    await userEvent.clear(db);
    await userEvent.type(db, 'postgres');
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );
    expect(
      await screen.findByText('Database Name must not be "postgres"'),
    ).toBeInTheDocument();
  });

  it('explains a conflict on confirm and reloads', async () => {
    server.use(
      http.post(`${SVC}/preview`, () => HttpResponse.json(PREVIEW)),
      http.patch(SVC, () =>
        errorResponse(409, 'ConflictError', 'version 7 is stale'),
      ),
    );
    const onChanged = renderConfig();
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    const db = screen.getByLabelText('Database Name');
    await userEvent.clear(db);
    await userEvent.type(db, 'sales');
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Review changes',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm upgrade' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /Someone else changed this service/,
    );
    expect(onChanged).toHaveBeenCalled();
  });

  it('offers a chart upgrade when the template has a newer chart', async () => {
    let previewBody: any;
    server.use(
      http.post(`${SVC}/preview`, async ({ request }) => {
        previewBody = await request.json();
        return HttpResponse.json({
          ...PREVIEW,
          values: [],
          droppedValues: ['metrics.enabled'],
        });
      }),
    );
    const template = makeTemplate();
    renderConfig({
      template: {
        ...template,
        helmChart: { ...template.helmChart, chartVersion: '16.0.0' },
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Also upgrade the chart from 15.5.0 to 16.0.0',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Review changes',
    });
    expect(previewBody).toEqual({ helmValues: {}, chartVersion: '16.0.0' });
    expect(dialog).toHaveTextContent('Chart version will change to 16.0.0.');
    expect(dialog).toHaveTextContent(/they will be dropped: metrics.enabled/);
  });

  it('shows what the cluster would refuse in words, with Confirm disabled', async () => {
    server.use(
      http.post(`${SVC}/preview`, () =>
        HttpResponse.json({
          ...PREVIEW,
          refusals: [
            {
              kind: 'StatefulSet',
              name: 'orders-db-postgresql',
              fields: [
                'spec.volumeClaimTemplates[0].spec.resources.requests.storage',
              ],
              message:
                'StatefulSet.apps "orders-db-postgresql" is invalid: spec: Forbidden: updates to statefulset spec for fields other than \'replicas\' ... are forbidden',
            },
          ],
        }),
      ),
    );
    renderConfig();
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    const db = screen.getByLabelText('Database Name');
    await userEvent.clear(db);
    await userEvent.type(db, 'sales');
    await userEvent.click(
      screen.getByRole('button', { name: 'Review changes' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Review changes',
    });
    const refusal = within(dialog).getByRole('alert', {
      name: 'Refused by the cluster',
    });
    expect(refusal).toHaveTextContent('The cluster would refuse this change');
    expect(refusal).toHaveTextContent(
      'StatefulSet orders-db-postgresql cannot change spec.volumeClaimTemplates[0].spec.resources.requests.storage',
    );
    expect(refusal).toHaveTextContent(
      'Kubernetes says: StatefulSet.apps "orders-db-postgresql" is invalid: spec: Forbidden',
    );
    const confirm = within(dialog).getByRole('button', {
      name: 'Confirm upgrade',
    });
    expect(confirm).toBeDisabled();
    expect(
      within(dialog).queryByText(/Confirming runs helm upgrade/),
    ).not.toBeInTheDocument();
  });

  it('shows an immutable value read-only when editing, saying why', async () => {
    const template = makeTemplate();
    template.valueSpecs.optional[0] = {
      ...template.valueSpecs.optional[0],
      immutable: true,
    };
    renderConfig({ template });
    await userEvent.click(screen.getByRole('button', { name: 'Edit values' }));
    await userEvent.click(
      screen.getByRole('button', { name: /Advanced settings/ }),
    );
    expect(
      await screen.findByText(
        /Fixed at launch: it cannot be changed on a deployed service\./,
      ),
    ).toBeInTheDocument();
    const size = screen.getByLabelText('Storage Size');
    expect(
      size.getAttribute('aria-disabled') === 'true' ||
        (size as HTMLInputElement).disabled,
    ).toBe(true);
    // The other values stay editable.
    expect(screen.getByLabelText('Database Name')).toBeEnabled();
  });
});
