export { PlanPicker, planResourcesText } from './PlanPicker';
export { planMisfit, quotaLeftText } from './planFit';
