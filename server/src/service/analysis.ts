import type { ASTNode, StringASTNode } from 'vscode-json-languageservice';
import type { AuthMethod, ConnectorModel, Endpoint, RequestDefinition, Variable } from './model';
import { scanPlaceholders, type Placeholder, type PlaceholderProblem, type StringLocation } from './placeholders';

export type { StringLocation } from './placeholders';

/** A placeholder in a request, with where it is sent. */
export type PlaceholderUse = Placeholder;

/** Everything the rules need to know about one request definition's strings. */
export interface RequestStrings {
  readonly uses: readonly PlaceholderUse[];
  readonly problems: readonly PlaceholderProblem[];
}

/** Variables visible from a place, by key: the innermost declaration wins. */
export interface Scope {
  get(key: string): Variable | undefined;
  keys(): Iterable<string>;
}

/** A scope with no variables, where every placeholder gets a neutral sample. */
export const emptyScope: Scope = { get: () => undefined, keys: () => [] };

/** A level's own variables in front of its parent's; lookups walk the chain instead of copying maps. */
class ChainScope implements Scope {
  constructor(private readonly own: readonly Variable[] | ReadonlyMap<string, Variable>, private readonly parent?: Scope) {}

  get(key: string): Variable | undefined {
    const own = this.own;
    if (Array.isArray(own)) {
      // A short list: the first declaration with the key counts (later ones are reported as duplicates).
      for (const variable of own as readonly Variable[]) if (variable.key === key) return variable;
    } else {
      const variable = (own as ReadonlyMap<string, Variable>).get(key);
      if (variable) return variable;
    }
    return this.parent?.get(key);
  }

  *keys(): Iterable<string> {
    const own = this.own;
    if (Array.isArray(own)) for (const variable of own as readonly Variable[]) yield variable.key;
    else yield* (own as ReadonlyMap<string, Variable>).keys();
    if (this.parent) yield* this.parent.keys();
  }
}

/** An endpoint with its auth methods resolved. */
export interface EndpointAnalysis {
  readonly endpoint: Endpoint;
  readonly strings: RequestStrings;
  /** The enabled auth methods that exist. */
  readonly methods: readonly AuthMethod[];
  /** The endpoint's scope for each enabled method (one connector-level scope when none exists). */
  readonly scopes: readonly Scope[];
}

/** An auth method with its strings and scope. */
export interface AuthMethodAnalysis {
  readonly method: AuthMethod;
  readonly strings: RequestStrings;
  readonly scope: Scope;
}

/** The connector analysed once for all rules. */
export interface Analysis {
  readonly model: ConnectorModel;
  readonly text: string;
  readonly connectorScope: Scope;
  readonly authMethods: readonly AuthMethodAnalysis[];
  readonly endpoints: readonly EndpointAnalysis[];
  readonly methodsById: ReadonlyMap<string, AuthMethodAnalysis>;
  /** Sample-filled URLs, computed once per request by the rules that need them. */
  readonly sampleUrls: Map<RequestDefinition, SampleUrl | undefined>;
}

/** The parts of a parsed URL the rules read. */
export interface UrlParts {
  readonly protocol: string;
  readonly hostname: string;
  readonly pathname: string;
}

/** A request's URL with sample values filled in, parsed (`url` is undefined when it is not a valid absolute URL). */
export interface SampleUrl {
  readonly filled: string;
  readonly url?: UrlParts;
}

const label = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
/** An http(s) URL with a plain DNS host: the common case, read without building a WHATWG URL object. */
const plainHttpUrl = new RegExp(`^(https?:)//(${label}(?:\\.${label})*)(?::(\\d{1,5}))?(/[\\w\\-.~!$&'()*+,;=:@%/]*)?(?:[?#][^\\s]*)?$`);

/** Parses an absolute URL; undefined when the WHATWG URL parser would reject it. */
export function parseUrl(text: string): UrlParts | undefined {
  const match = plainHttpUrl.exec(text);
  // A numeric last label is an IPv4 address, and a port may exceed 65535: the WHATWG parser has the last word on both.
  if (match && !/\.\d+$|^\d+$/.test(match[2]) && (match[3] === undefined || Number(match[3]) <= 65535)) {
    return { protocol: match[1].toLowerCase(), hostname: match[2].toLowerCase(), pathname: match[4] ?? '/' };
  }
  if (/\s/.test(text)) return undefined;
  try {
    const url = new URL(text);
    return { protocol: url.protocol, hostname: url.hostname, pathname: url.pathname };
  } catch {
    return undefined;
  }
}

/** Calls `visit` for every string value of a request: its URL, and its header, URL parameter and body values (nested too). */
export function forEachRequestString(request: RequestDefinition, visit: (node: StringASTNode, location: StringLocation) => void): void {
  if (request.urlNode) visit(request.urlNode, 'url');
  for (const parameter of request.headers) visitStrings(parameter.valueNode, parameter.kind, visit);
  for (const parameter of request.urlParameters) visitStrings(parameter.valueNode, parameter.kind, visit);
  for (const parameter of request.body) visitStrings(parameter.valueNode, parameter.kind, visit);
}

function visitStrings(node: ASTNode | undefined, location: StringLocation, visit: (node: StringASTNode, location: StringLocation) => void): void {
  if (!node) return;
  if (node.type === 'string') {
    visit(node, location);
  } else if (node.type === 'array' || node.type === 'object') {
    // Body values may be any JSON value; placeholders in nested strings are filled as well.
    for (const child of node.children) visitStrings(child.type === 'property' ? child.valueNode : child, location, visit);
  }
}

function scanRequest(text: string, request: RequestDefinition): RequestStrings {
  const uses: PlaceholderUse[] = [];
  const problems: PlaceholderProblem[] = [];
  forEachRequestString(request, (node, location) => {
    const value = node.value;
    if (value.indexOf('{') >= 0 || value.indexOf('}') >= 0) scanPlaceholders(text, node, location, uses, problems);
  });
  return { uses, problems };
}

function ownVariables(variables: readonly Variable[]): readonly Variable[] | ReadonlyMap<string, Variable> {
  // Most levels declare a handful of variables: searching the list beats building a map for it.
  if (variables.length <= 8) return variables;
  const own = new Map<string, Variable>();
  for (const variable of variables) {
    // The first declaration counts; later ones are reported as duplicates.
    if (!own.has(variable.key)) own.set(variable.key, variable);
  }
  return own;
}

function isEmpty(own: readonly Variable[] | ReadonlyMap<string, Variable>): boolean {
  return Array.isArray(own) ? own.length === 0 : (own as ReadonlyMap<string, Variable>).size === 0;
}

function scopeOf(parent: Scope | undefined, own: readonly Variable[] | ReadonlyMap<string, Variable>): Scope {
  return isEmpty(own) && parent ? parent : new ChainScope(own, parent);
}

/** Scans every request once and resolves each endpoint's auth methods and scopes. */
export function analyse(model: ConnectorModel, text: string): Analysis {
  const connectorScope = scopeOf(undefined, ownVariables(model.variables));
  const authMethods = model.authMethods.map((method) => ({
    method,
    strings: scanRequest(text, method),
    scope: scopeOf(connectorScope, ownVariables(method.variables)),
  }));
  const methodsById = new Map<string, AuthMethodAnalysis>();
  for (const analysis of authMethods) {
    if (analysis.method.id !== undefined && !methodsById.has(analysis.method.id)) methodsById.set(analysis.method.id, analysis);
  }
  // Most endpoints are enabled for the same few lists of methods: resolve each list once.
  const enabled = new Map<string, { methods: AuthMethod[]; parents: Scope[] }>();
  const enabledFor = (endpoint: Endpoint): { methods: AuthMethod[]; parents: Scope[] } => {
    const list = endpoint.authentication;
    const ids = list.length === 1 ? list[0].value : list.map((idNode) => idNode.value).join('\n');
    let found = enabled.get(ids);
    if (!found) {
      const methods: AuthMethodAnalysis[] = [];
      for (const idNode of endpoint.authentication) {
        const method = methodsById.get(idNode.value);
        if (method && !methods.includes(method)) methods.push(method);
      }
      found = { methods: methods.map((m) => m.method), parents: methods.length > 0 ? methods.map((m) => m.scope) : [connectorScope] };
      enabled.set(ids, found);
    }
    return found;
  };
  const endpoints = model.endpoints.map((endpoint) => {
    const { methods, parents } = enabledFor(endpoint);
    const own = ownVariables(endpoint.variables);
    return {
      endpoint,
      strings: scanRequest(text, endpoint),
      methods,
      // Without variables of its own an endpoint shares its methods' scopes.
      scopes: isEmpty(own) ? parents : parents.map((parent) => scopeOf(parent, own)),
    };
  });
  return { model, text, connectorScope, authMethods, endpoints, methodsById, sampleUrls: new Map() };
}

/** Fills a string's placeholders with sample values: a variable's default, else a neutral sample. */
export function fillSample(value: string, scope: Scope): string {
  let open = value.indexOf('{{');
  if (open < 0) return value;
  let filled = '';
  let from = 0;
  // The next `}}` is searched again only once the scan has passed it, so that "{{{{…" stays linear.
  let close = -2;
  while (open >= 0) {
    if (close !== -1 && close < open + 2) close = value.indexOf('}}', open + 2);
    if (close < 0) break;
    const key = value.slice(open + 2, close);
    if (key.includes('{') || key.includes('}')) {
      // Not a placeholder (`{{{`): keep the first brace and look again from the next one.
      filled += value.slice(from, open + 1);
      from = open + 1;
      open = value.indexOf('{{', from);
      continue;
    }
    const variable = scope.get(key);
    let sample: string;
    // A secret's default is never used, not even as a sample: it must not reach a message.
    if (variable?.defaultNode && !variable.secret && !variable.defaultNode.value.includes('{{')) sample = variable.defaultNode.value;
    // After a colon (`https://host:{{port}}/`) the sample must also be a valid port.
    else sample = open === 0 ? 'https://example.com' : value.charCodeAt(open - 1) === 58 /* : */ ? '8080' : 'sample';
    filled += value.slice(from, open) + sample;
    from = close + 2;
    open = value.indexOf('{{', from);
  }
  return filled + value.slice(from);
}
