import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { valueSpecsSchema } from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { computeChanges } from '../ServiceConfiguration/valueChanges';
import { EnvVarForm } from './EnvVarForm';

const specs = valueSpecsSchema.parse({
  required: [{ key: 'user', label: 'User', type: 'text', required: true }],
  optional: [
    { key: 'apiKey', label: 'API Key', type: 'text', sensitive: true },
    {
      key: 'encryptionKey',
      label: 'Encryption Key',
      type: 'password',
      generate: { length: 32 },
    },
    {
      key: 'signingSecret',
      label: 'Signing Secret',
      type: 'password',
      generate: { length: 32, userSettable: true },
    },
  ],
});

describe('sensitive and generated values in the form', () => {
  it('gives a generated secret a user may not set no field, only a note, and masks sensitive text', async () => {
    renderInTestApp(
      <EnvVarForm specs={specs} values={{}} onChange={() => {}} />,
    );
    expect(
      await screen.findByText(
        /Generated for this service at launch.*Encryption Key/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Encryption Key')).not.toBeInTheDocument();
    screen.getByRole('button', { name: /Advanced settings \(2\)/ }).click();
    expect(await screen.findByLabelText('API Key')).toHaveAttribute(
      'type',
      'password',
    );
    expect(screen.getByLabelText('Signing Secret')).toHaveAttribute(
      'type',
      'password',
    );
  });

  it('sends a sensitive value only when typed, and never a generated one a user may not set', () => {
    const initial = { user: 'u' };
    expect(
      computeChanges(specs, initial, {
        user: 'u',
        apiKey: '',
        encryptionKey: 'typed-anyway',
        signingSecret: '',
      }),
    ).toEqual({});
    expect(
      computeChanges(specs, initial, {
        user: 'u',
        apiKey: 'sk-new',
        signingSecret: 'mine-0123456789',
      }),
    ).toEqual({ apiKey: 'sk-new', signingSecret: 'mine-0123456789' });
  });
});
