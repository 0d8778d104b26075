// The install steps of the root README ("Install into your Backstage app"),
// read from between its `<!-- install:NAME -->` markers and applied to an app
// made by create-app: what the install test does is what the README says.
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib.mjs';

const BLOCKS = [
  'backend-packages',
  'backend-lines',
  'frontend-packages',
  'frontend-lines',
  'app-config',
];

/** Strips the list indentation the README's fenced blocks carry. */
function dedent(text) {
  const lines = text.split('\n');
  const indent = Math.min(
    ...lines.filter(l => l.trim()).map(l => l.match(/^ */)[0].length),
  );
  return lines.map(l => l.slice(indent)).join('\n');
}

export function readInstallDocs(readme = path.join(repoRoot, 'README.md')) {
  const text = readFileSync(readme, 'utf8');
  const blocks = {};
  for (const name of BLOCKS) {
    const match = text.match(
      new RegExp(
        `<!-- install:${name} -->\\s*\\n( *)\`\`\`\\w*\\n([\\s\\S]*?)\\n\\1\`\`\``,
      ),
    );
    if (!match) {
      throw new Error(
        `README.md has no fenced block after <!-- install:${name} -->`,
      );
    }
    blocks[name] = dedent(match[2]);
  }
  const packagesOf = block => block.match(/@woowtech\/[a-z0-9-]+/g) ?? [];
  const importName = blocks['frontend-lines'].match(/^import (\w+) from/m)?.[1];
  if (!importName) {
    throw new Error('README.md install:frontend-lines has no default import');
  }
  return {
    backendPackages: packagesOf(blocks['backend-packages']),
    frontendPackages: packagesOf(blocks['frontend-packages']),
    backendLines: blocks['backend-lines'],
    frontendImport: blocks['frontend-lines'],
    frontendFeature: importName,
    appConfig: blocks['app-config'],
  };
}

function edit(file, change) {
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`nothing changed in ${file}`);
  writeFileSync(file, after);
}

const ALLOW_ALL_POLICY =
  /backend\.add\(\s*import\(\s*'@backstage\/plugin-permission-backend-module-allow-all-policy'\s*\),?\s*\);\n/;

/**
 * Applies the README's steps to `appDir`; `specOf(name)` is what goes in
 * package.json for a package (the packed tarball, in the test).
 */
export function applyInstallDocs(appDir, docs, specOf) {
  const addDependencies = (workspace, names) =>
    edit(path.join(appDir, 'packages', workspace, 'package.json'), text => {
      const pkg = JSON.parse(text);
      for (const name of names) pkg.dependencies[name] = specOf(name);
      return `${JSON.stringify(pkg, null, 2)}\n`;
    });
  addDependencies('backend', docs.backendPackages);
  addDependencies('app', docs.frontendPackages);

  edit(path.join(appDir, 'packages/backend/src/index.ts'), source => {
    if (!ALLOW_ALL_POLICY.test(source)) {
      throw new Error(
        'the new app no longer adds the allow-all policy as expected',
      );
    }
    return source
      .replace(ALLOW_ALL_POLICY, '')
      .replace('backend.start();', `${docs.backendLines}\n\nbackend.start();`);
  });

  edit(path.join(appDir, 'packages/app/src/App.tsx'), source => {
    const imports = source.match(/^import [^;]+;\n/gm) ?? [];
    const last = imports[imports.length - 1];
    return source
      .replace(last, `${last}${docs.frontendImport}\n`)
      .replace(/features: \[([^\]]*)\]/, (_all, list) => {
        return `features: [${list.trim()}, ${docs.frontendFeature}]`;
      });
  });

  appendFileSync(
    path.join(appDir, 'app-config.yaml'),
    `\n# Woow Cloud Services (README: Install into your Backstage app)\n${docs.appConfig}\n`,
  );
}

const squash = text => text.replace(/\s+/g, '').replace(/,\)/g, ')');

/**
 * Each plugin README's `<!-- install:package -->` blocks say, for its own
 * package, what the root README says: the same `add` into the same app
 * package, the same `backend.add` line, the same import. Every package the
 * root README installs has them. Returns the READMEs checked.
 */
export function checkPluginReadmes(docs, pluginDirs) {
  const installs = {
    backend: new Set(docs.backendPackages),
    app: new Set(docs.frontendPackages),
  };
  const rootLines = squash(`${docs.backendLines}\n${docs.frontendImport}`);
  const documented = new Set();
  const problems = [];
  for (const dir of pluginDirs) {
    const readme = path.join(repoRoot, dir, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const blocks = [
      ...text.matchAll(/<!-- install:package -->\s*\n```\w*\n([\s\S]*?)\n```/g),
    ].map(m => m[1]);
    for (const block of blocks) {
      for (const add of block.matchAll(
        /--cwd packages\/(backend|app) add ((?:@woowtech\/[a-z0-9-]+\s*)+)/g,
      )) {
        for (const name of add[2].trim().split(/\s+/)) {
          if (installs[add[1]].has(name)) documented.add(name);
          else
            problems.push(
              `${dir}: adds ${name} to packages/${add[1]}, the root README does not`,
            );
        }
      }
      const code = block.replace(/^\s*\/\/.*$/gm, '');
      for (const statement of code.match(
        /(backend\.add\([\s\S]*?\);|^import [^;]+;)/gm,
      ) ?? []) {
        if (!rootLines.includes(squash(statement))) {
          problems.push(
            `${dir}: "${statement}" is not in the root README's install lines`,
          );
        }
      }
    }
  }
  for (const name of [...installs.backend, ...installs.app]) {
    if (!documented.has(name))
      problems.push(`no plugin README installs ${name}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `plugin READMEs and the root README disagree:\n  ${problems.join(
        '\n  ',
      )}`,
    );
  }
}
