import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { planRequestMethod, requestTargetsMethod, type PlanRequestResult, type RequestTargetsResult } from '../../server/src/protocol';
import { connector } from '../support/service';
import { ServerUnderTest, within } from './client';

const uri = 'file:///work/requests.connector.json';
const text = connector({ endpoint: { variables: [{ key: 'limit', default: '50' }], urlParameters: [{ key: 'limit', value: '{{limit}}' }] } });

describe('Send Test Request over LSP: targets and plans, never a value', () => {
  let server: ServerUnderTest;
  before(async () => {
    server = new ServerUnderTest();
    await server.initialize({});
    await server.open(uri, text);
  });
  after(() => server?.dispose());

  it('lists the connector name and every auth method and endpoint with its range', async () => {
    const result = await within(server.connection.sendRequest<RequestTargetsResult>(requestTargetsMethod, { textDocument: { uri } }), 'the targets');
    assert.equal(result.connector, 'Example');
    assert.deepEqual(result.targets.map((t) => [t.kind, t.id, t.method, t.range.start.line]), [
      ['auth', 'bearer', 'GET', text.split('\n').findIndex((l) => l.includes('"id": "bearer"')) - 1],
      ['endpoint', 'List items', 'GET', text.split('\n').findIndex((l) => l.includes('"name": "List items"')) - 1],
    ]);
  });

  it('plans the current text, unsaved edits included, with placeholders unfilled', async () => {
    const edited = text.replace('https://api.example.com/v1/items', 'https://api.example.com/v2/items');
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    const result = await within(server.connection.sendRequest<PlanRequestResult>(planRequestMethod, { textDocument: { uri }, target: { kind: 'endpoint', endpoint: 'List items' } }), 'the plan');
    assert.equal(result.plan?.url, 'https://api.example.com/v2/items');
    assert.deepEqual(result.plan?.headers, [{ key: 'Authorization', value: 'Bearer {{token}}', scope: 'auth' }]);
    assert.deepEqual(result.plan?.urlParameters, [{ key: 'limit', value: '{{limit}}', scope: 'endpoint' }]);
  });

  it('answers a refusal for a document it does not have open', async () => {
    const result = await within(server.connection.sendRequest<PlanRequestResult>(planRequestMethod, { textDocument: { uri: 'file:///work/closed.connector.json' }, target: { kind: 'auth' } }), 'the plan');
    assert.equal(result.refusal?.message, 'The connector file is not open in the editor.');
  });
});
