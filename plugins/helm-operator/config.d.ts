export interface Config {
  /** Shared with the woow-cloud-services backend plugin. */
  woowCloudServices: {
    /**
     * Required. Ingress hosts are `{subdomain}.{baseDomain}`. The one setting
     * of the platform's domain, the same key the backend plugin reads (for
     * public URLs and custom-domain rules), so the two cannot disagree; an
     * operator run apart sets it in its own config. Missing or not a
     * lower-case DNS name: the operator does not start (the error names
     * this key).
     */
    baseDomain: string;
  };

  /** Configuration of the helm-operator backend plugin (see its README). */
  helmOperator: {
    /**
     * The helm binary: a name looked up on PATH or an absolute path. helm 4 is
     * preferred; helm 3 from 3.14 on is supported. Default: `helm`.
     */
    helmBinary?: string;

    /** Which cluster to act on. Default: KubeConfig.loadFromDefault() (KUBECONFIG, ~/.kube/config or in-cluster). */
    kubernetes?: {
      /** Path of a kubeconfig file; helm is given the same file. */
      kubeconfigPath?: string;
      /** Context of the kubeconfig to use; default: its current context. */
      context?: string;
    };

    /** Only namespaces starting with this prefix are touched. Default: `paas-ws-`. */
    namespacePrefix?: string;

    /**
     * Directory of charts addressable as `{ localName, version? }`: either a
     * chart directory `<dir>/<name>` or a packaged `<dir>/<name>-<version>.tgz`.
     * Unset: local charts are refused.
     */
    localChartsDir?: string;

    /**
     * Where charts may come from: URL prefixes of chart repositories
     * (`https://`, `http://`) and OCI registries (`oci://`), plus the entry
     * `local:` for charts of `localChartsDir`. Every install, upgrade and diff
     * is checked before helm runs; a chart from anywhere else is refused with
     * a 403 naming the field and this key, and helm never connects to it.
     *
     * Scheme, host and port must be equal and the entry's path a parent of
     * the chart's at a "/" boundary (`https://charts.example.com/stable`
     * allows `https://charts.example.com/stable/x`, not `.../stable-x`).
     * Entries are normalised (lower-case host, default port, no trailing
     * "/"); an entry with user info, a query or a fragment stops the start.
     * A list replaces the default, so keep `local:` in it when local charts
     * are used (quoted in YAML, `- 'local:'`: a bare `- local:` is a map).
     *
     * Default: the repositories of the marketplace's own templates
     * (`DEFAULT_ALLOWED_CHART_SOURCES` of the common package: Bitnami,
     * Grafana, Jenkins, Gitea, Airflow, Superset, ...) and `local:`.
     *
     * Example: `['https://charts.bitnami.com/bitnami', 'oci://registry-1.docker.io/bitnamicharts', 'local:']`
     */
    allowedChartSources?: string[];

    /** Limits of request bodies, checked before any route sees them. */
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
     * Revisions helm keeps per release (`--history-max` on upgrade and
     * rollback). Bounds how far back a rollback can go. Default: 10.
     */
    historyMax?: number;

    /**
     * helm mutations (install, upgrade, rollback, uninstall, recover) that
     * run at once in one operator replica; the others wait, served in turn
     * per workspace namespace. Default: sized to memory (half of the
     * process's memory limit, or of the machine's, at 256 MiB per helm
     * process, between 1 and 16).
     */
    maxConcurrentMutations?: number;

    /**
     * Mutations that may wait for a slot (all namespaces together); one more
     * is refused with 503 and a `Retry-After` header. Default: 200.
     */
    maxQueuedMutations?: number;

    /**
     * Wait for the release's workloads to be ready before an install,
     * upgrade or rollback returns (helm 4 `--wait=watcher`, helm 3 `--wait`).
     * Default: false: the call returns once the objects are applied and the
     * status endpoint reports readiness.
     */
    waitForReady?: boolean;

    /**
     * Undo a failed install or upgrade (helm 4 `--rollback-on-failure`, helm 3
     * `--atomic`); implies waiting. Default: false.
     */
    rollbackOnFailure?: boolean;

    /** The ResourceQuota `workspace-quota` of each workspace namespace. */
    quota?: {
      /** Applied when a request gives no value. Defaults: the spec's quota. */
      defaults?: {
        /** Default: "8" */
        requestsCpu?: string;
        /** Default: "16Gi" */
        requestsMemory?: string;
        /** Default: "16" */
        limitsCpu?: string;
        /** Default: "32Gi" */
        limitsMemory?: string;
        /** Default: 10 */
        persistentVolumeClaims?: number;
        /** Default: "100Gi" */
        requestsStorage?: string;
      };
      /** A request asking for more than these gets a 400 naming the field. */
      maxima?: {
        /** Default: "32" */
        requestsCpu?: string;
        /** Default: "64Gi" */
        requestsMemory?: string;
        /** Default: "64" */
        limitsCpu?: string;
        /** Default: "128Gi" */
        limitsMemory?: string;
        /** Default: 50 */
        persistentVolumeClaims?: number;
        /** Default: "1Ti" */
        requestsStorage?: string;
      };
    };

    /** The LimitRange `workspace-limits`: defaults for containers that set none, so they fit the quota. */
    limitRange?: {
      /** Default: "100m" */
      defaultRequestCpu?: string;
      /** Default: "128Mi" */
      defaultRequestMemory?: string;
      /** Default: "500m" */
      defaultLimitCpu?: string;
      /** Default: "512Mi" */
      defaultLimitMemory?: string;
    };

    /** The Ingress made for a release with a subdomain. */
    ingress: {
      /** spec.ingressClassName. Default: traefik */
      className?: string;
      /**
       * Required. The TLS secret (in the release namespace) the Ingress
       * names for the subdomain when `tls.mode` is `none` (or `tls` is
       * absent), e.g. a wildcard certificate for `*.{baseDomain}` put there
       * by other means. The other modes name their own Secrets. Missing: the
       * operator does not start (the error names this key).
       */
      tlsSecretName: string;
    };

    /**
     * How the Ingresses of releases get TLS certificates (see the README,
     * "TLS of domains"). Absent: mode `none`.
     */
    tls?: {
      /**
       * `none`: the operator manages no certificate; the Ingress names
       * `ingress.tlsSecretName` for the subdomain, a Secret that must
       * already be in the namespace.
       * `originCertificate`: a shared certificate Secret (kubernetes.io/tls,
       * e.g. a wildcard origin certificate for `*.{baseDomain}`) is copied
       * into each workspace namespace (one copy per release, owned by its
       * Ingress, re-copied when the source changes); the Ingress serves over
       * TLS the hosts the certificate names, others (custom domains) are
       * reported `not-covered`.
       * `certManager`: the Ingress carries cert-manager's issuer annotation
       * and one tls entry per host; cert-manager issues the certificates.
       */
      mode: 'none' | 'originCertificate' | 'certManager';
      /** originCertificate: the namespace of the shared Secret (not a workspace namespace). Required in that mode. */
      secretNamespace?: string;
      /** originCertificate: the name of the shared Secret. Required in that mode. */
      secretName?: string;
      /** certManager: `ClusterIssuer` (annotation cert-manager.io/cluster-issuer) or `Issuer` (cert-manager.io/issuer, in the workspace namespace). Default: ClusterIssuer. */
      issuerKind?: 'ClusterIssuer' | 'Issuer';
      /** certManager: the issuer's name. Required in that mode. */
      issuerName?: string;
    };

    /**
     * Time limits in seconds of the helm calls, per operation. On expiry helm
     * is killed and the caller gets a 504.
     */
    timeouts?: {
      /** Default: 300 */
      install?: number;
      /** Default: 300 */
      upgrade?: number;
      /** Default: 300 */
      rollback?: number;
      /** Default: 300 */
      uninstall?: number;
      /** Dry-run upgrade of the diff endpoint. Default: 120 */
      diff?: number;
      /** Reads: status, history, get. Default: 30 */
      read?: number;
    };

    startup?: {
      /**
       * Refuse to start when the Kubernetes API server cannot be reached.
       * false: log a warning and start anyway. Default: true.
       */
      failOnUnreachableCluster?: boolean;
    };

    /**
     * Check what install, upgrade and rollback would apply (a server-side dry
     * run's manifest and hooks, or the stored revision) before applying it:
     * every object in the release's namespace, no kind of `deniedKinds`, none
     * of the operator's own objects, no workload running as the deployer
     * ServiceAccount; a refusal is a 403 naming the object. false: only the
     * API server guards (helm always impersonates the namespace's deployer
     * ServiceAccount). Default: true.
     */
    checkManifests?: boolean;

    /**
     * Kinds no release may contain (hooks included; a chart's crds/ directory
     * is never applied). Replaces
     * the default list: Namespace, ClusterRole, ClusterRoleBinding,
     * CustomResourceDefinition, Mutating/ValidatingWebhookConfiguration,
     * Validating/MutatingAdmissionPolicy(Binding), APIService, PriorityClass,
     * StorageClass, PersistentVolume, CSIDriver, CSINode, VolumeAttachment,
     * RuntimeClass, IngressClass, Node, CertificateSigningRequest, FlowSchema,
     * PriorityLevelConfiguration, ResourceQuota, LimitRange.
     */
    deniedKinds?: string[];

    /** Pod Security Admission labels of workspace namespaces (set on every POST /namespaces). */
    podSecurity?: {
      /** Pods violating this level are refused. Default: baseline. */
      enforce?: 'baseline' | 'restricted';
      /** Violations of this level are warned about to the client (helm). Default: restricted. */
      warn?: 'baseline' | 'restricted';
      /** Violations of this level are written to the audit log. Default: restricted. */
      audit?: 'baseline' | 'restricted';
    };

    /**
     * The NetworkPolicy `workspace-isolation` of each workspace namespace:
     * ingress to its pods only from the same namespace and the namespaces
     * listed here (other workspaces are refused).
     */
    networkPolicy?: {
      /** Default: true. */
      enabled?: boolean;
      /**
       * Namespaces (matched by their `kubernetes.io/metadata.name` label)
       * whose pods may reach workspace pods: the ingress controller's and
       * monitoring. Default: kube-system (k3s runs Traefik there), traefik,
       * monitoring.
       */
      allowFromNamespaces?: string[];
      /**
       * Further namespaces whose pods may reach workspace pods, each entry a
       * label set a namespace must carry (e.g. `{ "team": "monitoring" }`).
       * Default: none.
       */
      allowFromNamespaceLabels?: Array<{ [label: string]: string }>;
    };

    /**
     * Backups of releases' volumes (restic, run by Kubernetes Jobs in the
     * workspace namespace, to S3-compatible object storage; see the README).
     * Absent: the backup routes answer 501 and the portal hides its backup
     * actions. Each namespace gets its own restic repository
     * `s3:<endpoint>/<bucket>/<namespace>`; the credentials reach the Jobs
     * through a Secret `woow-backup-restic` in the namespace.
     */
    backups?: {
      s3: {
        /**
         * `http(s)://host[:port]` of the S3 API, as the backup Jobs' pods
         * reach it (no path, no credentials).
         */
        endpoint: string;
        /** The bucket (created beforehand). */
        bucket: string;
        /** Default: us-east-1. */
        region?: string;
        /**
         * Access key id; or `accessKeyIdEnv`, the name of an environment
         * variable holding it.
         * @visibility secret
         */
        accessKeyId?: string;
        accessKeyIdEnv?: string;
        /**
         * Secret access key; or `secretAccessKeyEnv`, the name of an
         * environment variable holding it.
         * @visibility secret
         */
        secretAccessKey?: string;
        secretAccessKeyEnv?: string;
      };
      /**
       * At least 16 characters: each namespace's restic repository password
       * is derived from it (HMAC-SHA256 with the namespace name), so a
       * namespace's Secret opens that namespace's repository only. Changing
       * it makes existing repositories unreadable. Or `repositoryPasswordEnv`,
       * the name of an environment variable holding it.
       * @visibility secret
       */
      repositoryPassword?: string;
      repositoryPasswordEnv?: string;
      /**
       * The backup image: restic with the `woow-restic` entrypoint
       * (tools/testenv/images/restic), e.g. `registry.local/woow/restic:0.18.1`.
       */
      image: string;
      /** Default: IfNotPresent. */
      imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
      /**
       * A backup, restore or deletion Job running (or unable to start, e.g.
       * image or quota problems) longer than this fails (its
       * activeDeadlineSeconds); a restore then gives the workloads their
       * replicas back. At least 60. Default: 3600.
       */
      jobTimeoutSeconds?: number;
    };
  };
}
