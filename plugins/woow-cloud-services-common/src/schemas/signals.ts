import { z } from 'zod';
import { serviceStateSchema } from './service';
import { workspaceIdSchema } from './workspace';

/** Prefix of the per-workspace signals channel (see workspaceSignalChannel). */
export const WORKSPACE_SIGNAL_CHANNEL_PREFIX = 'woow-cloud-services:workspace:';

/**
 * The Backstage signals channel on which the backend tells a workspace's
 * members that something in it changed; open pages reload what the message
 * names instead of polling.
 */
export function workspaceSignalChannel(workspaceId: string): string {
  return `${WORKSPACE_SIGNAL_CHANNEL_PREFIX}${workspaceId}`;
}

/**
 * A service got a new version (state, values, revision, deleted...). It names
 * the change, never its content: no values, no secrets; a page that cares
 * reads the service again through the API with the user's own rights.
 */
export const serviceChangedSignalSchema = z.strictObject({
  type: z.literal('service-changed'),
  workspaceId: workspaceIdSchema,
  serviceId: z.string().min(1),
  state: serviceStateSchema,
  /** The service's version after the change (grows by one per write). */
  version: z.number().int().positive(),
  helmRevision: z.number().int().nonnegative(),
  /** True for the write that ended a delete: the service is gone. */
  deleted: z.boolean(),
});
export type ServiceChangedSignal = z.infer<typeof serviceChangedSignalSchema>;

/** Someone joined, left or changed role in the workspace. */
export const membersChangedSignalSchema = z.strictObject({
  type: z.literal('members-changed'),
  workspaceId: workspaceIdSchema,
});
export type MembersChangedSignal = z.infer<typeof membersChangedSignalSchema>;

/**
 * A backup or restore of a service was asked for, moved on or was deleted:
 * the Backups tab reads the list again.
 */
export const backupsChangedSignalSchema = z.strictObject({
  type: z.literal('backups-changed'),
  workspaceId: workspaceIdSchema,
  serviceId: z.string().min(1),
});
export type BackupsChangedSignal = z.infer<typeof backupsChangedSignalSchema>;

/** Every message sent on a workspace's signals channel. */
export const workspaceSignalSchema = z.discriminatedUnion('type', [
  serviceChangedSignalSchema,
  membersChangedSignalSchema,
  backupsChangedSignalSchema,
]);
export type WorkspaceSignal = z.infer<typeof workspaceSignalSchema>;
