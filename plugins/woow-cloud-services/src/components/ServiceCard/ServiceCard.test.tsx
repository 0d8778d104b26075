import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeService } from '../../__testUtils__/fixtures';
import { ServiceCard } from './ServiceCard';

describe('ServiceCard', () => {
  it('shows name, status and public URL, and links to the detail page', () => {
    renderInTestApp(
      <ServiceCard
        service={makeService()}
        href="/cs/workspaces/ws1/services/svc1"
      />,
    );
    const card = screen.getByRole('article', { name: 'Orders DB' });
    expect(
      within(card).getByRole('link', { name: 'Open Orders DB' }),
    ).toHaveAttribute('href', '/cs/workspaces/ws1/services/svc1');
    expect(
      within(card).getByRole('status', { name: 'Status: Running' }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('link', {
        name: /^https:\/\/orders-db\.woow\.test/,
      }),
    ).toHaveAttribute('href', 'https://orders-db.woow.test');
  });

  it('shows why a service failed', () => {
    renderInTestApp(
      <ServiceCard
        service={makeService({
          state: 'error',
          errorMessage: 'CrashLoopBackOff',
        })}
        href="/x"
      />,
    );
    expect(
      screen.getByRole('status', { name: 'Status: Error' }),
    ).toBeInTheDocument();
    expect(screen.getByText('CrashLoopBackOff')).toBeInTheDocument();
  });
});
