/**
 * Shared zod schemas, types, naming rules and permissions of the Woow Cloud
 * Services plugin family: one definition of every wire shape, imported by the
 * frontend, the backend, the helm-operator and the scaffolder actions.
 *
 * @packageDocumentation
 */

export * from './schemas/names';
export * from './schemas/operator';
export * from './schemas/workloadProblems';
export * from './schemas/generatedSecret';
export * from './schemas/valueSpec';
export * from './schemas/valueValidation';
export * from './schemas/template';
export * from './schemas/connection';
export * from './schemas/workspace';
export * from './schemas/customDomain';
export * from './schemas/service';
export * from './schemas/events';
export * from './schemas/metrics';
export * from './schemas/logs';
export * from './schemas/agentActions';
export * from './schemas/errors';
export * from './schemas/adoption';
export * from './schemas/signals';
export * from './schemas/backup';
export * from './schemas/tls';
export * from './schemas/chartVersions';
export * from './schemas/backupApi';
export * from './schemas/catalogFeed';
export * from './baseDomain';
export * from './diffEntries';
export * from './permissions';
export * from './scaffolderActionIds';
export * from './servicePage';
export * from './safety/inputKeys';
export * from './safety/valuePattern';
export * from './safety/chartSources';
export * from './safety/errorResponse';
export * from './safety/httpGuards';
export * from './notifications';
export * from './contract';
