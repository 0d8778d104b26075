import type { JsonObject } from '@backstage/types';
import {
  DNS_LABEL_PATTERN,
  isSensitiveSpec,
  isUserSettable,
  type AppTemplate,
  type ValueSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { parameterExpression, parameterNamesFor } from './parameterNames';

/** Custom field extensions of the frontend plugin (src/scaffolder there). */
export const WORKSPACE_PICKER_FIELD = 'WorkspacePicker';
export const SUBDOMAIN_PICKER_FIELD = 'SubdomainPicker';

/** What a template's value specs turn into. */
export interface GeneratedParameters {
  /** `spec.parameters`: Application, then Configuration and Advanced when they have fields. */
  steps: JsonObject[];
  /** `spec.secrets.schema`: the scaffolder refuses a task without the required secrets. */
  secretsSchema: JsonObject;
  /** Deploy step input `values`: helm key -> expression reading its parameter. */
  values: Record<string, string>;
  /** Deploy step input `secretValues`: helm key -> name of the secret holding it. */
  secretValues: Record<string, string>;
}

/** The rule of a value's pattern, for people: its description, else the pattern itself. */
function patternRule(spec: ValueSpec): string | undefined {
  if (!spec.pattern) return undefined;
  return spec.patternDescription
    ? `Format: ${spec.patternDescription}.`
    : `Format: must match the pattern \`${spec.pattern}\`.`;
}

function describe(spec: ValueSpec): string | undefined {
  const parts = [spec.helpText, patternRule(spec)];
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

/**
 * One value spec as a JSON-schema property. Passwords use the Scaffolder's
 * `Secret` field: the form keeps the real value in the task's secrets and
 * only asterisks in its parameters, so it never reaches the task log or the
 * stored task.
 *
 * A value spec's `pattern` is never emitted as JSON-schema `pattern`: the
 * Scaffolder form and backend check those with JavaScript's backtracking
 * RegExp, where a template author's pattern such as `(a+)+` can freeze them.
 * The rule is shown in the description instead, and the deploy action
 * checks values with the shared linear-time (RE2) validation.
 */
export function propertyFor(spec: ValueSpec): JsonObject {
  const property: JsonObject = { title: spec.label };
  const description = describe(spec);
  if (description) property.description = description;
  if (spec.placeholder) property['ui:placeholder'] = spec.placeholder;
  // Passwords and sensitive text: typed as Scaffolder secrets, never kept
  // in the task's parameters.
  if (isSensitiveSpec(spec)) {
    return {
      ...property,
      type: 'string',
      'ui:field': 'Secret',
      'ui:widget': 'password',
      'ui:autocomplete': 'new-password',
    };
  }
  switch (spec.type) {
    case 'number':
      property.type = 'number';
      if (spec.min !== undefined) property.minimum = spec.min;
      if (spec.max !== undefined) property.maximum = spec.max;
      break;
    case 'boolean':
      property.type = 'boolean';
      // An unticked checkbox sends nothing, which a required value would
      // refuse: a required boolean without a default starts as false.
      if (spec.required && spec.defaultValue === undefined)
        property.default = false;
      break;
    case 'select':
      property.type = 'string';
      property.enum = spec.options ?? [];
      break;
    default:
      property.type = 'string';
  }
  if (spec.defaultValue !== undefined) property.default = spec.defaultValue;
  return property;
}

/** A required value the user must enter: required, and no default to fall back on. */
function mustEnter(spec: ValueSpec): boolean {
  return spec.required && spec.defaultValue === undefined;
}

function valuesStep(
  title: string,
  description: string,
  specs: ValueSpec[],
  names: Map<string, string>,
): JsonObject | undefined {
  if (specs.length === 0) return undefined;
  const properties: JsonObject = {};
  for (const spec of specs)
    properties[names.get(spec.key)!] = propertyFor(spec);
  // A secret's form value is a mask: whether it is there is checked through
  // spec.secrets.schema instead, where the real value is.
  const required = specs
    .filter(spec => mustEnter(spec) && !isSensitiveSpec(spec))
    .map(spec => names.get(spec.key)!);
  return {
    title,
    description,
    ...(required.length > 0 ? { required } : {}),
    properties,
    'ui:order': specs.map(spec => names.get(spec.key)!),
  };
}

function applicationStep(template: AppTemplate): JsonObject {
  const web = template.ingressEnabled;
  return {
    title: 'Application',
    description: `Where ${template.name} runs and the address it answers on`,
    // Apps without a web UI get no address: no subdomain is asked.
    required: ['workspaceId', 'name', ...(web ? ['subdomain'] : [])],
    properties: {
      workspaceId: {
        title: 'Workspace',
        type: 'string',
        description:
          'One of your workspaces; its members can manage the service',
        'ui:field': WORKSPACE_PICKER_FIELD,
      },
      name: {
        title: 'Application name',
        type: 'string',
        description: 'A name to recognise this service by',
        minLength: 1,
        maxLength: 80,
        default: template.name,
      },
      ...(web
        ? {
            subdomain: {
              title: 'Subdomain',
              type: 'string',
              description:
                'The service answers on https://<subdomain>.<base domain>',
              minLength: 1,
              maxLength: 63,
              pattern: DNS_LABEL_PATTERN.source,
              'ui:field': SUBDOMAIN_PICKER_FIELD,
            },
          }
        : {}),
    },
    'ui:order': ['workspaceId', 'name', ...(web ? ['subdomain'] : [])],
  };
}

/** Form steps, secrets schema and the deploy step's value mapping of one template. */
export function generateParameters(template: AppTemplate): GeneratedParameters {
  // A generated secret a user may not set is made by the backend: no field.
  const required = template.valueSpecs.required.filter(isUserSettable);
  const optional = template.valueSpecs.optional.filter(isUserSettable);
  const all = [...required, ...optional];
  const names = parameterNamesFor(all.map(spec => spec.key));

  const steps = [
    applicationStep(template),
    valuesStep(
      'Configuration',
      `Settings ${template.name} needs`,
      required,
      names,
    ),
    valuesStep(
      'Advanced',
      'Optional settings; the defaults suit most uses',
      optional,
      names,
    ),
  ].filter((step): step is JsonObject => step !== undefined);

  const values: Record<string, string> = {};
  const secretValues: Record<string, string> = {};
  const secretProperties: JsonObject = {};
  const requiredSecrets: string[] = [];
  for (const spec of all) {
    const name = names.get(spec.key)!;
    if (isSensitiveSpec(spec)) {
      secretValues[spec.key] = name;
      // An optional secret typed and cleared again arrives as '': not set.
      secretProperties[name] = mustEnter(spec)
        ? { type: 'string', minLength: 1 }
        : { type: 'string' };
      if (mustEnter(spec)) requiredSecrets.push(name);
    } else {
      values[spec.key] = parameterExpression(name);
    }
  }

  return {
    steps,
    secretsSchema: {
      type: 'object',
      properties: secretProperties,
      ...(requiredSecrets.length > 0 ? { required: requiredSecrets } : {}),
    },
    values,
    secretValues,
  };
}
