import { DiagnosticSeverity } from 'vscode-json-languageservice';

/** The group a rule belongs to, as listed in the README's rules table. */
export type RuleGroup = 'syntax' | 'schema' | 'semantic' | 'security' | 'provider';

/** A diagnostic rule: its stable code, group, severity, what it catches and what to do about it. */
export interface Rule {
  readonly code: string;
  readonly group: RuleGroup;
  readonly severity: DiagnosticSeverity;
  readonly summary: string;
  /** What to do, in a sentence or two: the help text of `connector-check lint --format sarif`. */
  readonly help: string;
}

const { Error, Warning, Information } = DiagnosticSeverity;

function rule(code: string, group: RuleGroup, severity: DiagnosticSeverity, summary: string, help: string): Rule {
  return { code, group, severity, summary, help };
}

/** Every rule the language service reports, by name. Codes are stable: tools and docs refer to them. */
export const rules = {
  jsonSyntax: rule('json-syntax', 'syntax', Error, 'The file is not valid JSON with comments, or is nested too deeply to check (a trailing comma is a warning).',
    'Fix the JSON at the marked place: a missing comma, quote or bracket. Comments are allowed; a trailing comma is only a warning.'),
  duplicateProperty: rule('duplicate-property', 'syntax', Warning, 'The same property appears twice in one object; only the last one counts.',
    'Remove one of the two properties: only the last one counts, so the first is silently ignored.'),
  schema: rule('schema', 'schema', Error, 'The file does not match the connector schema: a missing, unknown or mistyped property, or no connector at all (an empty file).',
    'Use the properties and values the connector schema documents (hover a key in the editor); a connector needs at least `name` and `authentication`.'),

  unknownPlaceholder: rule('unknown-placeholder', 'semantic', Error, 'A `{{placeholder}}` resolves to no variable in scope (with a "did you mean").',
    'Declare the variable (connector, auth method or endpoint level) or fix the key: placeholders resolve in the endpoint, then its auth method, then the connector.'),
  malformedPlaceholder: rule('malformed-placeholder', 'semantic', Error, 'A placeholder that cannot be filled: `{{}}`, `{{a b}}`, an unbalanced `{{token` or `token}}`.',
    'Write a placeholder as `{{key}}`, with a variable key between the double braces and no spaces.'),
  singleBracePlaceholder: rule('single-brace-placeholder', 'semantic', Warning, 'A `{key}` in single braces where `key` is a variable in scope: it is sent literally; placeholders use double braces.',
    'Use double braces, `{{key}}`, to fill the value from the variable; single braces are sent as they are.'),
  unusedVariable: rule('unused-variable', 'semantic', Warning, 'A variable that no placeholder references.',
    'Reference the variable as `{{key}}` where its value is needed, or remove it.'),
  duplicateVariable: rule('duplicate-variable', 'semantic', Error, 'Two variables with the same key in one list.',
    'Give each variable of a list its own key, or remove the duplicate.'),
  duplicateAuthId: rule('duplicate-auth-id', 'semantic', Error, 'Two authentication methods with the same id.',
    'Give each authentication method its own id: endpoints refer to methods by id.'),
  duplicateName: rule('duplicate-name', 'semantic', Error, 'Two authentication methods, or two endpoints, with the same name.',
    'Give each authentication method and each endpoint its own name.'),
  duplicateParameter: rule('duplicate-parameter', 'semantic', Error, 'The same URL parameter or body field twice in one request.',
    'Send each URL parameter or body field once per request, or remove the duplicate.'),
  unknownAuthMethod: rule('unknown-auth-method', 'semantic', Error, 'An endpoint enabled for an authentication method id that does not exist.',
    'Use the id of an authentication method declared in `authentication`, or declare the method.'),
  endpointWithoutAuth: rule('endpoint-without-auth', 'semantic', Error, 'An endpoint enabled for no authentication method.',
    'List at least one authentication method id in the endpoint\'s `authentication`.'),
  unsupportedAuthType: rule('unsupported-auth-type', 'semantic', Information, 'An authentication type (`basic`, `oauth2-*`) outside this tool\'s scope; test requests refuse it.',
    'Nothing to fix: the file is checked for structure, but test requests send only `token` and `none` methods.'),
  invalidUrl: rule('invalid-url', 'semantic', Error, 'A URL that is not absolute http(s) once placeholders are filled with sample values.',
    'Start the URL with `https://` and a host (a placeholder may fill the host, as in `https://{{store_name}}.myshopify.com`).'),
  urlTooLong: rule('url-too-long', 'semantic', Error, 'A URL longer than 255 characters.',
    'Move query values into `urlParameters`: the builder accepts URLs of at most 255 characters.'),
  defaultTooLong: rule('default-too-long', 'semantic', Error, 'A variable default longer than 1,024 characters.',
    'Shorten the default to at most 1,024 characters.'),

  tokenNeverSent: rule('token-never-sent', 'security', Error, 'A token method whose headers, URL parameters and body send no secret variable.',
    'Send the secret variable in a header, URL parameter or body field, for example `Authorization: Bearer {{token}}`.'),
  secretInUrl: rule('secret-in-url', 'security', Error, 'A secret placeholder in a URL\'s host or path.',
    'Send the secret in a header instead: a URL\'s host and path end up in logs and browser history.'),
  secretInQuery: rule('secret-in-query', 'security', Warning, 'A secret in a URL parameter or query string, which servers and proxies log.',
    'Send the secret in a header if the API allows it: servers and proxies log query strings.'),
  hardcodedCredential: rule('hardcoded-credential', 'security', Error, 'A literal credential written into the file: a token of a known format anywhere in it (AWS, GitHub, npm, OpenAI, Slack, Stripe, Shopify, private keys, JWTs …), or a token-shaped literal in `Authorization`, `Proxy-Authorization` or a header or parameter named like a key, token, secret, password, signature or session.',
    'Move the value into a secret variable (`"secret": true`) and reference it as `{{token}}`: whoever uses the connector enters it, and it is never written in the file. Revoke a token that was committed.'),
  urlCredentials: rule('url-credentials', 'security', Error, 'A password or token written into a request URL\'s user info (`https://user:password@host`).',
    'Move the password (or token) into a secret variable and write its placeholder in the user info, `https://user:{{password}}@host`: the request sends the user info as `Authorization: Basic`, never in the URL. Revoke a password that was committed.'),
  sessionCookie: rule('session-cookie', 'security', Warning, 'A `Cookie` header with a literal session cookie (`session=…`, `PHPSESSID=…`): a signed-in session written into the file.',
    'Move the cookie\'s value into a secret variable and reference it as a placeholder, or better, authenticate with a token the API issues for integrations: a session cookie signs in as whoever it belongs to.'),
  secretDefault: rule('secret-default', 'security', Error, 'A default value on a secret variable.',
    'Remove the default: a secret\'s value is entered by whoever uses the connector and kept in their secret storage, never in the file.'),
  insecureHttp: rule('insecure-http', 'security', Error, 'A request that sends a secret over plain `http://` to a host that is not loopback.',
    'Use `https://`: over plain http anyone on the network can read the secret. Plain http is accepted only for loopback hosts.'),
  invalidHeaderName: rule('invalid-header-name', 'security', Error, 'A header name that is not an RFC 9110 token.',
    'Use a header name made of RFC 9110 token characters (letters, digits and ``!#$%&\'*+-.^_`|~``), without spaces or colons.'),
  duplicateHeader: rule('duplicate-header', 'security', Warning, 'The same header twice in one request (names are case-insensitive).',
    'Send each header once: names are case-insensitive, and an endpoint already sends its auth method\'s headers.'),
  forbiddenHeader: rule('forbidden-header', 'security', Error, 'A header the HTTP client sets itself: `Host`, `Content-Length`, `Transfer-Encoding`, `Connection`.',
    'Remove the header: the HTTP client sets it from the request itself.'),
  headerInjection: rule('header-injection', 'security', Error, 'A CR or LF character in a header name or value.',
    'Remove the line break: a CR or LF in a header would start another header or the body.'),
  authorizationSchemeMissing: rule('authorization-scheme-missing', 'security', Warning, 'An `Authorization` value with no scheme (`{{token}}` instead of `Bearer {{token}}`).',
    'Put the scheme before the credential, for example `Bearer {{token}}`.'),
  authorizationSchemeMalformed: rule('authorization-scheme-malformed', 'security', Error, 'A malformed `Authorization` scheme: `Bearer:`, `Bearer{{token}}`, a misspelling such as `Baerer`.',
    'Write the scheme, one space and the credential: `Bearer {{token}}` (scheme names are case-insensitive).'),

  shopifyTokenHeader: rule('shopify-token-header', 'provider', Error, 'Shopify with `Authorization` or `Bearer` instead of `X-Shopify-Access-Token: {{token}}`.',
    'Send the Admin API access token as `X-Shopify-Access-Token: {{token}}`, without `Bearer`.'),
  shopifyStoreName: rule('shopify-store-name', 'provider', Error, 'A Shopify `store_name` default holding `https://` or `.myshopify.com`.',
    'Write only the store\'s name in the default (`my-store`), not its URL or `.myshopify.com`.'),
  shopifyApiVersion: rule('shopify-api-version', 'provider', Warning, 'A Shopify API version that is not `YYYY-MM` (or `unstable`).',
    'Use a Shopify API version of the form `YYYY-MM`, such as `2026-01`, or `unstable`.'),
  evaUserAgent: rule('eva-user-agent', 'provider', Error, 'An EVA request without the `EVA-User-Agent` header.',
    'Add an `EVA-User-Agent` header: EVA refuses requests without it.'),
  bearerRequired: rule('bearer-required', 'provider', Error, 'HubSpot, Airtable or Odoo without `Authorization: Bearer {{token}}`.',
    'Send the token as `Authorization: Bearer {{token}}`, as the provider documents.'),
  odooJson2Method: rule('odoo-json2-method', 'provider', Error, 'An Odoo JSON-2 request (`/json/2/…`) that is not `POST`.',
    'Use `POST` for Odoo JSON-2 requests.'),
} as const satisfies Record<string, Rule>;

/** Every rule in table order. */
export const allRules: readonly Rule[] = Object.values(rules);
