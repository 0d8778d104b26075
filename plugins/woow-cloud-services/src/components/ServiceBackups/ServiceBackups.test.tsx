import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ServiceBackups } from './ServiceBackups';

describe('ServiceBackups', () => {
  it('says backups are coming and that data is kept on delete', () => {
    renderInTestApp(<ServiceBackups />);
    expect(
      screen.getByText('Backups are coming in a later release'),
    ).toBeInTheDocument();
    expect(screen.getByText(/keeps its data volumes/)).toBeInTheDocument();
  });
});
