export { StatusBadge, STATE_LABELS } from './StatusBadge';
export type { StatusBadgeProps } from './StatusBadge';
export { ServiceStateNotice } from './ServiceStateNotice';
