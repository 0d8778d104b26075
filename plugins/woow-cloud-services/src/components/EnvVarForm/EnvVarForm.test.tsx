import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  withSpecDefaults,
  type UserValues,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { makeTemplate } from '../../__testUtils__/fixtures';
import { EnvVarForm, EnvVarFormProps } from './EnvVarForm';

const specs = makeTemplate().valueSpecs;

function Harness(
  props: Partial<EnvVarFormProps> & { onValues?: (v: UserValues) => void },
) {
  const [values, setValues] = useState<UserValues>(withSpecDefaults(specs, {}));
  return (
    <EnvVarForm
      specs={specs}
      values={values}
      onChange={(key, value) => {
        const next = { ...values, [key]: value };
        setValues(next);
        props.onValues?.(next);
      }}
      {...props}
    />
  );
}

describe('EnvVarForm', () => {
  it('shows required values first and optional ones behind Advanced', async () => {
    renderInTestApp(<Harness />);
    expect(screen.getByLabelText('Admin Password')).toBeInTheDocument();
    expect(screen.getByLabelText('Database Name')).toHaveValue('app_db');
    expect(screen.queryByLabelText('Storage Size')).not.toBeInTheDocument();
    const toggle = screen.getByRole('button', {
      name: /Advanced settings \(3\)/,
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByLabelText('Storage Size')).toHaveValue('8Gi');
  });

  it('masks passwords and can show and hide them', async () => {
    renderInTestApp(<Harness />);
    const password = screen.getByLabelText('Admin Password');
    expect(password).toHaveAttribute('type', 'password');
    expect(password).toHaveAttribute('aria-required', 'true');
    await userEvent.click(
      screen.getByRole('button', { name: 'Show Admin Password' }),
    );
    expect(password).toHaveAttribute('type', 'text');
    await userEvent.click(
      screen.getByRole('button', { name: 'Hide Admin Password' }),
    );
    expect(password).toHaveAttribute('type', 'password');
  });

  it('edits selects, switches and numbers with their types', async () => {
    const onValues = jest.fn();
    renderInTestApp(<Harness onValues={onValues} />);
    await userEvent.click(
      screen.getByRole('button', { name: /Advanced settings/ }),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Storage Size'),
      '16Gi',
    );
    expect(onValues).toHaveBeenLastCalledWith(
      expect.objectContaining({ 'primary.persistence.size': '16Gi' }),
    );

    const metrics = screen.getByRole('checkbox', { name: 'Enable Metrics' });
    expect(metrics).not.toBeChecked();
    await userEvent.click(metrics);
    expect(metrics).toBeChecked();
    expect(onValues).toHaveBeenLastCalledWith(
      expect.objectContaining({ 'metrics.enabled': true }),
    );

    const connections = screen.getByLabelText('Max Connections');
    expect(connections).toHaveAttribute('min', '10');
    expect(connections).toHaveAttribute('max', '1000');
    expect(screen.getByText('Between 10 and 1000.')).toBeInTheDocument();
    await userEvent.clear(connections);
    await userEvent.type(connections, '250');
    expect(onValues).toHaveBeenLastCalledWith(
      expect.objectContaining({ maxConnections: 250 }),
    );
  });

  it('shows errors next to their fields and opens Advanced for hidden ones', () => {
    renderInTestApp(
      <Harness
        errors={{
          'auth.postgresPassword': 'is required',
          maxConnections: 'must be at most 1000',
        }}
      />,
    );
    expect(screen.getByText('Admin Password is required')).toBeInTheDocument();
    expect(
      screen.getByText('Max Connections must be at most 1000'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Advanced settings/ }),
    ).toHaveAttribute('aria-expanded', 'true');
  });

  it('says when a password is already set and may be left empty', () => {
    renderInTestApp(
      <Harness secretsSet={new Set(['auth.postgresPassword'])} />,
    );
    const password = screen.getByLabelText('Admin Password');
    expect(password).toHaveAttribute(
      'placeholder',
      '•••••••• (set — type to replace)',
    );
    expect(password).toHaveAttribute('aria-required', 'false');
    expect(
      screen.getByText(/A value is set; leave empty to keep it/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Required\./)).not.toBeInTheDocument();
  });

  it('says so when there is nothing to configure', () => {
    renderInTestApp(
      <EnvVarForm
        specs={{ required: [], optional: [] }}
        values={{}}
        onChange={jest.fn()}
      />,
    );
    expect(
      screen.getByText('This application has no configurable values.'),
    ).toBeInTheDocument();
  });

  describe('immutable values', () => {
    const fixed = {
      ...specs,
      optional: specs.optional.map(spec =>
        spec.key === 'primary.persistence.size'
          ? { ...spec, immutable: true }
          : spec,
      ),
    };

    it('are editable at launch and say they cannot change later', async () => {
      renderInTestApp(<Harness specs={fixed} />);
      await userEvent.click(
        screen.getByRole('button', { name: /Advanced settings/ }),
      );
      const size = screen.getByLabelText('Storage Size');
      expect(size).toBeEnabled();
      expect(
        screen.getByText('Cannot be changed after launch.'),
      ).toBeInTheDocument();
    });

    it('are read-only on a deployed service, the others not', async () => {
      renderInTestApp(<Harness specs={fixed} deployed />);
      await userEvent.click(
        screen.getByRole('button', { name: /Advanced settings/ }),
      );
      expect(screen.getByLabelText('Storage Size')).toBeDisabled();
      expect(
        screen.getByText(
          'Fixed at launch: it cannot be changed on a deployed service.',
        ),
      ).toBeInTheDocument();
      expect(screen.getByLabelText('Database Name')).toBeEnabled();
    });
  });
});
