import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import { makeService, makeTemplate } from '../../__testUtils__/fixtures';
import { ChartVersionsCard } from './ChartVersionsCard';

const SVC = '/workspaces/ws1/services/svc1';
const NEWER = {
  chart: 'postgresql',
  currentVersion: '15.5.0',
  newer: [
    { version: '16.1.0', appVersion: '17.2', created: '2026-10-01T00:00:00Z' },
    { version: '16.0.0', appVersion: '17.0' },
  ],
};
const PREVIEW = {
  values: [],
  manifestDiff:
    '--- a\n+++ b\n-    image: postgres:16\n+    image: postgres:17.2',
  droppedValues: [],
  refusals: [],
};

function renderCard(canDeploy = true) {
  const onChanged = jest.fn();
  renderWithBackend(
    <ChartVersionsCard
      service={makeService()}
      template={makeTemplate()}
      canDeploy={canDeploy}
      onChanged={onChanged}
    />,
  );
  return onChanged;
}

describe('ChartVersionsCard', () => {
  const server = setupCloudServicesServer();

  it('lists the newer versions; choosing one previews the upgrade keeping the values, confirming upgrades', async () => {
    const bodies: Record<string, unknown> = {};
    server.use(
      getJson(`${SVC}/chart-versions`, NEWER),
      http.post(`${BASE_URL}${SVC}/preview`, async ({ request }) => {
        bodies.preview = await request.json();
        return HttpResponse.json(PREVIEW);
      }),
      http.patch(`${BASE_URL}${SVC}`, async ({ request }) => {
        bodies.update = await request.json();
        return HttpResponse.json({ ...makeService(), state: 'upgrading' });
      }),
    );
    const onChanged = renderCard();
    const table = await screen.findByRole('table', {
      name: 'Newer chart versions',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual([
      expect.stringContaining('Version'),
      expect.stringContaining('16.1.0'),
      expect.stringContaining('16.0.0'),
    ]);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Preview the upgrade to chart version 16.1.0',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Review changes',
    });
    expect(dialog).toHaveTextContent('Chart version will change to 16.1.0');
    expect(dialog).toHaveTextContent('+ image: postgres:17.2');
    // Only the chart version: the service's values stay as they are.
    expect(bodies.preview).toEqual({ chartVersion: '16.1.0' });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm upgrade' }),
    );
    expect(
      await screen.findByText('Deployed chart version: 15.5.0'),
    ).toBeInTheDocument();
    expect(bodies.update).toEqual({ version: 7, chartVersion: '16.1.0' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('says when the deployed version is the newest', async () => {
    server.use(getJson(`${SVC}/chart-versions`, { ...NEWER, newer: [] }));
    renderCard();
    expect(
      await screen.findByText('This is the newest version.'),
    ).toBeInTheDocument();
  });

  it('offers no upgrade to viewers', async () => {
    server.use(getJson(`${SVC}/chart-versions`, NEWER));
    renderCard(false);
    await screen.findByRole('table', { name: 'Newer chart versions' });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows why versions cannot be listed', async () => {
    server.use(
      http.get(`${BASE_URL}${SVC}/chart-versions`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'BadGatewayError',
              message: 'The chart repository did not give its index',
            },
          },
          { status: 502 },
        ),
      ),
    );
    renderCard();
    expect(
      await screen.findByText(/did not give its index/),
    ).toBeInTheDocument();
  });
});
