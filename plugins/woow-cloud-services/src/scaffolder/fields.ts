import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { SubdomainPicker } from './SubdomainPicker';
import { validateSubdomain } from './subdomainValidation';
import { WorkspacePicker } from './WorkspacePicker';

/** Names the generated templates use (`ui:field`), see the backend's src/catalog. */
export const workspacePickerField = createFormField({
  name: 'WorkspacePicker',
  component: WorkspacePicker,
});

export const subdomainPickerField = createFormField({
  name: 'SubdomainPicker',
  component: SubdomainPicker,
  validation: validateSubdomain,
});
