/** The connector file an importer writes: plain JSON values in the schema's shape (schemas/connector.schema.json). */
import { variableKeyPattern } from '../../../server/src/service/placeholders';

/** A variable of the connector, an auth method or an endpoint. */
export interface VariableJson {
  key: string;
  label?: string;
  default?: string;
  required?: boolean;
  secret?: boolean;
}

/** A header or URL parameter. */
export interface ParameterJson {
  key: string;
  value: string;
}

/** A body field: any JSON value. */
export interface BodyFieldJson {
  key: string;
  value: unknown;
}

/** An authentication method. */
export interface AuthMethodJson {
  id: string;
  name: string;
  type: 'token' | 'none' | 'basic' | 'oauth2-client-credentials' | 'oauth2-authorization-code';
  method?: string;
  url?: string;
  variables?: VariableJson[];
  headers?: ParameterJson[];
  urlParameters?: ParameterJson[];
  body?: BodyFieldJson[];
  tokenUrl?: string;
  authorizationUrl?: string;
  scopes?: string[];
}

/** An endpoint. */
export interface EndpointJson {
  name: string;
  description?: string;
  method: string;
  url: string;
  authentication: string[];
  variables?: VariableJson[];
  headers?: ParameterJson[];
  urlParameters?: ParameterJson[];
  body?: BodyFieldJson[];
}

/** A whole connector file. */
export interface ConnectorJson {
  name: string;
  description?: string;
  variables?: VariableJson[];
  authentication: AuthMethodJson[];
  endpoints: EndpointJson[];
}

/**
 * Why an input cannot be imported, in one sentence for the user (stderr with exit code 2, or a notification). It never
 * quotes the input: the input may hold a token.
 */
export class ImportError extends Error {}

/** A secret variable an import declared, and the literal token the input held for it, if any (never written or printed). */
export interface ImportedSecret {
  /** The auth method that sends it. */
  readonly method: string;
  readonly key: string;
  /** The literal token found in the input; undefined when the input held a placeholder such as `YOUR_TOKEN`. */
  readonly literal?: string;
}

/** The connector as the file's text: two-space JSON and a final newline, as the examples are written. */
export function connectorText(connector: ConnectorJson): string {
  return JSON.stringify(connector, null, 2) + '\n';
}

/** A variable key from a name in a document (`X-Request-Id`, `page[size]`, `YOUR_API_KEY`): the schema's key pattern. */
export function variableKeyFrom(name: string): string {
  let key = name.trim().replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z_]+/, '').replace(/_+$/, '');
  if (key === '') key = 'value';
  return variableKeyPattern.test(key) ? key : 'value';
}

/** `base`, else `base_2`, `base_3` …: a key or name not yet in `taken` (which it is added to). */
export function unique(base: string, taken: Set<string>, separator = '_'): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}${separator}${n}`;
  taken.add(candidate);
  return candidate;
}

/** An auth method id from a scheme name: the characters the schema allows. */
export function methodIdFrom(name: string): string {
  const id = name.trim().replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
  return id === '' ? 'auth' : id;
}
