/**
 * The three ways to start a connector in VS Code: New Connector… (a preset of the schema), New Connector from curl…
 * and New Connector from OpenAPI…. Each creates `<name>.connector.json` in the workspace folder (an untitled connector
 * document when no folder is open) and opens it. The importers themselves are pure and loaded on demand.
 */
import * as vscode from 'vscode';
import type { ConnectorJson, ImportedSecret } from '../importers';
import { checkConnectorName, connectorFileName, connectorPresets, presetConnectorText, type ConnectorPreset } from '../importers/presets';
import type { InstanceStore } from '../instances/instanceStore';
import { requestSettings } from '../config';
import { createTransport, originOf } from '../request';
import type { SecretStore } from '../secrets/secretStore';
import { UserError } from '../requests/testRequests';

/** What the New Connector commands use. */
export interface AuthoringContext {
  readonly extension: vscode.ExtensionContext;
  readonly outputChannel: vscode.LogOutputChannel;
  readonly secrets: SecretStore;
  readonly instances: InstanceStore;
}

/** The importers' module, loaded by the commands that import (dist/importers.js in the bundle). */
function importers(): Promise<typeof import('../importers')> {
  return import('../importers/index.js');
}

async function readSchema(context: AuthoringContext): Promise<unknown> {
  const file = vscode.Uri.file(context.extension.asAbsolutePath('schemas/connector.schema.json'));
  return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as unknown;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Where new connectors go: the workspace folder (asked when there are several), undefined for an untitled document, null when cancelled. */
async function targetFolder(): Promise<vscode.Uri | undefined | null> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return undefined;
  if (folders.length === 1) return folders[0].uri;
  const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder to create the connector file in' });
  return folder ? folder.uri : null;
}

/** Asks for the connector's name; the file it gives must not exist yet. Undefined when cancelled. */
async function askName(title: string, suggested: string, folder: vscode.Uri | undefined): Promise<string | undefined> {
  const name = await vscode.window.showInputBox({
    title,
    prompt: folder ? 'The connector\'s name, as the connector builder shows it. The file is named after it.' : 'The connector\'s name, as the connector builder shows it.',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: async (text) => {
      const problem = checkConnectorName(text);
      if (problem) return problem;
      if (folder && (await exists(vscode.Uri.joinPath(folder, connectorFileName(text))))) return `${connectorFileName(text)} exists in this folder: choose another name.`;
      return undefined;
    },
  });
  return name?.trim();
}

/** Writes the connector file (or opens an untitled connector document) and shows it. */
async function createConnector(text: string, name: string, folder: vscode.Uri | undefined): Promise<vscode.TextDocument> {
  let document: vscode.TextDocument;
  if (folder) {
    const uri = vscode.Uri.joinPath(folder, connectorFileName(name));
    if (await exists(uri)) throw new UserError(`${connectorFileName(name)} exists: choose another name.`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    document = await vscode.workspace.openTextDocument(uri);
  } else {
    document = await vscode.workspace.openTextDocument({ language: 'connector', content: text });
  }
  await vscode.window.showTextDocument(document);
  return document;
}

/** The name a preset suggests: the provider's, or a generic one. */
function suggestedName(preset: ConnectorPreset): string {
  return /^(Shopify|Airtable|HubSpot|EVA|Odoo)\b/.exec(preset.label)?.[1] ?? 'My API';
}

/** Connector: New Connector…: a preset (the schema's auth method snippets), a name, the file. */
export async function newConnector(context: AuthoringContext): Promise<vscode.TextDocument | undefined> {
  const presets = connectorPresets(await readSchema(context));
  // The snippet descriptions are Markdown; a quick pick shows text, so their backticks go.
  const picked = await vscode.window.showQuickPick(presets.map((preset) => ({ label: preset.label, detail: preset.description.replace(/`/g, ''), preset })), {
    title: 'New Connector',
    placeHolder: 'How does the API take its token?',
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  const folder = await targetFolder();
  if (folder === null) return undefined;
  const name = await askName('New Connector: name', suggestedName(picked.preset), folder);
  if (name === undefined) return undefined;
  const document = await createConnector(presetConnectorText(picked.preset, name), name, folder);
  context.outputChannel.info(`New connector ${name} from the preset "${picked.preset.label}".`);
  return document;
}

/** Notes and skipped operations go to the output channel; one notification sums them up. */
function report(context: AuthoringContext, name: string, connector: ConnectorJson, lines: readonly string[], skipped = 0): void {
  for (const line of lines) context.outputChannel.info(`${name}: ${line}`);
  const endpoints = connector.endpoints.length;
  const summary = `Connector: created ${name} with ${endpoints} endpoint${endpoints === 1 ? '' : 's'}${skipped > 0 ? `; ${skipped} operation${skipped === 1 ? ' was' : 's were'} left out` : ''}.`;
  if (lines.length === 0) {
    void vscode.window.showInformationMessage(summary);
    return;
  }
  void vscode.window.showInformationMessage(`${summary} See the Connector output for notes.`, 'Show Output').then((choice) => {
    if (choice) context.outputChannel.show(true);
  });
}

/** The origin a connector's auth method sends to, when its URL has none of its host in placeholders. */
function fixedOrigin(url: string | undefined): string | undefined {
  if (!url || /^[a-z]+:\/\/[^/?#]*\{\{/i.test(url)) return undefined;
  return originOf(url);
}

/** Offers to keep the literal tokens of a curl command in SecretStorage, for the connector's active instance, bound to the URL's origin. */
async function offerToStore(context: AuthoringContext, connector: ConnectorJson, secrets: readonly ImportedSecret[]): Promise<void> {
  const literals = secrets.filter((secret) => secret.literal !== undefined);
  if (literals.length === 0) return;
  const what = literals.length === 1 ? 'The token from the command' : `The ${literals.length} secrets from the command`;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`Connector: ${what} ${literals.length === 1 ? 'was' : 'were'} not stored: secrets are off in Restricted Mode. Trust the folder, then use Set Secret….`);
    return;
  }
  const method = connector.authentication.find((m) => m.id === literals[0].method);
  const origin = fixedOrigin(method?.url);
  if (!origin) {
    void vscode.window.showInformationMessage(`Connector: ${what} ${literals.length === 1 ? 'is' : 'are'} not in the file. Its host has a placeholder, so Send Test Request will ask for ${literals.length === 1 ? 'it' : 'them'}.`);
    return;
  }
  const instance = context.instances.active(connector.name);
  const choice = await vscode.window.showInformationMessage(
    `Store ${what.charAt(0).toLowerCase() + what.slice(1)} in VS Code's secret storage?`,
    { modal: true, detail: `It is not written to the file. It would be kept for ${connector.name} · ${instance} and sent only to ${origin}; Send Test Request uses it.` },
    'Store',
  );
  if (choice !== 'Store') return;
  for (const secret of literals) {
    await context.secrets.store({ connector: connector.name, instance, method: secret.method, variable: secret.key }, secret.literal!, origin);
  }
  context.outputChannel.info(`Stored ${literals.map((s) => s.key).join(', ')} of ${connector.name} · ${instance}, bound to ${origin}.`);
}

/** Connector: New Connector from curl…: a command (prefilled from the clipboard), a name, the file; literal tokens offered to SecretStorage. */
export async function newConnectorFromCurl(context: AuthoringContext): Promise<vscode.TextDocument | undefined> {
  const { importCurl, singleLineCommand, connectorText, ImportError } = await importers();
  const clipboard = await vscode.env.clipboard.readText();
  const prefill = clipboard.length < 100_000 && /^\s*(?:\$\s+)?curl(?:\.exe)?\s/i.test(clipboard) ? singleLineCommand(clipboard) : '';
  const check = (text: string): string | undefined => {
    if (text.trim() === '') return 'Paste a curl command, as API documentation shows it.';
    try {
      importCurl(text);
      return undefined;
    } catch (error) {
      return error instanceof ImportError ? error.message : 'This command cannot be imported.';
    }
  };
  const command = await vscode.window.showInputBox({
    title: 'New Connector from curl',
    prompt: 'A curl command from the API\'s documentation or your terminal. A token in it is never written to the file.',
    placeHolder: 'curl https://api.example.com/v1/me -H "Authorization: Bearer YOUR_TOKEN"',
    value: prefill,
    ignoreFocusOut: true,
    validateInput: check,
  });
  if (command === undefined) return undefined;
  const problem = check(command);
  if (problem) throw new UserError(problem);
  const folder = await targetFolder();
  if (folder === null) return undefined;
  const suggested = importCurl(command).connector.name;
  const name = await askName('New Connector from curl: name', suggested, folder);
  if (name === undefined) return undefined;
  const result = importCurl(command, { name });
  const document = await createConnector(connectorText(result.connector), name, folder);
  report(context, name, result.connector, result.notes);
  await offerToStore(context, result.connector, result.secrets);
  return document;
}

/** Fetches a description by URL with the test requests' proxy and TLS settings and a size limit. */
async function fetchByUrl(url: string): Promise<string> {
  const { fetchDescription, maxDescriptionBytes } = await importers();
  const settings = requestSettings();
  const transport = await createTransport(settings.transport);
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Connector: fetching the API description…', cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await fetchDescription(url, { transport, maxBytes: maxDescriptionBytes, timeoutMs: Math.max(settings.timeoutMs, 60_000), maxRedirects: settings.maxRedirects, signal: controller.signal });
      } finally {
        subscription.dispose();
      }
    });
  } finally {
    await transport.close();
  }
}

/** Where the description is: a file (open dialog) or a URL (input box); undefined when cancelled. */
async function pickDescription(): Promise<{ location: string; url?: string; uri?: vscode.Uri } | undefined> {
  const { checkDescriptionUrl } = await importers();
  const source = await vscode.window.showQuickPick([
    { label: '$(file) From a file…', detail: 'An OpenAPI 3.x or Swagger 2.0 description, JSON or YAML', from: 'file' as const },
    { label: '$(globe) From a URL…', detail: 'Fetched over http(s), without credentials', from: 'url' as const },
  ], { title: 'New Connector from OpenAPI', placeHolder: 'Where is the API description?' });
  if (!source) return undefined;
  if (source.from === 'file') {
    const [uri] = await vscode.window.showOpenDialog({
      title: 'New Connector from OpenAPI',
      openLabel: 'Import',
      canSelectMany: false,
      filters: { 'OpenAPI or Swagger': ['json', 'yaml', 'yml'], 'All files': ['*'] },
    }) ?? [];
    return uri ? { location: uri.scheme === 'file' ? uri.fsPath : uri.toString(), uri } : undefined;
  }
  const url = await vscode.window.showInputBox({
    title: 'New Connector from OpenAPI',
    prompt: 'The URL of an OpenAPI 3.x or Swagger 2.0 description (JSON or YAML).',
    placeHolder: 'https://api.example.com/openapi.json',
    ignoreFocusOut: true,
    validateInput: checkDescriptionUrl,
  });
  return url === undefined ? undefined : { location: url.trim(), url: url.trim() };
}

/** Asks how a description without security schemes takes its token; undefined when cancelled. */
async function askFallbackAuth(): Promise<import('../importers').FallbackAuth | undefined> {
  const choice = await vscode.window.showQuickPick([
    { label: 'Bearer token', detail: 'Authorization: Bearer {{token}}', scheme: 'bearer' as const },
    { label: 'API key in a header…', detail: 'For example X-API-Key: {{api_key}}', scheme: 'header' as const },
    { label: 'API key in a URL parameter…', detail: 'For example ?api_key={{api_key}} (servers log query strings: prefer a header)', scheme: 'query' as const },
  ], { title: 'New Connector from OpenAPI', placeHolder: 'The description declares no security scheme: how does the API take its token?' });
  if (!choice) return undefined;
  if (choice.scheme === 'bearer') return { kind: 'bearer' };
  const name = await vscode.window.showInputBox({
    title: 'New Connector from OpenAPI',
    prompt: choice.scheme === 'header' ? 'The header that carries the API key.' : 'The URL parameter that carries the API key.',
    value: choice.scheme === 'header' ? 'X-API-Key' : 'api_key',
    validateInput: (text) => ((choice.scheme === 'header' ? /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/ : /^[^\s&=#]+$/).test(text) ? undefined : 'Enter a name without spaces.'),
  });
  return name === undefined ? undefined : { kind: choice.scheme, name };
}

/** Connector: New Connector from OpenAPI…: a file or a URL, a name, the file; skipped operations listed in the output. */
export async function newConnectorFromOpenApi(context: AuthoringContext): Promise<vscode.TextDocument | undefined> {
  const { loadDescription, importOpenApi, declaresSecuritySchemes, descriptionTitle, connectorText, fetchDescription, maxDescriptionBytes, ImportError } = await importers();
  const picked = await pickDescription();
  if (!picked) return undefined;
  let document: unknown;
  try {
    const root = picked.url !== undefined ? await fetchByUrl(picked.url) : undefined;
    const settings = requestSettings();
    document = await loadDescription({
      location: picked.location,
      read: async (url) => {
        if (root !== undefined && url === picked.location) return root;
        if (/^https?:/i.test(url)) {
          // A file the description refers to, on the web: fetched like the description itself.
          const transport = await createTransport(settings.transport);
          try {
            return await fetchDescription(url, { transport, maxBytes: maxDescriptionBytes, timeoutMs: settings.timeoutMs, maxRedirects: settings.maxRedirects });
          } finally {
            await transport.close();
          }
        }
        const uri = /^[a-z][a-z0-9+.-]+:/i.test(url) && !/^[a-z]:[\\/]/i.test(url) ? vscode.Uri.parse(url) : vscode.Uri.file(url);
        try {
          return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
        } catch {
          throw new ImportError(`Cannot read ${vscode.workspace.asRelativePath(uri)}.`);
        }
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw new UserError(error.message);
    throw error;
  }
  let auth: import('../importers').FallbackAuth | undefined;
  if (!declaresSecuritySchemes(document)) {
    auth = await askFallbackAuth();
    if (!auth) return undefined;
  }
  const folder = await targetFolder();
  if (folder === null) return undefined;
  const name = await askName('New Connector from OpenAPI: name', descriptionTitle(document) ?? 'My API', folder);
  if (name === undefined) return undefined;
  let result: import('../importers').OpenApiImport;
  try {
    result = importOpenApi(document, { name, auth, documentUrl: picked.url });
  } catch (error) {
    if (error instanceof ImportError) throw new UserError(error.message);
    throw error;
  }
  const created = await createConnector(connectorText(result.connector), name, folder);
  report(context, name, result.connector, [...result.notes, ...result.skipped], result.skipped.length);
  return created;
}
