/** Ids of the woow:cloud-service:* actions; generated templates call the deploy one. */
export const ACTION_IDS = {
  deploy: 'woow:cloud-service:deploy',
  upgrade: 'woow:cloud-service:upgrade',
  rollback: 'woow:cloud-service:rollback',
  delete: 'woow:cloud-service:delete',
} as const;
