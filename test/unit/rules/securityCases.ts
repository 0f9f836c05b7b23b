import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { connector } from '../../support/service';
import { baseMethod, withExtraHeaders, withHeaders, type CaseTable } from './cases';

const { Error, Warning } = DiagnosticSeverity;

const authorization = (value: string): string => withHeaders({ key: 'Authorization', value });

/** The token is sent in a header named `name` with a literal value, beside the real `Authorization` header. */
const literalHeader = (name: string, value: string): string => withExtraHeaders({ key: name, value });

const shopifyToken = 'shpat_0123456789abcdef0123456789abcdef';
const hubspotToken = 'pat-na1-01234567-89ab-cdef-0123-456789abcdef';
const airtableToken = 'patAbCdEfGh012345.' + '0123456789abcdef'.repeat(4);
const githubToken = 'ghp_' + 'aB3'.repeat(12);
const slackToken = 'xoxb-1234567890-abcdefghij';
const stripeKey = 'sk_live_' + 'a1B2'.repeat(6);
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl';

export const securityCases: CaseTable = {
  'token-never-sent': {
    severity: Error,
    fires: [
      {
        name: 'the secret is declared but not referenced',
        text: withHeaders({ key: 'Accept', value: 'application/json' }),
        expect: [{ text: '"token"', message: 'This token method never sends its secret `token`: reference `{{token}}`' }],
        also: ['unused-variable'],
      },
      {
        name: 'no variable is secret',
        text: connector({ method: { variables: [{ key: 'token' }] } }),
        expect: [{ text: '"token"', message: 'declares no secret variable' }],
      },
    ],
    clean: [
      { name: 'the token in a body field', text: connector({ method: { method: 'POST', headers: [], body: [{ key: 'api_key', value: '{{token}}' }] } }) },
      { name: 'a none method sends no secret', text: connector({ root: { authentication: [{ id: 'bearer', name: 'Public', type: 'none' }] } }) },
    ],
  },

  'secret-in-url': {
    severity: Error,
    fires: [
      { name: 'the token in the endpoint\'s path', text: connector({ endpoint: { url: 'https://api.example.com/v1/{{token}}/items' } }), expect: [{ text: '{{token}}', message: 'Secret `token` is in the URL\'s host or path' }] },
      { name: 'the token in the auth method\'s host', text: connector({ method: { url: 'https://{{token}}.example.com/me' } }), expect: [{ text: '{{token}}', message: 'send it in a header instead' }] },
    ],
    clean: [
      { name: 'the token in a header', text: connector() },
      { name: 'a non-secret variable in the path', text: connector({ method: { variables: [{ key: 'token', secret: true }, { key: 'account' }] }, endpoint: { url: 'https://api.example.com/{{account}}/items' } }) },
      {
        name: 'the token in the query string is secret-in-query instead',
        text: connector({ endpoint: { url: 'https://api.example.com/v1/items?key={{token}}' } }),
        also: ['secret-in-query'],
      },
    ],
  },

  'secret-in-query': {
    severity: Warning,
    fires: [
      { name: 'in a URL parameter', text: connector({ method: { headers: [], urlParameters: [{ key: 'api_key', value: '{{token}}' }] } }), expect: [{ text: '{{token}}', message: 'is sent in the query string, which servers and proxies log' }] },
      { name: 'in the URL\'s query string', text: connector({ endpoint: { url: 'https://api.example.com/v1/items?key={{token}}' } }), expect: [{ text: '{{token}}', message: 'Secret `token` is sent in the query string' }] },
    ],
    clean: [
      { name: 'a non-secret URL parameter', text: connector({ endpoint: { variables: [{ key: 'limit', default: '50' }], urlParameters: [{ key: 'limit', value: '{{limit}}' }] } }) },
      { name: 'the token in a body field', text: connector({ method: { method: 'POST', headers: [], body: [{ key: 'api_key', value: '{{token}}' }] } }) },
    ],
  },

  'hardcoded-credential': {
    severity: Error,
    fires: [
      { name: 'a Shopify token', text: literalHeader('X-Shop', shopifyToken), expect: [{ text: shopifyToken, message: 'This looks like a Shopify access token written into the file' }] },
      { name: 'a HubSpot token', text: literalHeader('X-Hub', hubspotToken), expect: [{ text: hubspotToken, message: 'a HubSpot private app token' }] },
      { name: 'an Airtable token', text: literalHeader('X-Air', airtableToken), expect: [{ text: airtableToken, message: 'an Airtable personal access token' }] },
      { name: 'a GitHub token', text: literalHeader('X-Gh', githubToken), expect: [{ text: githubToken, message: 'a GitHub token' }] },
      { name: 'a Slack token', text: literalHeader('X-Slack', slackToken), expect: [{ text: slackToken, message: 'a Slack token' }] },
      { name: 'a Stripe live key', text: literalHeader('X-Stripe', stripeKey), expect: [{ text: stripeKey, message: 'a Stripe live key' }] },
      { name: 'a JWT in a body field', text: connector({ endpoint: { method: 'POST', body: [{ key: 'assertion', value: jwt }] } }), expect: [{ text: jwt, message: 'a JSON Web Token' }] },
      {
        name: 'a literal Bearer credential: the range is the literal alone',
        text: connector({ endpoint: { headers: [{ key: 'X-Forwarded-Authorization', value: 'Bearer abcdefgh12345678' }] } }),
        expect: [{ text: 'abcdefgh12345678', message: 'a literal `Bearer` credential' }],
      },
      {
        name: 'a literal in a header named like a credential',
        text: connector({ endpoint: { headers: [{ key: 'X-API-Key', value: 'abcd1234efgh' }] } }),
        expect: [{ text: 'abcd1234efgh', message: 'a literal credential in `X-API-Key` written into the file: move it into a secret variable and reference it as `{{token}}`' }],
      },
      {
        name: 'a known format in a non-secret default',
        text: connector({ root: { variables: [{ key: 'k', default: githubToken }] }, endpoint: { url: 'https://api.example.com/{{k}}' } }),
        expect: [{ text: githubToken, message: 'a GitHub token' }],
      },
    ],
    clean: [
      { name: 'a placeholder in Authorization', text: connector() },
      { name: 'a placeholder in a credential-named header', text: withExtraHeaders({ key: 'X-API-Key', value: '{{token}}' }) },
      { name: 'a short literal in a credential-named header', text: withExtraHeaders({ key: 'X-Token-Type', value: 'bearer' }) },
      { name: 'an ordinary header value', text: withExtraHeaders({ key: 'Accept', value: 'application/json; charset=utf-8' }) },
      { name: 'prose after a scheme word in a body field', text: connector({ endpoint: { method: 'POST', body: [{ key: 'plan', value: 'Basic membership2024' }] } }) },
      { name: 'a header whose name merely contains "token"', text: withExtraHeaders({ key: 'X-Token-Type-Hint', value: 'refresh_token_2' }) },
      { name: 'a version default', text: connector({ root: { variables: [{ key: 'v', default: '2024-10' }] }, endpoint: { url: 'https://api.example.com/{{v}}/items' } }) },
    ],
  },

  'secret-default': {
    severity: Error,
    fires: [
      {
        name: 'a default on the secret token',
        text: connector({ method: { variables: [{ key: 'token', secret: true, default: 'changeme' }] } }),
        expect: [{ text: '"default": "changeme"', message: 'Secret variable `token` must not have a default' }],
      },
      {
        name: 'even an empty default',
        text: connector({ method: { variables: [{ key: 'token', secret: true, default: '' }] } }),
        expect: [{ text: '"default": ""', message: 'Remove the default.' }],
      },
    ],
    clean: [
      { name: 'a default on a non-secret variable', text: connector({ method: { variables: [{ key: 'token', secret: true }, { key: 'v', default: 'v1' }], url: 'https://api.example.com/{{v}}/me' } }) },
      { name: 'a secret variable without a default', text: connector() },
    ],
  },

  'insecure-http': {
    severity: Error,
    fires: [
      { name: 'the auth method\'s check request', text: connector({ method: { url: 'http://api.example.com/v1/me' } }), expect: [{ text: 'http://', message: 'This request sends a secret over plain http://' }] },
      { name: 'an endpoint, through its auth method', text: connector({ endpoint: { url: 'http://api.example.com/v1/items' } }), expect: [{ text: 'http://', message: '(through auth method `bearer`)' }] },
      { name: 'upper-case scheme', text: connector({ method: { url: 'HTTP://api.example.com/v1/me' } }), expect: [{ text: 'HTTP://', message: 'use https://' }] },
    ],
    clean: [
      { name: 'localhost', text: connector({ method: { url: 'http://localhost:8080/v1/me' }, endpoint: { url: 'http://localhost:8080/v1/items' } }) },
      { name: '127.0.0.1 and [::1]', text: connector({ method: { url: 'http://127.0.0.1/v1/me' }, endpoint: { url: 'http://[::1]:3000/v1/items' } }) },
      { name: 'no secret is sent', text: connector({ root: { authentication: [{ id: 'bearer', name: 'Public', type: 'none', url: 'http://api.example.com/v1/me' }] }, endpoint: { url: 'http://api.example.com/v1/items' } }) },
      { name: 'https', text: connector() },
    ],
  },

  'invalid-header-name': {
    severity: Error,
    fires: [
      { name: 'a space and a colon', text: literalHeader('X Api:Key', '1'), expect: [{ text: '"X Api:Key"', message: '`X Api:Key` is not a valid header name' }] },
      { name: 'a trailing colon', text: literalHeader('Accept:', 'application/json'), expect: [{ text: '"Accept:"', message: 'with no spaces or colons' }] },
    ],
    clean: [{ name: 'RFC 9110 token characters', text: literalHeader("X-Custom_Header.v2!#$%&'*+^`|~", '1') }],
  },

  'duplicate-header': {
    severity: Warning,
    fires: [
      {
        name: 'the same name in another case',
        text: withExtraHeaders({ key: 'accept', value: 'a' }, { key: 'Accept', value: 'b' }),
        expect: [{ text: '"Accept"', message: 'Header `Accept` is already set in this list (names are case-insensitive)' }],
      },
      {
        name: 'an endpoint header its auth method already sends',
        text: connector({ endpoint: { headers: [{ key: 'authorization', value: 'Bearer {{token}}' }] } }),
        expect: [{ text: '"authorization"', message: 'Auth method `bearer` already sends `authorization`' }],
      },
    ],
    clean: [
      { name: 'distinct names', text: withExtraHeaders({ key: 'Accept', value: 'a' }, { key: 'Accept-Language', value: 'b' }) },
      {
        name: 'the same header on an endpoint of another method',
        text: connector({
          root: { authentication: [baseMethod(), baseMethod({ id: 'other', name: 'Other', headers: [{ key: 'X-Token', value: '{{token}}' }] })] },
          endpoint: { authentication: ['other'], headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }] },
        }),
      },
    ],
  },

  'forbidden-header': {
    severity: Error,
    fires: [
      { name: 'Host', text: literalHeader('Host', 'api.example.com'), expect: [{ text: '"Host"', message: 'The HTTP client sets `Host` itself' }] },
      { name: 'content-length in lower case', text: literalHeader('content-length', '0'), expect: [{ text: '"content-length"', message: 'remove this header' }] },
      { name: 'Transfer-Encoding', text: literalHeader('Transfer-Encoding', 'chunked'), expect: [{ text: '"Transfer-Encoding"', message: '`Transfer-Encoding`' }] },
      { name: 'Connection', text: literalHeader('Connection', 'close'), expect: [{ text: '"Connection"', message: '`Connection`' }] },
    ],
    clean: [{ name: 'Content-Type', text: literalHeader('Content-Type', 'application/json') }],
  },

  'header-injection': {
    severity: Error,
    fires: [
      { name: 'CR LF in a value', text: literalHeader('X-A', 'a\r\nX-B: b'), expect: [{ text: '"a\\r\\nX-B: b"', message: 'This header value holds a line break' }] },
      { name: 'LF in a name', text: literalHeader('X-A\nB', 'a'), expect: [{ text: '"X-A\\nB"', message: 'This header name holds a line break' }] },
    ],
    clean: [{ name: 'a tab is not a line break', text: literalHeader('X-A', 'a\tb') }],
  },

  'authorization-scheme-missing': {
    severity: Warning,
    fires: [
      { name: 'a bare placeholder', text: authorization('{{token}}'), expect: [{ text: '{{token}}', message: 'write `Bearer {{token}}`' }] },
      {
        name: 'an empty value covers its quotes',
        text: withHeaders({ key: 'Authorization', value: '' }, { key: 'X-Token', value: '{{token}}' }),
        expect: [{ text: '""', message: 'This `Authorization` header is empty' }],
      },
      {
        name: 'a lone word that is no scheme',
        text: withHeaders({ key: 'Authorization', value: 'secret' }, { key: 'X-Token', value: '{{token}}' }),
        expect: [{ text: 'secret', message: 'has no scheme' }],
      },
    ],
    clean: [
      { name: 'Bearer', text: authorization('Bearer {{token}}') },
      { name: 'lower-case bearer (Odoo\'s documented form)', text: authorization('bearer {{token}}') },
    ],
  },

  'authorization-scheme-malformed': {
    severity: Error,
    fires: [
      { name: 'a colon after the scheme', text: authorization('Bearer: {{token}}'), expect: [{ text: 'Bearer:', message: 'Remove the colon after `Bearer`' }] },
      { name: 'no space before the token', text: authorization('Bearer{{token}}'), expect: [{ text: 'Bearer', message: 'Put a space between `Bearer` and the token: `Bearer {{token}}`' }] },
      { name: 'a misspelt scheme', text: authorization('Baerer {{token}}'), expect: [{ text: 'Baerer', message: 'did you mean `Bearer`?' }] },
      {
        name: 'a scheme with no token',
        text: withHeaders({ key: 'Authorization', value: 'Bearer' }, { key: 'X-Token', value: '{{token}}' }),
        expect: [{ text: 'Bearer', message: '`Bearer` is followed by no token' }],
      },
    ],
    clean: [
      { name: 'Token is a known scheme', text: authorization('Token {{token}}') },
      { name: 'scheme names are case-insensitive', text: authorization('BEARER {{token}}') },
      { name: 'a short API-specific scheme', text: authorization('Bot {{token}}') },
      { name: 'Basic', text: authorization('Basic {{token}}') },
    ],
  },
};
