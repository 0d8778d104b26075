import { ConfigReader } from '@backstage/config';
import { deploymentConfigProblems } from './deploymentConfig';

const embedded = {
  backend: {
    database: { client: 'better-sqlite3', connection: { directory: '/d' } },
  },
  woowCloudServices: { secrets: { useDevelopmentKey: true } },
};

const production = {
  backend: {
    auth: { keys: [{ secret: 'a-backend-secret' }] },
    database: {
      client: 'pg',
      connection: { host: 'db', port: 5432, user: 'u', password: 'p' },
    },
  },
  woowCloudServices: {
    secrets: {
      encryptionKey: Buffer.alloc(32, 7).toString('base64'),
      useDevelopmentKey: false,
    },
  },
};

describe('deploymentConfigProblems', () => {
  it('accepts the embedded default and a complete production config', () => {
    expect(deploymentConfigProblems(new ConfigReader(embedded))).toEqual([]);
    expect(deploymentConfigProblems(new ConfigReader(production))).toEqual([]);
  });

  it('names each key production lacks (as app-config.production.yaml leaves it without its variables)', () => {
    // ${VAR} without the variable leaves the key out.
    const unset = {
      backend: {
        auth: { keys: [{}] },
        database: { client: 'pg', connection: { port: 5432 } },
      },
      woowCloudServices: { secrets: { useDevelopmentKey: false } },
    };
    const nodeEnv = process.env.NODE_ENV;
    let problems: string[];
    try {
      // Outside Jest (NODE_ENV unset, or production as the image runs).
      delete process.env.NODE_ENV;
      problems = deploymentConfigProblems(new ConfigReader(unset));
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    expect(problems).toEqual([
      'Missing config backend.database.connection.host (POSTGRES_HOST)',
      'Missing config backend.database.connection.user (POSTGRES_USER)',
      'Missing config backend.database.connection.password (POSTGRES_PASSWORD)',
      'Missing config backend.auth.keys[0].secret (BACKEND_SECRET)',
      expect.stringMatching(
        /^Missing config woowCloudServices\.secrets\.encryptionKey/,
      ),
    ]);
  });

  it('accepts a PostgreSQL connection string, and wants a database client', () => {
    const withUrl = {
      ...production,
      backend: {
        ...production.backend,
        database: { client: 'pg', connection: 'postgresql://u:p@db/x' },
      },
    };
    expect(deploymentConfigProblems(new ConfigReader(withUrl))).toEqual([]);
    const noDatabase = {
      ...production,
      backend: { auth: production.backend.auth },
    };
    expect(deploymentConfigProblems(new ConfigReader(noDatabase))).toEqual([
      'Missing config backend.database.client',
    ]);
  });
});
