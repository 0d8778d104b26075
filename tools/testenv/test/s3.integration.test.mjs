// The S3 server of the testenv (versitygw, posix backend): signed requests with the generated
// credentials store and return objects in the state dir; unsigned or wrongly signed ones are refused.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { testenv, exec } from '../lib/test-helpers.mjs';

/** curl with AWS Signature V4 (curl's own --aws-sigv4); resolves { status, body }. */
async function s3Request(env, method, key, body = '', secret) {
  const sha = crypto.createHash('sha256').update(body).digest('hex');
  const { stdout } = await exec('curl', [
    '-sS',
    '-X',
    method,
    '--aws-sigv4',
    `aws:amz:${env.WOOW_TESTENV_S3_REGION}:s3`,
    '--user',
    `${env.WOOW_TESTENV_S3_ACCESS_KEY_ID}:${
      secret ?? env.WOOW_TESTENV_S3_SECRET_ACCESS_KEY
    }`,
    '-H',
    `x-amz-content-sha256: ${sha}`,
    ...(method === 'PUT' ? ['--data-binary', body] : []),
    '-w',
    '\n%{http_code}',
    `${env.WOOW_TESTENV_S3_ENDPOINT}/${env.WOOW_TESTENV_S3_BUCKET}/${key}`,
  ]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe('s3 (versitygw)', () => {
  let env;

  before(async () => {
    ({ env } = await testenv());
  });

  test('the env names an endpoint, bucket and generated credentials', () => {
    assert.match(env.WOOW_TESTENV_S3_ENDPOINT, /^http:\/\/[\d.]+:\d+$/);
    assert.equal(env.WOOW_TESTENV_S3_BUCKET, 'woow-backups');
    assert.match(env.WOOW_TESTENV_S3_ACCESS_KEY_ID, /^woow[0-9a-f]{16}$/);
    assert.match(env.WOOW_TESTENV_S3_SECRET_ACCESS_KEY, /^[0-9a-f]{48}$/);
    // Not public: loopback, or the dedicated address on `lo` (10.199.x.y).
    assert.match(
      new URL(env.WOOW_TESTENV_S3_ENDPOINT).hostname,
      /^(127\.0\.0\.1|10\.199\.\d+\.\d+)$/,
    );
  });

  test('stores an object in the state dir and gives it back to a signed request', async () => {
    const key = `probe-${process.pid}.txt`;
    const text = `written by the s3 test ${process.pid}`;
    assert.equal((await s3Request(env, 'PUT', key, text)).status, 200);
    assert.deepEqual(await s3Request(env, 'GET', key), {
      status: 200,
      body: text,
    });
    const onDisk = path.join(
      env.WOOW_TESTENV_STATE,
      's3',
      'data',
      env.WOOW_TESTENV_S3_BUCKET,
      key,
    );
    assert.equal(fs.readFileSync(onDisk, 'utf8'), text);
    assert.equal((await s3Request(env, 'DELETE', key)).status, 204);
    assert.equal(fs.existsSync(onDisk), false);
  });

  test('refuses unsigned requests and a wrong secret', async () => {
    const unsigned = await fetch(
      `${env.WOOW_TESTENV_S3_ENDPOINT}/${env.WOOW_TESTENV_S3_BUCKET}/`,
    );
    assert.equal(unsigned.status, 403);
    const wrong = await s3Request(env, 'GET', 'x', '', 'not-the-secret');
    assert.equal(wrong.status, 403);
    assert.match(wrong.body, /SignatureDoesNotMatch|AccessDenied/);
  });
});
