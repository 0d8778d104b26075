import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { makeTemplate } from '../../__testUtils__/fixtures';
import { AppCard } from './AppCard';

describe('AppCard', () => {
  it('shows name, category, description, tags, price and a configure button', () => {
    renderInTestApp(
      <AppCard
        template={makeTemplate({ tags: ['SQL', 'Relational'] })}
        configureHref="/w/configure/tpl-postgres"
      />,
    );
    const card = screen.getByRole('article', { name: 'PostgreSQL' });
    expect(
      within(card).getByRole('heading', { name: 'PostgreSQL' }),
    ).toBeInTheDocument();
    expect(within(card).getByText('Database')).toBeInTheDocument();
    expect(within(card).getByText('Relational database')).toBeInTheDocument();
    expect(within(card).getByText('SQL')).toBeInTheDocument();
    expect(within(card).getByText('Relational')).toBeInTheDocument();
    expect(within(card).getByLabelText('Monthly price')).toHaveTextContent(
      '$12.50 / month',
    );
    expect(
      within(card).getByRole('button', { name: 'Configure PostgreSQL' }),
    ).toHaveAttribute('href', '/w/configure/tpl-postgres');
  });

  it('says Free for a zero price and has no button without a configure link', () => {
    renderInTestApp(<AppCard template={makeTemplate({ monthlyPrice: 0 })} />);
    expect(screen.getByLabelText('Monthly price')).toHaveTextContent('Free');
    expect(
      screen.queryByRole('button', { name: /Configure/ }),
    ).not.toBeInTheDocument();
  });
});
