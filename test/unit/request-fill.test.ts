import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { fillRequest, type FilledRequest } from '../../client/src/request';
import type { RequestPlan } from '../../server/src/service';
import { connector, connectorDocument, service } from '../support/service';

async function planOf(text: string, endpoint?: string): Promise<RequestPlan> {
  const result = await service().planRequest(connectorDocument(text), endpoint ? { kind: 'endpoint', endpoint } : { kind: 'auth' });
  assert.equal(result.refusal, undefined, JSON.stringify(result.refusal));
  return result.plan!;
}

function fill(plan: RequestPlan, values: Record<string, string>): FilledRequest {
  const result = fillRequest(plan, (variable) => values[variable.key]);
  assert.equal(result.error, undefined, result.error?.message);
  return result.request!;
}

const token = 'tok/en+val=ue&x';

describe('fillRequest', () => {
  it('fills placeholders by scope and marks the carriers of a secret', async () => {
    const plan = await planOf(connector({
      method: { variables: [{ key: 'token', secret: true, required: true }, { key: 'limit', default: 'auth-limit' }], urlParameters: [{ key: 'l', value: '{{limit}}' }] },
      endpoint: { variables: [{ key: 'limit', default: 'endpoint-limit' }], urlParameters: [{ key: 'limit', value: '{{limit}}' }] },
    }), 'List items');
    const request = fill(plan, { token });
    // The auth method's `{{limit}}` never sees the endpoint's variable (DESIGN §2).
    assert.equal(request.url, 'https://api.example.com/v1/items?l=auth-limit&limit=endpoint-limit');
    assert.deepEqual(request.headers, [{ key: 'Authorization', value: `Bearer ${token}`, secret: true }]);
    assert.deepEqual(request.urlParameters.map((p) => p.secret), [false, false]);
    assert.deepEqual(request.secrets, [token]);
    assert.equal(request.body, undefined);
  });

  it('names the label and key of a required variable without a value', async () => {
    const plan = await planOf(connector({ method: { url: 'https://{{host}}/me', variables: [{ key: 'token', label: 'Access token', secret: true, required: true }, { key: 'host', label: 'Host name', required: true }] } }));
    const result = fillRequest(plan, () => undefined);
    assert.equal(result.error?.message, "Auth method 'Bearer token' needs a value for 'Host name' (host), 'Access token' (token).");
    assert.deepEqual(result.error?.missing.map((v) => v.key), ['host', 'token']);
  });

  it('leaves out a parameter whose optional variable has no value, and says so', async () => {
    const plan = await planOf(connector({
      method: { variables: [{ key: 'token', secret: true, required: true }, { key: 'database' }], headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Odoo-Database', value: '{{database}}' }] },
    }));
    const request = fill(plan, { token });
    assert.deepEqual(request.headers.map((h) => h.key), ['Authorization']);
    assert.deepEqual(request.omitted, [{ kind: 'header', name: 'X-Odoo-Database', variable: 'database' }]);
  });

  it('sends the body as JSON, a whole-string placeholder as a string, with Content-Type added', async () => {
    const plan = await planOf(connector({
      endpoint: { method: 'POST', variables: [{ key: 'limit', default: '80' }], body: [{ key: 'domain', value: [] }, { key: 'limit', value: '{{limit}}' }, { key: 'nested', value: { a: ['x {{limit}}'] } }] },
    }), 'List items');
    const request = fill(plan, { token });
    assert.equal(request.body?.encoding, 'json');
    assert.deepEqual(request.body?.fields.map((f) => [f.key, f.value]), [['domain', []], ['limit', '80'], ['nested', { a: ['x 80'] }]]);
    assert.ok(request.headers.some((h) => h.key === 'Content-Type' && h.value === 'application/json'));
  });

  it('form-encodes the body when a Content-Type header says so', async () => {
    const plan = await planOf(connector({
      method: { headers: [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }], body: [{ key: 'api_key', value: '{{token}}' }] },
    }));
    const request = fill(plan, { token });
    assert.equal(request.body?.encoding, 'form');
    assert.deepEqual(request.body?.fields, [{ key: 'api_key', value: token, secret: true }]);
    assert.equal(request.headers.filter((h) => h.key.toLowerCase() === 'content-type').length, 1);
  });

  it('sends an empty JSON object for a POST without body fields (EVA, Odoo)', async () => {
    const plan = await planOf(connector({ method: { method: 'POST' } }));
    const request = fill(plan, { token });
    assert.deepEqual(request.body, { encoding: 'json', fields: [] });
  });

  it('encodes path values, and never lets a value move the request to another host', async () => {
    const plan = await planOf(connector({
      method: { url: 'https://{{store}}.example.com/a/{{segment}}', variables: [{ key: 'token', secret: true, required: true }, { key: 'store', required: true }, { key: 'segment', required: true }] },
    }));
    assert.equal(fill(plan, { token, store: 'demo', segment: 'a b?c' }).url, 'https://demo.example.com/a/a%20b%3Fc');
    const result = fillRequest(plan, (v) => ({ token, store: 'evil.example#', segment: 'x' })[v.key]);
    assert.equal(result.error?.message, "The value of 'store' cannot be part of this host name: use letters, digits and hyphens (and dots only where the name does not end with the value).");
  });

  it('regression: a value that ends a host name written around it never moves the request to another domain', async () => {
    const variables = [{ key: 'token', secret: true, required: true }, { key: 'suffix', required: true }, { key: 'store', required: true }];
    const suffix = await planOf(connector({ method: { url: 'https://api.example.com{{suffix}}/x', variables: variables.slice(0, 2) } }));
    assert.match(fillRequest(suffix, (v) => ({ token, suffix: '.evil.example' })[v.key]).error?.message ?? '', /cannot be part of this host name/);
    assert.equal(fill(suffix, { token, suffix: '-eu' }).url, 'https://api.example.com-eu/x');
    // A leading label keeps the request within the domain written after it; a whole host is the user's to choose.
    const leading = await planOf(connector({ method: { url: 'https://{{store}}.example.com/x', variables: [variables[0], variables[2]] } }));
    assert.equal(fill(leading, { token, store: 'eu.demo' }).url, 'https://eu.demo.example.com/x');
  });

  it('sends URL user info as Basic authorization, the password percent-encoded in the URL and never taken for a host', async () => {
    const plan = await planOf(connector({
      method: { url: 'https://api:{{password}}@api.example.com/me', headers: [], variables: [{ key: 'password', secret: true, required: true }] },
    }));
    const password = 'p@ss:w/rd#1';
    const request = fill(plan, { password });
    assert.equal(request.url, 'https://api.example.com/me');
    assert.deepEqual(request.headers, [{ key: 'Authorization', value: `Basic ${Buffer.from(`api:${password}`).toString('base64')}`, secret: true }]);
    const both = await planOf(connector({ method: { url: 'https://api:{{token}}@api.example.com/me' } }));
    assert.match(fillRequest(both, () => token).error?.message ?? '', /both in its URL's user info and in an Authorization header/);
  });

  it('refuses a URL that is not absolute http(s) once filled', async () => {
    const plan = await planOf(connector({ method: { url: '{{base}}/me', variables: [{ key: 'token', secret: true, required: true }, { key: 'base', required: true }] } }));
    const result = fillRequest(plan, (v) => ({ token, base: 'ftp://files.example.com' })[v.key]);
    assert.match(result.error?.message ?? '', /not an absolute http\(s\) URL once filled: check the values of 'base'/);
  });
});
