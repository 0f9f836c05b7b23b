import * as vscode from 'vscode';
import type { PlannedVariable, RequestPlan, RequestTarget, RequestTargetInfo } from '../../../server/src/service/plan';
import { requestSettings } from '../config';
import { valueKey } from '../instances/instanceState';
import type { InstanceStore } from '../instances/instanceStore';
import { createTransport, curlCommand, fillRequest, originOf, sendDefaults, sendRequest, summarize, variableName, type RequestResult } from '../request';
import { decideOrigin, type SecretEntry, type SecretRef } from '../secrets/secretIndex';
import type { SecretStore } from '../secrets/secretStore';
import type { ResultView } from './resultView';
import type { ServerApi } from './serverApi';

/** Thrown when the user presses Escape at a prompt: the whole send stops and nothing is sent. */
export class Cancelled extends Error {}

/** A message for the user (one sentence); not a failure of the extension. */
export class UserError extends Error {}

/** What one send needs to know about its connector. */
interface SendContext {
  readonly documentUri: string;
  readonly connector: string;
  readonly instance: string;
  readonly plan: RequestPlan;
}

/** A secret chosen for a request, with where it is stored. */
interface SecretValue {
  readonly variable: PlannedVariable;
  readonly ref: SecretRef;
  readonly value: string;
  readonly entry?: SecretEntry;
}

/** The key under which outcomes and the last used request are kept: the target's kind and id. */
export function targetKey(target: RequestTarget): string {
  return target.kind === 'auth' ? `auth:${target.authId ?? ''}` : `endpoint:${target.endpoint}\u0000${target.authId ?? ''}`;
}

function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]*/i, '') || '/';
}

const restrictedMessage = 'Send Test Request is off in Restricted Mode: this folder is not trusted, and a test request sends your token over the network. Trust the folder to send requests.';

/** Send Test Request and its companions: values, secrets bound to origins, progress, the result document. */
export class TestRequests implements vscode.Disposable {
  private readonly outcomes = new Map<string, string>();
  private readonly lastUsed = new Map<string, string>();
  private readonly outcomesChanged = new vscode.EventEmitter<void>();
  /** Fires when a send finishes, so code lenses show its outcome. */
  readonly onDidChangeOutcomes = this.outcomesChanged.event;

  constructor(
    private readonly server: ServerApi,
    private readonly secrets: SecretStore,
    private readonly instances: InstanceStore,
    private readonly results: ResultView,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** "Operational · 200 · 143 ms" of the last send of a target of a document, if any. */
  outcome(documentUri: string, target: RequestTarget): string | undefined {
    return this.outcomes.get(`${documentUri}#${targetKey(target)}`);
  }

  /** Refuses with a sentence and a way to trust the folder when the workspace is not trusted. */
  async ensureTrusted(): Promise<boolean> {
    if (vscode.workspace.isTrusted) return true;
    const choice = await vscode.window.showWarningMessage(restrictedMessage, 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return false;
  }

  /** Send Test Request: pick a request (unless given), collect values, confirm origins, send with progress, show the result. */
  async send(document: vscode.TextDocument, given?: RequestTarget): Promise<RequestResult | undefined> {
    if (!(await this.ensureTrusted())) return undefined;
    const uri = document.uri.toString();
    const { connector, targets } = await this.server.targets(uri);
    const target = given ?? (await this.pickTarget(uri, connector, targets));
    if (!target) return undefined;
    const planned = await this.server.plan(uri, target);
    if (planned.refusal) {
      const lines = planned.refusal.diagnostics.map((d) => `Line ${d.line}: ${d.message} (${d.code})`);
      for (const line of lines) this.log.warn(line);
      const choice = await vscode.window.showErrorMessage(planned.refusal.message, ...(lines.length > 0 ? ['Show Problems'] : []));
      if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
      return undefined;
    }
    const plan = planned.plan;
    this.lastUsed.set(uri, targetKey(plan.target));
    const context: SendContext = { documentUri: uri, connector, instance: this.instances.active(connector), plan };
    const settings = requestSettings(document.uri);
    for (const problem of settings.problems) void vscode.window.showWarningMessage(problem);

    let result: RequestResult | undefined;
    try {
      const values = await this.collectValues(context);
      const secrets = await this.collectSecrets(context, values);
      const filled = fillRequest(plan, (variable) => (variable.secret ? secrets.find((s) => s.variable.id === variable.id)?.value : values.get(variable.id)));
      if (filled.error) throw new UserError(filled.error.message);
      await this.confirmOrigins(context, secrets, originOf(filled.request.url)!);
      const transport = await createTransport(settings.transport).catch((error: unknown) => {
        throw new UserError(error instanceof Error ? error.message : String(error));
      });
      try {
        result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Connector: sending ${plan.title}…`, cancellable: true },
          async (_progress, token) => {
            const controller = new AbortController();
            const subscription = token.onCancellationRequested(() => controller.abort());
            try {
              return await sendRequest(filled.request, { timeoutMs: settings.timeoutMs, maxRedirects: settings.maxRedirects, maxResponseBytes: settings.maxResponseBytes, signal: controller.signal, transport, userAgent: `${sendDefaults.userAgent} (VS Code)` });
            } finally {
              subscription.dispose();
            }
          },
        );
      } finally {
        await transport.close();
      }
      const curl = curlCommand(plan, (variable) => values.get(variable.id));
      this.log.info(`${connector} · ${context.instance} · ${result.title} · ${result.request.method} ${result.request.url} → ${summarize(result)}`);
      if (result.classification === 'Cancelled') {
        void vscode.window.showInformationMessage('Connector: the test request was cancelled.');
        return result;
      }
      this.outcomes.set(`${uri}#${targetKey(plan.target)}`, summarize(result));
      await this.results.show(connector, { result, documentUri: uri, target: plan.target, curl });
      // After the result is beside the editor: a code lens refreshed while the editor is being split keeps its old text.
      this.outcomesChanged.fire();
      if (result.classification === 'Failed authentication' && secrets.length > 0) void this.offerNewToken(context, secrets, originOf(filled.request.url)!);
      return result;
    } catch (error) {
      if (error instanceof Cancelled) {
        this.log.info(`${connector} · ${plan.title}: cancelled before anything was sent.`);
        return undefined;
      }
      if (error instanceof UserError) {
        void vscode.window.showErrorMessage(`Connector: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  }

  /** Set Secret…: stores a secret for an auth method of the active instance, bound to the origin of its check request. */
  async setSecret(document: vscode.TextDocument): Promise<void> {
    if (!(await this.ensureTrusted())) return;
    const uri = document.uri.toString();
    const { connector, targets } = await this.server.targets(uri);
    const methods = targets.filter((t) => t.kind === 'auth' && (t.authType === 'token' || t.authType === undefined));
    if (methods.length === 0) throw new UserError('This connector has no token auth method to store a secret for.');
    const method = methods.length === 1 ? methods[0] : (await vscode.window.showQuickPick(methods.map((m) => ({ label: m.name, description: m.id, method: m })), { title: 'Set Secret: which auth method?' }))?.method;
    if (!method) return;
    const planned = await this.server.plan(uri, { kind: 'auth', authId: method.id });
    if (planned.refusal) throw new UserError(planned.refusal.message);
    const plan = planned.plan;
    const secretVariables = plan.variables.filter((v) => v.secret);
    if (secretVariables.length === 0) throw new UserError(`${plan.title} sends no secret variable.`);
    const variable = secretVariables.length === 1
      ? secretVariables[0]
      : (await vscode.window.showQuickPick(secretVariables.map((v) => ({ label: v.label ?? v.key, description: v.key, variable: v })), { title: 'Set Secret: which variable?' }))?.variable;
    if (!variable) return;
    const context: SendContext = { documentUri: uri, connector, instance: this.instances.active(connector), plan };
    try {
      const values = await this.collectValues(context);
      const origin = this.originFor(plan, values);
      const value = await this.askSecret(context, variable, origin);
      await this.secrets.store(this.secretRef(context, variable), value, origin);
      void vscode.window.showInformationMessage(`Connector: stored ${variableName(variable)} for ${connector} · ${context.instance}, bound to ${origin}.`);
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
    }
  }

  private async pickTarget(uri: string, connector: string, targets: readonly RequestTargetInfo[]): Promise<RequestTarget | undefined> {
    type Item = vscode.QuickPickItem & { target: RequestTarget };
    const items: Item[] = [];
    for (const t of targets) {
      if (t.kind === 'auth') {
        items.push({ label: `$(key) Check: ${t.name}`, description: `${t.method} ${pathOf(t.url)}`, detail: `Auth method ${t.id}${t.authType && t.authType !== 'token' ? ` (${t.authType})` : ''}`, target: { kind: 'auth', authId: t.id } });
      } else {
        const ids = t.authIds ?? [];
        for (const authId of ids.length > 0 ? ids : [undefined]) {
          items.push({ label: `$(arrow-right) ${t.name}`, description: `${t.method} ${pathOf(t.url)}`, detail: authId ? `Endpoint, with auth method ${authId}` : 'Endpoint', target: { kind: 'endpoint', endpoint: t.id, authId } });
        }
      }
    }
    if (items.length === 0) throw new UserError('This connector has no auth method or endpoint to send.');
    const last = this.lastUsed.get(uri);
    const lastIndex = items.findIndex((item) => targetKey(item.target) === last);
    if (lastIndex > 0) items.unshift(...items.splice(lastIndex, 1));
    const picked = await vscode.window.showQuickPick(items, {
      title: `Send Test Request · ${connector || 'Connector'} · ${this.instances.active(connector)}`,
      placeHolder: 'Pick an auth method\'s check request or an endpoint',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked?.target;
  }

  /** Non-secret values: the instance's remembered value, else the default, else an input box (remembered). Escape cancels. */
  private async collectValues(context: SendContext): Promise<Map<string, string>> {
    const { plan, connector, instance } = context;
    const remembered = this.instances.values(connector);
    const values = new Map<string, string>();
    const learned: Record<string, string> = {};
    for (const variable of plan.variables) {
      if (variable.secret) continue;
      const key = valueKey(plan, variable);
      const known = remembered[key] ?? variable.default;
      if (known !== undefined && known !== '') {
        values.set(variable.id, known);
        continue;
      }
      const inUrl = plan.bindings[plan.urlScope][variable.key] === variable.id && plan.url.includes(`{{${variable.key}}}`);
      if (!variable.required && !inUrl) continue;
      const answer = await vscode.window.showInputBox({
        title: `${plan.title} · ${connector} · ${instance}`,
        prompt: `${variable.label ?? variable.key}${variable.alias ? ` (${variable.alias})` : ''}: ${plan.title} needs it. It is remembered for the instance ${instance}.`,
        placeHolder: variable.key,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() === '' ? `Enter a value for ${variableName(variable)}, or press Escape to cancel.` : undefined),
      });
      if (answer === undefined) throw new Cancelled();
      values.set(variable.id, answer);
      learned[key] = answer;
    }
    await this.instances.remember(connector, learned);
    return values;
  }

  private secretRef(context: SendContext, variable: PlannedVariable): SecretRef {
    return { connector: context.connector, instance: context.instance, method: context.plan.authMethod?.id ?? '', variable: variable.key };
  }

  /** The origin the request goes to, with each secret filled by a stand-in. */
  private originFor(plan: RequestPlan, values: ReadonlyMap<string, string>): string {
    const filled = fillRequest(plan, (variable) => (variable.secret ? 'secret' : values.get(variable.id)));
    if (filled.error) throw new UserError(filled.error.message);
    return originOf(filled.request.url)!;
  }

  private async askSecret(context: SendContext, variable: PlannedVariable, origin: string): Promise<string> {
    const value = await vscode.window.showInputBox({
      title: `${context.plan.title} · ${context.connector} · ${context.instance}`,
      prompt: `${variable.label ?? variable.key} (secret): kept in VS Code's secret storage for ${context.connector} · ${context.instance}, and sent only to ${origin}.`,
      placeHolder: variable.key,
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text === '' ? `Enter ${variableName(variable)}, or press Escape to cancel.` : undefined),
    });
    if (value === undefined) throw new Cancelled();
    return value;
  }

  /** Secrets from SecretStorage, else asked once with a password box and stored, bound to the request's origin. */
  private async collectSecrets(context: SendContext, values: ReadonlyMap<string, string>): Promise<SecretValue[]> {
    const secretVariables = context.plan.variables.filter((v) => v.secret);
    if (secretVariables.length === 0) return [];
    const origin = this.originFor(context.plan, values);
    const collected: SecretValue[] = [];
    for (const variable of secretVariables) {
      const ref = this.secretRef(context, variable);
      const stored = await this.secrets.get(ref);
      if (stored) {
        collected.push({ variable, ref, value: stored.value, entry: stored.entry });
        continue;
      }
      const value = await this.askSecret(context, variable, origin);
      const entry = await this.secrets.store(ref, value, origin);
      collected.push({ variable, ref, value, entry });
    }
    return collected;
  }

  /** After a failed authentication with a stored token, offers to replace it (the next send uses the new one). */
  private async offerNewToken(context: SendContext, secrets: readonly SecretValue[], origin: string): Promise<void> {
    const choice = await vscode.window.showWarningMessage(`Connector: ${context.plan.title} failed authentication. Replace the stored token?`, 'Enter a New Token');
    if (!choice) return;
    try {
      for (const secret of secrets) {
        const value = await this.askSecret(context, secret.variable, origin);
        await this.secrets.store(secret.ref, value, origin);
      }
      void vscode.window.showInformationMessage('Connector: the new token is stored; send the request again to try it.');
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
    }
  }

  /** DESIGN §5.4: a stored secret goes to another origin only after a modal naming both origins. */
  private async confirmOrigins(context: SendContext, secrets: readonly SecretValue[], origin: string): Promise<void> {
    const asking = secrets.filter((s) => s.entry && decideOrigin(s.entry, origin) === 'ask');
    if (asking.length === 0) return;
    const names = asking.map((s) => variableName(s.variable)).join(', ');
    const bound = [...new Set(asking.map((s) => s.entry!.origin))].join(', ');
    // "Don't Send" is the first button, which Enter presses, so that a modal read too quickly sends nothing. (A close
    // affordance would not do: VS Code makes the first of the other buttons the default.) Escape and Cancel send nothing too.
    const dontSend: vscode.MessageItem = { title: 'Don\'t Send' };
    const once: vscode.MessageItem = { title: 'Send Once' };
    const always: vscode.MessageItem = { title: 'Always Allow' };
    const choice = await vscode.window.showWarningMessage(
      `Send your stored secret to ${origin}?`,
      {
        modal: true,
        detail: `${names} of ${context.connector} · ${context.instance} was entered for ${bound}. This request (${context.plan.title}) goes to ${origin}. Send it only if you trust that server.`,
      },
      dontSend,
      once,
      always,
    );
    if (choice === undefined || choice === dontSend) {
      this.log.info(`${context.connector} · ${context.plan.title}: not sent to ${origin}; the secret is bound to ${bound}.`);
      throw new Cancelled();
    }
    if (choice === always) for (const s of asking) await this.secrets.allowOrigin(s.entry!, origin);
  }

  dispose(): void {
    this.outcomesChanged.dispose();
  }
}
