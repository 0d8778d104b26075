import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/**
 * Scaffolder field extensions of the generated marketplace templates. They
 * attach to the Scaffolder's form-fields API; add them to the plugin's
 * `extensions`. The components load only when the Scaffolder asks for them.
 */
export const workspacePickerFormField = FormFieldBlueprint.make({
  name: 'workspace-picker',
  params: { field: () => import('./fields').then(m => m.workspacePickerField) },
});

export const subdomainPickerFormField = FormFieldBlueprint.make({
  name: 'subdomain-picker',
  params: { field: () => import('./fields').then(m => m.subdomainPickerField) },
});

export const scaffolderFormFields = [
  workspacePickerFormField,
  subdomainPickerFormField,
];
