/** Environment variables the post-renderer reads (set on each checked helm run). */
export const CHECK_SOCKET_ENV = 'WOOW_MANIFEST_CHECK_SOCKET';
export const CHECK_ID_ENV = 'WOOW_MANIFEST_CHECK_ID';

/** What the operator answers a post-renderer, one line each. */
export const VERDICT = { allow: 'allow\n', refuse: 'refuse\n' } as const;

/**
 * The helm post-renderer, run by node with no dependencies: it sends the
 * rendered manifest (hooks included, helm 4) with its one-time check id to
 * the operator's socket, and prints the manifest unchanged only when the
 * operator answers `allow`. Anything else (a refusal, no operator, a
 * connection cut before the answer) exits 1: helm then applies nothing.
 * It is written to the operator's private directory at startup, not shipped
 * as a file, so that no other copy can be edited or go missing.
 */
export const CHECK_CLIENT_SCRIPT = `'use strict';
const net = require('node:net');
const socketPath = process.env.${CHECK_SOCKET_ENV};
const id = process.env.${CHECK_ID_ENV};
function fail(why) {
  process.stderr.write('woow manifest check: ' + why + '\\n');
  process.exit(1);
}
if (!socketPath || !id) fail('no check to answer to');
const input = [];
process.stdin.on('data', chunk => input.push(chunk));
process.stdin.on('error', () => fail('cannot read the manifest'));
process.stdin.on('end', () => {
  const manifest = Buffer.concat(input);
  const reply = [];
  const conn = net.createConnection(socketPath);
  conn.on('error', e => fail('the operator cannot be reached (' + (e.code || 'error') + ')'));
  conn.on('data', chunk => reply.push(chunk));
  conn.on('close', () => {
    if (Buffer.concat(reply).toString() !== ${JSON.stringify(VERDICT.allow)}) {
      fail('refused by the operator');
    }
    process.stdout.write(manifest, () => process.exit(0));
  });
  conn.end(Buffer.concat([Buffer.from(id + '\\n'), manifest]));
});
`;
