import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { curlCommand, renderResultText, resultJson, summarize, type RequestResult } from '../../client/src/request';
import type { RequestPlan } from '../../server/src/service';
import { connector, connectorDocument, service } from '../support/service';

const result: RequestResult = {
  classification: 'Failed authentication',
  reason: 'unauthorized',
  explanation: 'The server answered 401 Unauthorized: the token is missing, wrong or expired, or it is sent with the wrong header or scheme.',
  title: "Endpoint 'Get customers'",
  status: 401,
  statusText: 'Unauthorized',
  url: 'https://other.example/customers',
  durationMs: 143,
  redirects: [{ status: 302, from: 'https://demo.myshopify.com/customers', to: 'https://other.example/customers', method: 'GET', crossOrigin: true, withheld: [{ kind: 'header', name: 'X-Shopify-Access-Token' }, { kind: 'urlParameter', name: 'api_key' }] }],
  withheldCredentials: [{ kind: 'header', name: 'X-Shopify-Access-Token' }, { kind: 'urlParameter', name: 'api_key' }],
  omitted: [{ kind: 'header', name: 'X-Odoo-Database', variable: 'database' }],
  request: { method: 'GET', url: 'https://demo.myshopify.com/customers?api_key=•••', headers: { 'X-Shopify-Access-Token': '•••' } },
  response: { headers: { 'content-type': 'application/json' }, body: '{\n  "errors": "x"\n}', bytes: 16, truncated: false },
  tlsVerification: true,
};

describe('result rendering', () => {
  it('reads like a report: classification and sentence first, then request, redirects with what was withheld, response', () => {
    assert.equal(renderResultText(result), [
      'Failed authentication: The server answered 401 Unauthorized: the token is missing, wrong or expired, or it is sent with the wrong header or scheme.',
      '',
      "Endpoint 'Get customers'",
      '',
      'Request',
      '  GET https://demo.myshopify.com/customers?api_key=•••',
      '  X-Shopify-Access-Token: •••',
      '  (header X-Odoo-Database left out: database has no value)',
      '',
      'Redirects',
      '  1. 302 → GET https://other.example/customers (another origin; withheld: header X-Shopify-Access-Token, URL parameter api_key)',
      '',
      'Response',
      '  401 Unauthorized in 143 ms',
      '  Final URL: https://other.example/customers',
      '  content-type: application/json',
      '',
      '  {',
      '    "errors": "x"',
      '  }',
      '',
    ].join('\n'));
  });

  it('summarizes for code lenses and the output channel', () => {
    assert.equal(summarize(result), 'Failed authentication · 401 · 143 ms');
    assert.equal(summarize({ ...result, classification: 'Unreachable', status: undefined, durationMs: 30000 }), 'Unreachable · 30000 ms');
  });

  it('prints the JSON shape of DESIGN §6', () => {
    const json = resultJson(result) as Record<string, unknown>;
    for (const key of ['classification', 'explanation', 'status', 'url', 'durationMs', 'redirects', 'withheldCredentials', 'request', 'response']) assert.ok(key in json, key);
    assert.deepEqual(Object.keys(json.request as object), ['method', 'url', 'headers']);
  });

  it('says when TLS verification was off and a body was cut', () => {
    const text = renderResultText({ ...result, tlsVerification: false, response: { ...result.response!, truncated: true, bytes: 1000 } });
    assert.match(text, /TLS certificate verification was OFF/);
    assert.match(text, /cut at 1000 bytes/);
  });
});

async function planOf(text: string, endpoint?: string): Promise<RequestPlan> {
  const planned = await service().planRequest(connectorDocument(text), endpoint ? { kind: 'endpoint', endpoint } : { kind: 'auth' });
  assert.ok(planned.plan, JSON.stringify(planned.refusal));
  return planned.plan;
}

describe('copy as curl', () => {
  it('writes each secret as $CONNECTOR_SECRET_<KEY>, never its value', async () => {
    const plan = await planOf(connector({
      method: { urlParameters: [{ key: 'api_key', value: '{{token}}' }] },
      endpoint: { method: 'POST', body: [{ key: 'name', value: "O'Brien" }] },
    }), 'List items');
    assert.equal(
      curlCommand(plan, () => undefined),
      `curl -X POST https://api.example.com/v1/items --url-query 'api_key='"$CONNECTOR_SECRET_TOKEN" -H 'Authorization: Bearer '"$CONNECTOR_SECRET_TOKEN" -H 'Content-Type: application/json' --data-raw '{"name":"O'\\''Brien"}'`,
    );
  });

  it('is a command a shell runs as the request itself', async () => {
    const seen: { url?: string; authorization?: string; body?: string } = {};
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk));
      request.on('end', () => {
        Object.assign(seen, { url: request.url, authorization: request.headers.authorization, body });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const plan = await planOf(connector({
        method: { url: `http://127.0.0.1:${port}/me`, urlParameters: [{ key: 'api_key', value: '{{token}}' }] },
        endpoint: { url: `http://127.0.0.1:${port}/items`, method: 'POST', body: [{ key: 'name', value: "O'Brien & {{token}}" }] },
      }), 'List items');
      const command = curlCommand(plan, () => undefined)!;
      // Quotes, spaces and a `$` in the value must reach the server as they are (a JSON body cannot escape a `"` in it).
      const secret = `it's a secret $HOME`;
      await new Promise<void>((resolve, reject) => {
        execFile('sh', ['-c', `${command} -s -o /dev/null`], { env: { ...process.env, CONNECTOR_SECRET_TOKEN: secret } }, (error) => (error ? reject(error) : resolve()));
      });
      assert.equal(seen.authorization, `Bearer ${secret}`);
      assert.equal(new URL(seen.url!, 'http://x').searchParams.get('api_key'), secret);
      assert.deepEqual(JSON.parse(seen.body!), { name: `O'Brien & ${secret}` });
    } finally {
      server.close();
    }
  });
});

