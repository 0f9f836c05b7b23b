import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/service';

/** The built server the protocol tests start. */
export const serverPath = path.join(repoRoot, 'dist', 'server.js');
/** How long any single answer may take before a test fails (never a sleep: every wait ends on an event). */
export const timeoutMs = 10_000;

/** Rejects when `promise` has not settled in time; the timer is cleared either way. */
export async function within<T>(promise: Promise<T>, what: string, ms = timeoutMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}.`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The built server on stdio, with a real LSP client connection and a record of what it pushed. */
export class ServerUnderTest {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly errors: string[] = [];
  stderr = '';
  private readonly waiters = new Set<() => void>();
  private readonly exited: Promise<number | null>;

  constructor() {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: repoRoot, stdio: 'pipe' });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.waiters) wake();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      if (params.type === MessageType.Error) this.errors.push(params.message);
    });
    this.connection.listen();
  }

  async initialize(capabilities: ClientCapabilities): Promise<InitializeResult> {
    const result = await within(
      this.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(repoRoot).href, capabilities, workspaceFolders: null }),
      'the initialize response',
    );
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'connector', version, text } });
  }

  /** Waits for the first diagnostics pushed for `uri` at `version`, whenever they arrived. */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    const find = (): PublishDiagnosticsParams | undefined => this.published.find((p) => p.uri === uri && p.version === version);
    return within(
      new Promise((resolve) => {
        const check = (): void => {
          const found = find();
          if (!found) return;
          this.waiters.delete(check);
          resolve(found);
        };
        this.waiters.add(check);
        check();
      }),
      `publishDiagnostics for ${path.basename(uri)} version ${version}`,
    );
  }

  /** Shuts the server down the LSP way and returns its exit code. */
  async shutdown(): Promise<number | null> {
    await within(this.connection.sendRequest(ShutdownRequest.type), 'the shutdown response');
    await this.connection.sendNotification(ExitNotification.type);
    return within(this.exited, 'the server process to exit');
  }

  /** Ends everything this test started, whatever state it is in. */
  dispose(): void {
    this.waiters.clear();
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}
