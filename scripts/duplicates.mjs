// Repeated code: no new pairs beyond the checked-in baseline
// (.duplicates-baseline.txt). Part of `npm test`'s lint stage.
//
//   node scripts/duplicates.mjs            check (exit 1 naming the new pairs)
//   npm run duplicates:baseline            rewrite the baseline from the tree
//
// `duplicates` (a command on the PATH of this workplace's machines) lists at
// most 200 rows, and the whole tree has more pairs than that. So it runs once
// per top-level folder (each plugin and package, e2e-tests, scripts, tools),
// where every row is seen, plus once over the whole tree for pairs that
// cross folders: its rows that cross folders are compared by name, and its
// total count line catches a new crossing pair beyond the 200 rows shown.
// Pairs are kept as file pair + number of rows, never line numbers, so the
// baseline holds while code moves within a file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { log, repoRoot } from './lib.mjs';

export const BASELINE = path.join(repoRoot, '.duplicates-baseline.txt');
const MOST = 200;
const SECONDS = 120;

/** Not our hand-written code: generated files, frozen copies kept on purpose. */
const NOT_OURS = [
  /(^|\/)openapi\.generated\.ts$/, // generated from the zod schemas
  /(^|\/)src\/tests\/fixtures\//, // an old release's migrations, as shipped
  /(^|\/)dist(-types)?\//,
];

function scopes() {
  const children = dir =>
    readdirSync(path.join(repoRoot, dir), { withFileTypes: true })
      .filter(e => e.isDirectory())
      .map(e => `${dir}/${e.name}`);
  return [
    ...children('plugins'),
    ...children('packages'),
    'e2e-tests',
    'scripts',
    'tools',
  ].filter(dir => existsSync(path.join(repoRoot, dir)));
}

/** One `duplicates` run: its total and its rows as repo-relative file pairs. */
function runDuplicates(scope) {
  const result = spawnSync(
    'duplicates',
    ['--repo', scope, '--most', String(MOST), '--seconds', String(SECONDS)],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (result.error) {
    throw new Error(
      `duplicates could not run (${result.error.message}): it must be on the PATH for this check`,
    );
  }
  const lines = result.stdout.split('\n');
  const incomplete = lines.find(l => l.startsWith('incomplete:'));
  if (incomplete) throw new Error(`duplicates in ${scope}: ${incomplete}`);
  const head = lines[0] ?? '';
  const total = head.startsWith('no duplicates')
    ? 0
    : Number(/^(\d+) pairs? of places/.exec(head)?.[1]);
  if (!Number.isInteger(total)) {
    throw new Error(`duplicates in ${scope}: unexpected output "${head}"`);
  }
  const rows = [];
  for (const line of lines) {
    const m = /^D\d+ (.+?):\d+-\d+ ~ (.+?):\d+-\d+/.exec(line);
    if (!m) continue;
    const files = [m[1], m[2]].map(f => (scope === '.' ? f : `${scope}/${f}`));
    if (files.some(f => NOT_OURS.some(re => re.test(f)))) continue;
    rows.push(files.sort().join(' ~ '));
  }
  return { total, rows, cut: total > MOST };
}

const scopeOf = (file, all) => all.find(s => file.startsWith(`${s}/`)) ?? '.';

/** Today's pairs: `file ~ file` -> rows, and the whole tree's total. */
export function measure() {
  const all = scopes();
  const counts = new Map();
  const add = key => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const scope of all) {
    const { total, rows, cut } = runDuplicates(scope);
    if (cut) {
      throw new Error(
        `${scope} has ${total} pairs, more than the ${MOST} duplicates lists: remove some, or split the folder into smaller scopes in scripts/duplicates.mjs`,
      );
    }
    rows.forEach(add);
  }
  const whole = runDuplicates('.');
  for (const row of whole.rows) {
    const [a, b] = row.split(' ~ ');
    if (scopeOf(a, all) !== scopeOf(b, all)) add(row);
  }
  return { counts, total: whole.total };
}

function format({ counts, total }) {
  const lines = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pair, n]) => `${pair} ${n}`);
  return [
    '# Pairs of repeated code (`duplicates`, 6+ lines) the lint stage accepts:',
    '# file ~ file, then how many pairs that file pair has. A new file pair, or',
    '# more pairs in one, fails `npm test`. Written by `npm run',
    '# duplicates:baseline` (see README.md: when that is fair).',
    `total ${total}`,
    ...lines,
    '',
  ].join('\n');
}

function parse(text) {
  const counts = new Map();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const t = /^total (\d+)$/.exec(line);
    if (t) {
      total = Number(t[1]);
      continue;
    }
    const m = /^(.+ ~ .+) (\d+)$/.exec(line);
    if (m) counts.set(m[1], Number(m[2]));
  }
  return { counts, total };
}

/** The new pairs against the baseline, in words (empty: none). */
export function newPairs(baseline, current) {
  const problems = [];
  for (const [pair, n] of current.counts) {
    const before = baseline.counts.get(pair) ?? 0;
    if (n > before) {
      problems.push(
        before === 0
          ? `new: ${pair}`
          : `${pair}: ${n} pairs, the baseline has ${before}`,
      );
    }
  }
  if (problems.length === 0 && current.total > baseline.total) {
    problems.push(
      `the whole tree has ${current.total} pairs, the baseline ${baseline.total}: a new pair across folders beyond the ${MOST} rows listed (duplicates --change --base <last commit> names it)`,
    );
  }
  return problems;
}

function main() {
  const current = measure();
  if (process.argv.includes('--write-baseline')) {
    writeFileSync(BASELINE, format(current));
    log(
      `wrote ${path.relative(repoRoot, BASELINE)}: ${
        current.counts.size
      } file pairs, ${current.total} pairs in the whole tree`,
    );
    return;
  }
  if (!existsSync(BASELINE)) {
    throw new Error(`${BASELINE} is missing: npm run duplicates:baseline`);
  }
  const problems = newPairs(parse(readFileSync(BASELINE, 'utf8')), current);
  if (problems.length) {
    throw new Error(
      `repeated code beyond .duplicates-baseline.txt (duplicates --change lists where):\n  ${problems.join(
        '\n  ',
      )}`,
    );
  }
  log(`duplicates: no new pairs (${current.total} in the whole tree)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
