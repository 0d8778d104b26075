import { Config } from '@backstage/config';

/** helmOperator.backups, read and checked (see config.d.ts and the README). */
export interface BackupOptions {
  s3: {
    /** `http(s)://host[:port]`, reachable from the backup Jobs' pods. */
    endpoint: string;
    bucket: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
  };
  /** Each namespace's restic password is derived from this (HMAC-SHA256). */
  repositoryPasswordSecret: string;
  /** The image with `/woow-restic` and `/restic` (tools/testenv/images/restic). */
  image: string;
  imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** A Job running (or unable to start) longer fails: a restore then gives the workloads back. */
  jobTimeoutSeconds: number;
}

function fail(key: string, rule: string): never {
  throw new Error(`Invalid config helmOperator.backups.${key}: ${rule}`);
}

/**
 * A secret given in config, or the name of an environment variable holding
 * it (`<key>Env`): exactly one of the two.
 */
function secretValue(config: Config, key: string, prefix = ''): string {
  const direct = config.getOptionalString(key);
  const envName = config.getOptionalString(`${key}Env`);
  if (direct !== undefined && envName !== undefined)
    fail(prefix + key, `set ${key} or ${key}Env, not both`);
  if (envName !== undefined) {
    const value = process.env[envName];
    if (!value)
      fail(
        `${prefix}${key}Env`,
        `the environment variable ${envName} is empty or unset`,
      );
    return value;
  }
  if (!direct)
    fail(
      prefix + key,
      `required (or ${key}Env naming an environment variable)`,
    );
  return direct;
}

/** undefined when helmOperator.backups is absent: the backup routes then answer 501. */
export function readBackupOptions(
  config: Config | undefined,
): BackupOptions | undefined {
  if (!config) return undefined;
  const s3 = config.getConfig('s3');
  const endpoint = s3.getString('endpoint').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/@?#\s]+$/.test(endpoint))
    fail(
      's3.endpoint',
      'an http(s) URL of scheme, host and port only, no credentials or path',
    );
  const bucket = s3.getString('bucket');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    fail(
      's3.bucket',
      'an S3 bucket name (3-63 lower-case letters, digits, "." and "-")',
    );
  const password = secretValue(config, 'repositoryPassword');
  if (password.length < 16)
    fail('repositoryPassword', 'at least 16 characters');
  const jobTimeout = config.getOptionalNumber('jobTimeoutSeconds') ?? 3600;
  if (!Number.isInteger(jobTimeout) || jobTimeout < 60)
    fail('jobTimeoutSeconds', 'an integer >= 60');
  const pullPolicy =
    config.getOptionalString('imagePullPolicy') ?? 'IfNotPresent';
  if (!['Always', 'IfNotPresent', 'Never'].includes(pullPolicy))
    fail('imagePullPolicy', 'Always, IfNotPresent or Never');
  return {
    s3: {
      endpoint,
      bucket,
      region: s3.getOptionalString('region') ?? 'us-east-1',
      accessKeyId: secretValue(s3, 'accessKeyId', 's3.'),
      secretAccessKey: secretValue(s3, 'secretAccessKey', 's3.'),
    },
    repositoryPasswordSecret: password,
    image: config.getString('image'),
    jobTimeoutSeconds: jobTimeout,
    imagePullPolicy: pullPolicy as BackupOptions['imagePullPolicy'],
  };
}
