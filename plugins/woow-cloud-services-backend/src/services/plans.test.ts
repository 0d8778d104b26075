import type { TemplateRecord } from '../database/TemplateStore';
import {
  allocationFor,
  planDefaultValues,
  planPatch,
  resolvePlan,
} from './plans';
import { helmValuesFor } from './values';

const small = {
  id: 'small',
  name: 'Small',
  resources: { cpu: '250m', memory: '512Mi' },
  monthlyPrice: 10,
  values: {
    'primary.resources.requests.cpu': '250m',
    'primary.resources.requests.memory': '512Mi',
  },
};
const large = {
  ...small,
  id: 'large',
  name: 'Large',
  resources: { cpu: '2', memory: '4Gi', storage: '20Gi' },
  values: { 'primary.resources.requests.cpu': '2' },
};
const template = {
  plans: [small, large],
  defaultPlan: 'small',
  minResources: { vcpu: 1, ramGb: 1, storageGb: 8 },
  helmChart: {
    defaultValues: {
      primary: { resources: { requests: { cpu: '100m' } }, replicas: 1 },
    },
  },
} as unknown as TemplateRecord;

describe('resolvePlan', () => {
  it('gives the named plan, the default without a name', () => {
    expect(resolvePlan(template, 'large')).toEqual({ plan: large });
    expect(resolvePlan(template, undefined)).toEqual({ plan: small });
  });

  it('refuses an unknown plan naming the field and the allowed ids', () => {
    expect(resolvePlan(template, 'huge')).toEqual({
      error: {
        field: 'plan',
        message:
          '"huge" is not a plan of this application (one of small, large)',
      },
    });
  });

  it('asks for nothing of a template without plans, refuses a plan for it', () => {
    const bare = { ...template, plans: undefined } as TemplateRecord;
    expect(resolvePlan(bare, undefined)).toEqual({ plan: undefined });
    expect(resolvePlan(bare, 'small')).toEqual({
      error: {
        field: 'plan',
        message: 'cannot be set: this application has no plans',
      },
    });
  });
});

describe('plan values', () => {
  it('go over the template defaults and under the user values', () => {
    const defaults = planDefaultValues(template.helmChart.defaultValues, small);
    expect(defaults).toEqual({
      primary: {
        resources: { requests: { cpu: '250m', memory: '512Mi' } },
        replicas: 1,
      },
    });
    expect(helmValuesFor(defaults, { 'primary.replicas': 2 })).toEqual({
      primary: {
        resources: { requests: { cpu: '250m', memory: '512Mi' } },
        replicas: 2,
      },
    });
    // The template's own defaults are left as they were.
    expect(template.helmChart.defaultValues).toEqual({
      primary: { resources: { requests: { cpu: '100m' } }, replicas: 1 },
    });
  });

  it('of a new plan replace the old plan keys it sets', () => {
    expect(
      planDefaultValues(
        planDefaultValues(template.helmChart.defaultValues, small),
        large,
      ),
    ).toMatchObject({
      primary: { resources: { requests: { cpu: '2', memory: '512Mi' } } },
    });
  });
});

describe('allocation', () => {
  it('is the plan resources, storage from the template when the plan has none', () => {
    expect(allocationFor(template, small)).toEqual({
      vcpu: 0.25,
      ramGb: 0.5,
      storageGb: 8,
    });
    expect(planPatch(template, large)).toEqual({
      plan: 'large',
      allocatedVcpu: 2,
      allocatedRamGb: 4,
      allocatedStorageGb: 20,
    });
    expect(allocationFor(template, undefined)).toEqual(template.minResources);
  });
});
