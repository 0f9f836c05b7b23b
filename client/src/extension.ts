import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { InstanceStatus } from './instances/instanceStatus';
import { InstanceStore } from './instances/instanceStore';
import { connectorLanguageId, createLanguageClient } from './languageClient';
import { TestRequestCodeLenses } from './requests/codeLens';
import { ResultView } from './requests/resultView';
import { ServerApi } from './requests/serverApi';
import { TestRequests } from './requests/testRequests';
import { SecretStore } from './secrets/secretStore';

let client: LanguageClient | undefined;

/** Starts the connector language client (it follows `connector.trace.server` itself), Send Test Request and the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Connector', { log: true });
  context.subscriptions.push(outputChannel);
  client = createLanguageClient(context, outputChannel);
  const server = new ServerApi(client);
  const secrets = new SecretStore(context.secrets, context.globalState);
  const instances = new InstanceStore(context.workspaceState);
  const results = new ResultView();
  const requests = new TestRequests(server, secrets, instances, results, outputChannel);
  const codeLenses = new TestRequestCodeLenses(server, requests);
  context.subscriptions.push(instances, results, requests, codeLenses);
  context.subscriptions.push(vscode.languages.registerCodeLensProvider({ language: connectorLanguageId }, codeLenses));
  registerCommands(context, { client, outputChannel, server, requests, results, secrets, instances, extension: context });
  try {
    await client.start();
    context.subscriptions.push(new InstanceStatus(server, instances));
  } catch (error) {
    outputChannel.error('The connector language server failed to start', error instanceof Error ? error : String(error));
    const choice = await vscode.window.showErrorMessage('Connector: the language server failed to start; see the Connector output for details.', 'Show Output');
    if (choice) outputChannel.show();
  }
}

/** Stops the language server. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
