import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  CodeActionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  ErrorCodes,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  SemanticTokensRequest,
  SymbolKind,
  type CodeAction,
  type Command,
  type DocumentSymbol,
  type Location,
  type Position,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { connector } from '../support/service';
import { ServerUnderTest, within } from './client';

/** A clean connector with one typo: `{{tokn}}` in the auth method's Authorization header. */
const typoText = connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{tokn}}' }] } });
const typoUri = 'file:///work/typo.connector.json';

const cleanText = connector({ endpoint: { headers: [{ key: 'X-Request-Token', value: '{{token}}' }] } });
const cleanUri = 'file:///work/clean.connector.json';

function positionIn(text: string, needle: string, delta: number): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return TextDocument.create('file:///x', 'connector', 1, text).positionAt(offset + delta);
}

function isCodeAction(item: Command | CodeAction): item is CodeAction {
  return !('command' in item && typeof item.command === 'string');
}

describe('language features over stdio', () => {
  let server: ServerUnderTest;

  before(async () => {
    server = new ServerUnderTest();
    // What VS Code announces for these features, without pull diagnostics: the server pushes.
    await server.initialize({
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, dataSupport: true, relatedInformation: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: [CodeActionKind.QuickFix] } },
          isPreferredSupport: true,
          dataSupport: true,
        },
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        definition: { linkSupport: false },
        references: {},
      },
      workspace: {},
    });
    await server.open(typoUri, typoText, 1);
    await server.open(cleanUri, cleanText, 1);
  });

  after(() => server?.dispose());

  it('answers textDocument/codeAction with the quick fix of a pushed diagnostic sent back with its data', async () => {
    const { diagnostics } = await server.diagnosticsFor(typoUri, 1);
    const typo = diagnostics.find((d) => d.code === 'unknown-placeholder');
    assert.ok(typo, 'an unknown-placeholder diagnostic was pushed');
    assert.ok(typo.data, 'it carries its fixes in data');

    // As VS Code does: the diagnostics at the cursor, exactly as they were pushed (data included), in the context.
    const result = await within(server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: typoUri },
      range: typo.range,
      context: { diagnostics: [typo], only: [CodeActionKind.QuickFix] },
    }), 'the codeAction response');
    assert.ok(result, 'code actions');
    const actions = result.filter(isCodeAction);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Change to {{token}}', CodeActionKind.QuickFix, true]]);
    assert.deepEqual(actions[0].diagnostics, [typo]);

    // Applying the edit, as the editor would, and sending the change: the server then pushes no diagnostics.
    const edits = actions[0].edit?.changes?.[typoUri];
    assert.ok(edits, 'a WorkspaceEdit for the document');
    const fixed = TextDocument.applyEdits(TextDocument.create(typoUri, 'connector', 1, typoText), edits);
    assert.equal(fixed, connector());
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: typoUri, version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    assert.deepEqual((await server.diagnosticsFor(typoUri, 2)).diagnostics, []);
  });

  it('answers textDocument/codeAction with nothing for diagnostics without fixes', async () => {
    const result = await within(server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: cleanUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'Other.', source: 'other', data: { fixes: [] } }] },
    }), 'the codeAction response');
    assert.deepEqual(result, []);
  });

  it('answers textDocument/definition with the variable\'s key', async () => {
    const result = await within(server.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: cleanUri },
      position: positionIn(cleanText, '"value": "{{token}}"', 12),
    }), 'the definition response');
    const keyStart = positionIn(cleanText, '"key": "token"', 8);
    assert.deepEqual(result, [{ uri: cleanUri, range: { start: keyStart, end: { line: keyStart.line, character: keyStart.character + 'token'.length } } }]);
  });

  it('answers textDocument/references with every placeholder, and the declaration when asked', async () => {
    const request = (includeDeclaration: boolean): Promise<Location[] | null> => within(server.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: cleanUri },
      position: positionIn(cleanText, '"key": "token"', 9),
      context: { includeDeclaration },
    }), 'the references response');
    const lines = (found: Location[] | null): number[] => (found ?? []).map((l) => l.range.start.line);
    const declaration = positionIn(cleanText, '"key": "token"', 0).line;
    const uses = [positionIn(cleanText, 'Bearer {{token}}', 0).line, positionIn(cleanText, '"value": "{{token}}"', 0).line];
    assert.deepEqual(lines(await request(false)), uses);
    assert.deepEqual(lines(await request(true)), [declaration, ...uses]);
  });

  it('answers textDocument/prepareRename and textDocument/rename with a WorkspaceEdit', async () => {
    const position = positionIn(cleanText, 'Bearer {{token}}', 10);
    const prepared = await within(server.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: cleanUri }, position }), 'the prepareRename response');
    assert.ok(prepared && 'placeholder' in prepared);
    assert.equal(prepared.placeholder, 'token');

    const edit = await within(server.connection.sendRequest(RenameRequest.type, { textDocument: { uri: cleanUri }, position, newName: 'access_token' }), 'the rename response');
    const edits = edit?.changes?.[cleanUri];
    assert.ok(edits, 'a WorkspaceEdit with changes for the document');
    assert.equal(edits.length, 3);
    const renamed = TextDocument.applyEdits(TextDocument.create(cleanUri, 'connector', 1, cleanText), edits);
    assert.equal(renamed, cleanText.replace('"key": "token"', '"key": "access_token"').replaceAll('{{token}}', '{{access_token}}'));
  });

  it('answers textDocument/rename to an invalid key with an error whose message is the user-facing sentence', async () => {
    const position = positionIn(cleanText, 'Bearer {{token}}', 10);
    await assert.rejects(
      within(server.connection.sendRequest(RenameRequest.type, { textDocument: { uri: cleanUri }, position, newName: 'my token' }), 'the rename response'),
      (error: unknown) => {
        assert.ok(error instanceof ResponseError, `a ResponseError, not ${String(error)}`);
        assert.equal(error.code, ErrorCodes.InvalidParams);
        assert.equal(error.message, '"my token" is not a valid variable key: start with a letter or underscore and use letters, digits, _, . and -.');
        return true;
      },
    );
  });

  it('answers textDocument/documentSymbol with the outline', async () => {
    const result = await within(server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: cleanUri } }), 'the documentSymbol response');
    assert.ok(result);
    const outline = (symbols: ReadonlyArray<DocumentSymbol | SymbolInformation>): unknown[] =>
      symbols.map((s) => {
        assert.ok('children' in s || 'selectionRange' in s, 'hierarchical symbols');
        const symbol = s as DocumentSymbol;
        return [symbol.name, symbol.kind, ...(symbol.children?.length ? [outline(symbol.children)] : [])];
      });
    assert.deepEqual(outline(result), [
      ['Bearer token', SymbolKind.Interface, [['token', SymbolKind.Key]]],
      ['List items', SymbolKind.Method],
    ]);
  });

  it('answers textDocument/semanticTokens/full with the placeholder keys, secret ones marked', async () => {
    const result = await within(server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: cleanUri } }), 'the semanticTokens response');
    assert.ok(result);
    // Two placeholders, both {{token}}: the Authorization header and X-Request-Token, each a `variable` (type 0) with readonly + secret (0b11).
    const tokens: number[][] = [];
    for (let i = 0; i < result.data.length; i += 5) tokens.push(result.data.slice(i, i + 5));
    const first = positionIn(cleanText, 'Bearer {{token}}', 9);
    assert.deepEqual(tokens[0], [first.line, first.character, 'token'.length, 0, 0b11]);
    assert.equal(tokens.length, 2);
    assert.deepEqual(tokens[1].slice(2), ['token'.length, 0, 0b11]);
  });

  it('logged no handler errors and shuts down cleanly', async () => {
    assert.deepEqual(server.errors, []);
    assert.equal(await server.shutdown(), 0);
    assert.equal(server.stderr, '');
  });
});
