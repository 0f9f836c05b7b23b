import * as vscode from 'vscode';
import type { ServerApi } from '../requests/serverApi';
import type { InstanceStore } from './instanceStore';

/** The active instance of the connector in the active editor, in the status bar; a click switches it. */
export class InstanceStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('connector.instance', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];
  private connector: string | undefined;

  constructor(private readonly server: ServerApi, private readonly instances: InstanceStore) {
    this.item.name = 'Connector Instance';
    this.item.command = 'connector.selectInstance';
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      instances.onDidChange((connector) => {
        if (connector === this.connector) void this.update();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document === vscode.window.activeTextEditor?.document) void this.update();
      }),
    ];
    void this.update();
  }

  async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'connector') {
      this.connector = undefined;
      this.item.hide();
      return;
    }
    try {
      const { connector } = await this.server.targets(document.uri.toString());
      this.connector = connector;
      const instance = this.instances.active(connector);
      this.item.text = `$(server-environment) ${instance}`;
      this.item.tooltip = `Instance of ${connector || 'this connector'}: the values and secrets Send Test Request uses. Click to switch or add one.`;
      this.item.show();
    } catch {
      // The server is (re)starting: the next editor change updates the item.
      this.item.hide();
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
