import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PlanResult, RequestPlan, RequestTarget } from '../../server/src/service';
import { connector, connectorDocument, repoRoot, service } from '../support/service';

async function plan(text: string, target: RequestTarget): Promise<PlanResult> {
  return service().planRequest(connectorDocument(text), target);
}

async function planOf(text: string, target: RequestTarget): Promise<RequestPlan> {
  const result = await plan(text, target);
  assert.equal(result.refusal, undefined, result.refusal?.message);
  return result.plan!;
}

const example = (name: string): string => fs.readFileSync(path.join(repoRoot, 'examples', `${name}.connector.json`), 'utf8');

describe('planRequest', () => {
  it("plans an auth method's check request with its headers, placeholders unfilled", async () => {
    const result = await planOf(example('shopify'), { kind: 'auth' });
    assert.equal(result.title, "Auth method 'Admin API access token'");
    assert.deepEqual(result.target, { kind: 'auth', authId: 'admin-token' });
    assert.equal(result.method, 'GET');
    assert.equal(result.url, 'https://{{store_name}}.myshopify.com/admin/api/{{api_version}}/shop.json');
    assert.deepEqual(result.headers, [
      { key: 'X-Shopify-Access-Token', value: '{{token}}', scope: 'auth' },
      { key: 'Accept', value: 'application/json', scope: 'auth' },
    ]);
    assert.deepEqual(result.expectStatus, [200]);
    assert.equal(result.provider, 'shopify');
    assert.deepEqual(result.variables.map((v) => [v.id, v.secret, v.required, v.default]), [
      ['auth:store_name', false, true, undefined],
      ['connector:api_version', false, false, '2026-01'],
      ['auth:token', true, true, undefined],
    ]);
    assert.deepEqual(result.bindings.auth, { store_name: 'auth:store_name', api_version: 'connector:api_version', token: 'auth:token' });
  });

  it("plans an endpoint with its auth method's headers, URL parameters and body first, each in its own scope", async () => {
    const text = connector({
      method: { urlParameters: [{ key: 'client', value: '{{client}}' }], variables: [{ key: 'token', secret: true, required: true }, { key: 'client', default: 'cli' }] },
      endpoint: {
        method: 'POST',
        variables: [{ key: 'limit', default: '50' }],
        headers: [{ key: 'X-Trace', value: 'yes' }],
        urlParameters: [{ key: 'limit', value: '{{limit}}' }],
        body: [{ key: 'filter', value: { ids: [1, 2], name: '{{limit}}' } }],
      },
    });
    const result = await planOf(text, { kind: 'endpoint', endpoint: 'List items' });
    assert.equal(result.title, "Endpoint 'List items'");
    assert.deepEqual(result.target, { kind: 'endpoint', endpoint: 'List items', authId: 'bearer' });
    assert.equal(result.method, 'POST');
    assert.deepEqual(result.headers.map((h) => [h.key, h.scope]), [['Authorization', 'auth'], ['X-Trace', 'endpoint']]);
    assert.deepEqual(result.urlParameters.map((p) => [p.key, p.value, p.scope]), [['client', '{{client}}', 'auth'], ['limit', '{{limit}}', 'endpoint']]);
    assert.deepEqual(result.body, [{ key: 'filter', value: { ids: [1, 2], name: '{{limit}}' }, scope: 'endpoint' }]);
    assert.equal(result.expectStatus, undefined);
    assert.deepEqual(result.bindings.endpoint, { limit: 'endpoint:limit' });
  });

  it('never carries the value of a secret, even a default the file wrongly gives it (the plan is refused instead)', async () => {
    const text = connector({ method: { variables: [{ key: 'token', secret: true, default: 'shpat_0123456789abcdef0123456789abcdef' }] } });
    const result = await plan(text, { kind: 'auth' });
    assert.ok(result.refusal);
    assert.doesNotMatch(JSON.stringify(result), /shpat_0123456789abcdef0123456789abcdef/);
  });

  it('refuses, listing code, line and message, when the method it uses has an error', async () => {
    const text = connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{tokn}}' }] } });
    const result = await plan(text, { kind: 'endpoint', endpoint: 'List items' });
    assert.equal(result.refusal?.message, "Endpoint 'List items' has an error to fix before a test request can be sent.");
    const line = text.split('\n').findIndex((l) => l.includes('{{tokn}}')) + 1;
    assert.deepEqual(result.refusal?.diagnostics.map((d) => [d.code, d.line]), [['unknown-placeholder', line]]);
    assert.match(result.refusal!.diagnostics[0].message, /Did you mean `\{\{token\}\}`/);
  });

  it('does not refuse for an error in another endpoint', async () => {
    const endpoints = [
      { name: 'Good', method: 'GET', url: 'https://api.example.com/v1/a', authentication: ['bearer'] },
      { name: 'Bad', method: 'GET', url: 'https://api.example.com/v1/{{nothing}}', authentication: ['bearer'] },
    ];
    assert.ok((await plan(connector({ endpoints }), { kind: 'endpoint', endpoint: 'Good' })).plan);
    assert.ok((await plan(connector({ endpoints }), { kind: 'endpoint', endpoint: 'Bad' })).refusal);
  });

  it('refuses a file with a JSON syntax error anywhere', async () => {
    const text = connector().replace('"endpoints": [', '"endpoints": [,');
    const result = await plan(text, { kind: 'auth' });
    assert.ok(result.refusal);
    assert.ok(result.refusal.diagnostics.some((d) => d.code === 'json-syntax'));
  });

  it('refuses an unsupported auth type with its own sentence', async () => {
    const text = JSON.stringify({ name: 'B', authentication: [{ id: 'basic', name: 'Basic', type: 'basic', url: 'https://api.example.com/', variables: [] }], endpoints: [] });
    const result = await plan(text, { kind: 'auth' });
    assert.equal(result.refusal?.message, "Auth method 'Basic' uses authentication type 'basic', which this tool does not send: test requests support `token` and `none` methods.");
  });

  it('names the choices when the target is ambiguous or unknown', async () => {
    const two = JSON.parse(connector()) as { authentication: Array<Record<string, unknown>> };
    two.authentication.push({ ...two.authentication[0], id: 'second', name: 'Second' });
    assert.equal((await plan(JSON.stringify(two), { kind: 'auth' })).refusal?.message, "The connector has several auth methods ('bearer', 'second'): choose one.");
    assert.equal((await plan(connector(), { kind: 'auth', authId: 'nope' })).refusal?.message, "The connector has no auth method with id 'nope'; its auth methods are 'bearer'.");
    assert.equal((await plan(connector(), { kind: 'endpoint', endpoint: 'Nope' })).refusal?.message, "The connector has no endpoint named 'Nope'; its endpoints are 'List items'.");
    assert.equal((await plan(connector(), { kind: 'endpoint', endpoint: 'List items', authId: 'other' })).refusal?.message, "Endpoint 'List items' is not enabled for auth method 'other'; it is enabled for 'bearer'.");
  });

  it('recognises the provider of a connector pointed at a local copy of its API by its headers or name', async () => {
    const shopify = example('shopify').replace(/https:\/\/\{\{store_name\}\}\.myshopify\.com/g, 'http://127.0.0.1:9');
    assert.equal((await planOf(shopify, { kind: 'auth' })).provider, 'shopify');
    const hubspot = example('hubspot').replace(/https:\/\/api\.hubapi\.com/g, 'http://127.0.0.1:9');
    assert.equal((await planOf(hubspot, { kind: 'auth' })).provider, 'hubspot');
  });

  it('lists every auth method and endpoint as a request target with its range', () => {
    const document = connectorDocument(example('odoo'));
    const { connector: name, targets } = service().requestTargets(document);
    assert.equal(name, 'Odoo');
    assert.deepEqual(targets.map((t) => [t.kind, t.id, t.method]), [
      ['auth', 'api-key', 'POST'],
      ['endpoint', 'Search partners', 'POST'],
      ['endpoint', 'Read partners', 'POST'],
      ['endpoint', 'Search sale orders', 'POST'],
    ]);
    assert.match(document.getText(targets[1].range), /^\{\s+"name": "Search partners"/);
    assert.deepEqual(targets[1].authIds, ['api-key']);
  });
});
