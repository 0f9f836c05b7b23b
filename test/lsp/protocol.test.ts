import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type InitializeResult,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/service';
import { ServerUnderTest, within } from './client';

const brokenPath = path.join(repoRoot, 'test', 'fixtures', 'broken.connector.json');
const brokenText = fs.readFileSync(brokenPath, 'utf8');
const brokenUri = pathToFileURL(brokenPath).href;

// One typo, one diagnostic: the misspelt {{tokn}} counts as a use of `token`, so no unused-variable or token-never-sent.
const expectedCodes = ['unknown-placeholder', 'hardcoded-credential'];
const typoRange: Range = { start: { line: 12, character: 63 }, end: { line: 12, character: 71 } };

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
