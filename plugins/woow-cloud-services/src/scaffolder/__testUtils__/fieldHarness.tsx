import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { useState, type ComponentType } from 'react';

export const BASE_URL = 'http://localhost:7007/api/woow-cloud-services';

export const fieldApis = {
  fetchApi: {
    fetch: (input: any, init?: any) => globalThis.fetch(input, init),
  },
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
};

/**
 * Renders a field the way the Scaffolder form does: controlled, its value
 * kept by the form, `onChange` spied on.
 */
export function renderField(
  Field: ComponentType<FieldExtensionComponentProps<string>>,
  options: { initial?: string; title: string; description?: string },
) {
  const onChange = jest.fn();
  const Harness = () => {
    const [value, setValue] = useState<string | undefined>(options.initial);
    const props = {
      name: 'field',
      formData: value,
      onChange: (v: string | undefined) => {
        onChange(v);
        setValue(v);
      },
      schema: { title: options.title, description: options.description },
      uiSchema: {},
      idSchema: { $id: 'root_field' },
      required: true,
      disabled: false,
      readonly: false,
      rawErrors: [],
      onBlur: () => {},
      onFocus: () => {},
    } as unknown as FieldExtensionComponentProps<string>;
    return <Field {...props} />;
  };
  const result = renderInTestApp(<Harness />, {
    apis: [
      [fetchApiRef, fieldApis.fetchApi],
      [discoveryApiRef, fieldApis.discoveryApi],
    ],
  });
  return { ...result, onChange };
}
