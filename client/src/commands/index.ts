import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RequestTarget } from '../../../server/src/service/plan';
import { checkInstanceName } from '../instances/instanceState';
import type { InstanceStore } from '../instances/instanceStore';
import { resultScheme, type ResultView } from '../requests/resultView';
import type { ServerApi } from '../requests/serverApi';
import { UserError, type TestRequests } from '../requests/testRequests';
import { describeSecret, sameSecret, type SecretEntry } from '../secrets/secretIndex';
import type { SecretStore } from '../secrets/secretStore';
import { newConnector, newConnectorFromCurl, newConnectorFromOpenApi } from './newConnector';

/** What commands may use. */
export interface CommandContext {
  readonly client: LanguageClient;
  readonly outputChannel: vscode.LogOutputChannel;
  readonly server: ServerApi;
  readonly requests: TestRequests;
  readonly results: ResultView;
  readonly secrets: SecretStore;
  readonly instances: InstanceStore;
  /** The extension's own files (the schema New Connector reads its presets from). */
  readonly extension: vscode.ExtensionContext;
}

type CommandHandler = (context: CommandContext, ...args: unknown[]) => unknown;

/** The connector file a command is for: the given URI, else the active editor's connector document. */
async function connectorDocument(uri?: unknown): Promise<vscode.TextDocument> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === 'connector') return document;
  throw new UserError('Open a connector file (*.connector.json) first.');
}

async function connectorName(context: CommandContext, uri?: unknown): Promise<string> {
  const document = await connectorDocument(uri);
  return (await context.server.targets(document.uri.toString())).connector;
}

function isTarget(value: unknown): value is RequestTarget {
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  return kind === 'auth' || (kind === 'endpoint' && typeof (value as { endpoint?: unknown }).endpoint === 'string');
}

function activeResult(context: CommandContext): ReturnType<ResultView['get']> {
  const uri = vscode.window.activeTextEditor?.document.uri;
  const shown = uri?.scheme === resultScheme ? context.results.get(uri) : undefined;
  if (!shown) throw new UserError('Open a test request result first (Connector: Send Test Request).');
  return shown;
}

async function askInstanceName(context: CommandContext, connector: string, value: string, renaming?: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: renaming ? `Rename the instance ${renaming} of ${connector}` : `New instance of ${connector}`,
    prompt: 'A name for this set of values and secrets, for example Production or Staging.',
    value,
    validateInput: (text) => checkInstanceName(context.instances.of(connector), text, renaming),
  });
}

async function newInstance(context: CommandContext, connector: string): Promise<void> {
  const name = await askInstanceName(context, connector, '');
  if (name === undefined) return;
  await context.instances.add(connector, name);
  void vscode.window.showInformationMessage(`Connector: ${name.trim()} is now the active instance of ${connector}; Send Test Request will ask for its values.`);
}

async function renameInstance(context: CommandContext, connector: string, from: string): Promise<void> {
  const to = await askInstanceName(context, connector, from, from);
  if (to === undefined || to.trim() === from) return;
  await context.secrets.renameInstance(connector, from, to.trim());
  await context.instances.rename(connector, from, to);
}

async function deleteInstance(context: CommandContext, connector: string, name: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(`Delete the instance ${name} of ${connector}?`, { modal: true, detail: 'Its remembered values and its secrets in VS Code\'s secret storage are deleted.' }, 'Delete');
  if (choice !== 'Delete') return;
  await context.secrets.deleteWhere((e) => e.connector === connector && e.instance === name);
  await context.instances.delete(connector, name);
}

async function selectInstance(context: CommandContext, connector: string): Promise<void> {
  type Item = vscode.QuickPickItem & { instance?: string };
  const rename: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('edit'), tooltip: 'Rename this instance' };
  const remove: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete this instance and its secrets' };
  const { active, instances } = context.instances.of(connector);
  const items: Item[] = Object.keys(instances).map((name) => ({
    label: `${name === active ? '$(check) ' : ''}${name}`,
    description: name === active ? 'active' : undefined,
    instance: name,
    buttons: [rename, remove],
  }));
  items.push({ label: '$(add) New instance…', alwaysShow: true });
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = `Instances of ${connector}`;
  pick.placeholder = 'Pick the instance whose values and secrets Send Test Request uses';
  pick.items = items;
  const done = new Promise<void>((resolve) => {
    pick.onDidTriggerItemButton(async ({ item, button }) => {
      pick.hide();
      if (item.instance === undefined) return;
      if (button === rename) await renameInstance(context, connector, item.instance);
      else await deleteInstance(context, connector, item.instance);
    });
    pick.onDidAccept(async () => {
      const item = pick.selectedItems[0];
      pick.hide();
      if (!item) return;
      if (item.instance === undefined) await newInstance(context, connector);
      else await context.instances.activate(connector, item.instance);
    });
    pick.onDidHide(() => resolve());
  });
  pick.show();
  await done;
  pick.dispose();
}

function secretItem(entry: SecretEntry): vscode.QuickPickItem & { entry: SecretEntry } {
  const allowed = entry.allowedOrigins.length > 0 ? `; also allowed: ${entry.allowedOrigins.join(', ')}` : '';
  return {
    label: describeSecret(entry),
    description: `bound to ${entry.origin}`,
    detail: `stored ${new Date(entry.storedAt).toLocaleString()}${allowed}`,
    entry,
    buttons: [{ iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete this secret' }],
  };
}

async function manageSecrets(context: CommandContext): Promise<void> {
  if (context.secrets.list().length === 0) {
    void vscode.window.showInformationMessage('Connector: no secrets are stored. Send Test Request asks for a token when it needs one.');
    return;
  }
  type Item = vscode.QuickPickItem & { entry?: SecretEntry; all?: boolean };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'Stored secrets (connector · instance · auth method · variable)';
  pick.placeholder = 'Values are never shown. Pick one to delete it, or use its trash button.';
  const refresh = (): void => {
    const entries = context.secrets.list();
    pick.items = [...entries.map(secretItem), { label: '$(trash) Delete all stored secrets', all: true, alwaysShow: true }];
    if (entries.length === 0) pick.hide();
  };
  refresh();
  const remove = async (entry: SecretEntry): Promise<void> => {
    await context.secrets.deleteWhere((e) => sameSecret(e, entry));
    context.outputChannel.info(`Deleted the stored secret ${describeSecret(entry)}.`);
  };
  const done = new Promise<void>((resolve) => {
    pick.onDidTriggerItemButton(async ({ item }) => {
      if (item.entry) await remove(item.entry);
      refresh();
    });
    pick.onDidAccept(async () => {
      const item = pick.selectedItems[0];
      if (!item) return;
      pick.hide();
      const count = context.secrets.list().length;
      const message = item.all ? `Delete all ${count} stored secret${count === 1 ? '' : 's'}?` : `Delete the stored secret ${describeSecret(item.entry!)}?`;
      const choice = await vscode.window.showWarningMessage(message, { modal: true, detail: 'Send Test Request will ask for the token again.' }, 'Delete');
      if (choice !== 'Delete') return;
      if (item.all) {
        const deleted = await context.secrets.deleteWhere(() => true);
        context.outputChannel.info(`Deleted ${deleted} stored secrets.`);
      } else {
        await remove(item.entry!);
      }
    });
    pick.onDidHide(() => resolve());
  });
  pick.show();
  await done;
  pick.dispose();
}

/** Every command the extension contributes, by id (package.json `contributes.commands` lists the same ids). */
export const commands: Readonly<Record<string, CommandHandler>> = {
  'connector.restartServer': async ({ client, outputChannel }) => {
    outputChannel.info('Restarting the connector language server.');
    await client.restart();
  },
  'connector.showOutput': ({ outputChannel }) => outputChannel.show(true),
  'connector.sendTestRequest': async (context, uri, target) => context.requests.send(await connectorDocument(uri), isTarget(target) ? target : undefined),
  'connector.sendAgain': async (context) => {
    const shown = activeResult(context)!;
    return context.requests.send(await vscode.workspace.openTextDocument(vscode.Uri.parse(shown.documentUri)), shown.target);
  },
  'connector.copyAsCurl': async (context) => {
    const shown = activeResult(context)!;
    if (!shown.curl) throw new UserError('This request cannot be written as a curl command.');
    await vscode.env.clipboard.writeText(shown.curl);
    void vscode.window.showInformationMessage('Connector: copied as curl. Each secret is $CONNECTOR_SECRET_<KEY>: set it in your shell first.');
  },
  'connector.setSecret': async (context, uri) => context.requests.setSecret(await connectorDocument(uri)),
  'connector.clearSecrets': async (context, uri) => {
    const connector = await connectorName(context, uri);
    const count = context.secrets.list().filter((e) => e.connector === connector).length;
    if (count === 0) {
      void vscode.window.showInformationMessage(`Connector: no secrets are stored for ${connector}.`);
      return;
    }
    const choice = await vscode.window.showWarningMessage(`Delete the ${count} stored secret${count === 1 ? '' : 's'} of ${connector}, in every instance?`, { modal: true }, 'Delete');
    if (choice !== 'Delete') return;
    await context.secrets.deleteWhere((e) => e.connector === connector);
    void vscode.window.showInformationMessage(`Connector: deleted the stored secrets of ${connector}.`);
  },
  'connector.manageSecrets': (context) => manageSecrets(context),
  'connector.selectInstance': async (context, uri) => selectInstance(context, await connectorName(context, uri)),
  'connector.newInstance': async (context, uri) => newInstance(context, await connectorName(context, uri)),
  'connector.renameInstance': async (context, uri) => {
    const connector = await connectorName(context, uri);
    await renameInstance(context, connector, context.instances.active(connector));
  },
  'connector.deleteInstance': async (context, uri) => {
    const connector = await connectorName(context, uri);
    await deleteInstance(context, connector, context.instances.active(connector));
  },
  'connector.newConnector': (context) => newConnector(context),
  'connector.newConnectorFromCurl': (context) => newConnectorFromCurl(context),
  'connector.newConnectorFromOpenApi': (context) => newConnectorFromOpenApi(context),
};

/** Registers every command through one wrapper that logs a failure and tells the user in one sentence. */
export function registerCommands(extensionContext: vscode.ExtensionContext, context: CommandContext): void {
  for (const [id, handler] of Object.entries(commands)) {
    extensionContext.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(context, ...args);
        } catch (error) {
          if (error instanceof UserError) {
            void vscode.window.showErrorMessage(`Connector: ${error.message}`);
            return undefined;
          }
          context.outputChannel.error(`Command ${id} failed`, error instanceof Error ? error : String(error));
          void vscode.window.showErrorMessage(`Connector: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }
      }),
    );
  }
}
