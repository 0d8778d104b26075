// The PostgreSQL server of the testenv accepts password connections on 127.0.0.1.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { testenv, exec } from '../lib/test-helpers.mjs';

describe('postgres', () => {
  let env;
  let psql;
  const conn = e => [
    '-h',
    e.WOOW_PG_HOST,
    '-p',
    e.WOOW_PG_PORT,
    '-U',
    e.WOOW_PG_USER,
    '-d',
    e.WOOW_PG_DATABASE,
    '-v',
    'ON_ERROR_STOP=1',
    '-tA',
  ];

  before(async () => {
    ({ env } = await testenv());
    psql = path.join(env.WOOW_PG_BIN, 'psql');
  });

  test('accepts a connection with the password from the env and runs SQL', async () => {
    const pgEnv = {
      ...env,
      PGPASSWORD: env.WOOW_PG_PASSWORD,
      PGCONNECT_TIMEOUT: '10',
    };
    const { stdout } = await exec(
      psql,
      [
        ...conn(env),
        '-c',
        'DROP TABLE IF EXISTS testenv_probe',
        '-c',
        'CREATE TABLE testenv_probe (id serial primary key, name text not null)',
        '-c',
        "INSERT INTO testenv_probe (name) VALUES ('a'), ('b')",
        '-c',
        'SELECT count(*) FROM testenv_probe',
        '-c',
        'DROP TABLE testenv_probe',
        '-c',
        'SHOW server_version',
      ],
      pgEnv,
    );
    const lines = stdout.trim().split('\n');
    assert.ok(lines.includes('2'), stdout);
    assert.match(lines.at(-1), /^\d+\./);
  });

  test('the connection URL works and CREATE DATABASE is allowed (Backstage makes one per plugin)', async () => {
    const pgEnv = { ...env, PGCONNECT_TIMEOUT: '10' };
    await exec(
      psql,
      [
        env.WOOW_PG_URL,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        'DROP DATABASE IF EXISTS testenv_probe_db',
        '-c',
        'CREATE DATABASE testenv_probe_db',
        '-c',
        'DROP DATABASE testenv_probe_db',
      ],
      pgEnv,
    );
  });

  test('a wrong password is refused', async () => {
    await assert.rejects(
      exec(psql, [...conn(env), '-c', 'SELECT 1'], {
        ...env,
        PGPASSWORD: 'wrong',
        PGCONNECT_TIMEOUT: '10',
      }),
      /password authentication failed/,
    );
  });
});
