/**
 * Offline end-to-end run: the packaged extension installed in code-server 4.100.3 (VS Code 1.100.3),
 * shown in Debian chromium driven by playwright-core. Runs the mocha suite of test/e2e inside the
 * real extension host, then checks the workbench UI: the language features, the New Connector commands (a preset,
 * and a curl command with a literal token pasted from the clipboard), Send Test Request against a Shopify emulator
 * run here, and Restricted Mode in a second code-server with workspace trust on.
 * Last, it checks that no file the run wrote holds a token. Prints `N passed, N failed` as its last line.
 *
 * Environment: CONNECTOR_E2E_TIMEOUT_MS (whole run after installs, default 360000),
 * CONNECTOR_E2E_DEV=1 (load the development folder instead of the VSIX),
 * CONNECTOR_E2E_UPDATE_IMAGES=1 (copy the screenshots into docs/images),
 * CONNECTOR_E2E_ONLY=suite|ui|authoring|send (run one part only, while working on it: `ui` is every workbench
 * check, `authoring` only the New Connector commands, `send` only Send Test Request and Restricted Mode).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type BrowserServer, type ConsoleMessage } from 'playwright-core';
import { pointAtEmulator, startEmulator, type Emulator } from '../../emulators';
import { runAuthoringChecks } from './authoring';
import { findLeaks, type Leak } from './leaks';
import { runLogged, stopAllProcessGroups, tail, trackProcessGroup } from './processes';
import { readSuiteResults, resultsEnvVar } from './results';
import { runRestrictedChecks, runSendChecks, sendFile } from './send';
import { chromiumPath, ensureCodeServer, ensureDebianPackages, type CodeServerInstall } from './tools';
import { runUiChecks, type Outcome } from './ui';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const toolsDir = path.join(repoRoot, '.tools');
const runsDir = path.join(repoRoot, '.e2e-runs');
const suiteModule = path.join(repoRoot, 'out', 'test', 'e2e', 'index.js');
const workspaceFixture = path.join(repoRoot, 'test', 'e2e', 'workspace');
const docsImages = path.join(repoRoot, 'docs', 'images');
const shopifyExample = path.join(repoRoot, 'examples', 'shopify.connector.json');
const openApiFolder = path.join(repoRoot, 'test', 'fixtures', 'openapi', 'petstore-separate');
const vsixName = 'connector-token-auth.vsix';

const runTimeoutMs = Number(process.env.CONNECTOR_E2E_TIMEOUT_MS ?? 360_000);
const developmentMode = process.env.CONNECTOR_E2E_DEV === '1';
const updateImages = process.env.CONNECTOR_E2E_UPDATE_IMAGES === '1';
const only = process.env.CONNECTOR_E2E_ONLY;
const parts = ['suite', 'ui', 'authoring', 'send'];
/** Which parts run: all of them, or the one CONNECTOR_E2E_ONLY names (`ui`: every workbench check). */
const runs = {
  suite: only === undefined || only === 'suite',
  workbench: only === undefined || only === 'ui',
  authoring: only === undefined || only === 'ui' || only === 'authoring',
  send: only === undefined || only === 'ui' || only === 'send',
};

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A quiet workbench for checks and screenshots.
const userSettings = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.minimap.enabled': false,
  'workbench.reduceMotion': 'on',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

const startedAt = Date.now();
const outcomes: Outcome[] = [];
let browser: Browser | undefined;
let browserServer: BrowserServer | undefined;
let finishing = false;
const emulators: Emulator[] = [];
/** A part's secrets, which the leak check after the run looks for. */
interface LeakWatch {
  /** The name of the check's outcome. */
  readonly name: string;
  /** The secrets the part typed or pasted into the workbench. */
  readonly secrets: readonly string[];
  /** What a scan of the browser's folder found while the browser ran, when the part made one (see checkForLeaks). */
  browserScan?: { leaks: Leak[]; files: number };
  /** What one Connector.log must hold: proof that the scan read the output channel this part wrote to. */
  readonly logged: string;
}
/** What the leak check after the run needs: the run folder, the browser's folder, and each part's secrets. */
let leakCheck: { root: string; browserFolder: string; watches: LeakWatch[] } | undefined;

function log(message: string): void {
  console.log(`[e2e ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)}s] ${message}`);
}

/** Removes all but the newest `keep` run folders. */
function pruneRuns(keep: number): void {
  const runs = fs.readdirSync(runsDir).filter((name) => /^\d{4}-\d\d-\d\dT/.test(name)).sort();
  for (const name of runs.slice(0, Math.max(0, runs.length - keep))) {
    fs.rmSync(path.join(runsDir, name), { recursive: true, force: true });
  }
}

/** A folder for this run: code-server's user data, extensions, temp and XDG folders, logs, results, screenshots. */
function createRunFolder(): Record<'root' | 'workspace' | 'restrictedWorkspace' | 'results' | 'screenshots' | 'host' | 'browser', string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const root = path.join(runsDir, stamp);
  const folders = {
    root,
    workspace: path.join(root, 'workspace'),
    restrictedWorkspace: path.join(root, 'workspace-restricted'),
    results: path.join(root, 'results'),
    screenshots: path.join(root, 'screenshots'),
    host: path.join(root, 'host-extension'),
    browser: path.join(root, 'browser'),
  };
  for (const sub of ['ud', 'ud-restricted', 'ext', 'tmp', 'xdg/config', 'xdg/data', 'xdg/cache', 'results', 'screenshots', 'host-extension', 'browser', 'workspace-restricted']) {
    fs.mkdirSync(path.join(root, sub), { recursive: true });
  }
  fs.cpSync(workspaceFixture, folders.workspace, { recursive: true });
  fs.writeFileSync(path.join(root, 'config.yaml'), '');
  for (const userData of ['ud', 'ud-restricted']) {
    fs.mkdirSync(path.join(root, userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(root, userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  }
  // With the VSIX installed, the development path is an empty extension so the installed one is what runs.
  fs.writeFileSync(
    path.join(folders.host, 'package.json'),
    JSON.stringify({ name: 'connector-e2e-host', publisher: 'connector-e2e', version: '0.0.0', engines: { vscode: '^1.100.0' } }),
  );
  return folders;
}

function codeServerEnv(root: string, results: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    TMPDIR: path.join(root, 'tmp'),
    XDG_CONFIG_HOME: path.join(root, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(root, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(root, 'xdg', 'cache'),
    [resultsEnvVar]: results,
  };
}

/** code-server's arguments; `trust` leaves workspace trust on (folders open in Restricted Mode until trusted), with its own user data. */
function codeServerArgs(root: string, trust = false): string[] {
  return [
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']),
    '--ignore-last-opened',
    '--config', path.join(root, 'config.yaml'),
    '--user-data-dir', path.join(root, trust ? 'ud-restricted' : 'ud'),
    '--extensions-dir', path.join(root, 'ext'),
  ];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts code-server in its own process group and resolves once /healthz answers. */
async function startCodeServer(install: CodeServerInstall, root: string, env: NodeJS.ProcessEnv, port: number, trust = false): Promise<void> {
  const logFile = path.join(root, trust ? 'code-server-restricted.log' : 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [install.entry, '--bind-addr', `127.0.0.1:${port}`, ...codeServerArgs(root, trust)], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (child.pid !== undefined) {
    trackProcessGroup(child.pid);
  }
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code-server exited with ${code ?? signal}`;
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new Error(`${exited}\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer /healthz within 30 s\n${tail(logFile)}`);
}

function isLoopback(url: string): boolean {
  try {
    const { hostname, protocol } = new URL(url);
    return protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/**
 * Chromium with a fresh profile, in `browserFolder`: playwright makes the profile in the temp folder, and
 * chromium writes its own temp files there too.
 */
async function openBrowser(root: string, browserFolder: string): Promise<BrowserContext> {
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = browserFolder;
  try {
    // A browser server, so its process is known: playwright starts chromium detached, in a group of its own.
    const server = await chromium.launchServer({
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      timeout: 60_000,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const pid = server.process().pid;
    if (pid !== undefined) {
      trackProcessGroup(pid);
    }
    browserServer = server;
    browser = await chromium.connect(server.wsEndpoint());
  } finally {
    if (tmpdir === undefined) {
      delete process.env.TMPDIR;
    } else {
      process.env.TMPDIR = tmpdir;
    }
  }
  return newContext(root);
}

/** A browser context (its own storage: cookies, IndexedDB, secrets) whose pages reach nothing but loopback. */
async function newContext(root: string): Promise<BrowserContext> {
  if (browser === undefined) {
    throw new Error('the browser is not running');
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const blocked = path.join(root, 'blocked-requests.log');
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopback(url)) {
      await route.continue();
    } else {
      fs.appendFileSync(blocked, `${url}\n`);
      await route.abort('blockedbyclient');
    }
  });
  return context;
}

/**
 * The text of a console message. The workbench forwards the extension host's console as
 * `'%c LEVEL', 'color: …', format, ...args`; the level and styling are dropped.
 */
async function consoleText(message: ConsoleMessage): Promise<string> {
  const args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => String(arg))));
  if (args.length === 0) {
    return message.text();
  }
  let rest = args;
  if (typeof rest[0] === 'string' && rest[0].includes('%c')) {
    const styles = (rest[0].match(/%c/g) ?? []).length;
    rest = rest.slice(1 + styles);
  }
  return rest.map((arg: unknown) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
}

/** Runs the mocha suite in the extension host of one workbench page; resolves with its exit code. */
async function runSuite(
  context: BrowserContext,
  baseUrl: string,
  folders: ReturnType<typeof createRunFolder>,
  timeoutMs: number,
): Promise<void> {
  const page = await context.newPage();
  const consoleLog = path.join(folders.root, 'suite-console.log');
  let settle: (code: number | string) => void = () => undefined;
  const finished = new Promise<number | string>((resolve) => {
    settle = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  // Rendered in order: each message waits for the one before it.
  let rendering = Promise.resolve();
  page.on('console', (message) => {
    rendering = rendering.then(async () => {
      const text = await consoleText(message);
      fs.appendFileSync(consoleLog, `${text}\n`);
      if (text.includes('No extension host found that can launch the test runner')) {
        settle('no extension host could launch the test runner');
      }
    });
  });
  page.on('crash', () => settle('the workbench page crashed'));
  const remote = (file: string): string => `vscode-remote://127.0.0.1:${new URL(baseUrl).port}${file}`;
  const extensionDevelopmentPath = developmentMode ? repoRoot : folders.host;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
    ['extensionTestsPath', remote(suiteModule)],
  ];
  const url = `${baseUrl}/?folder=${encodeURIComponent(folders.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timer = setTimeout(() => settle(`the suite did not finish within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  const code = await finished;
  clearTimeout(timer);
  await page.close().catch(() => undefined);

  const results = readSuiteResults(folders.results);
  for (const test of results?.tests ?? []) {
    outcomes.push({ name: `suite: ${test.title}`, passed: test.state === 'passed', detail: test.error });
  }
  if (results === undefined || typeof code === 'string' || (code !== 0 && results.failed === 0)) {
    const reason = typeof code === 'string' ? code : results === undefined ? `exit code ${code} and no results` : `exit code ${code}`;
    outcomes.push({ name: 'suite: ran to the end', passed: false, detail: `${reason}\n${tail(consoleLog, 40)}` });
  }
}

/** Copies the screenshots that the README shows into docs/images. */
function copyScreenshots(screenshots: string): void {
  fs.mkdirSync(docsImages, { recursive: true });
  for (const name of fs.readdirSync(screenshots)) {
    if (name.endsWith('.png') && !name.startsWith('failed-')) {
      fs.copyFileSync(path.join(screenshots, name), path.join(docsImages, name));
    }
  }
  log(`copied screenshots into ${path.relative(repoRoot, docsImages)}`);
}

function report(): number {
  const passed = outcomes.filter((outcome) => outcome.passed).length;
  const failed = outcomes.length - passed;
  console.log('');
  for (const outcome of outcomes) {
    console.log(`${outcome.passed ? '  ✓' : '  ✗'} ${outcome.name}`);
    if (!outcome.passed && outcome.detail) {
      console.log(outcome.detail.replace(/^/gm, '      '));
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || outcomes.length === 0 ? 1 : 0;
}

/** Stops the browser and every process group, prints the tally and exits. */
async function finish(failure?: string): Promise<never> {
  if (finishing) {
    return new Promise<never>(() => undefined);
  }
  finishing = true;
  if (failure !== undefined) {
    outcomes.push({ name: 'end-to-end run', passed: false, detail: failure });
  }
  const closeBrowser = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await browserServer?.close().catch(() => undefined);
  };
  await Promise.race([closeBrowser(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  await stopAllProcessGroups();
  await Promise.all(emulators.map((emulator) => emulator.close().catch(() => undefined)));
  if (leakCheck !== undefined) {
    const { root, browserFolder, watches } = leakCheck;
    outcomes.push(...watches.map((watch) => checkForLeaks(root, browserFolder, watch)));
  }
  process.exit(report());
}

/**
 * After every process has stopped: no file the run wrote — code-server's user data and logs (the extension
 * host's, with the Connector output channel's Connector.log), the workspaces, the launcher's own logs and
 * results, the page consoles — holds any form of the secrets of one part of the run.
 *
 * The browser's folder is not read then: playwright deletes the Chromium profile it made there when the browser
 * closes, before this scan. A part whose secrets pass through the browser scans that folder itself while the browser
 * still runs (`watch.browserScan`), and its findings count here. The New Connector part does: the curl command's
 * token passes through the browser — the clipboard, the input box, the secret store (code-server keeps SecretStorage
 * in the browser's storage) — but all of that is memory: headless chromium keeps its clipboard in the browser process,
 * and each browser context is off the record (playwright's `newContext`), so its storage never reaches the profile on
 * disk, and finding the token there is a leak. The Send Test Request part makes no such scan: it was written taking
 * the profile for the secret store, to be left out.
 */
function checkForLeaks(root: string, browserFolder: string, watch: LeakWatch): Outcome {
  const { name } = watch;
  const after = findLeaks(root, watch.secrets, [browserFolder]);
  const leaks = [...after.leaks, ...(watch.browserScan?.leaks ?? [])];
  const connectorLogs = [...findFiles(root, 'Connector.log')];
  const logged = connectorLogs.some((file) => fs.readFileSync(file, 'utf8').includes(watch.logged));
  if (leaks.length > 0) {
    const found = leaks.map((leak) => `${path.relative(root, leak.file)}: ${leak.form}`);
    return { name, passed: false, detail: [...new Set(found)].join('\n') };
  }
  if (watch.browserScan?.files === 0) {
    return { name, passed: false, detail: `the browser's folder ${path.relative(root, browserFolder)} held no file while the browser ran: the scan would not have seen its profile` };
  }
  if (!logged) {
    return { name, passed: false, detail: `no Connector.log holds "${watch.logged}" among the ${after.files} files read: the check would not have seen the output channel` };
  }
  const browser = watch.browserScan === undefined ? '' : ` after the run and ${watch.browserScan.files} in the running browser's folder`;
  log(`leak check: read ${after.files} files (${connectorLogs.length} Connector.log)${browser}, found no form of ${watch.secrets.length === 1 ? 'the token' : `the ${watch.secrets.length} tokens`}`);
  return { name, passed: true };
}

function* findFiles(folder: string, name: string): Generator<string> {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === name) {
      yield path.join(entry.parentPath, entry.name);
    }
  }
}

/** A Shopify token no one else has: random, so that finding it anywhere after the run is a leak. */
function randomShopifyToken(): string {
  return `shpat_${randomBytes(16).toString('hex')}`;
}

/**
 * Send Test Request in the workbench against a Shopify emulator on loopback (and a second server on another
 * port, for the origin modal); then Restricted Mode in a second code-server with workspace trust on.
 */
async function checkSendTestRequest(
  install: CodeServerInstall,
  context: BrowserContext,
  env: NodeJS.ProcessEnv,
  folders: ReturnType<typeof createRunFolder>,
  baseUrl: string,
  developmentPath: string | undefined,
): Promise<void> {
  const shop = await startEmulator('shopify', { token: randomShopifyToken() });
  const other = await startEmulator('shopify', { token: randomShopifyToken() });
  emulators.push(shop, other);
  const wrongToken = randomShopifyToken();
  leakCheck?.watches.push({
    name: 'after the run: no file the run wrote holds the token (raw, URL-encoded, base64, …)',
    secrets: [shop.token, wrongToken],
    logged: '→ Operational',
  });
  const connector = pointAtEmulator(fs.readFileSync(shopifyExample, 'utf8'), shop.origin);
  fs.writeFileSync(path.join(folders.workspace, sendFile), connector);
  fs.writeFileSync(path.join(folders.restrictedWorkspace, sendFile), connector);

  log(`checking Send Test Request against the Shopify emulator at ${shop.origin}`);
  outcomes.push(...(await runSendChecks(context, { baseUrl, workspace: folders.workspace, screenshots: folders.screenshots, developmentPath, shop, other, wrongToken, log })));

  const port = await freePort();
  await startCodeServer(install, folders.root, env, port, true);
  const restrictedUrl = `http://127.0.0.1:${port}`;
  log(`checking Restricted Mode in a second code-server, with workspace trust on, at ${restrictedUrl}`);
  const restrictedDevelopmentPath = developmentPath === undefined ? undefined : `vscode-remote://127.0.0.1:${port}${repoRoot}`;
  outcomes.push(
    ...(await runRestrictedChecks(await newContext(folders.root), {
      baseUrl: restrictedUrl,
      workspace: folders.restrictedWorkspace,
      screenshots: folders.screenshots,
      developmentPath: restrictedDevelopmentPath,
      shop,
    })),
  );
}

/**
 * The New Connector commands in a browser context of their own (its own, empty, secret store), with a HubSpot
 * private app token no one else has in the curl command the clipboard holds.
 */
async function checkAuthoring(folders: ReturnType<typeof createRunFolder>, baseUrl: string, developmentPath: string | undefined): Promise<void> {
  const curlToken = `pat-na1-${randomUUID()}`;
  const watch: LeakWatch = {
    name: 'after the run: no file the run wrote, nor the running browser\'s profile, holds the curl command\'s token (raw, URL-encoded, base64, …)',
    secrets: [curlToken],
    logged: 'Stored token of HubSpot account · Default, bound to https://api.hubapi.com.',
  };
  leakCheck?.watches.push(watch);
  log('checking the New Connector commands');
  const context = await newContext(folders.root);
  outcomes.push(...(await runAuthoringChecks(context, { baseUrl, workspace: folders.workspace, screenshots: folders.screenshots, developmentPath, openApiFolder, curlToken, log })));
  await context.close().catch(() => undefined);
  // The browser still runs: its profile is on disk (see checkForLeaks).
  watch.browserScan = findLeaks(folders.browser, [curlToken], []);
}

async function main(): Promise<void> {
  if (only !== undefined && !parts.includes(only)) {
    throw new Error(`CONNECTOR_E2E_ONLY=${only}: expected one of ${parts.join(', ')}`);
  }
  fs.mkdirSync(toolsDir, { recursive: true });
  fs.mkdirSync(runsDir, { recursive: true });
  if (!fs.existsSync(suiteModule)) {
    throw new Error(`${path.relative(repoRoot, suiteModule)} is missing: run "npm run build" first`);
  }
  await ensureDebianPackages(path.join(toolsDir, 'apt.log'));
  const install = await ensureCodeServer(toolsDir);

  const runStartedAt = Date.now();
  pruneRuns(4);
  const folders = createRunFolder();
  log(`run folder ${path.relative(repoRoot, folders.root)}`);
  leakCheck = { root: folders.root, browserFolder: folders.browser, watches: [] };
  setTimeout(() => void finish(`the run did not finish within ${runTimeoutMs / 1000} s`), runTimeoutMs).unref();
  const env = codeServerEnv(folders.root, folders.results);
  const setupLog = path.join(folders.root, 'setup.log');

  if (!developmentMode) {
    // The VSIX exactly as `npm run package` builds it for release.
    await runLogged('npm', ['run', 'package'], { cwd: repoRoot, env: process.env, logFile: setupLog, timeoutMs: 180_000 });
    const vsix = path.join(folders.root, vsixName);
    fs.copyFileSync(path.join(repoRoot, vsixName), vsix);
    await runLogged(process.execPath, [install.entry, ...codeServerArgs(folders.root), '--install-extension', vsix], {
      cwd: folders.root,
      env,
      logFile: setupLog,
      timeoutMs: 120_000,
    });
    log(`packaged and installed ${path.basename(vsix)}`);
  }

  const port = await freePort();
  await startCodeServer(install, folders.root, env, port);
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`code-server ${baseUrl}`);
  const context = await openBrowser(folders.root, folders.browser);

  if (runs.suite) {
    log('running the suite in the extension host');
    await runSuite(context, baseUrl, folders, Math.max(30_000, runTimeoutMs - (Date.now() - runStartedAt) - 60_000));
  }
  const developmentPath = developmentMode ? `vscode-remote://127.0.0.1:${port}${repoRoot}` : undefined;
  if (runs.workbench) {
    log('checking the workbench UI');
    outcomes.push(...(await runUiChecks(context, baseUrl, folders.workspace, folders.screenshots, developmentPath)));
  }
  if (runs.authoring) {
    await checkAuthoring(folders, baseUrl, developmentPath);
  }
  if (runs.send) {
    await checkSendTestRequest(install, context, env, folders, baseUrl, developmentPath);
  }
  if (updateImages && outcomes.every((outcome) => outcome.passed)) {
    copyScreenshots(folders.screenshots);
  }
  log(`screenshots in ${path.relative(repoRoot, folders.screenshots)}`);
  await finish();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void finish(`interrupted by ${signal}`));
}
main().catch((error: unknown) => finish(error instanceof Error ? error.stack ?? error.message : String(error)));
