import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { parse, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-json-languageservice';
import { looksLikeSecretName } from '../../server/src/service/secretNames';
import { labelForKey } from '../../server/src/service/rules/declareVariable';
import { connector, connectorDocument, service } from '../support/service';

const ls = service();

/** The declare quick fixes of the first unknown-placeholder diagnostic of a text. */
async function declareFixes(text: string): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic }> {
  const document = connectorDocument(text);
  const diagnostics = await ls.validate(document);
  const diagnostic = diagnostics.find((d) => d.code === 'unknown-placeholder');
  assert.ok(diagnostic, `an unknown-placeholder diagnostic in:\n${text}`);
  return { actions: ls.codeActions(document, diagnostics).filter((a) => a.diagnostics?.[0] === diagnostic), diagnostic };
}

/** Applies the fix with this title; the result is valid JSON, the placeholder resolves, and nothing new is reported. */
async function applyDeclare(text: string, title: string): Promise<{ text: string; value: Record<string, unknown> }> {
  const document = connectorDocument(text);
  const before = await ls.validate(document);
  const { actions } = await declareFixes(text);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `a fix titled ${title}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = TextDocument.applyEdits(document, action.edit!.changes![document.uri]);
  const errors: ParseError[] = [];
  const value = parse(fixed, errors, { allowTrailingComma: false }) as Record<string, unknown>;
  assert.deepEqual(errors, [], `valid JSON:\n${fixed}`);
  const after = await ls.validate(connectorDocument(fixed));
  const known = new Set(before.map((d) => `${String(d.code)}: ${d.message}`));
  assert.deepEqual(after.filter((d) => !known.has(`${String(d.code)}: ${d.message}`)).map((d) => `${String(d.code)}: ${d.message}`), [], `no new diagnostic:\n${fixed}`);
  assert.equal(after.filter((d) => d.code === 'unknown-placeholder').length, before.filter((d) => d.code === 'unknown-placeholder').length - 1, fixed);
  return { text: fixed, value };
}

type Json = { authentication: { variables?: unknown[] }[]; endpoints: { variables?: unknown[] }[]; variables?: unknown[] };

describe('quick fix: declare a variable for an unknown placeholder without a close match', () => {
  const inEndpoint = connector({ endpoint: { url: 'https://api.example.com/v1/customers/{{customer_id}}' } });

  it('in an endpoint: offers the endpoint (preferred), its only auth method, and the connector', async () => {
    const { actions } = await declareFixes(inEndpoint);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Declare customer_id as a variable of endpoint \'List items\'', true],
      ['Declare customer_id as a variable of auth method \'Bearer token\'', false],
      ['Declare customer_id as a variable of the connector', false],
    ]);
  });

  it('each of them declares the variable where it says, and the placeholder resolves', async () => {
    const variable = { key: 'customer_id', label: 'Customer ID', required: true };
    const endpoint = await applyDeclare(inEndpoint, 'Declare customer_id as a variable of endpoint \'List items\'');
    assert.deepEqual((endpoint.value as unknown as Json).endpoints[0].variables, [variable]);
    const method = await applyDeclare(inEndpoint, 'Declare customer_id as a variable of auth method \'Bearer token\'');
    assert.deepEqual((method.value as unknown as Json).authentication[0].variables?.at(-1), variable);
    const root = await applyDeclare(inEndpoint, 'Declare customer_id as a variable of the connector');
    assert.deepEqual((root.value as unknown as Json).variables, [variable]);
  });

  it('in an auth method: offers the auth method and the connector, never an endpoint (its scope cannot see one)', async () => {
    const text = connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Tenant', value: '{{tenant}}' }] } });
    const { actions } = await declareFixes(text);
    assert.deepEqual(actions.map((a) => a.title), ['Declare tenant as a variable of auth method \'Bearer token\'', 'Declare tenant as a variable of the connector']);
    const { value } = await applyDeclare(text, 'Declare tenant as a variable of auth method \'Bearer token\'');
    assert.deepEqual((value as unknown as Json).authentication[0].variables?.at(-1), { key: 'tenant', label: 'Tenant', required: true });
  });

  it('an endpoint enabled for two auth methods is not offered one of them: the other would still lack it', async () => {
    const second = { id: 'other', name: 'Other token', type: 'token', url: 'https://api.example.com/v1/me', variables: [{ key: 'token', label: 'Token', secret: true, required: true }], headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }] };
    const base = JSON.parse(connector({ endpoint: { url: 'https://api.example.com/v1/orders/{{order_id}}', authentication: ['bearer', 'other'] } })) as { authentication: unknown[] };
    base.authentication.push(second);
    const { actions } = await declareFixes(JSON.stringify(base, null, 2));
    assert.deepEqual(actions.map((a) => a.title), ['Declare order_id as a variable of endpoint \'List items\'', 'Declare order_id as a variable of the connector']);
  });

  it('a credential-like name is declared "secret": true, preferably on the auth method', async () => {
    const text = connector({ endpoint: { headers: [{ key: 'X-Partner-Key', value: '{{partner_api_key}}' }] } });
    const { actions } = await declareFixes(text);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Declare partner_api_key as a secret variable of auth method \'Bearer token\'', true],
      ['Declare partner_api_key as a secret variable of endpoint \'List items\'', false],
      ['Declare partner_api_key as a secret variable of the connector', false],
    ]);
    const { value } = await applyDeclare(text, actions[0].title);
    assert.deepEqual((value as unknown as Json).authentication[0].variables?.at(-1), { key: 'partner_api_key', label: 'Partner API key', secret: true, required: true });
  });

  it('keeps a one-line variables list on one line, and fills an empty one', async () => {
    const oneLine = '{\n  "name": "X",\n  "variables": [{ "key": "a", "default": "1" }],\n  "authentication": [{ "id": "none", "name": "None", "type": "none", "url": "https://api.example.com/{{a}}/{{b_value}}" }]\n}\n';
    const fixed = await applyDeclare(oneLine, 'Declare b_value as a variable of the connector');
    assert.match(fixed.text, /"variables": \[\{ "key": "a", "default": "1" \}, \{ "key": "b_value", "label": "B value", "required": true \}\],\n/);
    const empty = '{\n  "name": "X",\n  "variables": [],\n  "authentication": [{ "id": "none", "name": "None", "type": "none", "url": "https://api.example.com/{{region}}" }]\n}\n';
    assert.match((await applyDeclare(empty, 'Declare region as a variable of the connector')).text, /"variables": \[\{ "key": "region", "label": "Region", "required": true \}\],/);
  });

  it('a placeholder with a close match gets only its "Change to" fix', async () => {
    const { actions } = await declareFixes(connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{tokn}}' }] } }));
    assert.deepEqual(actions.map((a) => a.title), ['Change to {{token}}']);
  });
});

describe('credential-like names and labels', () => {
  it('token, *_key, secret and password (any case or separator) are credentials; sort keys and page tokens are not', () => {
    for (const name of ['token', 'api_key', 'apiKey', 'X-API-Key', 'client-secret', 'clientSecret', 'password', 'access_token', 'key', 'apikey', 'refresh_token']) assert.ok(looksLikeSecretName(name), name);
    for (const name of ['monkey', 'sort_key', 'idempotency-key', 'token_type', 'page_token', 'nextPageToken', 'keys', 'customer_id', 'passwords_count']) assert.ok(!looksLikeSecretName(name), name);
  });

  it('labels a key in words', () => {
    assert.equal(labelForKey('api_version'), 'API version');
    assert.equal(labelForKey('customerId'), 'Customer ID');
    assert.equal(labelForKey('store-name'), 'Store name');
  });
});
