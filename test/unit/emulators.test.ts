import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { requestCommands, sampleValues } from '../emulators/commands';
import { type Emulator, type EmulatorOptions, type Provider, pointAtEmulator, providers, startEmulator } from '../emulators/index';
import { connectorDocument, repoRoot, service } from '../support/service';

const jsonType = 'application/json; charset=utf-8';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Sends one request to an emulator and reads its JSON answer. */
async function send(emulator: Emulator, pathAndQuery: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`${emulator.origin}${pathAndQuery}`, init);
  const text = await response.text();
  if (text !== '') assert.equal(response.headers.get('content-type'), jsonType, `content type of ${response.status} ${text}`);
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Runs `body` against a fresh emulator and closes it afterwards, whatever happens. */
async function withEmulator(provider: Provider, options: EmulatorOptions, body: (emulator: Emulator) => Promise<void>): Promise<void> {
  const emulator = await startEmulator(provider, options);
  try {
    await body(emulator);
  } finally {
    await emulator.close();
  }
}

/** One emulator for every test of a `describe` block. */
function sharedEmulator(provider: Provider, options: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await startEmulator(provider, options);
  });
  after(() => emulator?.close());
  return () => emulator as Emulator;
}

function readExample(provider: Provider): string {
  return fs.readFileSync(path.join(repoRoot, 'examples', `${provider}.connector.json`), 'utf8');
}

describe('emulators: common behaviour', () => {
  it('lists the five providers of DESIGN §3', () => {
    assert.deepEqual(providers, ['airtable', 'eva', 'hubspot', 'odoo', 'shopify']);
  });

  it('listen on a loopback port and accept a realistic default token of each provider', async () => {
    const formats: Record<Provider, RegExp> = {
      airtable: /^pat[A-Za-z0-9]{14}\.[a-f0-9]{64}$/,
      eva: /^[a-f0-9]{64}$/,
      hubspot: /^pat-na1-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      odoo: /^[a-f0-9]{40}$/,
      shopify: /^shpat_[a-f0-9]{32}$/,
    };
    for (const provider of providers) {
      await withEmulator(provider, {}, async (emulator) => {
        assert.equal(emulator.provider, provider);
        assert.match(emulator.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.match(emulator.token, formats[provider]);
      });
      const again = await startEmulator(provider);
      await again.close();
      assert.match(again.token, formats[provider], 'the default token is fixed');
    }
  });

  it('accepts the token it is given instead of the default', async () => {
    await withEmulator('airtable', { token: 'my-test-token' }, async (emulator) => {
      assert.equal(emulator.token, 'my-test-token');
      assert.equal((await send(emulator, '/v0/meta/whoami', { headers: { Authorization: 'Bearer my-test-token' } })).status, 200);
    });
  });

  it('records every request in order, with its path and query, lower-case joined headers and full body, before answering', async () => {
    await withEmulator('eva', {}, async (emulator) => {
      const headers = new Headers({ Authorization: `Bearer ${emulator.token}`, 'EVA-User-Agent': 'Test/1.0', 'Content-Type': 'application/json' });
      headers.append('X-Trace', 'one');
      headers.append('X-Trace', 'two');
      const body = JSON.stringify({ Query: 'scarf', PageSize: 10, IncludedFields: ['display_value'] });
      await send(emulator, '/message/SearchProducts?debug=1', { method: 'POST', headers, body });
      await send(emulator, '/message/GetCurrentUser', { method: 'GET' });
      assert.equal(emulator.requests.length, 2);
      const [first, second] = emulator.requests;
      assert.equal(first.method, 'POST');
      assert.equal(first.path, '/message/SearchProducts?debug=1');
      assert.equal(first.body, body);
      assert.equal(first.headers.authorization, `Bearer ${emulator.token}`);
      assert.equal(first.headers['eva-user-agent'], 'Test/1.0');
      assert.equal(first.headers['x-trace'], 'one, two');
      assert.ok(Object.keys(first.headers).every((name) => name === name.toLowerCase()));
      assert.deepEqual([second.method, second.path, second.body], ['GET', '/message/GetCurrentUser', '']);
    });
  });

  it('close() ends open keep-alive connections and the server, after which nothing answers', async () => {
    const emulator = await startEmulator('shopify');
    await send(emulator, `/admin/api/2026-01/shop.json`, { headers: { 'X-Shopify-Access-Token': emulator.token, Connection: 'keep-alive' } });
    await emulator.close();
    await emulator.close();
    await assert.rejects(fetch(`${emulator.origin}/admin/api/2026-01/shop.json`));
  });

  it('answer an unknown path with 404 and a JSON body', async () => {
    for (const provider of providers) {
      await withEmulator(provider, {}, async (emulator) => {
        const answer = await send(emulator, '/no/such/path', { method: provider === 'eva' ? 'POST' : 'GET', headers: { 'EVA-User-Agent': 'Test/1.0' } });
        assert.equal(answer.status, 404, provider);
        assert.ok(answer.body !== undefined, provider);
      });
    }
  });
});

describe('Airtable emulator', () => {
  const emulator = sharedEmulator('airtable');
  const refused = { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } };

  it('answers whoami for `Authorization: Bearer <token>`, the scheme in any case', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const answer = await send(emulator(), '/v0/meta/whoami', { headers: { Authorization: `${scheme} ${emulator().token}` } });
      assert.equal(answer.status, 200, scheme);
      const body = answer.body as { id: string; scopes: string[] };
      assert.match(body.id, /^usr[A-Za-z0-9]{14}$/);
      assert.ok(Array.isArray(body.scopes) && body.scopes.includes('schema.bases:read'));
    }
  });

  it('refuses a wrong token, a missing one, one without a scheme or with another scheme: 401 AUTHENTICATION_REQUIRED', async () => {
    const token = emulator().token;
    for (const authorization of [`Bearer ${token}x`, undefined, token, `Basic ${token}`, `Bearer: ${token}`, `Bearer${token}`]) {
      const answer = await send(emulator(), '/v0/meta/whoami', { headers: authorization === undefined ? {} : { Authorization: authorization } });
      assert.deepEqual([answer.status, answer.body], [401, refused], String(authorization));
    }
  });

  it('lists bases and records, and refuses a base it does not know with 403', async () => {
    const headers = { Authorization: `Bearer ${emulator().token}` };
    const bases = await send(emulator(), '/v0/meta/bases', { headers });
    assert.equal(bases.status, 200);
    const listed = await send(emulator(), `/v0/${sampleValues.base_id}/${sampleValues.table}?pageSize=2`, { headers });
    assert.equal(listed.status, 200);
    assert.equal((listed.body as { records: unknown[] }).records.length, 2);
    const created = await send(emulator(), `/v0/${sampleValues.base_id}/${sampleValues.table}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: [{ fields: { Name: 'Cap' } }], typecast: false }),
    });
    assert.equal(created.status, 200);
    assert.deepEqual((created.body as { records: { fields: unknown }[] }).records.map((r) => r.fields), [{ Name: 'Cap' }]);
    const unknown = await send(emulator(), '/v0/appUnknownBase00/Products', { headers });
    assert.equal(unknown.status, 403);
    assert.equal((unknown.body as { error: { type: string } }).error.type, 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND');
  });
});

describe('EVA emulator', () => {
  const emulator = sharedEmulator('eva');
  const headers = () => ({ Authorization: `Bearer ${emulator().token}`, 'EVA-User-Agent': 'ConnectorTokenAuth/1.0', 'Content-Type': 'application/json' });
  const post = (service: string, body: unknown, extra: Record<string, string | undefined> = headers()) =>
    send(emulator(), `/message/${service}`, { method: 'POST', headers: Object.fromEntries(Object.entries(extra).filter((e): e is [string, string] => e[1] !== undefined)), body: JSON.stringify(body) });

  it('answers GetCurrentUser for a bearer token sent with an EVA-User-Agent', async () => {
    const answer = await post('GetCurrentUser', {});
    assert.equal(answer.status, 200);
    assert.equal(typeof (answer.body as { User: { ID: unknown } }).User.ID, 'number');
  });

  it('refuses a request without EVA-User-Agent with 400 and an EVA error body, even with the right token', async () => {
    const answer = await post('GetCurrentUser', {}, { ...headers(), 'EVA-User-Agent': undefined });
    assert.equal(answer.status, 400);
    const error = (answer.body as { Error: Record<string, unknown> }).Error;
    assert.equal(typeof error.Type, 'string');
    assert.match(String(error.Message), /EVA-User-Agent/);
  });

  it('refuses a wrong or missing token with 403 Forbidden', async () => {
    for (const authorization of [`Bearer ${emulator().token}x`, undefined, emulator().token]) {
      const answer = await post('GetCurrentUser', {}, { ...headers(), Authorization: authorization });
      assert.equal(answer.status, 403, String(authorization));
      const error = (answer.body as { Error: Record<string, unknown> }).Error;
      assert.deepEqual(Object.keys(error).sort(), ['Message', 'RequestID', 'Type']);
      assert.equal(error.Type, 'Forbidden');
      assert.ok(typeof error.Message === 'string' && typeof error.RequestID === 'string');
    }
  });

  it('answers a method other than POST with 405', async () => {
    const answer = await send(emulator(), '/message/GetCurrentUser', { headers: headers() });
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.get('allow'), 'POST');
  });

  it('answers GetOrder (an order id filled in as a string) and SearchProducts with the included fields only', async () => {
    const order = await post('GetOrder', { OrderID: sampleValues.order_id });
    assert.equal(order.status, 200);
    assert.equal((order.body as { Result: { ID: number } }).Result.ID, 1001);
    assert.equal((await post('GetOrder', { OrderID: 9999 })).status, 404);
    const search = await post('SearchProducts', { Query: sampleValues.query, PageSize: '25', IncludedFields: ['product_id', 'display_value', 'backend_id'] });
    assert.equal(search.status, 200);
    assert.deepEqual((search.body as { Products: unknown[] }).Products, [{ product_id: 8801, display_value: 'Linen shirt', backend_id: 'LS-001' }]);
  });
});

describe('HubSpot emulator', () => {
  const withoutScopes = 'pat-na1-00000000-0000-4000-8000-000000000000';
  const emulator = sharedEmulator('hubspot', { tokensWithoutScopes: [withoutScopes] });
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('answers the account details for `Authorization: Bearer <token>`', async () => {
    const answer = await send(emulator(), '/account-info/2026-03/details', { headers: bearer(emulator().token) });
    assert.equal(answer.status, 200);
    const body = answer.body as Record<string, unknown>;
    assert.equal(typeof body.portalId, 'number');
    for (const key of ['accountType', 'timeZone', 'companyCurrency', 'uiDomain', 'dataHostingLocation']) assert.equal(typeof body[key], 'string', key);
  });

  it('refuses a wrong or missing token with 401 INVALID_AUTHENTICATION', async () => {
    for (const headers of [bearer(`${emulator().token}x`), {}, { Authorization: emulator().token }]) {
      const answer = await send(emulator(), '/account-info/2026-03/details', { headers });
      assert.equal(answer.status, 401);
      const body = answer.body as Record<string, unknown>;
      assert.equal(body.status, 'error');
      assert.equal(body.category, 'INVALID_AUTHENTICATION');
      assert.match(String(body.message), /^Authentication credentials not found\. /);
      assert.equal(typeof body.correlationId, 'string');
    }
  });

  it('refuses a valid token that lacks the scopes with 403 MISSING_SCOPES', async () => {
    for (const pathAndQuery of ['/account-info/2026-03/details', '/crm/objects/2026-03/contacts']) {
      const answer = await send(emulator(), pathAndQuery, { headers: bearer(withoutScopes) });
      assert.equal(answer.status, 403, pathAndQuery);
      const body = answer.body as Record<string, unknown>;
      assert.equal(body.status, 'error');
      assert.equal(body.category, 'MISSING_SCOPES');
      assert.match(String(body.message), /^This app hasn't been granted all required scopes/);
    }
  });

  it('lists, reads and creates contacts as the example endpoints do', async () => {
    const headers = bearer(emulator().token);
    const list = await send(emulator(), '/crm/objects/2026-03/contacts?limit=2&properties=email,firstname', { headers });
    assert.equal(list.status, 200);
    const page = list.body as { results: { properties: Record<string, unknown> }[]; paging: { next: { after: string } } };
    assert.equal(page.results.length, 2);
    assert.equal(page.results[0].properties.email, 'maria.jansen@example.com');
    const rest = await send(emulator(), `/crm/objects/2026-03/contacts?limit=2&after=${page.paging.next.after}`, { headers });
    assert.equal((rest.body as { results: unknown[] }).results.length, 1);
    assert.equal((await send(emulator(), `/crm/objects/2026-03/contacts/${sampleValues.contact_id}`, { headers })).status, 200);
    assert.equal((await send(emulator(), '/crm/objects/2026-03/contacts/999', { headers })).status, 404);
    const create = (email: string) =>
      send(emulator(), '/crm/objects/2026-03/contacts', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ properties: { email, firstname: 'New' } }) });
    assert.equal((await create(sampleValues.email)).status, 201);
    assert.equal((await create(sampleValues.email)).status, 409);
  });
});

describe('Odoo emulator', () => {
  const emulator = sharedEmulator('odoo');
  const headers = (authorization: string | null) => ({ 'Content-Type': 'application/json; charset=utf-8', ...(authorization === null ? {} : { Authorization: authorization }) });
  const call = (route: string, body: unknown, authorization: string | null = `bearer ${emulator().token}`) =>
    send(emulator(), `/json/2/${route}`, { method: 'POST', headers: headers(authorization), body: JSON.stringify(body) });

  it('answers res.users/context_get for `Authorization: bearer <api key>`, the scheme in any case, with or without X-Odoo-Database', async () => {
    for (const scheme of ['bearer', 'Bearer']) {
      const answer = await call('res.users/context_get', {}, `${scheme} ${emulator().token}`);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { lang: 'en_US', tz: 'Europe/Brussels', uid: 2 });
    }
    const withDatabase = await send(emulator(), '/json/2/res.users/context_get', { method: 'POST', headers: { ...headers(`bearer ${emulator().token}`), 'X-Odoo-Database': 'mycompany' }, body: '{}' });
    assert.equal(withDatabase.status, 200);
  });

  it('refuses a wrong API key with 401 "Invalid apikey" in Odoo\'s error body', async () => {
    const answer = await call('res.users/context_get', {}, `bearer ${emulator().token}0`);
    assert.equal(answer.status, 401);
    assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
    const body = answer.body as Record<string, unknown>;
    assert.equal(body.name, 'werkzeug.exceptions.Unauthorized');
    assert.equal(body.message, 'Invalid apikey');
    assert.deepEqual(body.arguments, ['Invalid apikey', 401]);
    assert.deepEqual(body.context, {});
    assert.match(String(body.debug), /^Traceback/);
  });

  it('refuses a request without a bearer API key with 401, as Odoo does', async () => {
    for (const authorization of [null, emulator().token, `Basic ${emulator().token}`]) {
      const answer = await call('res.users/context_get', {}, authorization);
      assert.equal(answer.status, 401, String(authorization));
      assert.equal((answer.body as { message: string }).message, 'User not authenticated, use the "Authorization" header');
    }
  });

  it('answers a method other than POST on /json/2 with 405', async () => {
    const answer = await send(emulator(), '/json/2/res.users/context_get', { headers: headers(`bearer ${emulator().token}`) });
    assert.equal(answer.status, 405);
    assert.equal(answer.headers.get('allow'), 'POST');
    assert.equal((answer.body as { name: string }).name, 'werkzeug.exceptions.MethodNotAllowed');
  });

  it('answers the example endpoints: search_read and read on res.partner, search_read on sale.order', async () => {
    const partners = await call('res.partner/search_read', { domain: [], fields: ['name', 'email', 'phone', 'is_company'], limit: '80' });
    assert.equal(partners.status, 200);
    const rows = partners.body as Record<string, unknown>[];
    assert.ok(rows.length > 1);
    assert.deepEqual(Object.keys(rows[0]), ['id', 'name', 'email', 'phone', 'is_company']);
    assert.deepEqual((await call('res.partner/read', { ids: [], fields: ['name', 'email'] })).body, []);
    assert.deepEqual((await call('res.partner/read', { ids: [7], fields: ['name', 'email'] })).body, [{ id: 7, name: 'Deco Addict', email: 'deco_addict@example.com' }]);
    const orders = await call('sale.order/search_read', { domain: [['state', '=', 'sale']], fields: ['name', 'partner_id', 'amount_total', 'date_order'], order: 'date_order desc', limit: 50 });
    assert.equal(orders.status, 200);
    assert.deepEqual((orders.body as { name: string; partner_id: unknown }[]).map((o) => [o.name, o.partner_id]), [['S00018', [14, 'Azure Interior']], ['S00012', [7, 'Deco Addict']]]);
  });

  it('answers an unknown model or method with 404, and an unexpected argument with 422', async () => {
    const model = await call('res.nothing/search_read', {});
    assert.equal(model.status, 404);
    assert.equal((model.body as { name: string; message: string }).message, "the model 'res.nothing' does not exist");
    assert.equal((model.body as { name: string }).name, 'werkzeug.exceptions.NotFound');
    assert.equal((await call('res.partner/no_such_method', {})).status, 404);
    assert.equal((await call('res.users/context_get', { badparameter: 1 })).status, 422);
  });
});

describe('Shopify emulator', () => {
  const emulator = sharedEmulator('shopify');
  const refused = { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' };

  it('answers shop.json for `X-Shopify-Access-Token: <token>`, naming the API version it served', async () => {
    const answer = await send(emulator(), '/admin/api/2026-01/shop.json', { headers: { 'X-Shopify-Access-Token': emulator().token } });
    assert.equal(answer.status, 200);
    assert.equal((answer.body as { shop: { myshopify_domain: string } }).shop.myshopify_domain, `${sampleValues.store_name}.myshopify.com`);
    assert.equal(answer.headers.get('x-shopify-api-version'), '2026-01');
  });

  it('refuses the token sent in Authorization, with or without Bearer, and a wrong token: 401', async () => {
    const token = emulator().token;
    const attempts: Record<string, string>[] = [{ Authorization: `Bearer ${token}` }, { Authorization: token }, { 'X-Shopify-Access-Token': `${token}0` }, {}];
    for (const headers of attempts) {
      const answer = await send(emulator(), '/admin/api/2026-01/shop.json', { headers });
      assert.deepEqual([answer.status, answer.body], [401, refused], JSON.stringify(Object.keys(headers)));
    }
  });

  it('answers 404 for a version that is not YYYY-MM', async () => {
    for (const version of ['2026-1', 'latest', '2026-13', 'v1']) {
      const answer = await send(emulator(), `/admin/api/${version}/shop.json`, { headers: { 'X-Shopify-Access-Token': emulator().token } });
      assert.equal(answer.status, 404, version);
    }
  });

  it('answers the example endpoints: customers, orders by status, products with only the asked fields', async () => {
    const headers = { 'X-Shopify-Access-Token': emulator().token };
    const customers = await send(emulator(), '/admin/api/2026-01/customers.json?limit=2', { headers });
    assert.equal((customers.body as { customers: unknown[] }).customers.length, 2);
    const open = await send(emulator(), '/admin/api/2026-01/orders.json', { headers });
    const any = await send(emulator(), '/admin/api/2026-01/orders.json?status=any&limit=250', { headers });
    assert.deepEqual((open.body as { orders: { name: string }[] }).orders.map((o) => o.name), ['#1002']);
    assert.equal((any.body as { orders: unknown[] }).orders.length, 3);
    const products = await send(emulator(), '/admin/api/2026-01/products.json?limit=250&fields=id,title', { headers });
    assert.deepEqual(Object.keys((products.body as { products: object[] }).products[0]), ['id', 'title']);
  });

  it('answers 402 for a frozen shop and 423 for a locked one', async () => {
    const cases = [['frozen', 402, { errors: 'Unavailable Shop' }], ['locked', 423, { errors: 'This shop is unavailable' }]] as const;
    for (const [shopState, status, body] of cases) {
      await withEmulator('shopify', { shopState }, async (shop) => {
        const answer = await send(shop, '/admin/api/2026-01/shop.json', { headers: { 'X-Shopify-Access-Token': shop.token } });
        assert.deepEqual([answer.status, answer.body], [status, body], shopState);
      });
    }
  });
});

describe('pointAtEmulator', () => {
  const unusedAfterRewrite: Record<Provider, string[]> = { airtable: [], eva: ['company', 'region', 'target'], hubspot: [], odoo: ['host'], shopify: ['store_name'] };

  for (const provider of providers) {
    it(`points the ${provider} example at the emulator, and the result lints with no errors (only unused host variables warn)`, async () => {
      const text = pointAtEmulator(readExample(provider), 'http://127.0.0.1:43123');
      const connector = parse(text) as { authentication: { url: string }[]; endpoints: { url: string }[] };
      for (const { url } of [...connector.authentication, ...connector.endpoints]) assert.match(url, /^http:\/\/127\.0\.0\.1:43123\//);
      const diagnostics = await service().validate(connectorDocument(text));
      assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => d.message), [], 'no errors');
      const warnings = diagnostics.filter((d) => d.severity !== 1);
      assert.ok(warnings.every((d) => d.code === 'unused-variable'), warnings.map((d) => d.message).join('\n'));
      assert.deepEqual(warnings.map((d) => /`([^`]+)`/.exec(d.message)?.[1]).sort(), unusedAfterRewrite[provider]);
    });
  }

  it('changes only the URL strings: comments, formatting and placeholder-led URLs stay as they were', () => {
    const text = [
      '// Example',
      '{',
      '  "authentication": [',
      '    { "id": "a", "url": "https://{{store_name}}.myshopify.com/admin/api/{{v}}/shop.json?x=1" }, // check',
      '  ],',
      '  "endpoints": [',
      '    {',
      '      "url":   "HTTPS://api.example.com",',
      '      "description": "https://api.example.com/v1 is not a request URL"',
      '    },',
      '    { "url": "{{base_url}}/items" }',
      '  ]',
      '}',
    ].join('\n');
    const expected = text
      .replace('https://{{store_name}}.myshopify.com/admin', 'http://127.0.0.1:9/admin')
      .replace('"HTTPS://api.example.com"', '"http://127.0.0.1:9"');
    assert.equal(pointAtEmulator(text, 'http://127.0.0.1:9/'), expected);
  });
});

describe('emulator commands', () => {
  it('give the check request and each endpoint a ready command with the secret in the environment and each variable it needs', async () => {
    const text = pointAtEmulator(readExample('shopify'), 'http://127.0.0.1:9');
    const commands = await requestCommands(text, '/tmp/x/shopify.connector.json', 'shpat_test');
    // Pointed at the emulator, the store name is no longer part of the URL: no --var for it.
    assert.deepEqual(commands[0], { label: 'check', command: 'CONNECTOR_SECRET_TOKEN=shpat_test npx connector-check request /tmp/x/shopify.connector.json' });
    assert.deepEqual(commands.map((c) => c.label), ['check', 'Get customers', 'Get orders', 'Get products']);
    assert.equal(commands[1].command, "CONNECTOR_SECRET_TOKEN=shpat_test npx connector-check request /tmp/x/shopify.connector.json --endpoint 'Get customers'");
    const eva = await requestCommands(pointAtEmulator(readExample('eva'), 'http://127.0.0.1:9'), '/tmp/eva.connector.json', 't');
    assert.equal(eva[1].command, "CONNECTOR_SECRET_TOKEN=t npx connector-check request /tmp/eva.connector.json --endpoint 'Get order' --var order_id=1001");
    const odoo = await requestCommands(readExample('odoo'), '/tmp/odoo.connector.json', 'k');
    assert.equal(odoo[0].command, 'CONNECTOR_SECRET_API_KEY=k npx connector-check request /tmp/odoo.connector.json --var host=mycompany.odoo.com');
  });
});
