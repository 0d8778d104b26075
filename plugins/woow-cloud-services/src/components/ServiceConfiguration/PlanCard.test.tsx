import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  BASE_URL,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
} from '../../__testUtils__/server';
import {
  makeService,
  makeTemplate,
  makeWorkspace,
} from '../../__testUtils__/fixtures';
import { makePlan, makeQuotaLeft } from '../../__testUtils__/planFixtures';
import { PlanCard } from './PlanCard';

const SVC = `${BASE_URL}/workspaces/ws1/services/svc1`;
const template = makeTemplate({
  plans: [
    makePlan('small', 'Small', { cpu: '500m', memory: '512Mi' }),
    makePlan('medium', 'Medium', { cpu: '1', memory: '1Gi' }),
    makePlan('large', 'Large', { cpu: '4', memory: '8Gi' }),
  ],
  defaultPlan: 'small',
});
const service = makeService({
  plan: 'small',
  allocatedVcpu: 0.5,
  allocatedRamGb: 0.5,
});
const quota = makeQuotaLeft({ hard: 2, used: 1 }, { hard: 4, used: 1 });

describe('PlanCard', () => {
  const server = setupCloudServicesServer();

  function renderCard(canDeploy = true) {
    const onChanged = jest.fn();
    renderWithBackend(
      <PlanCard
        service={service}
        template={template}
        canDeploy={canDeploy}
        onChanged={onChanged}
      />,
    );
    return onChanged;
  }

  it('shows the plan; viewers get no way to change it', () => {
    renderCard(false);
    expect(screen.getByRole('group', { name: 'Plan' })).toHaveTextContent(
      'Small (500m vCPU · 512Mi memory)',
    );
    expect(
      screen.queryByRole('button', { name: 'Change plan' }),
    ).not.toBeInTheDocument();
  });

  it('changes the plan through the upgrade preview', async () => {
    const previews: unknown[] = [];
    const patches: unknown[] = [];
    server.use(
      getJson('/workspaces/ws1', makeWorkspace('admin', { quota })),
      http.post(`${SVC}/preview`, async ({ request }) => {
        previews.push(await request.json());
        return HttpResponse.json({
          values: [
            { key: 'plan', change: 'changed', from: 'small', to: 'medium' },
          ],
          manifestDiff: '-            cpu: 500m\n+            cpu: "1"',
          droppedValues: [],
          refusals: [],
        });
      }),
      http.patch(SVC, async ({ request }) => {
        patches.push(await request.json());
        return HttpResponse.json({ ...service, plan: 'medium' });
      }),
    );
    const onChanged = renderCard();
    await userEvent.click(screen.getByRole('button', { name: 'Change plan' }));
    // Only the increase over the current plan must fit: large does not.
    expect(
      await screen.findByText(/Large does not fit in the workspace quota/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Medium does not fit/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: /Medium/ }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Review plan change' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Plan').closest('tr')).toHaveTextContent(
      /small.*medium/,
    );
    expect(previews).toEqual([{ plan: 'medium' }]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Confirm upgrade' }),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(patches).toEqual([{ version: service.version, plan: 'medium' }]);
  });

  it('refuses a plan beyond the quota before asking for a preview', async () => {
    let previewed = false;
    server.use(
      getJson('/workspaces/ws1', makeWorkspace('admin', { quota })),
      http.post(`${SVC}/preview`, () => {
        previewed = true;
        return HttpResponse.json({});
      }),
    );
    renderCard();
    await userEvent.click(screen.getByRole('button', { name: 'Change plan' }));
    await screen.findByText(/Large does not fit/);
    await userEvent.click(screen.getByRole('radio', { name: /Large/ }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Review plan change' }),
    );
    expect(
      await screen.findByText(
        /^Plan Large does not fit in the workspace quota: requests.cpu needs 3.5 vCPU, 1 vCPU left/,
      ),
    ).toBeInTheDocument();
    expect(previewed).toBe(false);
  });
});
