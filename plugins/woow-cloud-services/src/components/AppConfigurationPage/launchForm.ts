import {
  allSpecs,
  serviceNameSchema,
  subdomainSchema,
  validateUserValues,
  type AppTemplate,
  type CreateServiceRequest,
  type FieldError,
  type UserValues,
  type WorkspaceQuotaLeft,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import { mapFieldErrors } from '../../lib/errors';
import { planMisfit } from '../PlanPicker';
import type { SubdomainCheck } from './SubdomainField';

export interface LaunchFormState {
  name: string;
  subdomain: string;
  /** The chosen plan's id; undefined for templates without plans. */
  plan?: string;
  values: UserValues;
}

export interface LaunchFormErrors {
  /** By form field: `name`, `subdomain`, `plan`. */
  fields: Record<string, string>;
  /** By Helm value key. */
  values: Record<string, string>;
  /** Problems the form has no field for. */
  other: FieldError[];
  message?: string;
}

export const NO_ERRORS: LaunchFormErrors = {
  fields: {},
  values: {},
  other: [],
};

const FORM_FIELDS = ['name', 'subdomain', 'plan', 'referenceId', 'templateId'];

/** A fresh suggestion such as `postgresql-k3f9`, so two launches do not collide. */
export function suggestSubdomain(slug: string): string {
  return `${slug}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Only values the user actually set: empty text means "use the default". */
export function valuesToSend(values: UserValues): UserValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

/**
 * The same checks the server makes, run before sending so most mistakes
 * are shown at once; anything the server still refuses comes back as a 400
 * and lands on the same fields through `serverErrors`.
 */
export function validateLaunch(
  template: AppTemplate,
  form: LaunchFormState,
  subdomainCheck: SubdomainCheck,
  quota?: WorkspaceQuotaLeft | null,
): LaunchFormErrors {
  const fields: Record<string, string> = {};
  const name = serviceNameSchema.safeParse(form.name);
  if (!name.success) fields.name = name.error.issues[0].message;
  const subdomain = subdomainSchema.safeParse(form.subdomain);
  if (!template.ingressEnabled) {
    // No web UI: no subdomain is asked or sent.
  } else if (!subdomain.success) {
    fields.subdomain = subdomain.error.issues[0].message;
  } else if (subdomainCheck.state === 'taken') {
    fields.subdomain = `is not available: ${subdomainCheck.reason}`;
  }
  const plan = template.plans?.find(p => p.id === form.plan);
  if (template.plans?.length && !plan) {
    fields.plan = 'is required: choose one of the plans';
  } else if (plan) {
    const misfit = planMisfit(template, plan, quota);
    if (misfit) fields.plan = misfit;
  }
  const values: Record<string, string> = {};
  for (const problem of validateUserValues(
    template.valueSpecs,
    valuesToSend(form.values),
  )) {
    values[problem.field] = problem.message;
  }
  return { fields, values, other: [] };
}

export function hasErrors(errors: LaunchFormErrors): boolean {
  return (
    Object.keys(errors.fields).length > 0 ||
    Object.keys(errors.values).length > 0 ||
    errors.other.length > 0 ||
    !!errors.message
  );
}

export function serverErrors(
  template: AppTemplate,
  fieldErrors: FieldError[],
  message: string,
): LaunchFormErrors {
  const mapped = mapFieldErrors(
    fieldErrors,
    FORM_FIELDS,
    allSpecs(template.valueSpecs).map(s => s.key),
  );
  return {
    ...mapped,
    message:
      fieldErrors.length > 0
        ? 'The server refused some values; see the highlighted fields.'
        : message,
  };
}

export function toCreateRequest(
  template: AppTemplate,
  form: LaunchFormState,
): CreateServiceRequest {
  return {
    templateId: template.id,
    name: form.name.trim(),
    ...(template.ingressEnabled ? { subdomain: form.subdomain } : {}),
    ...(form.plan ? { plan: form.plan } : {}),
    helmValues: valuesToSend(form.values),
  };
}
