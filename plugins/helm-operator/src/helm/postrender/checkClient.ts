import execa from 'execa';
import path from 'node:path';

/** Environment variables the post-renderer reads (set on each checked helm run). */
export const CHECK_SOCKET_ENV = 'WOOW_MANIFEST_CHECK_SOCKET';
export const CHECK_ID_ENV = 'WOOW_MANIFEST_CHECK_ID';

/** What the operator answers a post-renderer, one line each. */
export const VERDICT = { allow: 'allow\n', refuse: 'refuse\n' } as const;

// The helm post-renderer, in two languages with one behaviour: it sends the
// rendered manifest (hooks included, helm 4) with its one-time check id to
// the operator's socket, and prints the manifest unchanged only when the
// operator answers `allow`. Anything else (a refusal, no operator, a
// connection cut before the answer) exits 1: helm then applies nothing.
// perl (perl-base, in every Debian image, the operator's included) starts in
// a few milliseconds; node, which the operator has anyway, in 40-100 ms on
// the machines here: helm waits for it on every install and upgrade. The
// script is written to the operator's private directory at startup, not
// shipped as a file, so that no other copy can be edited or go missing.

const PERL_CLIENT = `use strict;
use warnings;
use IO::Socket::UNIX;
use Socket qw(SOCK_STREAM);
sub fail { print STDERR "woow manifest check: $_[0]\\n"; exit 1; }
# A closed socket or pipe is an error to answer with exit 1, not a signal.
$SIG{PIPE} = 'IGNORE';
my $path = $ENV{${CHECK_SOCKET_ENV}};
my $id = $ENV{${CHECK_ID_ENV}};
fail('no check to answer to') unless $path && $id;
binmode STDIN;
binmode STDOUT;
my $manifest = do { local $/; <STDIN> };
$manifest = '' unless defined $manifest;
my $conn = IO::Socket::UNIX->new(Type => SOCK_STREAM, Peer => $path)
  or fail('the operator cannot be reached');
binmode $conn;
print {$conn} "$id\\n", $manifest or fail('the operator cannot be reached');
shutdown($conn, 1) or fail('the operator cannot be reached');
my $reply = do { local $/; <$conn> };
fail('refused by the operator')
  unless defined $reply && $reply eq ${JSON.stringify(VERDICT.allow)};
print STDOUT $manifest or fail('cannot print the manifest');
close STDOUT or fail('cannot print the manifest');
exit 0;
`;

const NODE_CLIENT = `'use strict';
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

export type CheckClientLanguage = 'perl' | 'node';

/** A post-renderer: its source, and the interpreter that runs it. */
export interface CheckClient {
  language: CheckClientLanguage;
  /** Absolute path of the interpreter. */
  interpreter: string;
  source: string;
  fileName: string;
}

/** The perl that runs the perl client, or undefined when there is none that can. */
async function findPerl(): Promise<string | undefined> {
  try {
    const { stdout } = await execa(
      'perl',
      ['-MIO::Socket::UNIX', '-e', 'print $^X'],
      { timeout: 10_000, stdin: 'ignore' },
    );
    return path.isAbsolute(stdout) ? stdout : undefined;
  } catch {
    return undefined;
  }
}

/** The post-renderer client in `language`, or the fastest one this host can run. */
export async function findCheckClient(
  language?: CheckClientLanguage,
): Promise<CheckClient> {
  const perl = language === 'node' ? undefined : await findPerl();
  if (perl) {
    return {
      language: 'perl',
      interpreter: perl,
      source: PERL_CLIENT,
      fileName: 'check.pl',
    };
  }
  if (language === 'perl') {
    throw new Error('perl with IO::Socket::UNIX cannot be run here');
  }
  return {
    language: 'node',
    interpreter: process.execPath,
    source: NODE_CLIENT,
    fileName: 'check.cjs',
  };
}
