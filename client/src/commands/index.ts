import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What commands may use. */
export interface CommandContext {
  readonly client: LanguageClient;
  readonly outputChannel: vscode.LogOutputChannel;
}

type CommandHandler = (context: CommandContext, ...args: unknown[]) => unknown;

/** Every command the extension contributes, by id (package.json `contributes.commands` lists the same ids). */
export const commands: Readonly<Record<string, CommandHandler>> = {
  'connector.restartServer': async ({ client, outputChannel }) => {
    outputChannel.info('Restarting the connector language server.');
    await client.restart();
  },
  'connector.showOutput': ({ outputChannel }) => outputChannel.show(true),
};

/** Registers every command through one wrapper that logs a failure and tells the user in one sentence. */
export function registerCommands(extensionContext: vscode.ExtensionContext, context: CommandContext): void {
  for (const [id, handler] of Object.entries(commands)) {
    extensionContext.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(context, ...args);
        } catch (error) {
          context.outputChannel.error(`Command ${id} failed`, error instanceof Error ? error : String(error));
          void vscode.window.showErrorMessage(`Connector: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }
      }),
    );
  }
}
