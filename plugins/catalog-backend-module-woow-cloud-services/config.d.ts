export interface Config {
  woowCloudServices?: {
    /** Catalog entity provider of templates (Scaffolder) and services (Resources). */
    catalog?: {
      /**
       * Seconds between provider runs; each applies the services changed
       * since the last one (a delta). Default: 30
       */
      refreshSeconds?: number;
      /**
       * Seconds between full resyncs (everything re-read and replaced; drops
       * deactivated templates, follows workspace owner and name changes).
       * Default: 3600
       */
      fullResyncSeconds?: number;
    };
  };
}
