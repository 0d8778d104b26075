import { generateParameters } from './templateParameters';
import { makeTemplate } from '@woowtech/backstage-plugin-woow-cloud-services-common/testUtils';

describe('generateParameters with sensitive and generated values', () => {
  const template = makeTemplate({
    valueSpecs: {
      required: [],
      optional: [
        {
          key: 'api.token',
          label: 'API Token',
          type: 'text',
          required: false,
          sensitive: true,
        },
        {
          key: 'n8n.encryption_key',
          label: 'Encryption Key',
          type: 'password',
          required: false,
          generate: { length: 32, alphabet: 'hex' },
        },
        {
          key: 'signing.secret',
          label: 'Signing Secret',
          type: 'password',
          required: false,
          generate: {
            length: 32,
            alphabet: 'alphanumeric',
            userSettable: true,
          },
        },
        { key: 'user', label: 'User', type: 'text', required: false },
      ],
    },
  });
  const generated = generateParameters(template);
  const advanced = generated.steps.find(s => s.title === 'Advanced') as any;

  it('offers no field for a generated secret a user may not set', () => {
    expect(Object.keys(advanced.properties)).toHaveLength(3);
    expect(JSON.stringify(generated)).not.toContain('encryption_key');
  });

  it('reads sensitive text from Scaffolder secrets, never from the parameters', () => {
    expect(Object.keys(generated.secretValues).sort()).toEqual([
      'api.token',
      'signing.secret',
    ]);
    expect(Object.keys(generated.values)).toEqual(['user']);
    const token = advanced.properties[generated.secretValues['api.token']];
    expect(token).toMatchObject({ 'ui:field': 'Secret', type: 'string' });
  });
});
