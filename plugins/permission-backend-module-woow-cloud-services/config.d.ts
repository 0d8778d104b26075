export interface Config {
  woowCloudServices?: {
    /**
     * Platform administrators of the permission policy this module ships:
     * they manage marketplace templates, see every workspace's services in
     * the catalog, and use Backstage's administrative permissions. Nobody is
     * an administrator unless listed here.
     */
    platformAdmins?: {
      /** User entity refs, e.g. `user:default/jane` (kind and namespace default to user and default). */
      users?: string[];
      /**
       * Group entity refs, e.g. `group:default/platform-team`: a user is an
       * administrator when the group is among their ownership refs (sign-in
       * resolvers put the user's groups there).
       */
      groups?: string[];
    };
  };
}
