import type * as vscode from 'vscode';
import { allowingOrigin, readIndex, sameSecret, secretKey, withEntry, withoutEntries, type SecretEntry, type SecretRef } from './secretIndex';

const indexKey = 'connector.secretIndex';

/**
 * Secrets in VS Code SecretStorage, with an index of what is stored (names, origins, times — never a value) in global
 * state, since VS Code 1.100 cannot list SecretStorage keys.
 */
export class SecretStore {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {}

  /** Every stored secret, by connector, instance, method and variable. */
  list(): SecretEntry[] {
    return readIndex(this.state.get(indexKey)).sort((a, b) => a.connector.localeCompare(b.connector) || a.instance.localeCompare(b.instance) || a.method.localeCompare(b.method) || a.variable.localeCompare(b.variable));
  }

  /** The value and index entry of a secret, or undefined when either is missing (a lost value cleans its entry). */
  async get(ref: SecretRef): Promise<{ value: string; entry: SecretEntry } | undefined> {
    const entry = this.list().find((e) => sameSecret(e, ref));
    const value = await this.secrets.get(secretKey(ref));
    if (entry && value !== undefined && value !== '') return { value, entry };
    if (entry) await this.writeIndex(withoutEntries(this.list(), (e) => sameSecret(e, ref)));
    return undefined;
  }

  /** Stores a secret bound to the origin it was entered for. */
  async store(ref: SecretRef, value: string, origin: string): Promise<SecretEntry> {
    const entry: SecretEntry = { ...ref, origin, allowedOrigins: [], storedAt: new Date().toISOString() };
    await this.secrets.store(secretKey(ref), value);
    await this.writeIndex(withEntry(this.list(), entry));
    return entry;
  }

  /** Records that the user always allows this secret to go to `origin`. */
  async allowOrigin(entry: SecretEntry, origin: string): Promise<void> {
    await this.writeIndex(withEntry(this.list(), allowingOrigin(entry, origin)));
  }

  /** Deletes the secrets `select` picks from the index, values and entries. Returns how many. */
  async deleteWhere(select: (entry: SecretRef) => boolean): Promise<number> {
    const doomed = this.list().filter(select);
    for (const entry of doomed) await this.secrets.delete(secretKey(entry));
    await this.writeIndex(withoutEntries(this.list(), select));
    return doomed.length;
  }

  /** Moves an instance's secrets to a new instance name (renaming the instance). */
  async renameInstance(connector: string, from: string, to: string): Promise<void> {
    for (const entry of this.list().filter((e) => e.connector === connector && e.instance === from)) {
      const value = await this.secrets.get(secretKey(entry));
      if (value !== undefined) await this.secrets.store(secretKey({ ...entry, instance: to }), value);
      await this.secrets.delete(secretKey(entry));
      await this.writeIndex(withEntry(withoutEntries(this.list(), (e) => sameSecret(e, entry)), { ...entry, instance: to }));
    }
  }

  private async writeIndex(index: readonly SecretEntry[]): Promise<void> {
    await this.state.update(indexKey, index);
  }
}
