import type { ASTNode, StringASTNode } from 'vscode-json-languageservice';
import type { AuthMethod, ConnectorModel, Endpoint, ParameterKind, RequestDefinition, Variable } from './model';
import { scanPlaceholders, type Placeholder, type PlaceholderProblem } from './placeholders';

/** Where in a request a string sits. */
export type StringLocation = 'url' | ParameterKind;

/** A string value of a request, with where it is sent. */
export interface RequestString {
  readonly node: StringASTNode;
  readonly location: StringLocation;
}

/** A placeholder in a request, with where it is sent. */
export interface PlaceholderUse extends Placeholder {
  readonly location: StringLocation;
  /** For a URL: whether the placeholder sits in its query string. */
  readonly inQuery: boolean;
}

/** Everything the rules need to know about one request definition's strings. */
export interface RequestStrings {
  readonly strings: readonly RequestString[];
  readonly uses: readonly PlaceholderUse[];
  readonly problems: readonly PlaceholderProblem[];
}

/** Variables visible from a place, by key: the innermost declaration wins. */
export interface Scope {
  get(key: string): Variable | undefined;
  keys(): Iterable<string>;
}

const noVariables: ReadonlyMap<string, Variable> = new Map();

/** A scope with no variables, where every placeholder gets a neutral sample. */
export const emptyScope: Scope = { get: () => undefined, keys: () => [] };

/** A level's own variables in front of its parent's; lookups walk the chain instead of copying maps. */
class ChainScope implements Scope {
  constructor(private readonly own: ReadonlyMap<string, Variable>, private readonly parent?: Scope) {}

  get(key: string): Variable | undefined {
    return this.own.get(key) ?? this.parent?.get(key);
  }

  *keys(): Iterable<string> {
    yield* this.own.keys();
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

function collectStrings(node: ASTNode | undefined, location: StringLocation, into: RequestString[]): void {
  if (!node) return;
  if (node.type === 'string') {
    into.push({ node, location });
  } else if (node.type === 'array' || node.type === 'object' || node.type === 'property') {
    // Body values may be any JSON value; placeholders in nested strings are filled as well.
    for (const child of node.children) {
      if (child.type === 'property') collectStrings(child.valueNode, location, into);
      else collectStrings(child, location, into);
    }
  }
}

function scanRequest(text: string, request: RequestDefinition): RequestStrings {
  const strings: RequestString[] = [];
  if (request.urlNode) strings.push({ node: request.urlNode, location: 'url' });
  for (const list of [request.headers, request.urlParameters, request.body]) {
    for (const parameter of list) collectStrings(parameter.valueNode, parameter.kind, strings);
  }
  const uses: PlaceholderUse[] = [];
  const problems: PlaceholderProblem[] = [];
  for (const { node, location } of strings) {
    const value = node.value;
    if (value.indexOf('{') < 0 && value.indexOf('}') < 0) continue;
    const result = scanPlaceholders(text, node);
    const queryStart = location === 'url' && value.indexOf('?') >= 0 ? queryOffset(text, node) : -1;
    for (const placeholder of result.placeholders) {
      const inQuery = queryStart >= 0 && queryStart < placeholder.start;
      uses.push({ key: placeholder.key, start: placeholder.start, end: placeholder.end, stringNode: node, location, inQuery });
    }
    for (const problem of result.problems) problems.push(problem);
  }
  return { strings, uses, problems };
}

function queryOffset(text: string, node: StringASTNode): number {
  const index = text.slice(node.offset, node.offset + node.length).indexOf('?');
  return index < 0 ? -1 : node.offset + index;
}

function scopeOf(parent: Scope | undefined, variables: readonly Variable[]): Scope {
  if (variables.length === 0) return parent ?? new ChainScope(noVariables);
  const own = new Map<string, Variable>();
  for (const variable of variables) {
    // The first declaration counts; later ones are reported as duplicates.
    if (!own.has(variable.key)) own.set(variable.key, variable);
  }
  return new ChainScope(own, parent);
}

/** Scans every request once and resolves each endpoint's auth methods and scopes. */
export function analyse(model: ConnectorModel, text: string): Analysis {
  const connectorScope = scopeOf(undefined, model.variables);
  const authMethods = model.authMethods.map((method) => ({
    method,
    strings: scanRequest(text, method),
    scope: scopeOf(connectorScope, method.variables),
  }));
  const methodsById = new Map<string, AuthMethodAnalysis>();
  for (const analysis of authMethods) {
    if (analysis.method.id !== undefined && !methodsById.has(analysis.method.id)) methodsById.set(analysis.method.id, analysis);
  }
  const endpoints = model.endpoints.map((endpoint) => {
    const methods: AuthMethodAnalysis[] = [];
    for (const idNode of endpoint.authentication) {
      const method = methodsById.get(idNode.value);
      if (method && !methods.includes(method)) methods.push(method);
    }
    const parents = methods.length > 0 ? methods.map((m) => m.scope) : [connectorScope];
    return {
      endpoint,
      strings: scanRequest(text, endpoint),
      methods: methods.map((m) => m.method),
      scopes: parents.map((parent) => scopeOf(parent, endpoint.variables)),
    };
  });
  return { model, text, connectorScope, authMethods, endpoints, methodsById, sampleUrls: new Map() };
}

/** Fills a string's placeholders with sample values: a variable's default, else a neutral sample. */
export function fillSample(value: string, scope: Scope): string {
  if (!value.includes('{{')) return value;
  return value.replace(/\{\{([^{}]*)\}\}/g, (_match, key: string, index: number) => {
    const variable = scope.get(key);
    if (variable?.defaultNode && !variable.defaultNode.value.includes('{{')) return variable.defaultNode.value;
    // After a colon (`https://host:{{port}}/`) the sample must also be a valid port.
    return index === 0 ? 'https://example.com' : value.charCodeAt(index - 1) === 58 /* : */ ? '8080' : 'sample';
  });
}
