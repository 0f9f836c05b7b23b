import * as vscode from 'vscode';
import type { RequestTarget } from '../../../server/src/service/plan';
import { renderResultText, type RequestResult } from '../request';

/** The URI scheme of result documents: read-only, in memory, never written to disk. */
export const resultScheme = 'connector-result';

/** A shown result and what "Send Again" and "Copy as curl" need: no secret in any of it. */
export interface ShownResult {
  readonly result: RequestResult;
  readonly documentUri: string;
  readonly target: RequestTarget;
  /** The request as a curl command with each secret as `$CONNECTOR_SECRET_<KEY>`. */
  readonly curl?: string;
}

/** Result documents beside the editor: one per connector request, updated on each send. */
export class ResultView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly shown = new Map<string, ShownResult>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(resultScheme, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    const shown = this.shown.get(uri.toString());
    return shown ? renderResultText(shown.result) : 'This result is no longer available: send the request again from its connector file.\n';
  }

  /** The result shown in a result document. */
  get(uri: vscode.Uri): ShownResult | undefined {
    return this.shown.get(uri.toString());
  }

  /** Shows a result beside the connector file, in the document of that request (replacing its previous result). */
  async show(connector: string, shown: ShownResult): Promise<void> {
    const name = `${connector || 'Connector'} · ${shown.result.title}`.replace(/[/\\]/g, '-');
    const uri = vscode.Uri.from({ scheme: resultScheme, path: `/${name}`, query: encodeURIComponent(shown.documentUri) });
    this.shown.set(uri.toString(), shown);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const typed = document.languageId === 'connector-result' ? document : await vscode.languages.setTextDocumentLanguage(document, 'connector-result');
    await vscode.window.showTextDocument(typed, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
