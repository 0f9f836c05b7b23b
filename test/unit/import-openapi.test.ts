import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectorText, declaresSecuritySchemes, ImportError, importOpenApi, loadDescription, parseFallbackAuth, type OpenApiImport, type OpenApiImportOptions,
} from '../../client/src/importers';
import { connectorDocument, repoRoot, service } from '../support/service';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'openapi');

/** Reads a description (and the files it refers to) from disk. */
async function load(file: string): Promise<unknown> {
  return loadDescription({ location: path.join(fixtures, file), read: async (url) => fs.readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8') });
}

/** Imports a description and checks what every import must be: lint clean, with unique endpoint names. */
async function imported(document: unknown, options: OpenApiImportOptions = {}): Promise<OpenApiImport & { text: string }> {
  const result = importOpenApi(document, options);
  const text = connectorText(result.connector);
  const diagnostics = await service().validate(connectorDocument(text));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => `${String(d.code)}: ${d.message}`), [], `lint errors in:\n${text}`);
  const names = result.connector.endpoints.map((e) => e.name);
  assert.equal(new Set(names).size, names.length, 'endpoint names are unique');
  return { ...result, text };
}

/** A small OpenAPI 3.0 document around the given parts. */
function openapi(parts: Record<string, unknown>): Record<string, unknown> {
  return { openapi: '3.0.3', info: { title: 'Example API', version: '1' }, servers: [{ url: 'https://api.example.com/v1' }], paths: {}, ...parts };
}

const get = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ get: { summary: 'Get it', responses: { 200: { description: 'OK' } }, ...extra } });

describe('import openapi: public descriptions', () => {
  it('Swagger Petstore (OpenAPI 3.0, YAML): the API key method, operations without security, OAuth 2 implicit-only operations skipped', async () => {
    const result = await imported(await load('petstore3.yaml'));
    const { authentication, endpoints } = result.connector;
    assert.equal(result.connector.name, 'Swagger Petstore - OpenAPI 3.0');
    assert.deepEqual(authentication[0], {
      id: 'api_key',
      name: 'api_key',
      type: 'token',
      url: 'https://petstore3.swagger.io/api/v3/store/inventory',
      variables: [{ key: 'api_key', label: 'API key', secret: true, required: true }],
      headers: [{ key: 'api_key', value: '{{api_key}}' }],
    });
    assert.deepEqual(authentication.slice(1).map((m) => [m.id, m.type]), [['public', 'none']]);
    const byName = new Map(endpoints.map((e) => [e.name, e]));
    assert.deepEqual(byName.get('Find pet by ID.')?.authentication, ['api_key']);
    assert.equal(byName.get('Find pet by ID.')?.url, 'https://petstore3.swagger.io/api/v3/pet/{{petId}}');
    assert.deepEqual(byName.get('Place an order for a pet.')?.authentication, ['public']);
    assert.deepEqual(result.skipped, [
      'Skipped PUT /pet (updatePet): it accepts only OAuth 2 implicit flow (petstore_auth), which a connector cannot hold.',
      'Skipped POST /pet (addPet): it accepts only OAuth 2 implicit flow (petstore_auth), which a connector cannot hold.',
      'Skipped GET /pet/findByStatus (findPetsByStatus): it accepts only OAuth 2 implicit flow (petstore_auth), which a connector cannot hold.',
      'Skipped GET /pet/findByTags (findPetsByTags): it accepts only OAuth 2 implicit flow (petstore_auth), which a connector cannot hold.',
      'Skipped POST /pet/{petId} (updatePetWithForm): it accepts only OAuth 2 implicit flow (petstore_auth), which a connector cannot hold.',
      'Skipped DELETE /pet/{petId} (deletePet): it accepts only OAuth 2 implicit flow (petstore_auth), which a connector cannot hold.',
      'Skipped POST /pet/{petId}/uploadImage (uploadFile): it accepts only OAuth 2 implicit flow (petstore_auth), which a connector cannot hold.',
    ]);
    assert.deepEqual(result.secrets, [{ method: 'api_key', key: 'api_key' }]);
  });

  it('USPTO (OpenAPI 3.0): a server variable in the scheme takes its default; path parameter defaults; bearer when no scheme is declared', async () => {
    const result = await imported(await load('uspto.yaml'));
    const { authentication, endpoints } = result.connector;
    assert.equal(result.connector.variables, undefined);
    assert.deepEqual(authentication.map((m) => [m.id, m.type, m.headers]), [['bearer-token', 'token', [{ key: 'Authorization', value: 'Bearer {{token}}' }]]]);
    assert.match(result.notes[0], /declares no security scheme: every endpoint uses a bearer token/);
    const search = endpoints.find((e) => e.method === 'POST')!;
    assert.equal(search.url, 'https://developer.uspto.gov/ds-api/{{dataset}}/{{version}}/records');
    assert.deepEqual(search.variables, [{ key: 'dataset', label: 'Dataset', default: 'oa_citations' }, { key: 'version', label: 'Version', default: 'v1' }]);
  });

  it('Security schemes example (OpenAPI 3.1): mutual TLS or OAuth 2 authorization code keeps the OAuth 2 method; no server gives {{host}}', async () => {
    const result = await imported(await load('security-schemes.yaml'));
    assert.deepEqual(result.connector.authentication, [{
      id: 'OAuth2',
      name: 'OAuth2',
      type: 'oauth2-authorization-code',
      tokenUrl: 'https://example.com/oauth/token',
      authorizationUrl: 'https://example.com/oauth/authorize',
      scopes: ['read', 'write', 'admin'],
    }]);
    assert.deepEqual(result.connector.variables, [{ key: 'host', label: 'Host', required: true }]);
    assert.equal(result.connector.endpoints[0].url, 'https://{{host}}/pets');
    assert.deepEqual(result.skipped, []);
  });

  it('Uber (Swagger 2.0, JSON): host and basePath; required query parameters become URL parameters with variables', async () => {
    const result = await imported(await load('uber.json'));
    const products = result.connector.endpoints.find((e) => e.name === 'Product Types')!;
    assert.equal(products.url, 'https://api.uber.com/v1/products');
    assert.deepEqual(products.urlParameters, [{ key: 'latitude', value: '{{latitude}}' }, { key: 'longitude', value: '{{longitude}}' }]);
    assert.deepEqual(products.variables, [{ key: 'latitude', label: 'Latitude', required: true }, { key: 'longitude', label: 'Longitude', required: true }]);
  });

  it('Petstore split over files (Swagger 2.0, YAML): $refs to other files resolve; http becomes https for the token', async () => {
    const result = await imported(await load('petstore-separate/spec/swagger.yaml'));
    assert.ok(result.connector.endpoints.every((e) => e.url.startsWith('https://petstore.swagger.io/api/')));
    assert.match(result.notes.join('\n'), /uses http:\/\/: the connector uses https:\/\//);
    assert.equal(result.connector.endpoints.length, 4);
  });

  it('Webhook example (OpenAPI 3.1): reads a 3.1 description with webhooks', async () => {
    const result = await imported(await load('webhook-example.yaml'));
    assert.equal(result.connector.name, 'Webhook Example');
  });
});

describe('import openapi: security schemes', () => {
  const schemes = (securitySchemes: Record<string, unknown>, paths: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    openapi({ components: { securitySchemes }, paths, ...extra });

  it('HTTP bearer → Authorization: Bearer; API key in a header, the query or a cookie → that carrier', async () => {
    const result = await imported(schemes({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      cookieKey: { type: 'apiKey', in: 'cookie', name: 'session_id' },
    }, { '/me': get() }, { security: [{ bearerAuth: [] }, { headerKey: [] }, { queryKey: [] }, { cookieKey: [] }] }));
    const [bearer, header, query, cookie] = result.connector.authentication;
    assert.deepEqual(bearer.headers, [{ key: 'Authorization', value: 'Bearer {{token}}' }]);
    assert.deepEqual(header.headers, [{ key: 'X-API-Key', value: '{{api_key}}' }]);
    assert.deepEqual(query.urlParameters, [{ key: 'api_key', value: '{{api_key}}' }]);
    assert.deepEqual(cookie.headers, [{ key: 'Cookie', value: 'session_id={{api_key}}' }]);
    assert.ok(result.connector.authentication.every((m) => m.url === 'https://api.example.com/v1/me'), 'the check request reads the account');
    assert.deepEqual(result.connector.endpoints[0].authentication, ['bearerAuth', 'headerKey', 'queryKey', 'cookieKey']);
  });

  it('a requirement naming several schemes → one method sending all of them', async () => {
    const result = await imported(schemes({
      appKey: { type: 'apiKey', in: 'header', name: 'X-App-Key' },
      userToken: { type: 'apiKey', in: 'header', name: 'X-User-Token' },
    }, { '/items': get() }, { security: [{ appKey: [], userToken: [] }] }));
    assert.deepEqual(result.connector.authentication, [{
      id: 'appKey-and-userToken',
      name: 'appKey + userToken',
      type: 'token',
      url: 'https://api.example.com/v1/items',
      variables: [{ key: 'app_key', label: 'App key', secret: true, required: true }, { key: 'user_token', label: 'User token', secret: true, required: true }],
      headers: [{ key: 'X-App-Key', value: '{{app_key}}' }, { key: 'X-User-Token', value: '{{user_token}}' }],
    }]);
  });

  it('HTTP basic and OAuth 2 client credentials / authorization code → the basic and oauth2-* types, kept so nothing is lost', async () => {
    const result = await imported(schemes({
      basicAuth: { type: 'http', scheme: 'basic' },
      oauth: {
        type: 'oauth2',
        flows: {
          clientCredentials: { tokenUrl: '/oauth/token', scopes: { read: 'Read' } },
          authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes: {} },
        },
      },
    }, { '/things': get() }, { security: [{ basicAuth: [] }, { oauth: ['read'] }] }));
    assert.deepEqual(result.connector.authentication.map((m) => [m.id, m.type, m.tokenUrl, m.authorizationUrl, m.scopes]), [
      ['basicAuth', 'basic', undefined, undefined, undefined],
      ['oauth-client-credentials', 'oauth2-client-credentials', 'https://api.example.com/oauth/token', undefined, ['read']],
      ['oauth-authorization-code', 'oauth2-authorization-code', 'https://auth.example.com/token', 'https://auth.example.com/authorize', undefined],
    ]);
  });

  it('operations that accept only OAuth 2 implicit or password flows, OpenID Connect or mutual TLS are skipped, each named', async () => {
    const result = await imported(schemes({
      implicit: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://a.example.com', scopes: {} } } },
      password: { type: 'oauth2', flows: { password: { tokenUrl: 'https://a.example.com/token', scopes: {} } } },
      oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://a.example.com/.well-known/openid-configuration' },
      mtls: { type: 'mutualTLS' },
      key: { type: 'apiKey', in: 'header', name: 'X-Key' },
    }, {
      '/a': { get: { operationId: 'getA', security: [{ implicit: [] }], responses: {} } },
      '/b': { post: { security: [{ password: [] }, { oidc: [] }], responses: {} } },
      '/c': { delete: { operationId: 'deleteC', security: [{ mtls: [] }], responses: {} } },
      '/d': { get: { operationId: 'getD', security: [{ oidc: [] }, { key: [] }], responses: {} } },
    }));
    assert.deepEqual(result.skipped, [
      'Skipped GET /a (getA): it accepts only OAuth 2 implicit flow (implicit), which a connector cannot hold.',
      'Skipped POST /b: it accepts only OAuth 2 password flow (password) or OpenID Connect (oidc), which a connector cannot hold.',
      'Skipped DELETE /c (deleteC): it accepts only mutual TLS (mtls), which a connector cannot hold.',
    ]);
    assert.deepEqual(result.connector.endpoints.map((e) => [e.name, e.authentication]), [['getD', ['key']]]);
  });

  it('security: [] and an empty requirement → a none method; an operation\'s security replaces the document\'s', async () => {
    const result = await imported(schemes({ key: { type: 'apiKey', in: 'header', name: 'X-Key' } }, {
      '/health': { get: { summary: 'Health', security: [], responses: {} } },
      '/maybe': { get: { summary: 'Maybe', security: [{}, { key: [] }], responses: {} } },
      '/items': { get: { summary: 'Items', responses: {} } },
    }, { security: [{ key: [] }] }));
    assert.deepEqual(result.connector.endpoints.map((e) => [e.name, e.authentication]), [['Health', ['public']], ['Maybe', ['public', 'key']], ['Items', ['key']]]);
    assert.deepEqual(result.connector.authentication.map((m) => [m.id, m.type, m.url]), [['public', 'none', 'https://api.example.com/v1/health'], ['key', 'token', 'https://api.example.com/v1/maybe']]);
  });

  it('schemes declared but required nowhere: every endpoint is enabled for each, and the import says so', async () => {
    const result = await imported(schemes({ a: { type: 'http', scheme: 'bearer' }, b: { type: 'apiKey', in: 'query', name: 'key' } }, { '/x': get() }));
    assert.deepEqual(result.connector.endpoints[0].authentication, ['a', 'b']);
    assert.match(result.notes.join('\n'), /requires none/);
  });

  it('Swagger 2.0: securityDefinitions, an API key in Authorization described as Bearer, and the application flow', async () => {
    const result = await imported({
      swagger: '2.0', info: { title: 'Old API', version: '1' }, host: 'api.example.com', basePath: '/v2', schemes: ['https'],
      securityDefinitions: {
        Bearer: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Enter "Bearer {token}"' },
        app: { type: 'oauth2', flow: 'application', tokenUrl: 'https://api.example.com/token', scopes: { all: 'All' } },
      },
      security: [{ Bearer: [] }, { app: [] }],
      paths: { '/users/me': { get: { summary: 'Me', responses: {} } } },
    });
    assert.deepEqual(result.connector.authentication.map((m) => [m.id, m.type, m.url, m.headers]), [
      ['Bearer', 'token', 'https://api.example.com/v2/users/me', [{ key: 'Authorization', value: 'Bearer {{token}}' }]],
      ['app', 'oauth2-client-credentials', undefined, undefined],
    ]);
  });
});

describe('import openapi: descriptions without a security scheme (--auth)', () => {
  for (const [option, expected] of [
    ['bearer', { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }] }],
    ['header:X-API-Key', { headers: [{ key: 'X-API-Key', value: '{{api_key}}' }] }],
    ['query:apikey', { urlParameters: [{ key: 'apikey', value: '{{apikey}}' }] }],
  ] as const) {
    it(`--auth ${option}`, async () => {
      const result = await imported(openapi({ paths: { '/me': get() } }), { auth: parseFallbackAuth(option) });
      const [method] = result.connector.authentication;
      assert.deepEqual({ headers: method.headers, urlParameters: method.urlParameters }, { ...{ headers: undefined, urlParameters: undefined }, ...expected });
      assert.ok(!result.notes.join('\n').includes('--auth'), 'no advice to choose what was chosen');
    });
  }

  it('refuses other --auth values in one sentence', () => {
    for (const text of ['basic', 'header:', 'header:Bad Name', 'query:a&b', 'cookie:x']) {
      assert.throws(() => parseFallbackAuth(text), (error: unknown) => error instanceof ImportError && /^Use --auth bearer/.test(error.message), text);
    }
  });

  it('says when --auth does not apply: the description declares its schemes', async () => {
    const document = openapi({ components: { securitySchemes: { k: { type: 'apiKey', in: 'header', name: 'X-K' } } }, security: [{ k: [] }], paths: { '/me': get() } });
    assert.ok(declaresSecuritySchemes(document));
    const result = await imported(document, { auth: { kind: 'bearer' } });
    assert.match(result.notes.join('\n'), /--auth is not used/);
  });
});

describe('import openapi: servers, operations and parameters', () => {
  it('server variables become connector variables with their defaults', async () => {
    const result = await imported(openapi({
      servers: [{ url: 'https://{region}.api.example.com/{version}', variables: { region: { default: 'eu', enum: ['eu', 'us'] }, version: { default: 'v2' } } }],
      paths: { '/me': get() },
    }));
    assert.deepEqual(result.connector.variables, [{ key: 'region', label: 'Region', default: 'eu' }, { key: 'version', label: 'Version', default: 'v2' }]);
    assert.equal(result.connector.endpoints[0].url, 'https://{{region}}.api.example.com/{{version}}/me');
  });

  it('a relative server resolves against the URL the description came from; from a file it becomes {{host}}', async () => {
    const document = openapi({ servers: [{ url: '/api/v3' }], paths: { '/me': get() } });
    const fromUrl = await imported(document, { documentUrl: 'https://petstore.example.com/api/v3/openapi.json' });
    assert.equal(fromUrl.connector.endpoints[0].url, 'https://petstore.example.com/api/v3/me');
    const fromFile = await imported(document);
    assert.equal(fromFile.connector.endpoints[0].url, 'https://{{host}}/api/v3/me');
    assert.match(fromFile.notes.join('\n'), /relative/);
  });

  it('path parameters, and required query and header parameters, become variables; optional ones are left out', async () => {
    const result = await imported(openapi({
      paths: {
        '/orgs/{org}/items/{item-id}': {
          parameters: [{ name: 'org', in: 'path', required: true, schema: { type: 'string' } }],
          get: {
            operationId: 'getItem',
            parameters: [
              { name: 'item-id', in: 'path', required: true, schema: { type: 'integer' } },
              { name: 'fields', in: 'query', required: true, schema: { type: 'string', default: 'id,name' } },
              { name: 'page[size]', in: 'query', required: true, schema: { type: 'integer', default: 50 } },
              { name: 'cursor', in: 'query', schema: { type: 'string' } },
              { name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string' } },
              { name: 'Host', in: 'header', required: true, schema: { type: 'string' } },
              { name: 'session', in: 'cookie', required: true, schema: { type: 'string' } },
            ],
            responses: {},
          },
        },
      },
    }));
    const [endpoint] = result.connector.endpoints;
    assert.equal(endpoint.url, 'https://api.example.com/v1/orgs/{{org}}/items/{{item-id}}');
    assert.deepEqual(endpoint.urlParameters, [{ key: 'fields', value: '{{fields}}' }, { key: 'page[size]', value: '{{page_size}}' }]);
    assert.deepEqual(endpoint.headers, [{ key: 'X-Request-Id', value: '{{X-Request-Id}}' }]);
    assert.deepEqual(endpoint.variables?.map((v) => [v.key, v.default ?? null]), [['org', null], ['item-id', null], ['fields', 'id,name'], ['page_size', '50'], ['X-Request-Id', null]]);
  });

  it('a credential-like parameter is a secret variable without its default; a default that looks like a token is dropped', async () => {
    const token = ['ghp', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'].join('_');
    const result = await imported(openapi({
      paths: {
        '/search': {
          get: {
            parameters: [
              { name: 'api_key', in: 'query', required: true, schema: { type: 'string', default: 'special-key' } },
              { name: 'q', in: 'query', required: true, schema: { type: 'string', default: token } },
            ],
            responses: {},
          },
        },
      },
    }));
    assert.deepEqual(result.connector.endpoints[0].variables, [{ key: 'api_key', label: 'API key', secret: true, required: true }, { key: 'q', label: 'Q', required: true }]);
    assert.ok(!result.text.includes(token) && !result.text.includes('special-key'));
  });

  it('an Authorization header parameter is left to the auth method that sends it', async () => {
    const result = await imported(openapi({
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
      paths: { '/me': get({ parameters: [{ name: 'Authorization', in: 'header', required: true, schema: { type: 'string' } }] }) },
    }));
    assert.equal(result.connector.endpoints[0].headers, undefined);
  });

  it('names endpoints from the summary, else the operationId, else method and path, each unique', async () => {
    const op = (extra: Record<string, unknown>): Record<string, unknown> => ({ responses: {}, ...extra });
    const result = await imported(openapi({
      paths: {
        '/a': { get: op({ summary: 'List things', operationId: 'listA' }), post: op({ operationId: 'createA' }) },
        '/b': { get: op({ summary: 'List things', operationId: 'listB' }), delete: op({}) },
        '/c': { get: op({ summary: 'List things' }), trace: op({ operationId: 'traceC' }) },
      },
    }));
    assert.deepEqual(result.connector.endpoints.map((e) => e.name), ['List things', 'createA', 'List things (listB)', 'DELETE /b', 'List things 2']);
    assert.deepEqual(result.skipped, ['Skipped TRACE /c (traceC): a connector has no TRACE requests.']);
  });

  it('skips an operation whose URL would pass the 255 characters a connector URL may have', async () => {
    const long = `/${'segment/'.repeat(30)}end`;
    const result = await imported(openapi({ paths: { [long]: get({ operationId: 'long' }), '/short': get({ operationId: 'short' }) } }));
    assert.deepEqual(result.connector.endpoints.map((e) => e.name), ['Get it']);
    assert.match(result.skipped[0], /^Skipped GET \/segment\/.* \(long\): its URL is longer than the 255 characters/);
  });
});

describe('import openapi: what cannot be imported', () => {
  it('refuses a document that is not an OpenAPI or Swagger description, or another version, in one sentence', () => {
    for (const [document, pattern] of [
      [[], /no JSON or YAML object/],
      [{ name: 'Shopify', authentication: [] }, /neither an `openapi` nor a `swagger` version/],
      [{ swagger: '1.2', paths: {} }, /Only Swagger 2.0 and OpenAPI 3.0 and 3.1/],
      [{ openapi: '4.0.0', paths: {} }, /Only Swagger 2.0 and OpenAPI 3.0 and 3.1/],
    ] as const) {
      assert.throws(() => importOpenApi(document), (error: unknown) => error instanceof ImportError && pattern.test(error.message));
    }
  });

  it('reports a $ref to nowhere and text that is neither JSON nor YAML', async () => {
    const source = (text: string) => ({ location: '/virtual/api.yaml', read: async () => text });
    await assert.rejects(loadDescription(source('openapi: 3.0.0\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: "#/components/parameters/missing"\n')), (error: unknown) => error instanceof ImportError && /\$ref points at nothing/.test(error.message));
    await assert.rejects(loadDescription(source('openapi: [3.0\n  bad: {')), (error: unknown) => error instanceof ImportError && /neither valid JSON nor valid YAML/.test(error.message));
  });

  it('passes on the reader\'s own sentence for a file that cannot be read', async () => {
    await assert.rejects(loadDescription({ location: '/virtual/api.yaml', read: async () => { throw new ImportError('Cannot read api.yaml: no such file.'); } }),
      (error: unknown) => error instanceof ImportError && error.message === 'Cannot read api.yaml: no such file.');
  });
});
