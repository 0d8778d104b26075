import { ConfigReader } from '@backstage/config';
import { readBackupOptions } from './backupOptions';

const valid = {
  s3: {
    endpoint: 'http://10.199.1.2:9000/',
    bucket: 'woow-backups',
    accessKeyId: 'AKIAEXAMPLE',
    secretAccessKey: 'a-secret-access-key',
  },
  repositoryPassword: 'sixteen-chars-at-least',
  image: 'registry.local/woow/restic:0.18.1',
};

function read(backups: object) {
  return readBackupOptions(new ConfigReader(backups));
}

describe('readBackupOptions', () => {
  it('is undefined when helmOperator.backups is absent (the routes answer 501)', () => {
    expect(readBackupOptions(undefined)).toBeUndefined();
  });

  it('applies defaults and trims the endpoint', () => {
    expect(read(valid)).toEqual({
      s3: {
        endpoint: 'http://10.199.1.2:9000',
        bucket: 'woow-backups',
        region: 'us-east-1',
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'a-secret-access-key',
      },
      repositoryPasswordSecret: 'sixteen-chars-at-least',
      image: 'registry.local/woow/restic:0.18.1',
      imagePullPolicy: 'IfNotPresent',
      jobTimeoutSeconds: 3600,
    });
  });

  it('reads secrets from the environment variables named by <key>Env', () => {
    process.env.TEST_BACKUP_S3_SECRET = 'from-the-environment';
    const { secretAccessKey: _omitted, ...s3 } = valid.s3;
    const options = read({
      ...valid,
      s3: { ...s3, secretAccessKeyEnv: 'TEST_BACKUP_S3_SECRET' },
    });
    expect(options!.s3.secretAccessKey).toBe('from-the-environment');
    delete process.env.TEST_BACKUP_S3_SECRET;
    expect(() =>
      read({
        ...valid,
        s3: { ...s3, secretAccessKeyEnv: 'TEST_BACKUP_S3_SECRET' },
      }),
    ).toThrow(
      'Invalid config helmOperator.backups.s3.secretAccessKeyEnv: the environment variable TEST_BACKUP_S3_SECRET is empty or unset',
    );
  });

  it.each([
    [
      { s3: { ...valid.s3, endpoint: 'http://user:pw@host:9000' } },
      's3.endpoint',
    ],
    [{ s3: { ...valid.s3, bucket: 'Bad_Bucket' } }, 's3.bucket'],
    [{ repositoryPassword: 'short' }, 'repositoryPassword: at least 16'],
    [{ imagePullPolicy: 'Sometimes' }, 'imagePullPolicy'],
    [{ jobTimeoutSeconds: 5 }, 'jobTimeoutSeconds: an integer >= 60'],
    [
      { repositoryPasswordEnv: 'X' },
      'set repositoryPassword or repositoryPasswordEnv, not both',
    ],
  ])('refuses %j naming the key', (change, named) => {
    expect(() => read({ ...valid, ...change })).toThrow(named);
  });
});
