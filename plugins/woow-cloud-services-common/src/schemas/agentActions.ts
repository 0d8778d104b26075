import type { z as zod } from 'zod/v3';
import { MAX_LOG_TAIL_LINES } from './logs';
import { releaseStateSchema } from './operator';
import { serviceStateSchema } from './service';
import { templateCategorySchema } from './template';
import { valueSpecTypeSchema } from './valueSpec';
import { workspaceRoleSchema } from './workspace';

/**
 * Inputs and outputs of the plugin's actions in Backstage's actions registry
 * (served to AI agents by the MCP actions backend). The registry builds each
 * schema with the zod it passes in (zod 3's API), so these are functions of
 * it; the enums take their values from the API's own schemas. Every field has
 * a description an agent reads to call the action right. Outputs name what
 * an agent may see: no password value, and nothing the API would not show.
 */
export type ActionZod = typeof zod;

type Values = readonly [string, ...string[]];
const valuesOf = (schema: { options: readonly string[] }) =>
  schema.options as unknown as Values;

const workspaceId = (z: ActionZod) =>
  z
    .string()
    .min(1)
    .describe('Id of the workspace (from woow-cloud-services.list-workspaces)');
const serviceId = (z: ActionZod) =>
  z
    .string()
    .min(1)
    .describe(
      'Id of the service (the `id` from list-services or describe-service)',
    );
const version = (z: ActionZod) =>
  z
    .number()
    .int()
    .describe(
      'The `version` of the service as you last read it (describe-service); a stale version is refused with a ConflictError: read the service again',
    );

/** Values an agent sends: flat, dotted keys of the template's value specs. */
const valueScalar = (z: ActionZod) =>
  z.union([z.string(), z.number(), z.boolean()]);

/** A service as an agent sees it (no password value: a set password is `{ isSet: true }`). */
export const agentServiceSchema = (z: ActionZod) =>
  z.object({
    id: z.string().describe('Service id: pass it as serviceId'),
    workspaceId: z.string(),
    name: z.string().describe('Display name'),
    templateSlug: z
      .string()
      .describe('The marketplace app it was deployed from'),
    state: z
      .enum(valuesOf(serviceStateSchema))
      .describe(
        'running: serving; error: see errorMessage; pending, deploying, upgrading, rolling_back, deleting: an operation is under way (read the status again later)',
      ),
    statusDetail: z
      .string()
      .nullable()
      .describe('What the service is doing now, in words'),
    errorMessage: z
      .string()
      .nullable()
      .describe('Why the service is in error, and what to do'),
    publicUrl: z
      .string()
      .nullable()
      .describe(
        'Where its web UI answers; null for apps without one (databases...)',
      ),
    customDomain: z.string().nullable(),
    helmRevision: z
      .number()
      .int()
      .describe('Current Helm revision (rollback targets are earlier ones)'),
    chartVersion: z.string().describe('Helm chart version deployed'),
    helmValues: z
      .record(
        z.union([
          z.string(),
          z.number(),
          z.boolean(),
          z.object({ isSet: z.boolean() }),
        ]),
      )
      .describe(
        'User values by dotted key; password values are never shown, only `{ isSet: true }`',
      ),
    version: z
      .number()
      .int()
      .describe('Send this back as `version` on upgrade, rollback or delete'),
    createdBy: z.string().describe('Entity ref of the user who deployed it'),
    createdAt: z.string(),
    deployedAt: z.string().nullable(),
    lastUpgradedAt: z.string().nullable(),
  });

export const listWorkspacesActionSchema = {
  input: (z: ActionZod) => z.object({}),
  output: (z: ActionZod) =>
    z.object({
      workspaces: z.array(
        z.object({
          id: z.string().describe('Pass it as workspaceId'),
          name: z.string(),
          description: z.string(),
          role: z
            .enum(valuesOf(workspaceRoleSchema))
            .optional()
            .describe(
              'Your role: viewer reads; member deploys, upgrades, rolls back and reads logs; admin and owner also delete',
            ),
          serviceCount: z.number().int().optional(),
        }),
      ),
    }),
};

export const listTemplatesActionSchema = {
  input: (z: ActionZod) =>
    z.object({
      category: z
        .enum(valuesOf(templateCategorySchema))
        .optional()
        .describe('Only apps of this marketplace category'),
      search: z
        .string()
        .max(100)
        .optional()
        .describe('Words to find in the name, description or tags'),
    }),
  output: (z: ActionZod) =>
    z.object({
      templates: z.array(
        z.object({
          id: z.string(),
          slug: z.string().describe('Pass it as templateId to deploy-service'),
          name: z.string(),
          description: z.string(),
          category: z.string(),
          tags: z.array(z.string()),
          monthlyPrice: z.number(),
          chartVersion: z.string(),
          valueSpecs: z
            .array(
              z.object({
                key: z.string().describe('Dotted key to use in `helmValues`'),
                label: z.string(),
                type: z.enum(valuesOf(valueSpecTypeSchema)),
                required: z
                  .boolean()
                  .describe('Must be sent: required and without a default'),
                defaultValue: z
                  .union([z.string(), z.number(), z.boolean()])
                  .optional()
                  .describe('Used when not sent (never shown for passwords)'),
                options: z
                  .array(z.string())
                  .optional()
                  .describe('The allowed values of a select'),
                min: z.number().optional(),
                max: z.number().optional(),
                rule: z
                  .string()
                  .optional()
                  .describe('What a text or password value must look like'),
                help: z.string().optional(),
              }),
            )
            .describe('The values a deploy may set; no other key is accepted'),
        }),
      ),
    }),
};

const serviceRef = (z: ActionZod) => ({
  workspaceId: workspaceId(z),
  serviceId: serviceId(z),
});

export const listServicesActionSchema = {
  input: (z: ActionZod) => z.object({ workspaceId: workspaceId(z) }),
  output: (z: ActionZod) =>
    z.object({ services: z.array(agentServiceSchema(z)) }),
};

export const describeServiceActionSchema = {
  input: (z: ActionZod) => z.object(serviceRef(z)),
  output: (z: ActionZod) =>
    z.object({
      service: agentServiceSchema(z),
      revisions: z
        .array(
          z.object({
            revision: z.number().int(),
            status: z.string(),
            chart: z.string(),
            appVersion: z.string(),
            updated: z.string(),
            description: z.string(),
          }),
        )
        .describe(
          'Helm history, newest first: the targets of rollback-service',
        ),
    }),
};

export const deployServiceActionSchema = {
  input: (z: ActionZod) =>
    z.object({
      workspaceId: workspaceId(z),
      templateId: z
        .string()
        .min(1)
        .describe('Slug or id of the marketplace app (list-templates)'),
      name: z.string().min(1).max(80).describe('Display name of the service'),
      subdomain: z
        .string()
        .min(1)
        .max(63)
        .optional()
        .describe(
          'DNS label, unique across all services: an app with a web UI is served at https://{subdomain}.{base domain} and needs one; leave it out for apps without (databases...)',
        ),
      helmValues: z
        .record(valueScalar(z))
        .default({})
        .describe(
          "Values by dotted key: only keys of the template's `valueSpecs`; the required ones must be set",
        ),
    }),
  output: (z: ActionZod) =>
    z.object({
      service: agentServiceSchema(z).describe(
        'The new service (state pending or deploying): read get-service-status until running',
      ),
    }),
};

export const upgradeServiceActionSchema = {
  input: (z: ActionZod) =>
    z.object({
      ...serviceRef(z),
      version: version(z),
      helmValues: z
        .record(z.union([z.string(), z.number(), z.boolean(), z.null()]))
        .optional()
        .describe(
          'Values to change by dotted key; keys not sent keep their value; null resets one to its default',
        ),
      chartVersion: z
        .string()
        .min(1)
        .max(60)
        .optional()
        .describe('Another chart version of the same app'),
    }),
  output: (z: ActionZod) =>
    z.object({
      service: agentServiceSchema(z),
      droppedValues: z
        .array(z.string())
        .describe('Stored values the new chart version no longer declares'),
    }),
};

export const rollbackServiceActionSchema = {
  input: (z: ActionZod) =>
    z.object({
      ...serviceRef(z),
      version: version(z),
      revision: z
        .number()
        .int()
        .min(1)
        .describe(
          'An earlier Helm revision (describe-service lists them) to return to',
        ),
    }),
  output: (z: ActionZod) => z.object({ service: agentServiceSchema(z) }),
};

export const deleteServiceActionSchema = {
  input: (z: ActionZod) =>
    z.object({
      ...serviceRef(z),
      version: version(z),
      deleteData: z
        .boolean()
        .default(false)
        .describe(
          "Also delete the service's persistent volumes (its data); kept when false",
        ),
    }),
  output: (z: ActionZod) =>
    z.object({
      service: agentServiceSchema(z).describe(
        'The service, now deleting (helm uninstall runs)',
      ),
    }),
};

export const getServiceStatusActionSchema = {
  input: (z: ActionZod) => z.object(serviceRef(z)),
  output: (z: ActionZod) =>
    z.object({
      serviceId: z.string(),
      state: z
        .enum(valuesOf(serviceStateSchema))
        .describe('The service state (running when deployed and ready)'),
      online: z.boolean().describe('All workloads of the release are ready'),
      message: z.string().describe('The live status in words'),
      release: z
        .object({
          state: z.enum(valuesOf(releaseStateSchema)),
          revision: z.number().int(),
          workloads: z.array(
            z.object({
              kind: z.string(),
              name: z.string(),
              desired: z.number().int(),
              ready: z.number().int(),
            }),
          ),
          pods: z.array(
            z.object({
              name: z.string().describe('Pass it as pod to read-service-logs'),
              phase: z.string(),
              ready: z.boolean(),
              restarts: z.number().int(),
              reason: z.string().optional(),
            }),
          ),
          problems: z.array(
            z.object({
              reason: z.string(),
              object: z.string(),
              message: z.string(),
            }),
          ),
        })
        .nullable()
        .describe('The Helm release; null before the install or after removal'),
    }),
};

/** Lines an agent gets when it does not say. */
export const DEFAULT_AGENT_LOG_LINES = 100;

export const readServiceLogsActionSchema = {
  input: (z: ActionZod) =>
    z.object({
      ...serviceRef(z),
      tailLines: z
        .number()
        .int()
        .min(1)
        .max(MAX_LOG_TAIL_LINES)
        .default(DEFAULT_AGENT_LOG_LINES)
        .describe(`How many of the last lines (at most ${MAX_LOG_TAIL_LINES})`),
      pod: z
        .string()
        .optional()
        .describe(
          'A pod of the service (get-service-status lists them); the newest running pod when absent',
        ),
      container: z
        .string()
        .optional()
        .describe("A container of the pod; the pod's first when absent"),
    }),
  output: (z: ActionZod) =>
    z.object({
      pod: z.string().describe('The pod read'),
      lines: z.array(z.string()).describe('The log lines, oldest first'),
    }),
};
