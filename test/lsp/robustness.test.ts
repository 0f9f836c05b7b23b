import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { HoverRequest, CompletionRequest, DocumentSymbolRequest } from 'vscode-languageserver-protocol/node';
import { connector } from '../support/service';
import { ServerUnderTest, within } from './client';

const uri = 'file:///work/robust.connector.json';
const text = connector();

describe('a request the server cannot handle', () => {
  let server: ServerUnderTest;

  before(async () => {
    server = new ServerUnderTest();
    await server.initialize({ textDocument: { publishDiagnostics: { versionSupport: true } } });
    await server.open(uri, text);
    await server.diagnosticsFor(uri, 1);
  });

  after(() => server.dispose());

  it('is logged with its stack and answered with an empty result, and the server keeps answering', async () => {
    // A malformed request: no position. The handler throws inside the service; the server must not die.
    const hover = await within(server.connection.sendRequest(HoverRequest.method, { textDocument: { uri }, position: null }), 'the hover response');
    assert.equal(hover, null);
    assert.equal(server.errors.length, 1);
    assert.match(server.errors[0], /^Hover failed: TypeError/);
    assert.match(server.errors[0], /\n\s+at /, 'the log holds the stack');

    const completion = await within(server.connection.sendRequest(CompletionRequest.method, { textDocument: { uri }, position: { line: 'x' } }), 'the completion response');
    assert.equal(completion, null);

    const symbols = await within(server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 'the documentSymbol response');
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'the server still answers');
  });

  it('answers a client without hierarchical symbol support with a flat list', async () => {
    const symbols = await within(server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), 'the documentSymbol response');
    assert.deepEqual(
      (symbols ?? []).map((s) => ('location' in s ? [s.name, s.containerName ?? null, s.location.uri] : ['hierarchical'])),
      [['Bearer token', null, uri], ['token', 'Bearer token', uri], ['List items', null, uri]],
    );
  });

  it('shuts down cleanly afterwards', async () => {
    assert.equal(await server.shutdown(), 0);
    assert.equal(server.stderr, '');
  });
});
