import { DiagnosticSeverity } from 'vscode-json-languageservice';

/** The group a rule belongs to, as listed in the README's rules table. */
export type RuleGroup = 'syntax' | 'schema' | 'semantic' | 'security' | 'provider';

/** A diagnostic rule: its stable code, group, severity and what it catches. */
export interface Rule {
  readonly code: string;
  readonly group: RuleGroup;
  readonly severity: DiagnosticSeverity;
  readonly summary: string;
}

const { Error, Warning, Information } = DiagnosticSeverity;

function rule(code: string, group: RuleGroup, severity: DiagnosticSeverity, summary: string): Rule {
  return { code, group, severity, summary };
}

/** Every rule the language service reports, by name. Codes are stable: tools and docs refer to them. */
export const rules = {
  jsonSyntax: rule('json-syntax', 'syntax', Error, 'The file is not valid JSON with comments, or is nested too deeply to check (a trailing comma is a warning).'),
  duplicateProperty: rule('duplicate-property', 'syntax', Warning, 'The same property appears twice in one object; only the last one counts.'),
  schema: rule('schema', 'schema', Error, 'The file does not match the connector schema: a missing, unknown or mistyped property, or no connector at all (an empty file).'),

  unknownPlaceholder: rule('unknown-placeholder', 'semantic', Error, 'A `{{placeholder}}` resolves to no variable in scope (with a "did you mean").'),
  malformedPlaceholder: rule('malformed-placeholder', 'semantic', Error, 'A placeholder that cannot be filled: `{{}}`, `{{a b}}`, an unbalanced `{{token` or `token}}`.'),
  singleBracePlaceholder: rule('single-brace-placeholder', 'semantic', Warning, 'A `{key}` in single braces where `key` is a variable in scope: it is sent literally; placeholders use double braces.'),
  unusedVariable: rule('unused-variable', 'semantic', Warning, 'A variable that no placeholder references.'),
  duplicateVariable: rule('duplicate-variable', 'semantic', Error, 'Two variables with the same key in one list.'),
  duplicateAuthId: rule('duplicate-auth-id', 'semantic', Error, 'Two authentication methods with the same id.'),
  duplicateName: rule('duplicate-name', 'semantic', Error, 'Two authentication methods, or two endpoints, with the same name.'),
  duplicateParameter: rule('duplicate-parameter', 'semantic', Error, 'The same URL parameter or body field twice in one request.'),
  unknownAuthMethod: rule('unknown-auth-method', 'semantic', Error, 'An endpoint enabled for an authentication method id that does not exist.'),
  endpointWithoutAuth: rule('endpoint-without-auth', 'semantic', Error, 'An endpoint enabled for no authentication method.'),
  unsupportedAuthType: rule('unsupported-auth-type', 'semantic', Information, 'An authentication type (`basic`, `oauth2-*`) outside this tool\'s scope; test requests refuse it.'),
  invalidUrl: rule('invalid-url', 'semantic', Error, 'A URL that is not absolute http(s) once placeholders are filled with sample values.'),
  urlTooLong: rule('url-too-long', 'semantic', Error, 'A URL longer than 255 characters.'),
  defaultTooLong: rule('default-too-long', 'semantic', Error, 'A variable default longer than 1,024 characters.'),

  tokenNeverSent: rule('token-never-sent', 'security', Error, 'A token method whose headers, URL parameters and body send no secret variable.'),
  secretInUrl: rule('secret-in-url', 'security', Error, 'A secret placeholder in a URL\'s host or path.'),
  secretInQuery: rule('secret-in-query', 'security', Warning, 'A secret in a URL parameter or query string, which servers and proxies log.'),
  hardcodedCredential: rule('hardcoded-credential', 'security', Error, 'A literal token written into the file (`shpat_…`, `pat-na1-…`, `ghp_…`, JWT, `Bearer <literal>`, `?api_key=<literal>` …), in a value, comment, description or label.'),
  secretDefault: rule('secret-default', 'security', Error, 'A default value on a secret variable.'),
  insecureHttp: rule('insecure-http', 'security', Error, 'A request that sends a secret over plain `http://` to a host that is not loopback.'),
  invalidHeaderName: rule('invalid-header-name', 'security', Error, 'A header name that is not an RFC 9110 token.'),
  duplicateHeader: rule('duplicate-header', 'security', Warning, 'The same header twice in one request (names are case-insensitive).'),
  forbiddenHeader: rule('forbidden-header', 'security', Error, 'A header the HTTP client sets itself: `Host`, `Content-Length`, `Transfer-Encoding`, `Connection`.'),
  headerInjection: rule('header-injection', 'security', Error, 'A CR or LF character in a header name or value.'),
  authorizationSchemeMissing: rule('authorization-scheme-missing', 'security', Warning, 'An `Authorization` value with no scheme (`{{token}}` instead of `Bearer {{token}}`).'),
  authorizationSchemeMalformed: rule('authorization-scheme-malformed', 'security', Error, 'A malformed `Authorization` scheme: `Bearer:`, `Bearer{{token}}`, a misspelling such as `Baerer`.'),

  shopifyTokenHeader: rule('shopify-token-header', 'provider', Error, 'Shopify with `Authorization` or `Bearer` instead of `X-Shopify-Access-Token: {{token}}`.'),
  shopifyStoreName: rule('shopify-store-name', 'provider', Error, 'A Shopify `store_name` default holding `https://` or `.myshopify.com`.'),
  shopifyApiVersion: rule('shopify-api-version', 'provider', Warning, 'A Shopify API version that is not `YYYY-MM` (or `unstable`).'),
  evaUserAgent: rule('eva-user-agent', 'provider', Error, 'An EVA request without the `EVA-User-Agent` header.'),
  bearerRequired: rule('bearer-required', 'provider', Error, 'HubSpot, Airtable or Odoo without `Authorization: Bearer {{token}}`.'),
  odooJson2Method: rule('odoo-json2-method', 'provider', Error, 'An Odoo JSON-2 request (`/json/2/…`) that is not `POST`.'),
} as const satisfies Record<string, Rule>;

/** Every rule in table order. */
export const allRules: readonly Rule[] = Object.values(rules);
