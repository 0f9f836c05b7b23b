import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { connector } from '../../support/service';
import { baseMethod, withExtraHeaders, withHeaders, type CaseTable } from './cases';
import { fake } from './credentialSamples';

const { Error, Warning } = DiagnosticSeverity;

const authorization = (value: string): string => withHeaders({ key: 'Authorization', value });

/** The token is sent in a header named `name` with a literal value, beside the real `Authorization` header. */
const literalHeader = (name: string, value: string): string => withExtraHeaders({ key: name, value });

const shopifyToken = 'shpat_0123456789abcdef0123456789abcdef';
const githubToken = 'ghp_' + 'aB3'.repeat(12);
const stripeKey = 'sk_' + 'live_' + 'a1B2'.repeat(6);
const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
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
      {
        name: 'a secret in the user info, sent as Authorization: Basic',
        text: connector({ method: { url: 'https://api:{{token}}@api.example.com/v1/me', headers: [] }, endpoint: { url: 'https://api:{{token}}@api.example.com/v1/items' } }),
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
      // Every recognised format has its own firing and clean case in credentialCases.ts; these are the context rules.
      { name: 'a Shopify token', text: literalHeader('X-Shop', shopifyToken), expect: [{ text: shopifyToken, message: 'This looks like a Shopify access token written into the file' }] },
      { name: 'a JWT in a body field', text: connector({ endpoint: { method: 'POST', body: [{ key: 'assertion', value: jwt }] } }), expect: [{ text: jwt, message: 'a JSON Web Token' }] },
      {
        name: 'a literal Bearer credential: the range is the literal alone',
        text: connector({ endpoint: { headers: [{ key: 'X-Forwarded-Authorization', value: 'Bearer abcdefgh12345678' }] } }),
        expect: [{ text: 'abcdefgh12345678', message: 'a literal `Bearer` credential' }],
      },
      {
        name: 'a literal in a header named like a credential',
        text: connector({ endpoint: { headers: [{ key: 'X-API-Key', value: 'abcd1234efgh' }] } }),
        expect: [{ text: 'abcd1234efgh', message: 'a literal credential in `X-API-Key` written into the file: move it into a secret variable and reference it as `{{token_2}}`' }],
      },
      {
        name: 'a known format in a non-secret default',
        text: connector({ root: { variables: [{ key: 'k', default: githubToken }] }, endpoint: { url: 'https://api.example.com/{{k}}' } }),
        expect: [{ text: githubToken, message: 'a GitHub personal access token written into the file: make `k` a secret variable' }],
      },
      {
        name: 'Authorization with any scheme',
        text: withHeaders({ key: 'Authorization', value: 'SSWS 00Qf2xk9aZ71bTq3mP4v' }, { key: 'X-Token', value: '{{token}}' }),
        expect: [{ text: '00Qf2xk9aZ71bTq3mP4v', message: 'a literal `SSWS` credential' }],
      },
      {
        name: 'Authorization with Basic credentials that hold no digit',
        text: withHeaders({ key: 'Authorization', value: 'Basic dXNlcjpwYXNzd29yZA==' }, { key: 'X-Token', value: '{{token}}' }),
        expect: [{ text: 'dXNlcjpwYXNzd29yZA==', message: 'a literal `Basic` credential' }],
      },
      {
        name: 'Authorization without a scheme',
        text: withHeaders({ key: 'Authorization', value: 'c2VjcmV0LXRva2VuLTQy' }, { key: 'X-Token', value: '{{token}}' }),
        expect: [{ text: 'c2VjcmV0LXRva2VuLTQy', message: 'a literal credential in `Authorization`' }],
        also: ['authorization-scheme-missing'],
      },
      { name: 'Proxy-Authorization', text: literalHeader('Proxy-Authorization', 'Basic YWxpY2U6czNjcjN0UGFzcw=='), expect: [{ text: 'YWxpY2U6czNjcjN0UGFzcw==', message: 'a literal `Basic` credential' }] },
      { name: 'a header whose name holds "signature"', text: literalHeader('X-Partner-Signature', '9f86d081884c7d659a2feaa0c55ad015'), expect: [{ text: '9f86d081884c7d659a2feaa0c55ad015', message: 'a literal credential in `X-Partner-Signature`' }] },
      { name: 'a header whose name holds "session"', text: literalHeader('X-Session', 'Zk3xQ9rT2bW8mN4pL7vY'), expect: [{ text: 'Zk3xQ9rT2bW8mN4pL7vY', message: 'a literal credential in `X-Session`' }] },
      { name: 'a URL parameter named client_secret', text: connector({ endpoint: { urlParameters: [{ key: 'client_secret', value: 'cs_8fj3KQ29xLmN' }] } }), expect: [{ text: 'cs_8fj3KQ29xLmN', message: 'a literal credential in `client_secret`' }] },
      {
        name: 'a password nested in a body value',
        text: connector({ endpoint: { method: 'POST', body: [{ key: 'login', value: { user: 'alice', password: 'Tr0ub4dor-and-3' } }] } }),
        expect: [{ text: 'Tr0ub4dor-and-3', message: 'a literal credential in `password`' }],
      },
      {
        name: 'a signature in a URL\'s query string',
        text: connector({ endpoint: { url: 'https://api.example.com/v1/items?expires=1700000000&signature=Qm9vS2VlcGVyMTIzNDU2Nzg5' } }),
        expect: [{ text: 'Qm9vS2VlcGVyMTIzNDU2Nzg5', message: 'a literal credential in a query string' }],
      },
      {
        name: 'a key in the query string of a URL a body field sends',
        text: connector({ endpoint: { method: 'POST', body: [{ key: 'callback', value: 'https://hooks.example.com/in?api_key=k9x8y7w6v5u4t3s2' }] } }),
        expect: [{ text: 'k9x8y7w6v5u4t3s2', message: 'a literal credential in a query string written into the file: move it into a secret variable' }],
      },
      {
        name: 'a key in the query string of a URL in a description',
        text: connector({ endpoint: { description: 'Try https://api.example.com/v1/items?access_token=k9x8y7w6v5u4t3s2 first.' } }),
        expect: [{ text: 'k9x8y7w6v5u4t3s2', message: 'a literal credential in a query string written into the file (in a description): delete it' }],
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
      { name: 'a request id', text: withExtraHeaders({ key: 'X-Request-Id', value: '3f2c9a7e-1b4d-4e8a-9c6f-0a1b2c3d4e5f' }) },
      { name: 'a UUID in an idempotency key', text: withExtraHeaders({ key: 'Idempotency-Key', value: '3f2c9a7e-1b4d-4e8a-9c6f-0a1b2c3d4e5f' }) },
      { name: 'a commit hash in a URL path', text: connector({ endpoint: { url: 'https://api.example.com/repos/acme/app/commits/9fceb02d0ae598e95dc970b74767f19372d61af8' } }) },
      { name: 'an ETag', text: withExtraHeaders({ key: 'If-None-Match', value: '"33a64df551425fcc55e4d42a148795d9f25f89d4"' }) },
      { name: 'a media type in a header named after auth', text: withExtraHeaders({ key: 'X-Auth-Accept', value: 'application/vnd.example.v2+json' }) },
      {
        name: 'a base64 image in a body field named signature',
        text: connector({ endpoint: { method: 'POST', body: [{ key: 'signature', value: 'data:image/png;base64,' + fake(base64, 900, 'image') }] } }),
      },
      { name: 'base64 content in a body field', text: connector({ endpoint: { method: 'POST', body: [{ key: 'logo', value: fake(base64, 4000, 'logo') }] } }) },
      { name: 'a documentation stand-in in a key header', text: withExtraHeaders({ key: 'X-Api-Key', value: 'YOUR_API_KEY' }) },
      { name: 'an angle-bracket stand-in', text: withExtraHeaders({ key: 'X-Auth-Token', value: '<your-token-here>' }) },
      { name: 'a stand-in of a known format', text: connector({ endpoint: { description: 'Send a token such as ghp_' + 'x'.repeat(36) + ' in X-Gh.' } }) },
      { name: 'a page token', text: connector({ endpoint: { urlParameters: [{ key: 'page_token', value: 'CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA' }] } }) },
      { name: 'an identifier in a field named like a key', text: connector({ endpoint: { method: 'POST', body: [{ key: 'sort_key', value: 'created_at_desc_2024' }] } }) },
    ],
  },

  'url-credentials': {
    severity: Error,
    fires: [
      {
        name: 'a password in an endpoint URL',
        text: connector({ endpoint: { url: 'https://alice:Vx8kQ2mL9pZ4@api.example.com/v1/items' } }),
        expect: [{ text: 'Vx8kQ2mL9pZ4', message: 'This URL carries a literal password in its user info: move it into a secret variable and write `{{password}}` in its place' }],
      },
      {
        name: 'a token as the user name',
        text: connector({ endpoint: { url: `https://${stripeKey}:@api.example.com/v1/charges` } }),
        expect: [{ text: stripeKey, message: 'This URL carries a Stripe live secret key as its user name' }],
      },
    ],
    clean: [
      {
        name: 'a secret placeholder in the user info (no secret-in-url either)',
        text: connector({ endpoint: { url: 'https://alice:{{password}}@api.example.com/v1/items', variables: [{ key: 'password', label: 'Password', secret: true }] } }),
      },
      { name: 'a user name without a password', text: connector({ endpoint: { url: 'https://reports@api.example.com/v1/items' } }) },
    ],
  },

  'session-cookie': {
    severity: Warning,
    fires: [
      { name: 'a PHP session', text: literalHeader('Cookie', 'PHPSESSID=k3v9q2l8x7c4m1n6b5z0a9s8d7'), expect: [{ text: 'k3v9q2l8x7c4m1n6b5z0a9s8d7', message: 'This `Cookie` header sends a literal session cookie `PHPSESSID`' }] },
      {
        name: 'a session among other cookies',
        text: literalHeader('Cookie', 'theme=dark; _app_session=bG9naW4tc2Vzc2lvbi0xMjM0NTY3OA; locale=en-GB'),
        expect: [{ text: 'bG9naW4tc2Vzc2lvbi0xMjM0NTY3OA', message: 'session cookie `_app_session`' }],
      },
    ],
    clean: [
      { name: 'cookies that are no session', text: literalHeader('Cookie', 'theme=dark; locale=en-GB; consent=2024-10-01') },
      { name: 'a session from a secret variable', text: connector({ method: { variables: [{ key: 'token', label: 'Access token', secret: true, required: true }, { key: 'session', label: 'Session', secret: true }], headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'Cookie', value: 'PHPSESSID={{session}}' }] } }) },
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
