import type { ASTNode, Diagnostic, Range, TextDocument } from 'vscode-json-languageservice';
import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { fillSample, parseUrl, type Analysis, type AuthMethodAnalysis, type EndpointAnalysis, type Scope } from './analysis';
import { rules } from './codes';
import { findProperty, type AuthMethod, type Parameter, type Variable, type VariableLevel } from './model';
import { providerOf, type Provider } from './rules/providerRules';

export type { Provider } from './rules/providerRules';

/** Which request to plan: an auth method's check request, or an endpoint sent with one of its auth methods. */
export type RequestTarget =
  | { readonly kind: 'auth'; readonly authId?: string }
  | { readonly kind: 'endpoint'; readonly endpoint: string; readonly authId?: string };

/** A request that can be sent from a connector file, with where it is written (for quick picks and code lenses). */
export interface RequestTargetInfo {
  readonly kind: 'auth' | 'endpoint';
  /** The auth method's id, or the endpoint's name. */
  readonly id: string;
  /** What a person calls it: the auth method's or the endpoint's name. */
  readonly name: string;
  readonly method: string;
  /** The URL as written, placeholders unfilled. */
  readonly url: string;
  /** For an auth method its type; for an endpoint the ids of the auth methods it is enabled for. */
  readonly authType?: string;
  readonly authIds?: readonly string[];
  /** The whole auth method or endpoint object. */
  readonly range: Range;
}

/** A JSON value as written in a body field; strings may hold placeholders. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Which level's scope a planned string resolves its placeholders in (DESIGN §2). */
export type PlanScope = 'auth' | 'endpoint';

/** A header, URL parameter or body field of a plan, placeholders unfilled. */
export interface PlannedParameter {
  readonly key: string;
  readonly value: JsonValue;
  /** The auth method's parameters resolve in its scope, the endpoint's in the endpoint's. */
  readonly scope: PlanScope;
}

/** A variable the planned request uses. Never holds a secret's value: secrets have no default. */
export interface PlannedVariable {
  /** `level:key`, unique within a plan. */
  readonly id: string;
  readonly key: string;
  readonly level: VariableLevel;
  readonly label?: string;
  readonly alias?: string;
  readonly secret: boolean;
  readonly required: boolean;
  readonly default?: string;
}

/** The request to send, placeholders still unfilled: what crosses from the language service to the request core. */
export interface RequestPlan {
  readonly connector: string;
  /** "Auth method 'Admin API access token'" or "Endpoint 'Get customers'", for titles and messages. */
  readonly title: string;
  readonly target: { readonly kind: 'auth'; readonly authId: string } | { readonly kind: 'endpoint'; readonly endpoint: string; readonly authId?: string };
  readonly authMethod?: { readonly id: string; readonly name: string; readonly type: 'token' | 'none' };
  readonly method: string;
  readonly url: string;
  readonly urlScope: PlanScope;
  readonly headers: readonly PlannedParameter[];
  readonly urlParameters: readonly PlannedParameter[];
  readonly body: readonly PlannedParameter[];
  /** Every variable a placeholder of the request uses, in order of first use. */
  readonly variables: readonly PlannedVariable[];
  /** For each scope, the variable id each used key resolves to. */
  readonly bindings: { readonly auth: Readonly<Record<string, string>>; readonly endpoint: Readonly<Record<string, string>> };
  /** The statuses that mean success (an auth method's `expect.status`); undefined: any 2xx. */
  readonly expectStatus?: readonly number[];
  /** The system of DESIGN §3 the request goes to, when it is one of them. */
  readonly provider?: Provider;
}

/** An error diagnostic that stops a request from being sent. */
export interface BlockingDiagnostic {
  readonly code: string;
  /** 1-based, as editors show it. */
  readonly line: number;
  readonly message: string;
}

/** Why nothing can be sent: one sentence, and the error diagnostics behind it. */
export interface PlanRefusal {
  readonly message: string;
  readonly diagnostics: readonly BlockingDiagnostic[];
}

/** A plan, or the reason there is none. */
export type PlanResult = { readonly plan: RequestPlan; readonly refusal?: undefined } | { readonly plan?: undefined; readonly refusal: PlanRefusal };

const placeholderPattern = /\{\{([A-Za-z_][A-Za-z0-9_.-]*)\}\}/g;
const providerByName: ReadonlyArray<[RegExp, Provider]> = [
  [/shopify/i, 'shopify'],
  [/\beva\b/i, 'eva'],
  [/hubspot/i, 'hubspot'],
  [/airtable/i, 'airtable'],
  [/odoo/i, 'odoo'],
];

function nodeRange(document: TextDocument, node: ASTNode): Range {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}

/** A connector's name and the requests it can send. */
export interface RequestTargets {
  readonly connector: string;
  readonly targets: readonly RequestTargetInfo[];
}

/** Every auth method's check request and every endpoint, in file order. */
export function requestTargets(document: TextDocument, analysis: Analysis): RequestTargets {
  const targets: RequestTargetInfo[] = [];
  for (const { method } of analysis.authMethods) {
    if (method.id === undefined) continue;
    targets.push({
      kind: 'auth', id: method.id, name: method.nameNode?.value ?? method.id, method: method.method, url: method.urlNode?.value ?? '',
      authType: method.type, range: nodeRange(document, method.node),
    });
  }
  for (const { endpoint } of analysis.endpoints) {
    const name = endpoint.nameNode?.value;
    if (name === undefined) continue;
    targets.push({
      kind: 'endpoint', id: name, name, method: endpoint.method, url: endpoint.urlNode?.value ?? '',
      authIds: endpoint.authentication.map((node) => node.value), range: nodeRange(document, endpoint.node),
    });
  }
  return { connector: connectorName(analysis), targets };
}

function connectorName(analysis: Analysis): string {
  const name = findProperty(analysis.model.root, 'name')?.valueNode;
  return name?.type === 'string' ? name.value : '';
}

function quoted(text: string): string {
  return `'${text.length > 60 ? text.slice(0, 59) + '…' : text}'`;
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map(quoted).join(', ');
}

function toJson(node: ASTNode | undefined): JsonValue {
  if (!node) return null;
  switch (node.type) {
    case 'object': {
      const result: Record<string, JsonValue> = {};
      for (const property of node.properties) result[property.keyNode.value] = toJson(property.valueNode);
      return result;
    }
    case 'array': return node.items.map(toJson);
    case 'string': case 'number': case 'boolean': return node.value;
    default: return null;
  }
}

function forEachString(value: JsonValue, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) forEachString(item, visit);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) forEachString(item, visit);
}

function expectOf(method: AuthMethod): number[] | undefined {
  const expect = findProperty(method.node, 'expect')?.valueNode;
  const status = expect?.type === 'object' ? findProperty(expect, 'status')?.valueNode : undefined;
  if (status?.type !== 'array') return undefined;
  const codes = status.items.flatMap((item) => (item.type === 'number' && Number.isInteger(item.value) ? [item.value] : []));
  return codes.length > 0 ? codes : undefined;
}

function plannedVariable(variable: Variable): PlannedVariable {
  const required = findProperty(variable.node, 'required')?.valueNode;
  return {
    id: `${variable.level}:${variable.key}`,
    key: variable.key,
    level: variable.level,
    label: variable.labelNode?.value,
    alias: variable.aliasNode?.value,
    secret: variable.secret,
    required: required?.type === 'boolean' && required.value,
    // A secret's default is an error the plan refuses, and is never carried anyway.
    default: variable.secret ? undefined : variable.defaultNode?.value,
  };
}

function providerFor(analysis: Analysis, url: string, scope: Scope, headers: readonly PlannedParameter[]): Provider | undefined {
  const sample = parseUrl(fillSample(url, scope));
  const fromUrl = sample ? providerOf(sample) : undefined;
  if (fromUrl) return fromUrl;
  // A connector pointed at a local copy of the API (an emulator, a staging proxy) keeps its provider's headers and name.
  const names = new Set(headers.map((h) => h.key.toLowerCase()));
  if (names.has('x-shopify-access-token')) return 'shopify';
  if (names.has('eva-user-agent')) return 'eva';
  const name = findProperty(analysis.model.root, 'name')?.valueNode;
  if (name?.type !== 'string') return undefined;
  return providerByName.find(([pattern]) => pattern.test(name.value))?.[1];
}

/** An error diagnostic as a refusal lists it: code, 1-based line, message. */
export function blockingDiagnostic(diagnostic: Diagnostic): BlockingDiagnostic {
  return { code: String(diagnostic.code), line: diagnostic.range.start.line + 1, message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message) };
}

/** Whether an error diagnostic at `offset` blocks a request that uses the given nodes. */
function blocks(offset: number, own: readonly ASTNode[], others: readonly ASTNode[], unusedConnectorVariables: readonly ASTNode[]): boolean {
  const inside = (node: ASTNode): boolean => offset >= node.offset && offset < node.offset + node.length;
  if (own.some(inside)) return true;
  // Errors in other auth methods and endpoints, or on connector variables the request does not use, do not concern it.
  return !others.some(inside) && !unusedConnectorVariables.some(inside);
}

/**
 * Plans a test request (DESIGN §5.1): the check request of an auth method, or an endpoint's request with the auth
 * method's headers, URL parameters and body, placeholders unfilled. Refuses when what the request uses has errors.
 */
export function planRequest(document: TextDocument, analysis: Analysis, diagnostics: readonly Diagnostic[], target: RequestTarget): PlanResult {
  const refuse = (message: string, blocking: readonly BlockingDiagnostic[] = []): PlanResult => ({ refusal: { message, diagnostics: blocking } });
  const methods = analysis.authMethods;
  const methodIds = methods.flatMap(({ method }) => (method.id === undefined ? [] : [method.id]));

  let endpoint: EndpointAnalysis | undefined;
  let auth: AuthMethodAnalysis | undefined;
  if (target.kind === 'endpoint') {
    endpoint = analysis.endpoints.find((e) => e.endpoint.nameNode?.value === target.endpoint);
    if (!endpoint) return refuse(`The connector has no endpoint named ${quoted(target.endpoint)}; its endpoints are ${listOf(analysis.endpoints.flatMap((e) => (e.endpoint.nameNode ? [e.endpoint.nameNode.value] : [])))}.`);
    const enabled = endpoint.endpoint.authentication.map((node) => node.value);
    if (target.authId !== undefined) {
      if (!enabled.includes(target.authId)) return refuse(`Endpoint ${quoted(target.endpoint)} is not enabled for auth method ${quoted(target.authId)}; it is enabled for ${listOf(enabled)}.`);
      auth = analysis.methodsById.get(target.authId);
    } else {
      auth = endpoint.methods.length > 0 ? analysis.methodsById.get(endpoint.methods[0].id ?? '') : undefined;
    }
  } else if (target.authId !== undefined) {
    auth = analysis.methodsById.get(target.authId);
    if (!auth) return refuse(`The connector has no auth method with id ${quoted(target.authId)}; its auth methods are ${listOf(methodIds)}.`);
  } else if (methods.length === 1) {
    auth = methods[0];
  } else {
    return refuse(methods.length === 0 ? 'The connector has no auth method to check.' : `The connector has several auth methods (${listOf(methodIds)}): choose one.`);
  }

  const title = endpoint ? `Endpoint ${quoted(target.kind === 'endpoint' ? target.endpoint : '')}` : `Auth method ${quoted(auth?.method.nameNode?.value ?? auth?.method.id ?? '')}`;
  const type = auth?.method.type;
  if (auth && type !== undefined && type !== 'token' && type !== 'none') {
    return refuse(`${auth === undefined ? title : `Auth method ${quoted(auth.method.nameNode?.value ?? auth.method.id ?? '')}`} uses authentication type '${type}', which this tool does not send: test requests support \`token\` and \`none\` methods.`);
  }

  const request = endpoint ? endpoint.endpoint : auth!.method;
  const urlScope: PlanScope = endpoint ? 'endpoint' : 'auth';
  const authScope = auth?.scope ?? analysis.connectorScope;
  const endpointScope = endpoint ? endpoint.scopes[auth ? Math.max(0, endpoint.methods.indexOf(auth.method)) : 0] : authScope;
  const scopeOf = (scope: PlanScope): Scope => (scope === 'endpoint' ? endpointScope : authScope);

  const parameters = (list: readonly Parameter[], scope: PlanScope): PlannedParameter[] =>
    list.flatMap((p) => (p.keyNode ? [{ key: p.keyNode.value, value: p.valueNode?.type === 'string' ? p.valueNode.value : toJson(p.valueNode), scope }] : []));
  const authHeaders = auth ? parameters(auth.method.headers, 'auth') : [];
  const authUrlParameters = auth ? parameters(auth.method.urlParameters, 'auth') : [];
  const authBody = auth ? parameters(auth.method.body, 'auth') : [];
  // An endpoint sends its auth method's parameters too (DESIGN §2); for a check request the method's are its own.
  const headers = endpoint ? [...authHeaders, ...parameters(endpoint.endpoint.headers, 'endpoint')] : authHeaders;
  const urlParameters = endpoint ? [...authUrlParameters, ...parameters(endpoint.endpoint.urlParameters, 'endpoint')] : authUrlParameters;
  const body = endpoint ? [...authBody, ...parameters(endpoint.endpoint.body, 'endpoint')] : authBody;

  const url = request.urlNode?.value;
  if (url === undefined) return refuse(`${title} has no \`url\` to send the request to.`);

  const variables: PlannedVariable[] = [];
  const byId = new Map<string, PlannedVariable>();
  const bindings = { auth: {} as Record<string, string>, endpoint: {} as Record<string, string> };
  const used = new Set<ASTNode>();
  const use = (text: string, scope: PlanScope): void => {
    for (const match of text.matchAll(placeholderPattern)) {
      const variable = scopeOf(scope).get(match[1]);
      // An unknown placeholder is an error diagnostic: the plan is refused below.
      if (!variable) continue;
      used.add(variable.node);
      const planned = byId.get(`${variable.level}:${variable.key}`) ?? plannedVariable(variable);
      if (!byId.has(planned.id)) {
        byId.set(planned.id, planned);
        variables.push(planned);
      }
      bindings[scope][variable.key] = planned.id;
    }
  };
  use(url, urlScope);
  for (const parameter of [...headers, ...urlParameters, ...body]) forEachString(parameter.value, (text) => use(text, parameter.scope));

  const own: ASTNode[] = [request.node];
  if (auth) own.push(auth.method.node);
  const others: ASTNode[] = [...methods.map((m) => m.method.node), ...analysis.endpoints.map((e) => e.endpoint.node)].filter((node) => !own.includes(node));
  const unusedConnectorVariables = analysis.model.variables.filter((v) => !used.has(v.node)).map((v) => v.node);
  const blocking = diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error && d.code !== rules.unsupportedAuthType.code)
    .filter((d) => d.code === rules.jsonSyntax.code || blocks(document.offsetAt(d.range.start), own, others, unusedConnectorVariables))
    .map(blockingDiagnostic);
  if (blocking.length > 0) {
    const count = blocking.length === 1 ? 'an error' : `${blocking.length} errors`;
    return refuse(`${title} has ${count} to fix before a test request can be sent.`, blocking);
  }

  const authMethod = auth?.method.id !== undefined ? { id: auth.method.id, name: auth.method.nameNode?.value ?? auth.method.id, type: (type ?? 'token') as 'token' | 'none' } : undefined;
  return {
    plan: {
      connector: connectorName(analysis),
      title,
      target: endpoint ? { kind: 'endpoint', endpoint: (target as { endpoint: string }).endpoint, authId: authMethod?.id } : { kind: 'auth', authId: authMethod!.id },
      authMethod,
      method: request.method,
      url,
      urlScope,
      headers,
      urlParameters,
      body,
      variables,
      bindings,
      expectStatus: endpoint ? undefined : expectOf(auth!.method),
      provider: providerFor(analysis, url, scopeOf(urlScope), headers),
    },
  };
}
