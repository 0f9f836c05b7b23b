/**
 * Installs, on demand, what the offline end-to-end run needs: Debian chromium and ripgrep, and
 * code-server 4.100.3 (VS Code 1.100.3) with its install scripts in a git-ignored tools folder.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runLogged, tail } from './processes';

/** code-server 4.100.3 is VS Code 1.100.3 and the last release that runs on Node 20. */
export const codeServerVersion = '4.100.3';
export const chromiumPath = '/usr/bin/chromium';
const ripgrepPath = '/usr/bin/rg';

// @vscode/ripgrep 1.15.11 (pinned by code-server 4.100.3) downloads this file from GitHub unless it is cached.
const ripgrepCache = path.join('vscode-ripgrep-cache-1.15.11', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');

// npm 11 runs no dependency's install scripts unless package.json `allowScripts` lists it. code-server's
// own postinstall runs nested `npm install`s in lib/vscode and lib/vscode/extensions, whose package.json
// we do not write before they run, so the launcher runs that postinstall itself after listing these.
// kerberos (Negotiate proxy authentication, loaded only when a proxy asks for it) would need
// libkrb5-dev to build offline, so its script stays off.
const allowScripts = { 'argon2': true, 'code-server': false };
const vscodeAllowScripts = {
  '@parcel/watcher': true,
  '@vscode/deviceid': true,
  '@vscode/ripgrep': true,
  '@vscode/spdlog': true,
  '@vscode/windows-ca-certs': true,
  '@vscode/windows-process-tree': true,
  '@vscode/windows-registry': true,
  'kerberos': false,
  'native-watchdog': true,
  'node-pty': true,
};

/** Where code-server is installed and how to start it. */
export interface CodeServerInstall {
  home: string;
  /** The script to run with Node 20. */
  entry: string;
}

function log(message: string): void {
  console.log(`[e2e] ${message}`);
}

/** Installs chromium and ripgrep with apt-get when either is missing (needs root, as in CI). */
export async function ensureDebianPackages(logFile: string): Promise<void> {
  const missing = [chromiumPath, ripgrepPath].filter((file) => !fs.existsSync(file));
  if (missing.length === 0) {
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${missing.join(', ')}: run "apt-get install -y chromium ripgrep" as root`);
  }
  log('installing Debian packages chromium and ripgrep');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const options = { cwd: '/', env, logFile, timeoutMs: 10 * 60_000 };
  await runLogged('apt-get', ['update'], options);
  await runLogged('apt-get', ['install', '-y', 'chromium', 'ripgrep'], options);
}

/**
 * The environment without what the npm that started us exports for its own scripts (package and
 * lifecycle data, prefixes, an allow-scripts list that a nested project install would reject).
 */
function cleanNpmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    const dropped =
      /^npm_(package|lifecycle)_/.test(lower) ||
      ['npm_config_local_prefix', 'npm_config_global_prefix', 'npm_config_allow_scripts', 'npm_config_user_agent', 'init_cwd'].includes(lower);
    if (!dropped) {
      env[key] = value;
    }
  }
  return env;
}

function isInstalled(install: CodeServerInstall): boolean {
  const marker = path.join(install.home, '.installed');
  return fs.existsSync(install.entry) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === codeServerVersion;
}

function commandOutput(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 30_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout.trim())));
  });
}

/** Installs code-server into `<toolsDir>/code-server-<version>` unless it is already there. */
export async function ensureCodeServer(toolsDir: string): Promise<CodeServerInstall> {
  const home = path.join(toolsDir, `code-server-${codeServerVersion}`);
  const install = { home, entry: path.join(home, 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
  if (isInstalled(install)) {
    return install;
  }
  if (process.versions.node.split('.')[0] !== '20') {
    throw new Error(`code-server ${codeServerVersion} needs Node 20, this is Node ${process.versions.node}`);
  }
  const started = Date.now();
  log(`installing code-server ${codeServerVersion} into ${path.relative(process.cwd(), home)} (about 2 minutes)`);
  fs.rmSync(home, { recursive: true, force: true });
  const tmp = path.join(home, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(
    path.join(home, 'package.json'),
    JSON.stringify(
      { name: 'connector-e2e-tools', private: true, dependencies: { 'code-server': codeServerVersion }, allowScripts },
      null,
      2,
    ),
  );
  const cache = path.join(tmp, ripgrepCache);
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  const logFile = path.join(home, 'install.log');
  const npmVersion = await commandOutput('npm', ['--version']);
  const env: NodeJS.ProcessEnv = {
    ...cleanNpmEnv(),
    // What code-server's postinstall reads: the Node major from the user agent, unsafe-perm as root;
    // node-pty's postinstall runs `npx node-gyp`, which must not ask.
    npm_config_user_agent: `npm/${npmVersion} node/${process.version} ${process.platform} ${process.arch}`,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_nodedir: '/usr',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    TMPDIR: tmp,
  };
  const run = (command: string, args: string[], cwd: string, timeoutMs: number): Promise<void> =>
    runLogged(command, args, { cwd, env, logFile, timeoutMs });
  await run('tar', ['-czf', cache, '-C', path.dirname(ripgrepPath), path.basename(ripgrepPath)], home, 60_000);
  await run('npm', ['install'], home, 10 * 60_000);
  const packageDir = path.join(home, 'node_modules', 'code-server');
  const vscodeDir = path.join(packageDir, 'lib', 'vscode');
  // An npm that ignores allowScripts (npm 10) has already run the postinstall.
  if (!fs.existsSync(path.join(vscodeDir, 'node_modules'))) {
    const vscodePackage = path.join(vscodeDir, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(vscodePackage, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(vscodePackage, JSON.stringify({ ...manifest, allowScripts: vscodeAllowScripts }, null, 2));
    await run('sh', ['./postinstall.sh'], packageDir, 10 * 60_000);
  }
  verifyCodeServer(install, logFile);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(path.join(home, '.installed'), `${codeServerVersion}\n`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return install;
}

/** Fails when an install script was skipped: code-server starts but breaks later without these files. */
function verifyCodeServer(install: CodeServerInstall, logFile: string): void {
  const packageDir = path.dirname(path.dirname(path.dirname(install.entry)));
  const vscodeModules = path.join(packageDir, 'lib', 'vscode', 'node_modules');
  const required = [
    install.entry,
    path.join(vscodeModules, 'node-pty', 'build', 'Release', 'pty.node'),
    path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
    path.join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  ];
  const missing = required.filter((file) => !fs.existsSync(file));
  const argon2 = findFile(path.join(install.home, 'node_modules', 'argon2'), 'argon2.node');
  if (argon2 === undefined) {
    missing.push('argon2.node');
  }
  if (missing.length > 0) {
    throw new Error(`code-server install is incomplete (install scripts skipped?): missing ${missing.join(', ')}\n${tail(logFile)}`);
  }
}

function findFile(dir: string, name: string): string | undefined {
  if (!fs.existsSync(dir)) {
    return undefined;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === name) {
      return path.join(entry.parentPath, entry.name);
    }
  }
  return undefined;
}
