export { PlanPicker, planResourcesText, servicePlanText } from './PlanPicker';
export { planMisfit, quotaLeftText } from './planFit';
