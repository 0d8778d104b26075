import {
  expandDottedValues,
  findPlan,
  planResourceAmounts,
  unknownPlanError,
  type FieldError,
  type Plan,
  type ResourceSpec,
} from '@woowtech/backstage-plugin-woow-cloud-services-common';
import type { ServiceRecord } from '../database/ServiceStore';
import type { TemplateRecord } from '../database/TemplateStore';

/**
 * The plan a launch or a plan change asks for: the named one, the template's
 * default when none is named, none for templates without plans. A field
 * error (`plan`, with the allowed ids) when the template has no such plan.
 */
export function resolvePlan(
  template: TemplateRecord,
  planId: string | undefined,
): { plan: Plan | undefined } | { error: FieldError } {
  if (!template.plans?.length && planId === undefined) {
    return { plan: undefined };
  }
  const plan = findPlan(template, planId);
  if (!plan) return { error: unknownPlanError(template, planId ?? '') };
  return { plan };
}

/**
 * The default values a service is deployed with: the template's, with the
 * plan's values set over them (the user's values go over both, later).
 */
export function planDefaultValues(
  base: Record<string, unknown>,
  plan: Plan | undefined,
): Record<string, unknown> {
  return plan ? expandDottedValues(base, plan.values) : base;
}

/** What a service with this plan takes of the quota; the template's minimum without one. */
export function allocationFor(
  template: TemplateRecord,
  plan: Plan | undefined,
): ResourceSpec {
  return plan
    ? planResourceAmounts(plan.resources, template.minResources.storageGb)
    : template.minResources;
}

/**
 * The plan fields a rollback to a revision that ran with `planId` sets (null:
 * it ran without a plan). Undefined when the template no longer offers that
 * plan: its allocation is unknown, the service keeps its current plan.
 */
export function revisionPlanPatch(
  template: TemplateRecord,
  planId: string | null,
): ReturnType<typeof planPatch> | undefined {
  if (planId === null) return planPatch(template, undefined);
  const plan = findPlan(template, planId);
  return plan && planPatch(template, plan);
}

/** The service fields a plan sets: its id and what it takes of the quota. */
export function planPatch(
  template: TemplateRecord,
  plan: Plan | undefined,
): Required<
  Pick<
    ServiceRecord,
    'plan' | 'allocatedVcpu' | 'allocatedRamGb' | 'allocatedStorageGb'
  >
> {
  const allocation = allocationFor(template, plan);
  return {
    plan: plan?.id ?? null,
    allocatedVcpu: allocation.vcpu,
    allocatedRamGb: allocation.ramGb,
    allocatedStorageGb: allocation.storageGb,
  };
}
