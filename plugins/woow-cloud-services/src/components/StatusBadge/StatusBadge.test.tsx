import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeService } from '../../__testUtils__/fixtures';
import { StatusBadge } from './StatusBadge';
import { ServiceStateNotice } from './ServiceStateNotice';

describe('StatusBadge', () => {
  it.each([
    ['running', 'Running'],
    ['error', 'Error'],
    ['deploying', 'Deploying'],
    ['upgrading', 'Upgrading'],
    ['pending', 'Pending'],
    ['deleting', 'Deleting'],
    ['rolling_back', 'Rolling back'],
  ] as const)('labels %s as "%s"', (state, label) => {
    renderInTestApp(<StatusBadge state={state} />);
    const badge = screen.getByRole('status', { name: `Status: ${label}` });
    expect(badge).toHaveTextContent(label);
  });

  it('spins only for transitional states', () => {
    const { rerender } = renderInTestApp(<StatusBadge state="deploying" />);
    expect(
      screen.getByRole('status').querySelector('.MuiCircularProgress-root'),
    ).not.toBeNull();
    rerender(<StatusBadge state="running" />);
    expect(
      screen.getByRole('status').querySelector('.MuiCircularProgress-root'),
    ).toBeNull();
  });
});

describe('ServiceStateNotice', () => {
  it('shows the error message and what to do', () => {
    renderInTestApp(
      <ServiceStateNotice
        service={makeService({
          state: 'error',
          errorMessage: 'ImagePullBackOff: image not found',
        })}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('ImagePullBackOff: image not found');
    expect(alert).toHaveTextContent(/roll back to a revision that worked/);
  });

  it('explains a deploy in progress and that the page refreshes', () => {
    renderInTestApp(
      <ServiceStateNotice
        service={makeService({
          state: 'deploying',
          statusDetail: '0/1 pods ready',
        })}
      />,
    );
    expect(screen.getByText(/Deploying…/)).toBeInTheDocument();
    expect(screen.getByText(/0\/1 pods ready/)).toBeInTheDocument();
    expect(screen.getByText(/refreshes every 3 seconds/)).toBeInTheDocument();
  });

  it('says nothing for a running service', () => {
    renderInTestApp(<ServiceStateNotice service={makeService()} />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText(/refreshes/)).not.toBeInTheDocument();
  });
});
