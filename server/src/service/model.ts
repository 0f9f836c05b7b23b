import type { ASTNode, ObjectASTNode, PropertyASTNode, StringASTNode } from 'vscode-json-languageservice';

/** Where a variable is declared: connector, auth method or endpoint level. */
export type VariableLevel = 'connector' | 'auth' | 'endpoint';

/** What each level's variables are called in messages, hovers and completion. */
export const variableLevelNames: Readonly<Record<VariableLevel, string>> = { connector: 'Connector variable', auth: 'Auth variable', endpoint: 'Endpoint variable' };

/** A variable declaration with the nodes its diagnostics point at. */
export interface Variable {
  readonly key: string;
  readonly keyNode: StringASTNode;
  readonly node: ObjectASTNode;
  readonly level: VariableLevel;
  readonly secret: boolean;
  readonly defaultProperty?: PropertyASTNode;
  readonly defaultNode?: StringASTNode;
  readonly labelNode?: StringASTNode;
  readonly aliasNode?: StringASTNode;
}

/** Which list a parameter belongs to. */
export type ParameterKind = 'header' | 'urlParameter' | 'body';

/** A header, URL parameter or body field. */
export interface Parameter {
  readonly kind: ParameterKind;
  readonly node: ObjectASTNode;
  readonly keyNode?: StringASTNode;
  readonly valueNode?: ASTNode;
}

/** What an auth method's check request and an endpoint have in common. */
export interface RequestDefinition {
  readonly node: ObjectASTNode;
  readonly urlNode?: StringASTNode;
  readonly methodNode?: StringASTNode;
  readonly method: string;
  readonly variables: readonly Variable[];
  readonly headers: readonly Parameter[];
  readonly urlParameters: readonly Parameter[];
  readonly body: readonly Parameter[];
}

/** An authentication method. */
export interface AuthMethod extends RequestDefinition {
  readonly id?: string;
  readonly idNode?: StringASTNode;
  readonly nameNode?: StringASTNode;
  readonly type?: string;
  readonly typeNode?: StringASTNode;
}

/** An endpoint and the auth method ids it is enabled for. */
export interface Endpoint extends RequestDefinition {
  readonly nameNode?: StringASTNode;
  readonly authenticationProperty?: PropertyASTNode;
  readonly authentication: readonly StringASTNode[];
}

/** The connector file as the rules see it: typed, with every node kept for ranges. */
export interface ConnectorModel {
  readonly root: ObjectASTNode;
  readonly variables: readonly Variable[];
  readonly authMethods: readonly AuthMethod[];
  readonly endpoints: readonly Endpoint[];
}

/** Calls `visit` for every variable declared in the file, without building a list of them. */
export function forEachVariable(model: ConnectorModel, visit: (variable: Variable) => void): void {
  for (const variable of model.variables) visit(variable);
  for (const method of model.authMethods) for (const variable of method.variables) visit(variable);
  for (const endpoint of model.endpoints) for (const variable of endpoint.variables) visit(variable);
}

/** Every variable declared in the file: connector, then auth method, then endpoint variables. */
export function allVariablesOf(model: ConnectorModel): Variable[] {
  return [...model.variables, ...model.authMethods.flatMap((m) => m.variables), ...model.endpoints.flatMap((e) => e.variables)];
}

/** Returns the last property called `name` (the one JSON.parse keeps). */
export function findProperty(node: ObjectASTNode, name: string): PropertyASTNode | undefined {
  const properties = node.properties;
  for (let i = properties.length - 1; i >= 0; i--) {
    if (properties[i].keyNode.value === name) return properties[i];
  }
  return undefined;
}

function propertyValue(node: ObjectASTNode, name: string): ASTNode | undefined {
  return findProperty(node, name)?.valueNode;
}

function asObject(node: ASTNode | undefined): ObjectASTNode | undefined {
  return node?.type === 'object' ? node : undefined;
}

/** Returns the node if it is a string node. */
export function asString(node: ASTNode | undefined): StringASTNode | undefined {
  return node?.type === 'string' ? node : undefined;
}

function forEachObject(node: ASTNode | undefined, visit: (item: ObjectASTNode) => void): void {
  if (node?.type !== 'array') return;
  for (const item of node.items) if (item.type === 'object') visit(item);
}

const noVariables: Variable[] = [];
const noParameters: Parameter[] = [];

function readVariables(node: ASTNode | undefined, level: VariableLevel): Variable[] {
  if (node?.type !== 'array' || node.items.length === 0) return noVariables;
  const result: Variable[] = [];
  for (const item of node.items) {
    if (item.type !== 'object') continue;
    // One pass over the properties; the last of a repeated property wins, as in JSON.parse.
    let keyNode: StringASTNode | undefined;
    let secret = false;
    let defaultProperty: PropertyASTNode | undefined;
    let labelNode: StringASTNode | undefined;
    let aliasNode: StringASTNode | undefined;
    for (const property of item.properties) {
      const value = property.valueNode;
      switch (property.keyNode.value) {
        case 'key': keyNode = asString(value); break;
        case 'secret': secret = value?.type === 'boolean' && value.value === true; break;
        case 'default': defaultProperty = property; break;
        case 'label': labelNode = asString(value); break;
        case 'alias': aliasNode = asString(value); break;
      }
    }
    if (!keyNode) continue;
    result.push({ key: keyNode.value, keyNode, node: item, level, secret, defaultProperty, defaultNode: asString(defaultProperty?.valueNode), labelNode, aliasNode });
  }
  return result;
}

function readParameters(node: ASTNode | undefined, kind: ParameterKind): Parameter[] {
  if (node?.type !== 'array' || node.items.length === 0) return noParameters;
  const result: Parameter[] = [];
  for (const item of node.items) {
    if (item.type !== 'object') continue;
    let keyNode: StringASTNode | undefined;
    let valueNode: ASTNode | undefined;
    for (const property of item.properties) {
      if (property.keyNode.value === 'key') keyNode = asString(property.valueNode);
      else if (property.keyNode.value === 'value') valueNode = property.valueNode;
    }
    result.push({ kind, node: item, keyNode, valueNode });
  }
  return result;
}

/** The properties an auth method or endpoint object may have, read in one pass. */
interface RequestProperties {
  id?: StringASTNode;
  name?: StringASTNode;
  type?: StringASTNode;
  method?: StringASTNode;
  url?: StringASTNode;
  variables?: ASTNode;
  headers?: ASTNode;
  urlParameters?: ASTNode;
  body?: ASTNode;
  authentication?: PropertyASTNode;
}

function readProperties(node: ObjectASTNode): RequestProperties {
  const result: RequestProperties = {};
  for (const property of node.properties) {
    const value = property.valueNode;
    switch (property.keyNode.value) {
      case 'id': result.id = asString(value); break;
      case 'name': result.name = asString(value); break;
      case 'type': result.type = asString(value); break;
      case 'method': result.method = asString(value); break;
      case 'url': result.url = asString(value); break;
      case 'variables': result.variables = value; break;
      case 'headers': result.headers = value; break;
      case 'urlParameters': result.urlParameters = value; break;
      case 'body': result.body = value; break;
      case 'authentication': result.authentication = property; break;
    }
  }
  return result;
}

function readAuthMethod(node: ObjectASTNode): AuthMethod {
  const p = readProperties(node);
  return {
    node,
    urlNode: p.url,
    methodNode: p.method,
    method: p.method ? p.method.value.toUpperCase() : 'GET',
    variables: readVariables(p.variables, 'auth'),
    headers: readParameters(p.headers, 'header'),
    urlParameters: readParameters(p.urlParameters, 'urlParameter'),
    body: readParameters(p.body, 'body'),
    id: p.id?.value,
    idNode: p.id,
    nameNode: p.name,
    type: p.type?.value,
    typeNode: p.type,
  };
}

function readEndpoint(node: ObjectASTNode): Endpoint {
  const p = readProperties(node);
  const authentication: StringASTNode[] = [];
  const list = p.authentication?.valueNode;
  if (list?.type === 'array') for (const item of list.items) if (item.type === 'string') authentication.push(item);
  return {
    node,
    urlNode: p.url,
    methodNode: p.method,
    method: p.method ? p.method.value.toUpperCase() : 'GET',
    variables: readVariables(p.variables, 'endpoint'),
    headers: readParameters(p.headers, 'header'),
    urlParameters: readParameters(p.urlParameters, 'urlParameter'),
    body: readParameters(p.body, 'body'),
    nameNode: p.name,
    authenticationProperty: p.authentication,
    authentication,
  };
}

/** Builds the model from a parsed JSON tree; returns undefined when the root is not an object. */
export function buildModel(root: ASTNode | undefined): ConnectorModel | undefined {
  const rootObject = asObject(root);
  if (!rootObject) return undefined;
  const authMethods: AuthMethod[] = [];
  forEachObject(propertyValue(rootObject, 'authentication'), (node) => authMethods.push(readAuthMethod(node)));
  const endpoints: Endpoint[] = [];
  forEachObject(propertyValue(rootObject, 'endpoints'), (node) => endpoints.push(readEndpoint(node)));
  return {
    root: rootObject,
    variables: readVariables(propertyValue(rootObject, 'variables'), 'connector'),
    authMethods,
    endpoints,
  };
}
