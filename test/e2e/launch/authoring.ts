/**
 * The ways to start a connector (issue 8), driven through the real UI: the palette lists the New Connector commands
 * and File → New File… offers New Connector…; New Connector… with a preset and a typed name creates the file in the
 * workspace folder, opens it, and it lints clean; New Connector from curl… with a documentation-style curl command
 * holding a literal token in the browser's clipboard prefills its input box, creates a connector whose token is a
 * secret placeholder (the literal is in no file), and stores the literal in SecretStorage, bound to the URL's origin,
 * when the user says Store; New Connector from OpenAPI… fetches a description split over several files from a URL on
 * loopback. Every created file lints clean. Screenshots: new-connector-commands.png (the palette),
 * new-connector.png (the preset pick), new-connector-curl.png (the file from curl beside its stored secret).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { BrowserContext, Locator } from 'playwright-core';
import { secretForms } from './leaks';
import { answerDialog } from './send';
import { animationsFinished, createChecks, runCommand, type Outcome } from './ui';

/** What the authoring checks need. */
export interface AuthoringSetup {
  readonly baseUrl: string;
  readonly workspace: string;
  readonly screenshots: string;
  /** The development folder as a `vscode-remote:` URI, when the run loads it instead of the VSIX. */
  readonly developmentPath?: string;
  /** A Swagger 2.0 description split over several files (test/fixtures/openapi/petstore-separate), served on loopback. */
  readonly openApiFolder: string;
  /** The literal token in the curl command: it must reach SecretStorage and no file. */
  readonly curlToken: string;
  /** Writes a line to the run log. */
  log(message: string): void;
}

/** The presets New Connector… offers: the schema's token auth method snippets. */
const presetLabels = [
  'Bearer token in the Authorization header',
  'API key in a header',
  'API key in a URL parameter',
  'Shopify Admin API access token',
  'Airtable personal access token',
  'HubSpot private app token',
  'EVA (New Black) API key',
  'Odoo (19+) API key, JSON-2',
];
const commandLabels = ['Connector: New Connector…', 'Connector: New Connector from curl…', 'Connector: New Connector from OpenAPI…'];

const presetName = 'Acme Shop';
const presetFile = 'acme-shop.connector.json';
const curlName = 'HubSpot account';
const curlFile = 'hubspot-account.connector.json';
const curlUrl = 'https://api.hubapi.com/account-info/2026-03/details';
const curlOrigin = 'https://api.hubapi.com';

/** A curl command as HubSpot's API reference shows it, over three lines, with the user's private app token pasted in. */
export function hubspotCurlCommand(token: string): string {
  return `curl --request GET \\\n  --url ${curlUrl} \\\n  --header 'authorization: Bearer ${token}'`;
}

const openApiName = 'Swagger Petstore';
const openApiFile = 'swagger-petstore.connector.json';

/** Serves a folder's files over http on loopback, as a web server serves an API description and the files it refers to. */
async function serveFolder(folder: string): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    const file = path.join(folder, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(folder + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/yaml' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The workbench on a folder, no file open. */
function workbenchUrl(baseUrl: string, folder: string, developmentPath?: string): string {
  const payload = developmentPath === undefined ? [] : [['extensionDevelopmentPath', developmentPath]];
  return `${baseUrl}/?folder=${encodeURIComponent(folder)}${payload.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
}

interface AuthMethodFile {
  id: string;
  url: string;
  variables?: { key: string; secret?: boolean; required?: boolean }[];
  headers?: { key: string; value: string }[];
}
interface ConnectorFile {
  name: string;
  authentication: AuthMethodFile[];
  endpoints: { url: string; method: string; authentication?: string[] }[];
}

/** A connector file in the workspace folder, read from disk: its text and its JSON. */
function readConnector(workspace: string, file: string): { text: string; json: ConnectorFile } {
  const full = path.join(workspace, file);
  if (!fs.existsSync(full)) throw new Error(`${file} is not in the workspace folder ${workspace}`);
  const text = fs.readFileSync(full, 'utf8');
  return { text, json: JSON.parse(text) as ConnectorFile };
}

/** Runs the authoring checks on a new page of the workbench (a browser context of their own); returns their outcomes. */
export async function runAuthoringChecks(context: BrowserContext, setup: AuthoringSetup): Promise<Outcome[]> {
  const { screenshots, workspace } = setup;
  const page = await context.newPage();
  // Taller than the other checks' window: the preset pick then shows every preset without a scroll bar.
  await page.setViewportSize({ width: 1280, height: 960 });
  const { outcomes, check, skip } = createChecks(page, screenshots, 'authoring');
  // The page's console (with the extension host's) goes to a file, which the leak check reads too.
  page.on('console', (message) => fs.appendFileSync(path.join(path.dirname(screenshots), 'authoring-console.log'), `${message.text()}\n`));
  const quickInput = page.locator('.quick-input-widget');
  const quickInputBox = quickInput.locator('.quick-input-box input');
  const tab = (file: string): Locator => page.locator('.tabs-container .tab', { hasText: file });
  /** The editor (one group) once it shows `text`: rendered lines are those in view. */
  const editorShowing = (text: string): Locator => page.locator('.part.editor .editor-instance .monaco-editor', { has: page.locator('.view-lines', { hasText: text }) }).first();
  const activeEditor = page.locator('.part.editor .editor-instance .monaco-editor').first();
  const toast = (text: string): Locator => page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const problemsRow = (file: string): Locator => page.locator('.markers-panel .monaco-list-row', { hasText: file }).first();
  /** A screenshot for the README with the mouse parked on the activity bar: the whole window, or its top `height` pixels. */
  const picture = async (name: string, height?: number): Promise<void> => {
    await page.mouse.move(24, 450);
    await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
    const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
    await page.screenshot({ path: path.join(screenshots, name), clip: height === undefined ? undefined : { x: 0, y: 0, width: viewport.width, height } });
  };
  /** The quick input that is open, once its title reads `title`. */
  const quickInputTitled = async (title: string): Promise<void> => {
    await quickInput.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 15_000 });
  };
  /** Replaces the name an input box suggests (checking the suggestion) and accepts it. */
  const answerName = async (title: string, suggested: string, name: string): Promise<void> => {
    await quickInput.locator('.quick-input-title', { hasText: new RegExp(`^${title}$`) }).waitFor({ state: 'visible', timeout: 15_000 });
    const value = await quickInputBox.inputValue();
    if (value !== suggested) throw new Error(`the name box suggests "${value}", not "${suggested}"`);
    await quickInputBox.fill(name);
    await page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden', timeout: 15_000 });
  };
  /**
   * The file's editor lints clean. Absence needs a positive control: a typed `x` before the first brace makes the
   * Problems panel list the file (the language server lints this very document), and undo makes the file's row go
   * away again — the exact text that was created has no error, no warning and no info. The editor is then not dirty.
   */
  const lintsClean = async (file: string): Promise<void> => {
    await tab(file).click();
    await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: 10_000 });
    if (!(await page.locator('.markers-panel').isVisible())) {
      await activeEditor.locator('.view-lines').click({ position: { x: 200, y: 5 } });
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
    }
    await activeEditor.locator('.view-lines').click({ position: { x: 200, y: 5 } });
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('x');
    await problemsRow(file).waitFor({ state: 'visible', timeout: 60_000 });
    await page.keyboard.press('Control+Z');
    await problemsRow(file).waitFor({ state: 'hidden', timeout: 30_000 });
    await page.locator('.tabs-container .tab.dirty', { hasText: file }).waitFor({ state: 'detached', timeout: 10_000 });
  };

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: setup.baseUrl });
  const opened = await check('the workbench opens the workspace folder with no file open', async () => {
    await page.goto(workbenchUrl(setup.baseUrl, workspace, setup.developmentPath), { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'broken.connector.json' }).first().waitFor({ timeout: 60_000 });
  });
  if (!opened) {
    await page.close();
    return outcomes;
  }

  await check('the command palette lists the three New Connector commands', async () => {
    await page.keyboard.press('F1');
    await quickInputBox.waitFor({ state: 'visible', timeout: 10_000 });
    await quickInputBox.fill('>Connector: New Connector');
    for (const label of commandLabels) {
      await quickInput.locator('.monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
    }
    await animationsFinished(quickInput);
    await picture('new-connector-commands.png', 128);
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  await check('File → New File… in the application menu offers New Connector…', async () => {
    await page.locator('.menubar .menubar-menu-button').first().click();
    await page.locator('.monaco-menu .action-label', { hasText: /^File$/ }).first().click();
    // A click as the submenu opens can be lost: the item takes the focus on hover, and Enter runs it.
    await page.locator('.monaco-menu .action-label', { hasText: /^New File(\.\.\.|…)$/ }).first().hover();
    await page.locator('.monaco-menu .action-item.focused', { hasText: /New File(\.\.\.|…)/ }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await quickInput.locator('.monaco-list-row', { hasText: 'New Connector…' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Escape');
    await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  });

  const presetEditor = editorShowing(presetName);
  const created = await check(`New Connector… with the Shopify preset and the name "${presetName}" opens ${presetFile}, written in the workspace folder`, async () => {
    await runCommand(page, commandLabels[0]);
    await quickInputTitled('New Connector');
    for (const label of presetLabels) {
      await quickInput.locator('.monaco-list-row', { hasText: label }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
    const placeholder = await quickInputBox.getAttribute('placeholder');
    if (placeholder !== 'How does the API take its token?') throw new Error(`the preset pick's placeholder reads "${placeholder}"`);
    await animationsFinished(quickInput);
    await picture('new-connector.png', 440);
    await quickInputBox.fill('Shopify');
    await quickInput.locator('.monaco-list-row.focused', { hasText: 'Shopify Admin API access token' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await answerName('New Connector: name', 'Shopify', presetName);
    await tab(presetFile).waitFor({ timeout: 15_000 });
    await presetEditor.waitFor({ timeout: 15_000 });
    const { json } = readConnector(workspace, presetFile);
    const method = json.authentication[0];
    const problems: string[] = [];
    if (json.name !== presetName) problems.push(`its name is "${json.name}"`);
    if (json.authentication.length !== 1 || method.id !== 'admin-token') problems.push(`its auth methods are ${JSON.stringify(json.authentication.map((m) => m.id))}`);
    if (!method.url.startsWith('https://{{store_name}}.myshopify.com/admin/api/{{api_version}}/')) problems.push(`its check URL is ${method.url}`);
    if (!method.headers?.some((header) => header.key === 'X-Shopify-Access-Token' && header.value === '{{token}}')) problems.push('it has no X-Shopify-Access-Token: {{token}} header');
    if (!method.variables?.some((variable) => variable.key === 'token' && variable.secret === true)) problems.push('its token variable is not secret');
    if (json.endpoints.length !== 0) problems.push(`it has ${json.endpoints.length} endpoints`);
    if (problems.length > 0) throw new Error(`${presetFile}: ${problems.join('; ')}`);
  });
  if (created) {
    await check(`${presetFile} lints clean: the Problems panel lists it after a typed x and not once it is undone`, () => lintsClean(presetFile));
  } else {
    skip(`${presetFile} lints clean`, 'New Connector… did not create the file');
  }

  // New Connector from curl…: the command as HubSpot's documentation shows it, with a literal token, in the clipboard.
  const command = hubspotCurlCommand(setup.curlToken);
  const curlEditor = editorShowing('Bearer {{token}}');
  const curlNames = {
    prefilled: 'New Connector from curl… prefills its input box with the curl command from the clipboard, on one line',
    created: `a name and Store create ${curlFile} with Bearer {{token}} and no form of the literal token, and store the token`,
    clean: `${curlFile} lints clean: the Problems panel lists it after a typed x and not once it is undone`,
    output: `the Connector output says the token was stored for ${curlName} · Default, bound to ${curlOrigin}`,
    manage: `Manage Stored Secrets lists ${curlName} · Default · token · token, bound to ${curlOrigin}`,
  };
  const prefilled = await check(curlNames.prefilled, async () => {
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(command)})`);
    await runCommand(page, commandLabels[1]);
    await quickInputTitled('New Connector from curl');
    // The command reads the clipboard before it shows the box; a box left empty is reported below, with what it holds.
    await page.waitForFunction(`(document.querySelector('.quick-input-widget .quick-input-box input') || {}).value`, undefined, { timeout: 10_000 }).catch(() => undefined);
    const value = await quickInputBox.inputValue();
    const expected = command.replace(/\s*\\\n\s*/g, ' ');
    if (value.replace(/\s+/g, ' ') !== expected) throw new Error(`the box holds ${value === '' ? 'nothing' : `"${value.replace(setup.curlToken, '<the token>')}"`}`);
  });
  const stored = prefilled && (await check(curlNames.created, async () => {
    await page.keyboard.press('Enter');
    await answerName('New Connector from curl: name', 'HubSpot', curlName);
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    const text = await dialog.innerText();
    for (const expected of ['Store the token from the command in VS Code\'s secret storage?', 'It is not written to the file.', `${curlName} · Default`, `sent only to ${curlOrigin}`]) {
      if (!text.includes(expected)) throw new Error(`the offer does not say "${expected}": "${text.replace(/\n/g, ' ')}"`);
    }
    if (text.includes(setup.curlToken)) throw new Error('the offer shows the token');
    await tab(curlFile).waitFor({ timeout: 15_000 });
    await curlEditor.waitFor({ timeout: 15_000 });
    await answerDialog(page, 'Store');
    await toast(`Connector: created ${curlName} with 1 endpoint.`).waitFor({ timeout: 15_000 });
    const { text: file, json } = readConnector(workspace, curlFile);
    for (const [form, bytes] of secretForms(setup.curlToken)) {
      if (file.includes(bytes.toString('utf8'))) throw new Error(`${curlFile} holds the token (${form})`);
    }
    const method = json.authentication[0];
    const problems: string[] = [];
    if (json.name !== curlName) problems.push(`its name is "${json.name}"`);
    if (json.authentication.length !== 1 || method.url !== curlUrl) problems.push(`its check request is ${JSON.stringify(json.authentication.map((m) => m.url))}`);
    if (!method.headers?.some((header) => header.key.toLowerCase() === 'authorization' && header.value === 'Bearer {{token}}')) problems.push(`its headers are ${JSON.stringify(method.headers)}`);
    if (!method.variables?.some((variable) => variable.key === 'token' && variable.secret === true)) problems.push('it has no secret variable token');
    if (json.endpoints.length !== 1 || json.endpoints[0].url !== curlUrl || json.endpoints[0].method !== 'GET') problems.push(`its endpoints are ${JSON.stringify(json.endpoints)}`);
    if (problems.length > 0) throw new Error(`${curlFile}: ${problems.join('; ')}`);
  }, true));
  if (stored) {
    await check(curlNames.clean, () => lintsClean(curlFile));
    await check(curlNames.output, async () => {
      await runCommand(page, 'Connector: Show Output');
      await page
        .locator('.part.panel .monaco-editor .view-lines', { hasText: `Stored token of ${curlName} · Default, bound to ${curlOrigin}.` })
        .waitFor({ timeout: 15_000 });
    });
    await check(curlNames.manage, async () => {
      await runCommand(page, 'Connector: Manage Stored Secrets');
      const row = quickInput.locator('.monaco-list-row', { hasText: `${curlName} · Default · token · token` }).first();
      await row.waitFor({ timeout: 15_000 });
      const text = await row.innerText();
      if (!text.includes(`bound to ${curlOrigin}`)) throw new Error(`the row reads "${text.replace(/\n/g, ' ')}"`);
      // The picture: the new file with its placeholder, and the token kept in secret storage, bound to the origin.
      await curlEditor.waitFor({ state: 'visible', timeout: 10_000 });
      await animationsFinished(quickInput);
      await picture('new-connector-curl.png');
      await page.keyboard.press('Escape');
    });
  } else {
    for (const name of [curlNames.created, curlNames.clean, curlNames.output, curlNames.manage].slice(prefilled ? 1 : 0)) {
      skip(name, prefilled ? 'the connector from curl was not created' : 'the curl input box was not prefilled');
    }
  }

  // The token leaves the clipboard: later checks copy editor text through it, and nothing after this needs it.
  await page.evaluate('navigator.clipboard.writeText("")').catch(() => undefined);

  // New Connector from OpenAPI…, from a URL: a description whose $refs point at other files on the same server.
  const described = await serveFolder(setup.openApiFolder);
  const openApiNames = {
    created: `New Connector from OpenAPI… from a URL (Swagger 2.0 over several files), with a bearer token, opens ${openApiFile} with its 4 operations`,
    clean: `${openApiFile} lints clean: the Problems panel lists it after a typed x and not once it is undone`,
  };
  const imported = await check(openApiNames.created, async () => {
    await runCommand(page, commandLabels[2]);
    await quickInputTitled('New Connector from OpenAPI');
    await quickInput.locator('.monaco-list-row', { hasText: 'From a URL…' }).first().click({ timeout: 10_000 });
    await quickInput.locator('.quick-input-message', { hasText: 'The URL of an OpenAPI 3.x or Swagger 2.0 description' }).waitFor({ timeout: 10_000 });
    await quickInputBox.fill(`${described.origin}/spec/swagger.yaml`);
    await page.keyboard.press('Enter');
    // No security scheme: the user chooses how the API takes its token.
    await quickInput.locator('.monaco-list-row.focused', { hasText: 'Bearer token' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await answerName('New Connector from OpenAPI: name', openApiName, openApiName);
    await tab(openApiFile).waitFor({ timeout: 15_000 });
    await editorShowing(openApiName).waitFor({ timeout: 15_000 });
    await toast(`Connector: created ${openApiName} with 4 endpoints. See the Connector output for notes.`).waitFor({ timeout: 15_000 });
    const fetched = ['/spec/swagger.yaml', '/spec/Pet.yaml', '/spec/NewPet.yaml', '/spec/parameters.yaml', '/common/Error.yaml'].filter((file) => !described.requests.includes(file));
    if (fetched.length > 0) throw new Error(`the server was not asked for ${fetched.join(', ')} (it was asked for ${described.requests.join(', ')})`);
    const { json } = readConnector(workspace, openApiFile);
    const method = json.authentication[0];
    const problems: string[] = [];
    if (json.authentication.length !== 1 || !method.headers?.some((header) => header.key === 'Authorization' && header.value === 'Bearer {{token}}')) problems.push(`its auth methods are ${JSON.stringify(json.authentication)}`);
    if (!method.variables?.some((variable) => variable.key === 'token' && variable.secret === true)) problems.push('it has no secret variable token');
    const endpoints = json.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.url}`);
    if (json.endpoints.length !== 4 || !endpoints.every((endpoint) => endpoint.includes(' https://petstore.swagger.io/api/pets'))) problems.push(`its endpoints are ${JSON.stringify(endpoints)}`);
    if (problems.length > 0) throw new Error(`${openApiFile}: ${problems.join('; ')}`);
  }).finally(() => described.close());
  if (imported) {
    await check(openApiNames.clean, () => lintsClean(openApiFile));
  } else {
    skip(openApiNames.clean, 'New Connector from OpenAPI… did not create the file');
  }

  await page.close();
  return outcomes;
}
