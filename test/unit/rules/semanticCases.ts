import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { connector } from '../../support/service';
import { baseEndpoint, baseMethod, type CaseTable } from './cases';

const { Error, Warning, Information } = DiagnosticSeverity;

/** An endpoint URL with something in its path. */
const endpointUrl = (path: string): string => connector({ endpoint: { url: `https://api.example.com/v1/${path}` } });

/** Two auth methods, `admin` declaring `store_name` and `custom` not, and one endpoint enabled for both that uses it. */
function twoMethods(customVariables: unknown[]): string {
  return connector({
    root: {
      authentication: [
        baseMethod({ id: 'admin', name: 'Admin', variables: [{ key: 'store_name' }, { key: 'token', secret: true }] }),
        baseMethod({ id: 'custom', name: 'Custom', variables: customVariables }),
      ],
    },
    endpoint: { url: 'https://{{store_name}}.example.com/items', authentication: ['admin', 'custom'] },
  });
}

/** The auth method sends `X-Limit: {{limit}}`; `limit` is declared where `at` says. */
function limitHeader(at: 'endpoint' | 'method'): string {
  const limit = [{ key: 'limit', default: '50' }];
  return connector({
    method: {
      variables: [{ key: 'token', secret: true }, ...(at === 'method' ? limit : [])],
      headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Limit', value: '{{limit}}' }],
    },
    endpoint: at === 'endpoint' ? { variables: limit, urlParameters: [{ key: 'limit', value: '{{limit}}' }] } : {},
  });
}

const jsoncWithComments = `// A token connector written by hand.
{
  "name": "Example",
  "variables": [
    { "key": "api_version", "default": "v1" } // used by the endpoint
  ],
  "authentication": [
    {
      "id": "bearer",
      "name": "Bearer token",
      "type": "token",
      "url": "https://api.example.com/{{api_version}}/me",
      "variables": [{ "key": "token", "secret": true }],
      "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }]
    }
  ],
  "endpoints": [
    /* one endpoint */
    { "name": "Items", "method": "GET", "url": "https://api.example.com/{{api_version}}/items", "authentication": ["bearer"] }
  ]
}
`;

export const semanticCases: CaseTable = {
  'unknown-placeholder': {
    severity: Error,
    fires: [
      { name: 'a misspelt key, with "did you mean"', text: endpointUrl('{{tokn}}'), expect: [{ text: '{{tokn}}', message: 'Did you mean `{{token}}`?' }] },
      { name: 'keys are case-sensitive', text: endpointUrl('{{Token}}'), expect: [{ text: '{{Token}}', message: 'Did you mean `{{token}}`?' }] },
      {
        name: 'an unknown key in the auth method',
        text: connector({ method: { url: 'https://api.example.com/{{version}}/me' } }),
        expect: [{ text: '{{version}}', message: 'matches no connector or auth method variable' }],
      },
      {
        name: 'an auth method cannot see endpoint variables',
        text: limitHeader('endpoint'),
        expect: [{ text: '{{limit}}', message: 'Placeholder `{{limit}}` matches no connector or auth method variable.' }],
      },
      {
        name: 'an endpoint enabled for two methods where only one declares the variable',
        text: twoMethods([{ key: 'token', secret: true }]),
        expect: [{ text: '{{store_name}}', message: 'is not defined for auth method `custom`' }],
      },
      {
        name: 'a placeholder nested in a body value',
        text: connector({ endpoint: { method: 'POST', body: [{ key: 'domain', value: [['name', '=', '{{nam}}']] }] } }),
        expect: [{ text: '{{nam}}', message: 'Declare it under `variables`' }],
      },
    ],
    clean: [
      { name: 'the auth method\'s token in a header', text: connector() },
      { name: 'the endpoint\'s own variable in its URL parameter', text: connector({ endpoint: { variables: [{ key: 'limit', default: '50' }], urlParameters: [{ key: 'limit', value: '{{limit}}' }] } }) },
      { name: 'an auth method variable used by the endpoint', text: connector({ method: { variables: [{ key: 'token', secret: true }, { key: 'account' }] }, endpoint: { url: 'https://api.example.com/v1/{{account}}/items' } }) },
      { name: 'a connector variable used by the endpoint', text: connector({ root: { variables: [{ key: 'v', default: 'v1' }] }, endpoint: { url: 'https://api.example.com/{{v}}/items' } }) },
      { name: 'a variable the auth method declares itself', text: limitHeader('method') },
      { name: 'both methods declare the variable', text: twoMethods([{ key: 'store_name' }, { key: 'token', secret: true }]) },
      { name: 'JSONC with comments', text: jsoncWithComments },
    ],
  },

  'malformed-placeholder': {
    severity: Error,
    fires: [
      { name: 'spaces around the key', text: endpointUrl('{{ token }}'), expect: [{ text: '{{ token }}', message: 'write `{{token}}`' }] },
      { name: 'empty braces', text: endpointUrl('{{}}'), expect: [{ text: '{{}}', message: 'Empty placeholder' }] },
      { name: 'a space inside the key', text: endpointUrl('{{a b}}'), expect: [{ text: '{{a b}}', message: 'is not a variable key' }] },
      { name: 'never closed', text: endpointUrl('{{id/items'), expect: [{ text: '{{id', message: 'is never closed' }] },
      { name: 'a closing pair without an opening one', text: endpointUrl('id}}/items'), expect: [{ text: '}}', message: 'without an opening `{{`' }] },
      {
        name: 'in an auth method header',
        text: connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Id', value: '{{ id' }] } }),
        expect: [{ text: '{{', message: 'is never closed' }],
      },
    ],
    clean: [
      { name: 'a well-formed placeholder', text: endpointUrl('{{token}}'), also: ['secret-in-url'] },
      { name: 'keys with dots, dashes and underscores', text: connector({ root: { variables: [{ key: '_a.b-c', default: 'x' }] }, endpoint: { url: 'https://api.example.com/{{_a.b-c}}' } }) },
      { name: 'a JSON body string that holds braces', text: connector({ endpoint: { method: 'POST', body: [{ key: 'filter', value: '{"a": 1}' }] } }) },
    ],
  },

  'single-brace-placeholder': {
    severity: Warning,
    fires: [
      {
        name: 'a variable key in single braces',
        text: connector({ endpoint: { url: 'https://api.example.com/v1/items/{id}', variables: [{ key: 'id' }] } }),
        expect: [{ text: '{id}', message: '`{id}` uses single braces and is sent literally: write `{{id}}`' }],
        also: ['unused-variable'],
      },
      { name: 'an auth method variable in single braces', text: connector({ method: { url: 'https://api.example.com/v1/me/{token}' } }), expect: [{ text: '{token}', message: 'write `{{token}}`' }] },
    ],
    clean: [
      { name: 'double braces', text: connector({ endpoint: { url: 'https://api.example.com/{{id}}', variables: [{ key: 'id' }] } }) },
      { name: 'an Airtable formula, where `{Status}` is no variable', text: connector({ endpoint: { urlParameters: [{ key: 'filterByFormula', value: "{Status}='Done'" }] } }) },
      { name: 'a brace that holds no key', text: connector({ endpoint: { method: 'POST', body: [{ key: 'q', value: '{ }' }] } }) },
    ],
  },

  'unused-variable': {
    severity: Warning,
    fires: [
      { name: 'a connector variable', text: connector({ root: { variables: [{ key: 'region', default: 'eu' }] } }), expect: [{ text: '"region"', message: 'reference it as `{{region}}` or remove it' }] },
      { name: 'an endpoint variable', text: connector({ endpoint: { variables: [{ key: 'limit', default: '50' }] } }), expect: [{ text: '"limit"', message: 'Variable `limit` is never used' }] },
    ],
    clean: [
      { name: 'a variable used in an endpoint URL parameter', text: connector({ root: { variables: [{ key: 'region', default: 'eu' }] }, endpoint: { urlParameters: [{ key: 'region', value: '{{region}}' }] } }) },
      { name: 'fields of a basic method, which are not placeholders', text: connector({ root: { authentication: [baseMethod(), { id: 'basic', name: 'Basic', type: 'basic', variables: [{ key: 'username' }] }] } }), also: ['unsupported-auth-type'] },
    ],
  },

  'duplicate-variable': {
    severity: Error,
    fires: [
      {
        name: 'the same key twice in one list',
        text: connector({ method: { variables: [{ key: 'token', secret: true }, { key: 'token', secret: true }] } }),
        expect: [{ text: '"token"', message: 'Variable `token` is declared twice' }],
        also: ['unused-variable'],
      },
    ],
    clean: [
      { name: 'an endpoint variable shadowing a connector variable', text: connector({ root: { variables: [{ key: 'v', default: 'v1' }] }, method: { url: 'https://api.example.com/{{v}}/me' }, endpoint: { url: 'https://api.example.com/{{v}}/items', variables: [{ key: 'v', default: 'v2' }] } }) },
    ],
  },

  'duplicate-auth-id': {
    severity: Error,
    fires: [
      {
        name: 'two methods with one id',
        text: connector({ root: { authentication: [baseMethod(), baseMethod({ name: 'Other' })] } }),
        expect: [{ text: '"bearer"', message: 'Authentication method id `bearer` is already used' }],
      },
    ],
    clean: [{ name: 'two methods with distinct ids', text: connector({ root: { authentication: [baseMethod(), baseMethod({ id: 'other', name: 'Other' })] } }) }],
  },

  'duplicate-name': {
    severity: Error,
    fires: [
      { name: 'two endpoints', text: connector({ endpoints: [baseEndpoint(), baseEndpoint()] }), expect: [{ text: '"List items"', message: 'Another endpoint is already called `List items`' }] },
      {
        name: 'two auth methods',
        text: connector({ root: { authentication: [baseMethod(), baseMethod({ id: 'other' })] } }),
        expect: [{ text: '"Bearer token"', message: 'Another authentication method is already called `Bearer token`' }],
      },
    ],
    clean: [
      { name: 'an endpoint named like an auth method', text: connector({ endpoint: { name: 'Bearer token' } }) },
      { name: 'two endpoints with distinct names', text: connector({ endpoints: [baseEndpoint(), baseEndpoint({ name: 'Get item' })] }) },
    ],
  },

  'duplicate-parameter': {
    severity: Error,
    fires: [
      { name: 'a URL parameter twice', text: connector({ endpoint: { urlParameters: [{ key: 'page', value: '1' }, { key: 'page', value: '2' }] } }), expect: [{ text: '"page"', message: 'URL parameter `page` is set twice' }] },
      { name: 'a body field twice', text: connector({ endpoint: { method: 'POST', body: [{ key: 'q', value: 'a' }, { key: 'q', value: 'b' }] } }), expect: [{ text: '"q"', message: 'Body field `q` is set twice' }] },
    ],
    clean: [
      { name: 'URL parameter names are case-sensitive', text: connector({ endpoint: { urlParameters: [{ key: 'page', value: '1' }, { key: 'Page', value: '2' }] } }) },
      { name: 'the same key as a URL parameter and a body field', text: connector({ endpoint: { method: 'POST', urlParameters: [{ key: 'q', value: '1' }], body: [{ key: 'q', value: '2' }] } }) },
    ],
  },

  'unknown-auth-method': {
    severity: Error,
    fires: [
      { name: 'a misspelt id, with "did you mean"', text: connector({ endpoint: { authentication: ['baerer'] } }), expect: [{ text: '"baerer"', message: 'Did you mean `bearer`?' }] },
      { name: 'an unrelated id lists the known ids', text: connector({ endpoint: { authentication: ['oauth'] } }), expect: [{ text: '"oauth"', message: 'Known ids: `bearer`.' }] },
    ],
    clean: [{ name: 'an existing id', text: connector() }],
  },

  'endpoint-without-auth': {
    severity: Error,
    fires: [{ name: 'an empty list', text: connector({ endpoint: { authentication: [] } }), expect: [{ text: '[]', message: 'list at least one method id' }] }],
    clean: [{ name: 'one method', text: connector({ endpoint: { authentication: ['bearer'] } }) }],
  },

  'unsupported-auth-type': {
    severity: Information,
    fires: [
      {
        name: 'a basic method',
        text: connector({ root: { authentication: [baseMethod(), { id: 'basic', name: 'Basic', type: 'basic' }] } }),
        expect: [{ text: '"basic"', message: 'Authentication type `basic` is checked for structure only' }],
      },
      {
        name: 'an OAuth method',
        text: connector({ root: { authentication: [baseMethod(), { id: 'oauth', name: 'OAuth', type: 'oauth2-client-credentials', tokenUrl: 'https://api.example.com/oauth/token' }] } }),
        expect: [{ text: '"oauth2-client-credentials"', message: 'test requests for `token` and `none` methods' }],
      },
    ],
    clean: [
      { name: 'a token method', text: connector() },
      { name: 'a none method', text: connector({ root: { authentication: [baseMethod(), { id: 'public', name: 'Public', type: 'none' }] } }) },
    ],
  },

  'invalid-url': {
    severity: Error,
    fires: [
      { name: 'no scheme', text: connector({ endpoint: { url: 'api.example.com/v1/items' } }), expect: [{ text: '"api.example.com/v1/items"', message: 'start it with `https://` and a host' }] },
      { name: 'not http(s)', text: connector({ endpoint: { url: 'ftp://api.example.com/items' } }), expect: [{ text: '"ftp://api.example.com/items"', message: 'is not an absolute http(s) URL' }] },
      { name: 'a space in the host', text: connector({ method: { url: 'https://api example.com/me' } }), expect: [{ text: '"https://api example.com/me"', message: '(`https://api example.com/me`)' }] },
    ],
    clean: [
      { name: 'a placeholder host filled with a sample', text: connector({ root: { variables: [{ key: 'host' }] }, endpoint: { url: 'https://{{host}}/items' } }) },
      { name: 'a whole-URL placeholder', text: connector({ root: { variables: [{ key: 'base_url' }] }, endpoint: { url: '{{base_url}}/items' } }) },
      { name: 'a port and a query', text: connector({ endpoint: { url: 'https://api.example.com:8443/items?page=1' } }) },
      { name: 'regression: a port placeholder without a default is filled with a valid port', text: connector({ root: { variables: [{ key: 'port' }] }, endpoint: { url: 'https://api.example.com:{{port}}/items' } }) },
    ],
  },

  'url-too-long': {
    severity: Error,
    fires: [
      {
        name: '256 characters',
        text: connector({ endpoint: { url: 'https://api.example.com/' + 'a'.repeat(232) } }),
        expect: [{ text: `"https://api.example.com/${'a'.repeat(232)}"`, message: 'This URL is 256 characters long; the builder accepts at most 255' }],
      },
    ],
    clean: [{ name: 'exactly 255 characters', text: connector({ endpoint: { url: 'https://api.example.com/' + 'a'.repeat(231) } }) }],
  },

  'default-too-long': {
    severity: Error,
    fires: [
      {
        name: '1,025 characters',
        text: connector({ root: { variables: [{ key: 'q', default: 'a'.repeat(1025) }] }, endpoint: { urlParameters: [{ key: 'q', value: '{{q}}' }] } }),
        expect: [{ text: `"${'a'.repeat(1025)}"`, message: 'This default is 1025 characters long; the builder accepts at most 1024' }],
      },
    ],
    clean: [{ name: 'exactly 1,024 characters', text: connector({ root: { variables: [{ key: 'q', default: 'a'.repeat(1024) }] }, endpoint: { urlParameters: [{ key: 'q', value: '{{q}}' }] } }) }],
  },
};
