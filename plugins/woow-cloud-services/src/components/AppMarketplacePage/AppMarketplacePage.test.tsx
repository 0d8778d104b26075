import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import {
  BASE_URL,
  errorResponse,
  getJson,
  renderWithBackend,
  setupCloudServicesServer,
  slow,
} from '../../__testUtils__/server';
import { makeTemplate, makeWorkspace } from '../../__testUtils__/fixtures';
import { AppMarketplacePage } from './AppMarketplacePage';

const TEMPLATES = [
  makeTemplate(),
  makeTemplate({
    id: 'tpl-llm',
    slug: 'anythingllm',
    name: 'AnythingLLM',
    description: 'Private ChatGPT',
    category: 'ai_llm',
    tags: ['AI', 'Chatbot'],
    monthlyPrice: 20,
  }),
  makeTemplate({
    id: 'tpl-n8n',
    slug: 'n8n',
    name: 'n8n Workflow',
    description: 'Workflow automation',
    category: 'automation',
    tags: ['Workflow'],
    monthlyPrice: 8,
  }),
];

describe('AppMarketplacePage', () => {
  const server = setupCloudServicesServer();

  function given(role: 'viewer' | 'member' = 'member', templates = TEMPLATES) {
    server.use(
      getJson('/templates', { items: templates }),
      getJson('/workspaces/ws1', makeWorkspace(role)),
    );
  }

  const cardNames = () =>
    screen
      .queryAllByRole('article')
      .map(a => a.getAttribute('aria-label'))
      .filter(Boolean);

  it('shows progress while loading', async () => {
    server.use(
      slow('/templates', { items: [] }),
      getJson('/workspaces/ws1', makeWorkspace()),
    );
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('lists every application with a configure button per card', async () => {
    given();
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    await screen.findByRole('article', { name: 'AnythingLLM' });
    expect(cardNames()).toEqual(['PostgreSQL', 'AnythingLLM', 'n8n Workflow']);
    expect(
      screen.getByRole('button', { name: 'Configure AnythingLLM' }),
    ).toHaveAttribute('href', '/workspaces/ws1/services/configure/tpl-llm');
  });

  it('filters by category', async () => {
    given();
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    await screen.findByRole('article', { name: 'AnythingLLM' });
    await userEvent.click(screen.getByRole('button', { name: 'AI & LLM' }));
    expect(cardNames()).toEqual(['AnythingLLM']);
    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(cardNames()).toHaveLength(3);
  });

  it('searches names and tags', async () => {
    given();
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    await screen.findByRole('article', { name: 'AnythingLLM' });
    const search = screen.getByRole('textbox', { name: 'Search applications' });
    await userEvent.type(search, 'chatbot');
    expect(cardNames()).toEqual(['AnythingLLM']);
    await userEvent.clear(search);
    await userEvent.type(search, 'n8n');
    expect(cardNames()).toEqual(['n8n Workflow']);
  });

  it('says when nothing matches and can clear the filters', async () => {
    given();
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    await screen.findByRole('article', { name: 'AnythingLLM' });
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search applications' }),
      'mainframe',
    );
    expect(screen.getByText('No applications match')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(cardNames()).toHaveLength(3);
  });

  it('explains an empty marketplace', async () => {
    given('member', []);
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    expect(
      await screen.findByText('The marketplace has no applications yet'),
    ).toBeInTheDocument();
  });

  it('lets viewers browse but not configure', async () => {
    given('viewer');
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    await screen.findByRole('article', { name: 'AnythingLLM' });
    expect(
      screen.queryByRole('button', { name: /^Configure / }),
    ).not.toBeInTheDocument();
  });

  it('shows an error when the marketplace cannot be loaded', async () => {
    server.use(
      http.get(`${BASE_URL}/templates`, () =>
        errorResponse(500, 'Error', 'db down'),
      ),
      getJson('/workspaces/ws1', makeWorkspace()),
    );
    renderWithBackend(<AppMarketplacePage workspaceId="ws1" />);
    expect(
      await screen.findByText(/Could not load the marketplace/),
    ).toBeInTheDocument();
  });
});
