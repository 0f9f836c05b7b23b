import type { ASTNode, ArrayASTNode, ObjectASTNode, PropertyASTNode, StringASTNode } from 'vscode-json-languageservice';

/** Where a variable is declared: connector, auth method or endpoint level. */
export type VariableLevel = 'connector' | 'auth' | 'endpoint';

/** A variable declaration with the nodes its diagnostics point at. */
export interface Variable {
  readonly key: string;
  readonly keyNode: StringASTNode;
  readonly node: ObjectASTNode;
  readonly level: VariableLevel;
  readonly secret: boolean;
  readonly defaultProperty?: PropertyASTNode;
  readonly defaultNode?: StringASTNode;
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

function asArray(node: ASTNode | undefined): ArrayASTNode | undefined {
  return node?.type === 'array' ? node : undefined;
}

/** Returns the node if it is a string node. */
export function asString(node: ASTNode | undefined): StringASTNode | undefined {
  return node?.type === 'string' ? node : undefined;
}

function objectItems(node: ASTNode | undefined): ObjectASTNode[] {
  const array = asArray(node);
  if (!array) return [];
  const result: ObjectASTNode[] = [];
  for (const item of array.items) {
    if (item.type === 'object') result.push(item);
  }
  return result;
}

function readVariables(node: ASTNode | undefined, level: VariableLevel): Variable[] {
  const result: Variable[] = [];
  for (const item of objectItems(node)) {
    const keyNode = asString(propertyValue(item, 'key'));
    if (!keyNode) continue;
    const secretNode = propertyValue(item, 'secret');
    const defaultProperty = findProperty(item, 'default');
    result.push({
      key: keyNode.value,
      keyNode,
      node: item,
      level,
      secret: secretNode?.type === 'boolean' && secretNode.value === true,
      defaultProperty,
      defaultNode: asString(defaultProperty?.valueNode),
    });
  }
  return result;
}

const noParameters: Parameter[] = [];

function readParameters(node: ASTNode | undefined, kind: ParameterKind): Parameter[] {
  if (!node) return noParameters;
  return objectItems(node).map((item) => ({
    kind,
    node: item,
    keyNode: asString(propertyValue(item, 'key')),
    valueNode: propertyValue(item, 'value'),
  }));
}

function readMethod(node: ObjectASTNode): { methodNode?: StringASTNode; method: string } {
  const methodNode = asString(propertyValue(node, 'method'));
  return { methodNode, method: methodNode ? methodNode.value.toUpperCase() : 'GET' };
}

function readAuthMethod(node: ObjectASTNode): AuthMethod {
  const { methodNode, method } = readMethod(node);
  const idNode = asString(propertyValue(node, 'id'));
  const typeNode = asString(propertyValue(node, 'type'));
  return {
    node,
    urlNode: asString(propertyValue(node, 'url')),
    methodNode,
    method,
    variables: readVariables(propertyValue(node, 'variables'), 'auth'),
    headers: readParameters(propertyValue(node, 'headers'), 'header'),
    urlParameters: readParameters(propertyValue(node, 'urlParameters'), 'urlParameter'),
    body: readParameters(propertyValue(node, 'body'), 'body'),
    id: idNode?.value,
    idNode,
    nameNode: asString(propertyValue(node, 'name')),
    type: typeNode?.value,
    typeNode,
  };
}

function readEndpoint(node: ObjectASTNode): Endpoint {
  const { methodNode, method } = readMethod(node);
  const authenticationProperty = findProperty(node, 'authentication');
  const authentication: StringASTNode[] = [];
  for (const item of asArray(authenticationProperty?.valueNode)?.items ?? []) {
    if (item.type === 'string') authentication.push(item);
  }
  return {
    node,
    urlNode: asString(propertyValue(node, 'url')),
    methodNode,
    method,
    variables: readVariables(propertyValue(node, 'variables'), 'endpoint'),
    headers: readParameters(propertyValue(node, 'headers'), 'header'),
    urlParameters: readParameters(propertyValue(node, 'urlParameters'), 'urlParameter'),
    body: readParameters(propertyValue(node, 'body'), 'body'),
    nameNode: asString(propertyValue(node, 'name')),
    authenticationProperty,
    authentication,
  };
}

/** Builds the model from a parsed JSON tree; returns undefined when the root is not an object. */
export function buildModel(root: ASTNode | undefined): ConnectorModel | undefined {
  const rootObject = asObject(root);
  if (!rootObject) return undefined;
  const authMethods = objectItems(propertyValue(rootObject, 'authentication')).map(readAuthMethod);
  const endpoints = objectItems(propertyValue(rootObject, 'endpoints')).map(readEndpoint);
  return {
    root: rootObject,
    variables: readVariables(propertyValue(rootObject, 'variables'), 'connector'),
    authMethods,
    endpoints,
  };
}
