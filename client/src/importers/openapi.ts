/**
 * Import from OpenAPI: a Swagger 2.0, OpenAPI 3.0 or 3.1 description whose `$ref`s are resolved (openapiDocument.ts)
 * becomes a connector. Security schemes become auth methods with secret variables, the first server the base of every
 * URL, and every operation an endpoint with its path parameters and required query and header parameters as variables.
 */
import { looksLikeSecretName } from '../../../server/src/service/secretNames';
import { findCredential } from '../../../server/src/service/credentials';
import { labelForKey } from '../../../server/src/service/rules/declareVariable';
import { ImportError, methodIdFrom, unique, variableKeyFrom, type AuthMethodJson, type ConnectorJson, type EndpointJson, type ImportedSecret, type ParameterJson, type VariableJson } from './connector';

/** The auth method of a description that declares no security scheme (`--auth`). */
export type FallbackAuth = { readonly kind: 'bearer' } | { readonly kind: 'header'; readonly name: string } | { readonly kind: 'query'; readonly name: string };

/** Options of an import. */
export interface OpenApiImportOptions {
  /** The connector's name; by default the description's title. */
  readonly name?: string;
  /** For a description without security schemes; bearer when absent. */
  readonly auth?: FallbackAuth;
  /** Where the description was read from: a relative server URL is resolved against an http(s) one. */
  readonly documentUrl?: string;
}

/** What an import gives: the connector, its secret variables, the operations left out and notes. */
export interface OpenApiImport {
  readonly connector: ConnectorJson;
  readonly secrets: readonly ImportedSecret[];
  /** One line per operation left out, naming it and why. */
  readonly skipped: readonly string[];
  /** One sentence each. */
  readonly notes: readonly string[];
}

const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reads `--auth bearer|header:NAME|query:NAME`. */
export function parseFallbackAuth(text: string): FallbackAuth {
  if (text === 'bearer') return { kind: 'bearer' };
  const match = /^(header|query):(.+)$/.exec(text);
  if (match && (match[1] === 'query' ? /^[^\s&=#]+$/ : headerNamePattern).test(match[2])) return { kind: match[1] as 'header' | 'query', name: match[2] };
  throw new ImportError('Use --auth bearer, --auth header:NAME (for example header:X-API-Key) or --auth query:NAME (for example query:api_key).');
}

// ---- reading the description ----------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const connectorMethods = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);

/** A security scheme as the connector can hold it. */
type SchemeMapping =
  | { readonly kind: 'token'; readonly headers: readonly ParameterJson[]; readonly urlParameters: readonly ParameterJson[]; readonly secretKey: string; readonly label: string }
  | { readonly kind: 'basic' }
  | { readonly kind: 'oauth2'; readonly flows: readonly OAuthFlow[]; readonly unsupported: readonly string[] }
  | { readonly kind: 'unsupported'; readonly what: string };

interface OAuthFlow {
  readonly type: 'oauth2-client-credentials' | 'oauth2-authorization-code';
  readonly tokenUrl?: string;
  readonly authorizationUrl?: string;
  readonly scopes: readonly string[];
}

function scopesOf(flow: Json): string[] {
  return isObject(flow.scopes) ? Object.keys(flow.scopes) : [];
}

/** The secret variable key for an API key's parameter name: `X-API-Key` → `api_key`, `Authorization` → `token`. */
function apiKeyVariable(name: string): string {
  if (/^(?:proxy-)?authorization$/i.test(name)) return 'token';
  const key = variableKeyFrom(name.replace(/^x-/i, '').replace(/-/g, '_').toLowerCase());
  return looksLikeSecretName(key) ? key : 'api_key';
}

function mapScheme(name: string, scheme: Json, swagger: boolean): SchemeMapping {
  const type = text(scheme.type)?.toLowerCase();
  const description = text(scheme.description) ?? '';
  if (type === 'http') {
    const httpScheme = text(scheme.scheme)?.toLowerCase();
    if (httpScheme === 'bearer') return { kind: 'token', headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }], urlParameters: [], secretKey: 'token', label: 'Access token' };
    if (httpScheme === 'basic') return { kind: 'basic' };
    return { kind: 'unsupported', what: `HTTP ${httpScheme ?? 'authentication'} (${name})` };
  }
  if (type === 'basic') return { kind: 'basic' };
  if (type === 'apikey') {
    const parameter = text(scheme.name);
    const where = text(scheme.in);
    if (!parameter) return { kind: 'unsupported', what: `an API key without a name (${name})` };
    const key = apiKeyVariable(parameter);
    const label = key === 'token' ? 'Access token' : 'API key';
    if (where === 'header') {
      if (!headerNamePattern.test(parameter)) return { kind: 'unsupported', what: `an API key in an invalid header name (${name})` };
      // Swagger 2 has no bearer scheme: an API key in Authorization whose description says Bearer is one.
      const bearer = /^authorization$/i.test(parameter) && /\bbearer\b/i.test(description);
      return { kind: 'token', headers: [{ key: parameter, value: bearer ? `Bearer {{${key}}}` : `{{${key}}}` }], urlParameters: [], secretKey: key, label };
    }
    if (where === 'query') return { kind: 'token', headers: [], urlParameters: [{ key: parameter, value: `{{${key}}}` }], secretKey: key, label };
    if (where === 'cookie') return { kind: 'token', headers: [{ key: 'Cookie', value: `${parameter}={{${key}}}` }], urlParameters: [], secretKey: key, label };
    return { kind: 'unsupported', what: `an API key in ${where ?? 'an unknown place'} (${name})` };
  }
  if (type === 'oauth2') {
    const flows: OAuthFlow[] = [];
    const unsupported: string[] = [];
    if (swagger) {
      const flow = text(scheme.flow);
      if (flow === 'application') flows.push({ type: 'oauth2-client-credentials', tokenUrl: text(scheme.tokenUrl), scopes: scopesOf(scheme) });
      else if (flow === 'accessCode') flows.push({ type: 'oauth2-authorization-code', tokenUrl: text(scheme.tokenUrl), authorizationUrl: text(scheme.authorizationUrl), scopes: scopesOf(scheme) });
      else unsupported.push(`OAuth 2 ${flow === 'password' ? 'password' : 'implicit'} flow (${name})`);
    } else if (isObject(scheme.flows)) {
      const all = scheme.flows;
      if (isObject(all.clientCredentials)) flows.push({ type: 'oauth2-client-credentials', tokenUrl: text(all.clientCredentials.tokenUrl), scopes: scopesOf(all.clientCredentials) });
      if (isObject(all.authorizationCode)) flows.push({ type: 'oauth2-authorization-code', tokenUrl: text(all.authorizationCode.tokenUrl), authorizationUrl: text(all.authorizationCode.authorizationUrl), scopes: scopesOf(all.authorizationCode) });
      if (isObject(all.implicit)) unsupported.push(`OAuth 2 implicit flow (${name})`);
      if (isObject(all.password)) unsupported.push(`OAuth 2 password flow (${name})`);
    }
    return flows.length > 0 ? { kind: 'oauth2', flows, unsupported } : { kind: 'unsupported', what: unsupported.join(' or ') || `OAuth 2 without flows (${name})` };
  }
  if (type === 'openidconnect') return { kind: 'unsupported', what: `OpenID Connect (${name})` };
  if (type === 'mutualtls') return { kind: 'unsupported', what: `mutual TLS (${name})` };
  return { kind: 'unsupported', what: `${text(scheme.type) ?? 'an unknown'} authentication (${name})` };
}

// ---- the import ----------------------------------------------------------------------------------------------------

/** Builds the connector's auth methods as requirements ask for them, one per distinct requirement. */
class Methods {
  readonly methods: AuthMethodJson[] = [];
  readonly secrets: ImportedSecret[] = [];
  private readonly byRequirement = new Map<string, string[] | { unsupported: string }>();
  private readonly ids = new Set<string>();
  private readonly names = new Set<string>();
  /** For each method id, the operations it is enabled for (to choose its check request). */
  readonly usedBy = new Map<string, { method: string; path: string; simple: boolean }[]>();

  constructor(private readonly schemes: ReadonlyMap<string, SchemeMapping>, private readonly absolutise: (url: string | undefined) => string | undefined) {}

  private add(idBase: string, nameBase: string, method: Omit<AuthMethodJson, 'id' | 'name'>): string {
    const id = unique(methodIdFrom(idBase), this.ids, '-');
    const name = unique(nameBase.slice(0, 240), this.names, ' ');
    this.methods.push({ id, name, ...method });
    return id;
  }

  /** The method ids one requirement (`{ scheme: scopes, … }`) enables, or what it needs that a connector cannot hold. */
  forRequirement(requirement: Json): string[] | { unsupported: string } {
    const names = Object.keys(requirement).sort();
    const signature = names.join('\n');
    const known = this.byRequirement.get(signature);
    if (known) return known;
    const result = this.build(names);
    this.byRequirement.set(signature, result);
    return result;
  }

  /** A `none` method, for operations with `security: []` or an empty requirement. */
  none(): string[] {
    const ids = this.forRequirement({});
    return Array.isArray(ids) ? ids : [];
  }

  private build(names: readonly string[]): string[] | { unsupported: string } {
    if (names.length === 0) return [this.add('public', 'No authentication', { type: 'none' })];
    const mappings = names.map((name) => [name, this.schemes.get(name)] as const);
    const missing = mappings.find(([, mapping]) => mapping === undefined);
    if (missing) return { unsupported: `the undeclared security scheme ${missing[0]}` };
    const unsupported = mappings.find(([, mapping]) => mapping!.kind === 'unsupported');
    if (unsupported) return { unsupported: (unsupported[1] as { what: string }).what };
    if (mappings.length === 1) {
      const [name, mapping] = mappings[0];
      if (mapping!.kind === 'basic') return [this.add(name, name, { type: 'basic' })];
      if (mapping!.kind === 'oauth2') {
        return mapping!.flows.map((flow) => {
          const suffix = mapping!.flows.length > 1 ? (flow.type === 'oauth2-client-credentials' ? ' (client credentials)' : ' (authorization code)') : '';
          const tokenUrl = this.absolutise(flow.tokenUrl);
          const authorizationUrl = this.absolutise(flow.authorizationUrl);
          return this.add(`${name}${suffix ? `-${flow.type.slice(7)}` : ''}`, `${name}${suffix}`, {
            type: flow.type,
            ...(tokenUrl ? { tokenUrl } : {}),
            ...(authorizationUrl && flow.type === 'oauth2-authorization-code' ? { authorizationUrl } : {}),
            ...(flow.scopes.length > 0 ? { scopes: [...flow.scopes] } : {}),
          });
        });
      }
    }
    if (mappings.some(([, mapping]) => mapping!.kind !== 'token')) return { unsupported: `${names.join(' together with ')}, which combines a token with another kind of authentication` };
    // One method sending every scheme of the requirement (an API key and an app id, say), each its own secret.
    const keys = new Set<string>();
    const variables: VariableJson[] = [];
    const headers: ParameterJson[] = [];
    const urlParameters: ParameterJson[] = [];
    const headerNames = new Set<string>();
    for (const [, mapping] of mappings) {
      if (mapping!.kind !== 'token') continue;
      const key = unique(mapping!.secretKey, keys);
      const rename = (parameter: ParameterJson): ParameterJson => ({ key: parameter.key, value: parameter.value.split(`{{${mapping!.secretKey}}}`).join(`{{${key}}}`) });
      variables.push({ key, label: names.length > 1 ? labelForKey(key) : mapping!.label, secret: true, required: true });
      for (const header of mapping!.headers) {
        const lower = header.key.toLowerCase();
        if (lower === 'cookie' && headerNames.has('cookie')) {
          const cookie = headers.find((h) => h.key.toLowerCase() === 'cookie')!;
          cookie.value += `; ${rename(header).value}`;
          continue;
        }
        if (headerNames.has(lower)) return { unsupported: `${names.join(' together with ')}, which send the same header twice` };
        headerNames.add(lower);
        headers.push(rename(header));
      }
      for (const parameter of mapping!.urlParameters) urlParameters.push(rename(parameter));
    }
    const id = this.add(names.join('-and-'), names.join(' + '), {
      type: 'token',
      variables,
      ...(headers.length > 0 ? { headers } : {}),
      ...(urlParameters.length > 0 ? { urlParameters } : {}),
    });
    for (const variable of variables) this.secrets.push({ method: id, key: variable.key });
    return [id];
  }

  /** A method for a description without security schemes: `--auth`. */
  fallback(auth: FallbackAuth): string[] {
    const key = auth.kind === 'bearer' ? 'token' : apiKeyVariable(auth.name);
    const variable: VariableJson = { key, label: auth.kind === 'bearer' ? 'Access token' : 'API key', secret: true, required: true };
    const id = this.add(auth.kind === 'bearer' ? 'bearer-token' : auth.kind === 'header' ? 'api-key' : 'api-key-query', auth.kind === 'bearer' ? 'Bearer token' : auth.kind === 'header' ? 'API key' : 'API key (query)', {
      type: 'token',
      variables: [variable],
      ...(auth.kind === 'bearer' ? { headers: [{ key: 'Authorization', value: `Bearer {{${key}}}` }] } : {}),
      ...(auth.kind === 'header' ? { headers: [{ key: auth.name, value: `{{${key}}}` }] } : {}),
      ...(auth.kind === 'query' ? { urlParameters: [{ key: auth.name, value: `{{${key}}}` }] } : {}),
    });
    this.secrets.push({ method: id, key });
    return [id];
  }
}

/** The first server's URL as a connector URL base, and its variables as connector variables. */
interface Base {
  readonly url: string;
  readonly variables: VariableJson[];
}

function serverBase(document: Json, swagger: boolean, documentUrl: string | undefined, notes: string[]): Base {
  const variables: VariableJson[] = [];
  let url: string;
  if (swagger) {
    const schemes = Array.isArray(document.schemes) ? document.schemes.filter((s): s is string => typeof s === 'string') : [];
    const scheme = schemes.includes('https') ? 'https' : schemes[0] ?? 'https';
    const host = text(document.host);
    url = host ? `${scheme}://${host}${text(document.basePath) ?? ''}` : text(document.basePath) ?? '';
  } else {
    const [server] = objects(document.servers);
    url = text(server?.url) ?? '';
    const serverVariables = isObject(server?.variables) ? server.variables : {};
    const taken = new Set<string>();
    const schemeEnd = url.indexOf('://');
    url = url.replace(/\{([^{}]+)\}/g, (_match, name: string, offset: number) => {
      const declared = isObject(serverVariables[name]) ? serverVariables[name] : {};
      const fallback = text(declared.default) ?? (Array.isArray(declared.enum) ? text(declared.enum[0]) : undefined);
      // A variable in the scheme (`{scheme}://…`) takes its default: a connector URL starts with http(s)://.
      if (offset < schemeEnd) return fallback === 'http' || fallback === 'https' ? fallback : 'https';
      const key = unique(variableKeyFrom(name), taken);
      const usable = fallback !== undefined && fallback !== '' && fallback.length <= 1024 && !/\s/.test(fallback);
      variables.push({ key, label: labelForKey(name), ...(usable ? { default: fallback } : { required: true }) });
      return `{{${key}}}`;
    });
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    if (documentUrl && /^https?:\/\//i.test(documentUrl) && !url.includes('{{')) {
      url = new URL(url === '' ? '/' : url, documentUrl).href;
    } else {
      notes.push(url === ''
        ? 'The description names no server: URLs start with https://{{host}}; set the host variable\'s default.'
        : 'The first server\'s URL is relative: URLs start with https://{{host}}; set the host variable\'s default.');
      variables.unshift({ key: unique('host', new Set(variables.map((v) => v.key))), label: 'Host', required: true });
      url = `https://{{${variables[0].key}}}${url.startsWith('/') ? '' : '/'}${url}`;
    }
  }
  return { url: url.replace(/\/+$/, ''), variables };
}

function isLoopbackUrl(url: string): boolean {
  const host = /^[a-z]+:\/\/\[?([^/:\]]*)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

/** A parameter's default as a variable default (a string), unless it is missing, too long or looks like a credential. */
function defaultOf(parameter: Json): string | undefined {
  const schema = isObject(parameter.schema) ? parameter.schema : {};
  const value = parameter.default ?? schema.default;
  if (value === undefined || value === null) return undefined;
  const written = typeof value === 'string' ? value : JSON.stringify(value);
  if (written === '' || written.length > 1024 || findCredential(written) !== undefined) return undefined;
  return written;
}

const forbiddenHeaders = /^(?:host|content-length|transfer-encoding|connection)$/i;
/** Paths that read the caller's own account make the best check requests; then ones that say whether the API is up. */
const checkPaths = [/(?:^|\/)(?:me|user|users\/me|whoami|account|accounts\/me|self|profile|userinfo)$/i, /(?:^|\/)(?:status|ping|health|rate_limit|zen)$/i];

/** The parameters of an operation: the path item's, replaced by the operation's of the same name and place. */
function parametersOf(pathItem: Json, operation: Json): Json[] {
  const byKey = new Map<string, Json>();
  for (const parameter of [...objects(pathItem.parameters), ...objects(operation.parameters)]) {
    const name = text(parameter.name);
    const where = text(parameter.in);
    if (name !== undefined && where !== undefined) byKey.set(`${where}\n${name}`, parameter);
  }
  return [...byKey.values()];
}

function operationLabel(method: string, path: string, operation: Json): string {
  const id = text(operation.operationId);
  return `${method} ${path}${id ? ` (${id})` : ''}`;
}

/** Whether a description declares security schemes (else the import uses the fallback auth method, `--auth`). */
export function declaresSecuritySchemes(document: unknown): boolean {
  if (!isObject(document)) return false;
  const declared = text(document.swagger) === '2.0' ? document.securityDefinitions : isObject(document.components) ? document.components.securitySchemes : undefined;
  return isObject(declared) && Object.keys(declared).length > 0;
}

/** The title a description gives its API, if any. */
export function descriptionTitle(document: unknown): string | undefined {
  return isObject(document) && isObject(document.info) ? text(document.info.title)?.trim() || undefined : undefined;
}

/** Maps a dereferenced Swagger 2.0 / OpenAPI 3.x description to a connector; throws an ImportError when it is neither. */
export function importOpenApi(document: unknown, options: OpenApiImportOptions = {}): OpenApiImport {
  if (!isObject(document)) throw new ImportError('This is not an OpenAPI or Swagger description: the file holds no JSON or YAML object.');
  const swagger = text(document.swagger) === '2.0';
  const version = text(document.openapi);
  if (!swagger && !(version && /^3\.[01]\./.test(version))) {
    throw new ImportError(typeof document.swagger === 'string' || version ? 'Only Swagger 2.0 and OpenAPI 3.0 and 3.1 descriptions can be imported.' : 'This is not an OpenAPI or Swagger description: it has neither an `openapi` nor a `swagger` version.');
  }
  const notes: string[] = [];
  const skipped: string[] = [];
  const info = isObject(document.info) ? document.info : {};
  const name = (options.name?.trim() || text(info.title)?.trim() || 'API').slice(0, 255);
  const base = serverBase(document, swagger, options.documentUrl, notes);

  const declared = swagger ? document.securityDefinitions : isObject(document.components) ? document.components.securitySchemes : undefined;
  const schemes = new Map<string, SchemeMapping>();
  if (isObject(declared)) for (const [schemeName, scheme] of Object.entries(declared)) if (isObject(scheme)) schemes.set(schemeName, mapScheme(schemeName, scheme, swagger));
  const absolutise = (url: string | undefined): string | undefined => {
    if (url === undefined || url === '') return undefined;
    if (/^https?:\/\//i.test(url)) return url;
    return /^https?:\/\//i.test(base.url) && !base.url.includes('{{') ? new URL(url, base.url + '/').href : undefined;
  };
  const methods = new Methods(schemes, absolutise);
  const topSecurity = Array.isArray(document.security) ? objects(document.security) : undefined;
  const anySecurity = topSecurity !== undefined || Object.values(isObject(document.paths) ? document.paths : {}).some((item) =>
    isObject(item) && httpMethods.some((m) => isObject(item[m]) && Array.isArray((item[m] as Json).security)));
  let defaultIds: string[] | undefined;
  if (schemes.size === 0) {
    const auth = options.auth ?? { kind: 'bearer' };
    defaultIds = methods.fallback(auth);
    notes.push(`The description declares no security scheme: every endpoint uses ${auth.kind === 'bearer' ? 'a bearer token (Authorization: Bearer)' : auth.kind === 'header' ? `an API key in the ${auth.name} header` : `an API key in the ${auth.name} URL parameter`}${options.auth ? '' : '; choose another with --auth header:NAME or --auth query:NAME'}.`);
  } else {
    if (options.auth) notes.push('The description declares its security schemes: --auth is not used.');
    if (!anySecurity) {
      // Schemes declared but required nowhere: each is offered to every operation.
      defaultIds = [];
      for (const schemeName of schemes.keys()) {
        const ids = methods.forRequirement({ [schemeName]: [] });
        if (Array.isArray(ids)) defaultIds.push(...ids);
      }
      notes.push('The description declares security schemes but requires none: every endpoint is enabled for each of them.');
    }
  }

  const enabledFor = (security: Json[] | undefined): { ids: string[]; unsupported: string[] } => {
    if (security === undefined) return defaultIds ? { ids: defaultIds, unsupported: [] } : enabledFor(topSecurity ?? []);
    if (security.length === 0) return { ids: methods.none(), unsupported: [] };
    const ids: string[] = [];
    const unsupported: string[] = [];
    for (const requirement of security) {
      const result = methods.forRequirement(requirement);
      if (Array.isArray(result)) ids.push(...result.filter((id) => !ids.includes(id)));
      else unsupported.push(result.unsupported);
      // An OAuth scheme with a supported and an unsupported flow keeps the supported one silently.
    }
    return { ids, unsupported };
  };

  // Over plain http a token travels in clear text: the connector uses https when any method sends one.
  const sendsToken = schemes.size === 0 || [...schemes.values()].some((mapping) => mapping.kind === 'token');
  const secure = sendsToken && base.url.startsWith('http://') && !isLoopbackUrl(base.url);
  const endpoints: EndpointJson[] = [];
  const endpointNames = new Set<string>();
  const paths = isObject(document.paths) ? document.paths : {};
  let operationServers = false;
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const verb of Object.keys(pathItem)) {
      if (!httpMethods.includes(verb)) continue;
      const operation = pathItem[verb];
      if (!isObject(operation)) continue;
      const method = verb.toUpperCase();
      if (!connectorMethods.has(method)) {
        skipped.push(`Skipped ${operationLabel(method, path, operation)}: a connector has no ${method} requests.`);
        continue;
      }
      if (Array.isArray(operation.servers) || Array.isArray(pathItem.servers)) operationServers = true;
      const security = Array.isArray(operation.security) ? objects(operation.security) : undefined;
      const { ids, unsupported } = enabledFor(security);
      if (ids.length === 0) {
        skipped.push(`Skipped ${operationLabel(method, path, operation)}: it accepts only ${[...new Set(unsupported)].join(' or ')}, which a connector cannot hold.`);
        continue;
      }

      const variables: VariableJson[] = [];
      const keys = new Set<string>();
      const keyFor = new Map<string, string>();
      const parameters = parametersOf(pathItem, operation);
      const declare = (parameterName: string, where: string, parameter: Json | undefined): string => {
        const known = keyFor.get(`${where}\n${parameterName}`);
        if (known) return known;
        let key = variableKeyFrom(parameterName);
        if (keys.has(key)) key = unique(`${key}_${where}`, keys);
        else keys.add(key);
        keyFor.set(`${where}\n${parameterName}`, key);
        const secret = where !== 'path' && looksLikeSecretName(parameterName);
        const fallback = parameter && !secret ? defaultOf(parameter) : undefined;
        variables.push({ key, label: labelForKey(parameterName), ...(secret ? { secret: true } : {}), ...(fallback !== undefined ? { default: fallback } : { required: true }) });
        return key;
      };
      const pathParameters = new Map(parameters.filter((p) => p.in === 'path').map((p) => [text(p.name)!, p]));
      const urlPath = path.replace(/\{([+#./;?&]?)([^{}*]+)\*?\}/g, (_match, _operator: string, parameterName: string) => `{{${declare(parameterName, 'path', pathParameters.get(parameterName))}}}`);
      const url = `${base.url}${urlPath.startsWith('/') ? '' : '/'}${urlPath}`.replace(/^http:\/\//, secure ? 'https://' : 'http://');
      if (url.length > 255) {
        skipped.push(`Skipped ${operationLabel(method, path, operation)}: its URL is longer than the 255 characters a connector URL may have.`);
        continue;
      }
      const authHeaders = new Set(ids.flatMap((id) => methods.methods.find((m) => m.id === id)?.headers ?? []).map((h) => h.key.toLowerCase()));
      const headers: ParameterJson[] = [];
      const urlParameters: ParameterJson[] = [];
      for (const parameter of parameters) {
        const parameterName = text(parameter.name)!;
        if (parameter.required !== true) continue;
        if (parameter.in === 'query') {
          if (!urlParameters.some((p) => p.key === parameterName)) urlParameters.push({ key: parameterName, value: `{{${declare(parameterName, 'query', parameter)}}}` });
        } else if (parameter.in === 'header') {
          const lower = parameterName.toLowerCase();
          if (!headerNamePattern.test(parameterName) || forbiddenHeaders.test(parameterName) || authHeaders.has(lower) || headers.some((h) => h.key.toLowerCase() === lower)) continue;
          headers.push({ key: parameterName, value: `{{${declare(parameterName, 'header', parameter)}}}` });
        }
      }

      const rawName = (text(operation.summary) ?? text(operation.operationId) ?? `${method} ${path}`).replace(/\s+/g, ' ').trim().slice(0, 200) || `${method} ${path}`.slice(0, 200);
      const operationId = text(operation.operationId);
      const endpointName = endpointNames.has(rawName) && operationId && !endpointNames.has(`${rawName} (${operationId})`.slice(0, 255))
        ? unique(`${rawName} (${operationId})`.slice(0, 255), endpointNames, ' ')
        : unique(rawName, endpointNames, ' ');
      endpoints.push({
        name: endpointName,
        method,
        url,
        authentication: ids,
        ...(variables.length > 0 ? { variables } : {}),
        ...(headers.length > 0 ? { headers } : {}),
        ...(urlParameters.length > 0 ? { urlParameters } : {}),
      });
      const simple = method === 'GET' && variables.length === 0;
      for (const id of ids) {
        const list = methods.usedBy.get(id) ?? [];
        list.push({ method, path, simple });
        methods.usedBy.set(id, list);
      }
      for (const variable of variables) if (variable.secret) for (const id of ids) methods.secrets.push({ method: id, key: variable.key });
    }
  }
  if (operationServers) notes.push('Some operations name servers of their own: every endpoint uses the first server of the description.');
  if (secure) notes.push('The server uses http://: the connector uses https://, since a token must not travel in clear text.');
  if (endpoints.length === 0 && skipped.length === 0) notes.push('The description has no operations: the connector has no endpoints.');

  // Each method's check request: a simple GET it is enabled for, preferring one that reads the caller's own account.
  const baseUrl = base.url.replace(/^http:\/\//, secure ? 'https://' : 'http://');
  for (const method of methods.methods) {
    const simple = (methods.usedBy.get(method.id) ?? []).filter((use) => use.simple);
    const check = checkPaths.map((pattern) => simple.find((use) => pattern.test(use.path.replace(/\/+$/, '')))).find((use) => use !== undefined) ?? simple[0];
    const checkUrl = check ? `${baseUrl}${check.path.startsWith('/') ? '' : '/'}${check.path}` : `${baseUrl}/`;
    if (method.type === 'token' || method.type === 'none' || method.type === 'basic') method.url = checkUrl.length <= 255 ? checkUrl : `${baseUrl}/`;
  }
  // Every method first, in the order requirements asked for them; the url right after the type, as the examples write it.
  const authentication = methods.methods.map(({ id, name: methodName, type, url, ...rest }) => ({ id, name: methodName, type, ...(url !== undefined ? { url } : {}), ...rest }));
  const connector: ConnectorJson = {
    name,
    ...(base.variables.length > 0 ? { variables: base.variables } : {}),
    authentication,
    endpoints,
  };
  const secrets = methods.secrets.filter((secret, index, all) => all.findIndex((s) => s.method === secret.method && s.key === secret.key) === index);
  return { connector, secrets, skipped, notes };
}
