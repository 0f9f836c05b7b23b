import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  InlayHintRequest,
  type CodeAction,
  type Command,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { connector } from '../support/service';
import { ServerUnderTest, within } from './client';

/** A clean connector but for `{{customer_id}}`, which matches no variable and nothing close. */
const undeclaredText = connector({ endpoint: { url: 'https://api.example.com/v1/customers/{{customer_id}}' } });
const undeclaredUri = 'file:///work/undeclared.connector.json';

/** A connector with a default, a required variable and a secret. */
const hintedText = connector({
  method: {
    url: 'https://{{store}}.example.com/api/{{version}}/me',
    variables: [{ key: 'store', required: true }, { key: 'version', default: '2026-01' }, { key: 'token', secret: true, required: true }],
  },
  endpoint: { url: 'https://{{store}}.example.com/api/{{version}}/items' },
});
const hintedUri = 'file:///work/hinted.connector.json';

function isCodeAction(item: Command | CodeAction): item is CodeAction {
  return !('command' in item && typeof item.command === 'string');
}

describe('authoring features over stdio', () => {
  let server: ServerUnderTest;
  let initialized: InitializeResult;

  before(async () => {
    server = new ServerUnderTest();
    initialized = await server.initialize({
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, dataSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [CodeActionKind.QuickFix] } }, isPreferredSupport: true, dataSupport: true },
        inlayHint: { dynamicRegistration: false },
      },
      workspace: {},
    });
    await server.open(undeclaredUri, undeclaredText, 1);
    await server.open(hintedUri, hintedText, 1);
  });

  after(() => server?.dispose());

  it('announces inlay hints', () => {
    assert.equal(initialized.capabilities.inlayHintProvider, true);
  });

  it('answers textDocument/inlayHint with the default, `required` or `secret` after each placeholder in the range', async () => {
    const document = TextDocument.create(hintedUri, 'connector', 1, hintedText);
    const hints = await within(server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: hintedUri },
      range: { start: { line: 0, character: 0 }, end: document.positionAt(hintedText.length) },
    }), 'the inlayHint response');
    assert.ok(hints, 'hints');
    const text = (offset: number): string => hintedText.slice(hintedText.lastIndexOf('{{', offset), offset);
    assert.deepEqual(hints.map((h) => `${text(document.offsetAt(h.position))} ${String(h.label)}`), [
      '{{store}} required',
      '{{version}} = 2026-01',
      '{{token}} secret',
      '{{store}} required',
      '{{version}} = 2026-01',
    ]);
    const firstLine = hints[0].position.line;
    const one = await within(server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: hintedUri },
      range: { start: { line: firstLine, character: 0 }, end: { line: firstLine, character: 200 } },
    }), 'the inlayHint response for one line');
    assert.deepEqual(one?.map((h) => h.label), ['required', '= 2026-01']);
  });

  it('answers an inlay hint request for a document it does not have with nothing', async () => {
    const hints = await within(server.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri: 'file:///work/closed.connector.json' },
      range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } },
    }), 'the inlayHint response');
    assert.deepEqual(hints, []);
  });

  it('carries the declare-variable quick fixes in a pushed diagnostic; applying the preferred one leaves no diagnostic', async () => {
    const { diagnostics } = await server.diagnosticsFor(undeclaredUri, 1);
    const unknown = diagnostics.find((d) => d.code === 'unknown-placeholder');
    assert.ok(unknown, 'an unknown-placeholder diagnostic was pushed');
    const result = await within(server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: undeclaredUri },
      range: unknown.range,
      context: { diagnostics: [unknown], only: [CodeActionKind.QuickFix] },
    }), 'the codeAction response');
    const actions = (result ?? []).filter(isCodeAction);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Declare customer_id as a variable of endpoint \'List items\'', true],
      ['Declare customer_id as a variable of auth method \'Bearer token\'', false],
      ['Declare customer_id as a variable of the connector', false],
    ]);
    const edits = actions[0].edit?.changes?.[undeclaredUri];
    assert.ok(edits, 'a WorkspaceEdit for the document');
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: undeclaredUri, version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    assert.deepEqual((await server.diagnosticsFor(undeclaredUri, 2)).diagnostics, []);
  });
});
