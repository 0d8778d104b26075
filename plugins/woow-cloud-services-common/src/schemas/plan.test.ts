import {
  findPlan,
  planProblems,
  planResourceAmounts,
  planSchema,
  unknownPlanError,
} from './plan';
import { quotaResources, quotaShortfalls } from './quotaLeft';
import { valueSpecsSchema } from './valueSpec';

const small = planSchema.parse({
  id: 'small',
  name: 'Small',
  resources: { cpu: '250m', memory: '512Mi' },
  monthlyPrice: 10,
  values: { 'primary.resources.requests.cpu': '250m' },
});
const large = { ...small, id: 'large', name: 'Large' };
const valueSpecs = valueSpecsSchema.parse({
  optional: [{ key: 'primary.persistence.size', label: 'Size', type: 'text' }],
});

describe('planSchema', () => {
  it('refuses a resource that is not a Kubernetes quantity, naming the field', () => {
    const result = planSchema.safeParse({
      ...small,
      resources: { cpu: 'two', memory: '1Gi' },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['resources', 'cpu']);
  });
});

describe('planProblems', () => {
  it('accepts plans with a default among them', () => {
    expect(
      planProblems({ plans: [small, large], defaultPlan: 'large', valueSpecs }),
    ).toEqual([]);
  });

  it('names a missing or unknown default, a repeated id and a key users also set', () => {
    expect(planProblems({ plans: [small], valueSpecs })).toEqual([
      {
        field: 'defaultPlan',
        message: 'is required with plans (one of small)',
      },
    ]);
    expect(
      planProblems({
        plans: [
          small,
          { ...small, values: { 'primary.persistence.size': '8Gi' } },
        ],
        defaultPlan: 'medium',
        valueSpecs,
      }),
    ).toEqual([
      { field: 'defaultPlan', message: 'must be one of small, small' },
      { field: 'plans.1.id', message: 'is used twice' },
      {
        field: 'plans.1.values.primary.persistence.size',
        message:
          'is also a value spec: a key is set either by the plans or by the user, not both',
      },
    ]);
  });
});

describe('findPlan and unknownPlanError', () => {
  const template = { plans: [small, large], defaultPlan: 'small' };

  it('finds the named plan, the default one when none is named', () => {
    expect(findPlan(template, 'large')?.id).toBe('large');
    expect(findPlan(template, undefined)?.id).toBe('small');
    expect(findPlan(template, 'huge')).toBeUndefined();
  });

  it('names the field plan and the allowed ids', () => {
    expect(unknownPlanError(template, 'huge')).toEqual({
      field: 'plan',
      message: '"huge" is not a plan of this application (one of small, large)',
    });
    expect(unknownPlanError({}, 'huge').message).toBe(
      'cannot be set: this application has no plans',
    );
  });
});

describe('plan resources against the quota', () => {
  const usage = {
    exists: true,
    hard: { 'requests.cpu': '1', 'requests.memory': '1Gi' },
    used: { 'requests.cpu': '900m', 'requests.memory': '256Mi' },
  };

  it('converts quantities to the template units', () => {
    expect(planResourceAmounts(small.resources, 8)).toEqual({
      vcpu: 0.25,
      ramGb: 0.5,
      storageGb: 8,
    });
    expect(
      planResourceAmounts({ cpu: '2', memory: '1Gi', storage: '16Gi' })
        .storageGb,
    ).toBe(16);
  });

  it('says what is left and which key a plan exceeds', () => {
    const resources = quotaResources(usage);
    expect(resources.map(r => r.key)).toEqual([
      'requests.cpu',
      'requests.memory',
    ]);
    expect(resources[0].left).toBeCloseTo(0.1);
    expect(resources[1].left).toBe(0.75 * 2 ** 30);
    expect(
      quotaShortfalls(resources, planResourceAmounts(small.resources)),
    ).toEqual(['requests.cpu needs 0.25 vCPU, 0.1 vCPU left of 1 vCPU']);
    expect(
      quotaShortfalls(resources, { vcpu: 0.05, ramGb: 0.5, storageGb: 100 }),
    ).toEqual([]);
  });

  it('has nothing to check before the quota exists', () => {
    expect(quotaResources({ exists: false, hard: {}, used: {} })).toEqual([]);
  });
});
