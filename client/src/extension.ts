import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

/** Starts the connector language client (it follows `connector.trace.server` itself) and registers the commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Connector', { log: true });
  context.subscriptions.push(outputChannel);
  client = createLanguageClient(context, outputChannel);
  registerCommands(context, { client, outputChannel });
  try {
    await client.start();
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
