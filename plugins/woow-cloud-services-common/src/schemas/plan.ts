import { z } from 'zod';
import { refuseForbiddenKeys } from '../safety/inputKeys';
import { DNS_LABEL_PATTERN } from './names';
import { quantitySchema, quantityValue } from './operator';
import type { ValueSpecs } from './valueSpec';
import { allSpecs, type FieldError } from './valueValidation';

// Plans: sizes of a marketplace app (small / medium / large ...). A plan
// names its resources for people and the quota check, and sets the chart's
// own value keys (requests, limits, volume size) so that the pods carry them.
//
// Precedence of helm values: the template's default values, then the plan's
// values over them, then the user's values over both. A plan's keys are not
// value specs of the same template (planProblems refuses that), so a user
// cannot change a plan's resources through the launch form or a PATCH; a
// template admin who wants users to choose a key declares it as a value spec
// instead of setting it in the plans.

/** What a plan gives the app, as Kubernetes quantities. */
export const planResourcesSchema = z.object({
  /** vCPU requested, e.g. "500m" or "2". */
  cpu: quantitySchema,
  /** Memory requested, e.g. "512Mi" or "2Gi". */
  memory: quantitySchema,
  /** Persistent storage, e.g. "8Gi"; absent for apps without a volume. */
  storage: quantitySchema.optional(),
});
export type PlanResources = z.infer<typeof planResourcesSchema>;

export const planIdSchema = z
  .string()
  .min(1)
  .max(30)
  .regex(DNS_LABEL_PATTERN, 'must be a lower-case slug');

export const planSchema = z.object({
  id: planIdSchema,
  name: z.string().min(1).max(40),
  description: z.string().max(160).optional(),
  resources: planResourcesSchema,
  monthlyPrice: z.number().nonnegative(),
  /** The chart's own value keys (dotted) with the values this plan sets. */
  values: z
    .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]))
    .superRefine(refuseForbiddenKeys)
    .default({}),
});
export type Plan = z.infer<typeof planSchema>;

/** Plan rules that span fields of a template definition. */
export function planProblems(definition: {
  plans?: Plan[];
  defaultPlan?: string;
  valueSpecs: ValueSpecs;
}): FieldError[] {
  const { plans = [], defaultPlan } = definition;
  const errors: FieldError[] = [];
  if (plans.length === 0) {
    if (defaultPlan !== undefined) {
      errors.push({ field: 'defaultPlan', message: 'needs plans' });
    }
    return errors;
  }
  const ids = plans.map(p => p.id);
  if (defaultPlan === undefined) {
    errors.push({
      field: 'defaultPlan',
      message: `is required with plans (one of ${ids.join(', ')})`,
    });
  } else if (!ids.includes(defaultPlan)) {
    errors.push({
      field: 'defaultPlan',
      message: `must be one of ${ids.join(', ')}`,
    });
  }
  const specKeys = new Set(allSpecs(definition.valueSpecs).map(s => s.key));
  plans.forEach((plan, index) => {
    if (ids.indexOf(plan.id) !== index) {
      errors.push({ field: `plans.${index}.id`, message: 'is used twice' });
    }
    for (const key of Object.keys(plan.values)) {
      if (specKeys.has(key)) {
        errors.push({
          field: `plans.${index}.values.${key}`,
          message:
            'is also a value spec: a key is set either by the plans or by the user, not both',
        });
      }
    }
  });
  return errors;
}

/** The plan a launch asks for, the default one when none is named. */
export function findPlan(
  template: { plans?: Plan[]; defaultPlan?: string },
  planId: string | undefined,
): Plan | undefined {
  return template.plans?.find(p => p.id === (planId ?? template.defaultPlan));
}

/** A field error for a plan id the template does not offer. */
export function unknownPlanError(
  template: { plans?: Plan[] },
  planId: string,
): FieldError {
  const ids = (template.plans ?? []).map(p => p.id);
  return {
    field: 'plan',
    message: ids.length
      ? `"${planId}" is not a plan of this application (one of ${ids.join(
          ', ',
        )})`
      : 'cannot be set: this application has no plans',
  };
}

const GIB = 2 ** 30;

/**
 * A plan's resources in the units of the template's minimum resources;
 * `storageGb` falls back to the given amount when the plan leaves storage
 * to a value the user chooses.
 */
export function planResourceAmounts(
  resources: PlanResources,
  fallbackStorageGb = 0,
): {
  vcpu: number;
  ramGb: number;
  storageGb: number;
} {
  return {
    vcpu: quantityValue(resources.cpu) ?? 0,
    ramGb: (quantityValue(resources.memory) ?? 0) / GIB,
    storageGb: resources.storage
      ? (quantityValue(resources.storage) ?? 0) / GIB
      : fallbackStorageGb,
  };
}
