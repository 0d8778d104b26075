export interface Config {
  /** Configuration of the Woow Cloud Services backend plugin (see its README). */
  woowCloudServices: {
    /**
     * Required. Services are published at `{subdomain}.{baseDomain}`; also
     * the CNAME target users point their custom domains at. The one setting
     * of the platform's domain: the helm-operator reads this same key for
     * its Ingress hosts. Missing or not a lower-case DNS name: the backend
     * does not start (the error names this key).
     */
    baseDomain: string;

    /** The application marketplace. */
    marketplace?: {
      /**
       * Where marketplace definitions are read from at startup: YAML files,
       * or directories whose `*.yaml` / `*.yml` files are read (one
       * application per file). Relative paths are resolved against the
       * backend's working directory. Default: the nearest `marketplace/`
       * directory at or above the working directory. A location that does
       * not exist (or, unset, no `marketplace/` directory found) stops the
       * backend at startup with an error naming this key and the path; an
       * empty list is an empty marketplace.
       */
      locations?: string[];
    };

    /**
     * Where templates' charts may come from, checked when a template is
     * created or updated (`POST`/`PUT /templates`: a 400 on
     * `helmChart.repository` naming this key) and when marketplace files are
     * loaded at startup (a refused file is not loaded; the log names it), so
     * that no template offers a chart the helm-operator would refuse. Same
     * rule and entries as the operator's `helmOperator.allowedChartSources`:
     * URL prefixes (`https://`, `http://`, `oci://`) and `local:` for its
     * local charts directory (quoted in YAML, `- 'local:'`). A list replaces
     * the default.
     *
     * Set it when the operator runs apart (packages/operator, the image,
     * deploy/operator/), to the operator's list. Unset: this backend's own
     * `helmOperator.allowedChartSources` (the operator plugin running in the
     * same backend), else the operator's default (the repositories of the
     * marketplace's templates and `local:`).
     *
     * Example: `['https://charts.bitnami.com/bitnami', 'oci://registry-1.docker.io/bitnamicharts', 'local:']`
     */
    allowedChartSources?: string[];

    /** Limits of request bodies of this plugin's API, checked before any route sees them. */
    http?: {
      /**
       * Largest JSON body accepted; larger ones get a 413. Bytes, or a size
       * such as `512kb` or `2mb`. Default: `1mb`.
       */
      maxBodySize?: number | string;
      /**
       * Deepest nesting of objects and arrays in a JSON body; deeper ones get
       * a 400. An integer >= 2. Default: 32.
       */
      maxJsonDepth?: number;
    };

    /**
     * The helm-operator when it runs apart (packages/operator, the image, or
     * deploy/operator/). Unset: the operator plugin of this same backend,
     * found through discovery and called with plugin-to-plugin tokens.
     */
    operator?: {
      /**
       * The operator's API base URL, e.g.
       * `http://paas-operator.paas-system.svc:7008/api/helm-operator`.
       */
      baseUrl?: string;
      /**
       * The operator's API key (its `backend.auth.externalAccess` static
       * token, OPERATOR_API_KEY), sent as `Authorization: Bearer <key>`.
       * Required when baseUrl is set.
       * @visibility secret
       */
      apiKey?: string;
    };

    /** Encryption at rest of password values (AES-256-GCM). */
    secrets?: {
      /**
       * The current key: 32 random bytes, base64 (`openssl rand -base64 32`).
       * Required: the backend refuses to start without it, unless
       * useDevelopmentKey is true.
       * @visibility secret
       */
      encryptionKey?: string;
      /**
       * Local sandboxes only: without encryptionKey, encrypt with a PUBLIC
       * development key (loud warning at start). Ignored, and the start
       * refused, when NODE_ENV is production. Default: false
       */
      useDevelopmentKey?: boolean;
      /**
       * Earlier keys, still accepted for decryption while values are
       * re-encrypted with the current key (at every startup). Remove a key
       * once the log says no value needs it any more.
       * @visibility secret
       */
      previousKeys?: string[];
    };

    /** The reconciler that moves services to running or error. */
    reconciler?: {
      /** Seconds between passes (and the base of the retry backoff). Default: 5 */
      frequencySeconds?: number;
      /**
       * Seconds between checks of settled (running, error) services that saw
       * no change: a safety net, since the operator's change feed (GET
       * /changes) makes a service's check due as soon as its namespace
       * changes. Default: 300
       */
      healthCheckSeconds?: number;
      /**
       * Seconds a deploy, upgrade or rollback may take to become ready before
       * the service is put in error. Default: 600
       */
      settleTimeoutSeconds?: number;
      /** Operator calls tried at most this often before giving up. Default: 8 */
      maxAttempts?: number;
      /**
       * Units of work a pass runs at once: one pending operation, or the
       * health check of one workspace namespace (one operator call). Default: 8
       */
      concurrency?: number;
      /** Services a pass claims at most (work in flight first). Default: 500 */
      batchSize?: number;
      /**
       * Seconds a pass holds the services it claimed (another backend replica
       * leaves them alone meanwhile); a replica that dies mid-pass gives them
       * up when this ends. Default: 120
       */
      claimSeconds?: number;
    };

    /**
     * Custom domains are served only once their owner proves them in DNS: a
     * CNAME from the domain to `{subdomain}.{baseDomain}`, or a TXT record
     * `_woow-challenge.{domain}` holding the service's token. Pending domains
     * are re-checked in the background and on "Check now".
     */
    customDomains?: {
      /**
       * DNS servers the checks ask, as `host` or `host:port` (IPv6 in
       * brackets: `[::1]:53`). Default: the system's resolvers.
       */
      dnsServers?: string[];
      /** Seconds between runs of the background check task. Default: 30 */
      checkFrequencySeconds?: number;
      /** Seconds a pending custom domain waits between two checks. Default: 300 */
      recheckSeconds?: number;
      /**
       * Host names no custom domain may be, besides the built-in list
       * (localhost, .local, .internal, ...), the base domain and the host
       * names of app.baseUrl and backend.baseUrl, which are always refused.
       */
      reservedDomains?: string[];
    };

    /**
     * Limits refused with a 403 that names the key. A deploy is also checked
     * against what the workspace's ResourceQuota has left.
     */
    limits?: {
      /** Workspaces one user may own (creating more is refused). Default: 10 */
      workspacesPerUser?: number;
      /** Live (not deleted) services in one workspace. Default: 50 */
      servicesPerWorkspace?: number;
    };

    /**
     * Backups of services' volumes (taken by the helm-operator, which holds
     * the storage settings: helmOperator.backups).
     */
    backups?: {
      /**
       * Backup storage one workspace may hold, in GB (sum of its succeeded
       * backups' sizes); "back up now" beyond it is a 403 naming this key.
       * 0: no limit. Default: 20
       */
      quotaGbPerWorkspace?: number;
      /** Per-workspace overrides of quotaGbPerWorkspace, keyed by workspace id. */
      workspaceQuotaGb?: { [workspaceId: string]: number };
      /** A restore not finished by then is failed and the service goes back to running. Default: 1800 */
      restoreTimeoutSeconds?: number;
    };

    /**
     * Service metrics from Prometheus (Metrics tab, Overview resources, live
     * traffic). Without prometheusUrl the metrics API answers 503 and the UI
     * says metrics are not set up.
     */
    metrics?: {
      /** Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090 */
      prometheusUrl?: string;
      /**
       * Authorization header sent to Prometheus, e.g. "Bearer <token>".
       * @visibility secret
       */
      authHeader?: string;
      /** Seconds before a query is abandoned (then 503). Default: 10 */
      queryTimeoutSeconds?: number;
      /** Shortest rate() window in seconds; at least 4 scrape intervals. Default: 300 */
      minRateWindowSeconds?: number;
      /** Metric names, for clusters whose exporters differ from cAdvisor and Traefik. */
      metricNames?: {
        /** Default: container_cpu_usage_seconds_total */
        cpuSeconds?: string;
        /** Default: container_memory_working_set_bytes */
        memoryWorkingSet?: string;
        /** Default: container_fs_reads_bytes_total */
        fsReadBytes?: string;
        /** Default: container_fs_writes_bytes_total */
        fsWriteBytes?: string;
        /** Default: container_network_receive_bytes_total */
        networkReceiveBytes?: string;
        /** Default: container_network_transmit_bytes_total */
        networkTransmitBytes?: string;
        /** Default: traefik_service_open_connections */
        openConnections?: string;
        /** Default: traefik_service_requests_total */
        requests?: string;
      };
      /** Label names used to confine queries to one service. */
      labelNames?: {
        /** Default: namespace */
        namespace?: string;
        /** Default: pod */
        pod?: string;
        /** Default: container */
        container?: string;
        /** Traefik's backend service label. Default: service */
        ingressService?: string;
      };
    };
  };
}
