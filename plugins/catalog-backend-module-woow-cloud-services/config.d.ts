export interface Config {
  woowCloudServices?: {
    /** Catalog entity provider of templates (Scaffolder) and services (Resources). */
    catalog?: {
      /** Seconds between provider runs. Default: 30 */
      refreshSeconds?: number;
    };
  };
}
