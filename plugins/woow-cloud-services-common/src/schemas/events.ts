import { z } from 'zod';
import { serviceStateSchema } from './service';

export const serviceEventTypeSchema = z.enum([
  'create',
  'deploy',
  'upgrade',
  'rollback',
  'rename',
  'domain',
  'delete',
  'state_change',
  'error',
  'backup',
  'restore',
]);
export type ServiceEventType = z.infer<typeof serviceEventTypeSchema>;

/** One line of a service's activity history. */
export const serviceEventSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  workspaceId: z.string(),
  type: serviceEventTypeSchema,
  actor: z.string(),
  fromState: serviceStateSchema.nullable(),
  toState: serviceStateSchema.nullable(),
  result: z.enum(['success', 'failure', 'info']),
  message: z.string(),
  createdAt: z.string(),
});
export type ServiceEvent = z.infer<typeof serviceEventSchema>;

export const serviceEventQuerySchema = z.object({
  type: serviceEventTypeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  search: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ServiceEventQuery = z.infer<typeof serviceEventQuerySchema>;

/** GET .../services/:serviceId/logs response, newest first. */
export const serviceEventListResponseSchema = z.object({
  items: z.array(serviceEventSchema),
});
export type ServiceEventListResponse = z.infer<
  typeof serviceEventListResponseSchema
>;
