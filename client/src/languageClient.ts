import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The language id of connector files. */
export const connectorLanguageId = 'connector';

/** Creates the language client that runs dist/server.js for connector documents. */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: connectorLanguageId },
      { scheme: 'untitled', language: connectorLanguageId },
      { scheme: 'vscode-remote', language: connectorLanguageId },
    ],
    outputChannel,
    traceOutputChannel: outputChannel,
  };
  return new LanguageClient('connector', 'Connector Language Server', serverOptions, clientOptions);
}
