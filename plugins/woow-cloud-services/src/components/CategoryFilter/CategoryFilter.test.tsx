import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CategoryFilter } from './CategoryFilter';

describe('CategoryFilter', () => {
  it('offers All and every marketplace category, marking the current one', () => {
    renderInTestApp(<CategoryFilter value="database" onChange={jest.fn()} />);
    const names = screen.getAllByRole('button').map(b => b.textContent);
    expect(names).toEqual([
      'All',
      'AI & LLM',
      'Automation',
      'Database',
      'Analytics',
      'DevOps',
      'Web',
      'Container',
    ]);
    expect(screen.getByRole('button', { name: 'Database' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('button', { name: 'All' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  it('reports the chosen category and ignores a click on the current one', async () => {
    const onChange = jest.fn();
    renderInTestApp(<CategoryFilter value="all" onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'AI & LLM' }));
    expect(onChange).toHaveBeenLastCalledWith('ai_llm');
    onChange.mockClear();
    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(onChange).not.toHaveBeenCalled();
  });
});
