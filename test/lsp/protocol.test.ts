import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type InitializeResult,
  type MarkupContent,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/service';

const serverPath = path.join(repoRoot, 'dist', 'server.js');
const brokenPath = path.join(repoRoot, 'test', 'fixtures', 'broken.connector.json');
const brokenText = fs.readFileSync(brokenPath, 'utf8');
const brokenUri = pathToFileURL(brokenPath).href;
/** How long any single answer may take before a test fails (never a sleep: every wait ends on an event). */
const timeoutMs = 10_000;

const expectedCodes = ['token-never-sent', 'unused-variable', 'unknown-placeholder', 'hardcoded-credential'];
const typoRange: Range = { start: { line: 12, character: 63 }, end: { line: 12, character: 71 } };

/** Rejects when `promise` has not settled in time; the timer is cleared either way. */
async function within<T>(promise: Promise<T>, what: string, ms = timeoutMs): Promise<T> {
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
class ServerUnderTest {
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

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

function labels(result: CompletionList | CompletionItem[] | null): string[] {
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  return items.map((item) => item.label);
}

function schemaDescription(property: string): string {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'connector.schema.json'), 'utf8')) as { properties: Record<string, { markdownDescription: string }> };
  return schema.properties[property].markdownDescription;
}

describe('language server over stdio', () => {
  describe('a client without pull diagnostics or configuration support', () => {
    let server: ServerUnderTest;
    let initializeResult: InitializeResult;

    before(async () => {
      server = new ServerUnderTest();
      initializeResult = await server.initialize({
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          completion: { completionItem: { snippetSupport: false } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
        workspace: {},
      });
    });

    after(() => server?.dispose());

    it('announces no diagnostic provider, since the client cannot pull', () => {
      assert.equal(initializeResult.capabilities.diagnosticProvider, undefined);
      assert.ok(initializeResult.capabilities.completionProvider);
      assert.equal(initializeResult.capabilities.hoverProvider, true);
    });

    it('pushes the diagnostics of a broken file when it is opened', async () => {
      await server.open(brokenUri, brokenText, 1);
      const { diagnostics } = await server.diagnosticsFor(brokenUri, 1);
      assert.deepEqual(codes(diagnostics), expectedCodes);
      const typo = diagnostics.find((d) => d.code === 'unknown-placeholder');
      assert.deepEqual(typo?.range, typoRange);
      assert.equal(typo?.source, 'connector');
      assert.match(typo?.message ?? '', /Did you mean `\{\{token\}\}`\?/);
    });

    it('pushes new diagnostics after each change, down to an empty set once fixed', async () => {
      // An incremental edit, as an editor sends when the user types: fix the {{tokn}} typo.
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: brokenUri, version: 2 },
        contentChanges: [{ range: typoRange, text: '{{token}}' }],
      });
      const afterTypo = await server.diagnosticsFor(brokenUri, 2);
      assert.deepEqual(codes(afterTypo.diagnostics), ['hardcoded-credential']);

      // A whole-document change: the literal token goes too.
      const fixed = brokenText.replace('{{tokn}}', '{{token}}').replace(/,\s*"urlParameters": \[[^\]]*\]/, '');
      assert.notEqual(fixed, brokenText);
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: brokenUri, version: 3 }, contentChanges: [{ text: fixed }] });
      const clean = await server.diagnosticsFor(brokenUri, 3);
      assert.deepEqual(clean.diagnostics, []);
    });

    it('completes the schema keys inside the root object', async () => {
      const uri = 'file:///completion.connector.json';
      await server.open(uri, '{\n  "name": "Example",\n  \n}\n');
      const result = await within(server.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 2 } }), 'the completion response');
      const keys = labels(result);
      for (const key of ['endpoints', 'authentication', 'variables', 'description']) assert.ok(keys.includes(key), `${key} in ${keys.join(', ')}`);
      assert.ok(!keys.includes('name'), 'a key already present is not proposed again');
    });

    it('shows the schema documentation when hovering over "authentication"', async () => {
      const line = brokenText.split('\n').findIndex((l) => l.includes('"authentication"'));
      const character = brokenText.split('\n')[line].indexOf('"authentication"') + 3;
      const hover = await within(server.connection.sendRequest(HoverRequest.type, { textDocument: { uri: brokenUri }, position: { line, character } }), 'the hover response');
      assert.ok(hover, 'a hover');
      const contents = hover.contents as MarkupContent | MarkupContent[] | string;
      const text = Array.isArray(contents) ? contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n') : typeof contents === 'string' ? contents : contents.value;
      assert.ok(text.includes(schemaDescription('authentication')), text);
    });

    it('logged no handler errors', () => {
      assert.deepEqual(server.errors, []);
    });

    it('shuts down and exits with code 0', async () => {
      assert.equal(await server.shutdown(), 0);
      assert.equal(server.stderr, '');
    });
  });

  describe('a client with pull diagnostics', () => {
    let server: ServerUnderTest;
    let initializeResult: InitializeResult;

    before(async () => {
      server = new ServerUnderTest();
      initializeResult = await server.initialize({
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        },
        workspace: { configuration: true, diagnostics: { refreshSupport: false } },
      });
    });

    after(() => server?.dispose());

    it('announces a diagnostic provider', () => {
      assert.deepEqual(initializeResult.capabilities.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
    });

    it('answers textDocument/diagnostic with the items of a broken file', async () => {
      await server.open(brokenUri, brokenText, 1);
      const report = await within(server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: brokenUri } }), 'the diagnostic response');
      assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
      assert.ok(report.kind === DocumentDiagnosticReportKind.Full);
      assert.deepEqual(codes(report.items), expectedCodes);
      assert.deepEqual(report.items.find((d) => d.code === 'unknown-placeholder')?.range, typoRange);
    });

    it('answers with the current text after a change', async () => {
      await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: brokenUri, version: 2 },
        contentChanges: [{ range: typoRange, text: '{{token}}' }],
      });
      const report = await within(server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: brokenUri } }), 'the diagnostic response');
      assert.ok(report.kind === DocumentDiagnosticReportKind.Full);
      assert.deepEqual(codes(report.items), ['hardcoded-credential']);
    });

    it('shuts down and exits with code 0, having pushed nothing', async () => {
      assert.equal(await server.shutdown(), 0);
      assert.deepEqual(server.published, []);
      assert.deepEqual(server.errors, []);
    });
  });
});
