/**
 * Test fixtures shared by the plugin family's packages: a template with one
 * value of each kind, a service and its catalog-feed form.
 *
 * @packageDocumentation
 */
export * from './fixtures';
export * from './routesOf';
