// Plain JavaScript on purpose: it runs before the TypeScript toolchain is installed.
// `npm start` on a fresh clone installs the pinned packages first, as `npm ci` would.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const names = [...Object.keys(pkg.dependencies || {}), ...Object.keys(pkg.devDependencies || {})];
const missing = names.filter((name) => !existsSync(path.join(root, 'node_modules', name, 'package.json')));

if (missing.length > 0) {
  console.log(`installing npm packages (${missing.length} missing)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status || 1);
}
