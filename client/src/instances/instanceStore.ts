import * as vscode from 'vscode';
import * as state from './instanceState';

const stateKey = 'connector.instances';

/** Instances and their remembered non-secret values, in workspace state (never a secret). */
export class InstanceStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the connector's name when its instances change. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** A connector's instances (`Default` when it has none yet). */
  of(connector: string): state.ConnectorInstances {
    return state.instancesOf(this.read(), connector);
  }

  /** The name of a connector's active instance. */
  active(connector: string): string {
    return this.of(connector).active;
  }

  /** The active instance's remembered values. */
  values(connector: string): Readonly<Record<string, string>> {
    const current = this.of(connector);
    return current.instances[current.active] ?? {};
  }

  async remember(connector: string, values: Readonly<Record<string, string>>): Promise<void> {
    if (Object.keys(values).length > 0) await this.write(connector, state.rememberValues(this.read(), connector, values));
  }

  async add(connector: string, name: string): Promise<void> {
    await this.write(connector, state.addInstance(this.read(), connector, name.trim()));
  }

  async activate(connector: string, name: string): Promise<void> {
    await this.write(connector, state.activate(this.read(), connector, name));
  }

  async rename(connector: string, from: string, to: string): Promise<void> {
    await this.write(connector, state.renameInstance(this.read(), connector, from, to.trim()));
  }

  async delete(connector: string, name: string): Promise<void> {
    await this.write(connector, state.deleteInstance(this.read(), connector, name));
  }

  dispose(): void {
    this.changed.dispose();
  }

  private read(): state.InstanceState {
    return state.readInstanceState(this.memento.get(stateKey));
  }

  private async write(connector: string, next: state.InstanceState): Promise<void> {
    await this.memento.update(stateKey, next);
    this.changed.fire(connector);
  }
}
