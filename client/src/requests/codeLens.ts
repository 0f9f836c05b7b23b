import * as vscode from 'vscode';
import type { RequestTarget } from '../../../server/src/service/plan';
import type { ServerApi } from './serverApi';
import type { TestRequests } from './testRequests';

/** Above each auth method and endpoint: "Send test request", then the last outcome; in Restricted Mode, why it is off. */
export class TestRequestCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly server: ServerApi, private readonly requests: TestRequests) {
    this.subscriptions = [
      requests.onDidChangeOutcomes(() => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
    ];
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const { targets } = await this.server.targets(document.uri.toString());
    if (token.isCancellationRequested) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const t of targets) {
      const range = new vscode.Range(t.range.start.line, t.range.start.character, t.range.start.line, t.range.start.character);
      const target: RequestTarget = t.kind === 'auth' ? { kind: 'auth', authId: t.id } : { kind: 'endpoint', endpoint: t.id, authId: t.authIds?.[0] };
      if (!vscode.workspace.isTrusted) {
        lenses.push(new vscode.CodeLens(range, { title: '$(lock) Send test request is off in Restricted Mode: trust this folder to send', command: 'workbench.trust.manage' }));
        continue;
      }
      lenses.push(new vscode.CodeLens(range, { title: '$(play) Send test request', command: 'connector.sendTestRequest', arguments: [document.uri, target], tooltip: `Send ${t.kind === 'auth' ? 'the check request of' : ''} ${t.name} with the token from VS Code's secret storage` }));
      const outcome = this.requests.outcome(document.uri.toString(), target);
      if (outcome) lenses.push(new vscode.CodeLens(range, { title: outcome, command: 'connector.sendTestRequest', arguments: [document.uri, target], tooltip: 'The last outcome; click to send again' }));
    }
    return lenses;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
