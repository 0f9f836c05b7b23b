import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { connectorDocument, repoRoot, service } from '../support/service';

const examplesDir = path.join(repoRoot, 'examples');

interface Pair {
  readonly key: string;
  readonly value: unknown;
}
interface Variable {
  readonly key: string;
  readonly label?: string;
  readonly default?: string;
  readonly required?: boolean;
  readonly secret?: boolean;
}
interface Request {
  readonly method?: string;
  readonly url: string;
  readonly variables?: Variable[];
  readonly headers?: Pair[];
  readonly urlParameters?: Pair[];
  readonly body?: Pair[];
}
interface AuthMethod extends Request {
  readonly id: string;
  readonly type: string;
  readonly expect?: { status?: number[] };
}
interface Endpoint extends Request {
  readonly name: string;
  readonly authentication: string[];
}
interface Connector {
  readonly name: string;
  readonly variables?: Variable[];
  readonly authentication: AuthMethod[];
  readonly endpoints?: Endpoint[];
}

function exampleFiles(): string[] {
  return fs.readdirSync(examplesDir).filter((name) => /\.connector\.jsonc?$/.test(name)).sort();
}

function readExample(name: string): Connector {
  return parse(fs.readFileSync(path.join(examplesDir, name), 'utf8'), [], { allowTrailingComma: false }) as Connector;
}

function header(request: Request, name: string): string | undefined {
  const found = request.headers?.find((h) => h.key.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : String(found.value);
}

/** The only token method of a provider example. */
function tokenMethod(connector: Connector): AuthMethod {
  const methods = connector.authentication.filter((m) => m.type === 'token');
  assert.equal(methods.length, 1, `${connector.name} has one token method`);
  return methods[0];
}

function variable(connector: Connector, method: AuthMethod, key: string): Variable | undefined {
  return method.variables?.find((v) => v.key === key) ?? connector.variables?.find((v) => v.key === key);
}

/** The check URL with each placeholder filled by its default, where it has one. */
function filledUrl(connector: Connector, method: AuthMethod): string {
  return method.url.replace(/\{\{([^{}]+)\}\}/g, (whole, key: string) => variable(connector, method, key)?.default ?? whole);
}

/** Asserts that `key` is a required secret variable of the method, with no default. */
function assertSecret(connector: Connector, method: AuthMethod, key: string): void {
  const secret = variable(connector, method, key);
  assert.ok(secret, `${connector.name} declares {{${key}}}`);
  assert.equal(secret.secret, true, `${connector.name}: ${key} is secret`);
  assert.equal(secret.required, true, `${connector.name}: ${key} is required`);
  assert.equal(secret.default, undefined, `${connector.name}: ${key} has no default`);
}

describe('examples', () => {
  it('holds the five provider connectors and the two generic ones', () => {
    assert.deepEqual(exampleFiles(), [
      'airtable.connector.json',
      'api-key-header.connector.json',
      'bearer-header.connector.jsonc',
      'eva.connector.json',
      'hubspot.connector.json',
      'odoo.connector.json',
      'shopify.connector.json',
    ]);
  });

  for (const name of exampleFiles()) {
    it(`${name} has no diagnostics`, async () => {
      const text = fs.readFileSync(path.join(examplesDir, name), 'utf8');
      const diagnostics = await service().validate(connectorDocument(text, `file:///examples/${name}`));
      assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${String(d.message)}`), []);
    });

    it(`${name} is written like a careful user would`, () => {
      const connector = readExample(name);
      const endpoints = connector.endpoints ?? [];
      assert.ok(endpoints.length >= 2 && endpoints.length <= 3, `${name} has 2-3 endpoints`);
      const all: Variable[] = [...(connector.variables ?? []), ...connector.authentication.flatMap((m) => m.variables ?? []), ...endpoints.flatMap((e) => e.variables ?? [])];
      for (const v of all) {
        assert.ok(v.label !== undefined && v.label.length > 0, `${name}: variable ${v.key} has a label`);
        if (v.secret) assert.equal(v.default, undefined, `${name}: secret ${v.key} has no default`);
      }
      for (const method of connector.authentication) {
        assert.ok(method.variables?.some((v) => v.secret), `${name}: ${method.id} has a secret variable`);
      }
    });
  }

  it('Airtable: personal access token as Authorization: Bearer, checked by GET meta/whoami', () => {
    const connector = readExample('airtable.connector.json');
    const method = tokenMethod(connector);
    assert.equal(method.method ?? 'GET', 'GET');
    assert.equal(filledUrl(connector, method), 'https://api.airtable.com/v0/meta/whoami');
    assert.equal(header(method, 'Authorization'), 'Bearer {{token}}');
    assertSecret(connector, method, 'token');
    assert.ok(connector.endpoints?.some((e) => e.method === 'GET' && e.url === 'https://api.airtable.com/v0/{{base_id}}/{{table}}'), 'lists records');
  });

  it('EVA: Authorization: Bearer plus EVA-User-Agent, checked by POST /message/GetCurrentUser with body {}', () => {
    const connector = readExample('eva.connector.json');
    const method = tokenMethod(connector);
    assert.equal(method.method, 'POST');
    assert.equal(method.url, 'https://api.{{region}}.{{company}}.{{target}}.eva-online.cloud/message/GetCurrentUser');
    assert.deepEqual(method.body ?? [], []);
    assert.equal(header(method, 'Authorization'), 'Bearer {{token}}');
    assert.match(header(method, 'EVA-User-Agent') ?? '', /\S/);
    assertSecret(connector, method, 'token');
    for (const endpoint of connector.endpoints ?? []) {
      assert.equal(endpoint.method, 'POST', `${endpoint.name} is a POST message`);
      assert.match(endpoint.url, /^https:\/\/api\.\{\{region\}\}\.\{\{company\}\}\.\{\{target\}\}\.eva-online\.cloud\/message\/[A-Za-z]+$/);
    }
  });

  it('HubSpot: private app token as Authorization: Bearer, checked by GET account-info/2026-03/details', () => {
    const connector = readExample('hubspot.connector.json');
    const method = tokenMethod(connector);
    assert.equal(method.method ?? 'GET', 'GET');
    assert.equal(filledUrl(connector, method), 'https://api.hubapi.com/account-info/2026-03/details');
    assert.equal(header(method, 'Authorization'), 'Bearer {{token}}');
    assertSecret(connector, method, 'token');
  });

  it('Odoo: API key as Authorization: bearer with optional X-Odoo-Database, checked by POST /json/2/res.users/context_get', () => {
    const connector = readExample('odoo.connector.json');
    const method = tokenMethod(connector);
    assert.equal(method.method, 'POST');
    assert.match(method.url, /^https:\/\/\{\{host\}\}\/json\/2\/res\.users\/context_get$/);
    assert.equal(header(method, 'Authorization'), 'bearer {{api_key}}');
    assert.equal(header(method, 'X-Odoo-Database'), '{{database}}');
    assert.notEqual(variable(connector, method, 'database')?.required, true, 'the database is optional');
    assertSecret(connector, method, 'api_key');
    const search = connector.endpoints?.find((e) => e.url.endsWith('/json/2/res.partner/search_read'));
    assert.ok(search, 'searches partners');
    assert.equal(search.method, 'POST');
    assert.deepEqual(search.body?.find((b) => b.key === 'domain')?.value, []);
    assert.ok(Array.isArray(search.body?.find((b) => b.key === 'fields')?.value), 'search_read names its fields');
  });

  it('Shopify: token in X-Shopify-Access-Token without Bearer, store in the host, YYYY-MM version in the path', () => {
    const connector = readExample('shopify.connector.json');
    const method = tokenMethod(connector);
    assert.equal(method.method ?? 'GET', 'GET');
    assert.equal(method.url, 'https://{{store_name}}.myshopify.com/admin/api/{{api_version}}/shop.json');
    assert.equal(header(method, 'X-Shopify-Access-Token'), '{{token}}');
    assert.equal(header(method, 'Authorization'), undefined);
    assert.match(variable(connector, method, 'api_version')?.default ?? '', /^\d{4}-(?:01|04|07|10)$/);
    assert.equal(variable(connector, method, 'store_name')?.default, undefined);
    assertSecret(connector, method, 'token');
    assert.ok(connector.endpoints?.some((e) => e.url.endsWith('/customers.json')), 'gets customers');
    assert.ok(connector.endpoints?.some((e) => e.url.endsWith('/orders.json')), 'gets orders');
  });

  it('the generic examples send their token in a header', () => {
    const bearer = readExample('bearer-header.connector.jsonc');
    assert.equal(header(tokenMethod(bearer), 'Authorization'), 'Bearer {{token}}');
    const apiKey = readExample('api-key-header.connector.json');
    assert.equal(header(tokenMethod(apiKey), 'X-API-Key'), '{{api_key}}');
    assertSecret(apiKey, tokenMethod(apiKey), 'api_key');
  });

  it('the bearer-header tutorial explains its parts in comments', () => {
    const text = fs.readFileSync(path.join(examplesDir, 'bearer-header.connector.jsonc'), 'utf8');
    assert.ok((text.match(/^\s*\/\/ /gm) ?? []).length >= 8, 'at least eight comment lines');
  });
});
