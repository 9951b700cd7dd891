// Plain JavaScript on purpose: it runs before the TypeScript toolchain is installed.
// `npm start` and `npm test` call it first, so both work on a fresh clone: it installs the
// pinned packages (`npm ci`) when any is missing or package-lock.json changed since the last install.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lockFile = path.join(root, 'package-lock.json');
// npm ci empties node_modules, so a stamp inside it can never outlive the install it describes.
const stampFile = path.join(root, 'node_modules', '.installed-lock-sha256');

const pkg = require(path.join(root, 'package.json'));
const names = [...Object.keys(pkg.dependencies || {}), ...Object.keys(pkg.devDependencies || {})];
const missing = names.filter((name) => !existsSync(path.join(root, 'node_modules', name, 'package.json')));
const lockHash = createHash('sha256').update(readFileSync(lockFile)).digest('hex');
const installedHash = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';

const reason =
  missing.length > 0
    ? `${missing.length} of ${names.length} packages missing`
    : installedHash !== '' && installedHash !== lockHash
      ? 'package-lock.json changed since the last install'
      : '';

if (reason !== '') {
  console.log(`installing npm packages (${reason})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status || 1);
}
if (installedHash !== lockHash) writeFileSync(stampFile, `${lockHash}\n`);
