import type { StringASTNode } from 'vscode-json-languageservice';
import { rules, type Rule } from '../codes';
import type { Analysis } from '../analysis';
import type { Parameter, Variable } from '../model';
import { closest } from '../placeholders';
import { quote, Reporter } from './report';

const maxDefaultLength = 1024;
const outOfScopeTypes = new Set(['basic', 'oauth2-client-credentials', 'oauth2-authorization-code']);

function reportDuplicates<T>(items: readonly T[], nameOf: (item: T) => StringASTNode | undefined, report: (node: StringASTNode, first: StringASTNode) => void, normalise: (name: string) => string = (name) => name): void {
  if (items.length < 2) return;
  if (items.length <= 8) {
    // Most lists are short: comparing pairs allocates nothing.
    for (let i = 1; i < items.length; i++) {
      const node = nameOf(items[i]);
      if (!node) continue;
      const name = normalise(node.value);
      for (let j = 0; j < i; j++) {
        const earlier = nameOf(items[j]);
        if (earlier && normalise(earlier.value) === name) {
          report(node, earlier);
          break;
        }
      }
    }
    return;
  }
  const seen = new Map<string, StringASTNode>();
  for (const item of items) {
    const node = nameOf(item);
    if (!node) continue;
    const name = normalise(node.value);
    const first = seen.get(name);
    if (first) report(node, first);
    else seen.set(name, node);
  }
}

function checkVariables(variables: readonly Variable[], reporter: Reporter): void {
  reportDuplicates(variables, (v) => v.keyNode, (node) =>
    reporter.on(rules.duplicateVariable, node, `Variable ${quote(node.value)} is declared twice in this list: rename or remove one.`));
  for (const variable of variables) {
    const value = variable.defaultNode?.value;
    if (value !== undefined && value.length > maxDefaultLength) {
      reporter.on(rules.defaultTooLong, variable.defaultNode!, `This default is ${value.length} characters long; the builder accepts at most ${maxDefaultLength}: shorten it.`);
    }
  }
}

function checkParameterDuplicates(parameters: readonly Parameter[], rule: Rule, what: string, reporter: Reporter): void {
  reportDuplicates(parameters, (p) => p.keyNode, (node) =>
    reporter.on(rule, node, `${what} ${quote(node.value)} is set twice in this request: remove one.`));
}

/** Structure rules: duplicates, unknown or missing auth methods, out-of-scope types, default length. */
export function checkStructure(analysis: Analysis, reporter: Reporter): void {
  const { model } = analysis;
  checkVariables(model.variables, reporter);
  reportDuplicates(model.authMethods, (m) => m.idNode, (node) =>
    reporter.on(rules.duplicateAuthId, node, `Authentication method id ${quote(node.value)} is already used: ids must be unique, since endpoints refer to methods by id.`));
  reportDuplicates(model.authMethods, (m) => m.nameNode, (node) =>
    reporter.on(rules.duplicateName, node, `Another authentication method is already called ${quote(node.value)}: give each a distinct name.`));
  reportDuplicates(model.endpoints, (e) => e.nameNode, (node) =>
    reporter.on(rules.duplicateName, node, `Another endpoint is already called ${quote(node.value)}: give each a distinct name.`));

  for (const request of [...model.authMethods, ...model.endpoints]) {
    checkVariables(request.variables, reporter);
    checkParameterDuplicates(request.urlParameters, rules.duplicateParameter, 'URL parameter', reporter);
    checkParameterDuplicates(request.body, rules.duplicateParameter, 'Body field', reporter);
  }

  for (const method of model.authMethods) {
    if (method.typeNode && outOfScopeTypes.has(method.typeNode.value)) {
      reporter.on(rules.unsupportedAuthType, method.typeNode, `Authentication type ${quote(method.typeNode.value)} is checked for structure only: this tool sends test requests for \`token\` and \`none\` methods.`);
    }
  }

  const ids = [...analysis.methodsById.keys()];
  for (const endpoint of model.endpoints) {
    for (const idNode of endpoint.authentication) {
      if (analysis.methodsById.has(idNode.value)) continue;
      const best = closest(idNode.value, ids);
      const hint = best !== undefined ? ` Did you mean ${quote(best)}?` : ids.length > 0 ? ` Known ids: ${ids.map(quote).join(', ')}.` : ' Add an authentication method with this id.';
      reporter.on(rules.unknownAuthMethod, idNode, `No authentication method has id ${quote(idNode.value)}.${hint}`);
    }
    const property = endpoint.authenticationProperty;
    if (property?.valueNode?.type === 'array' && property.valueNode.items.length === 0) {
      reporter.on(rules.endpointWithoutAuth, property.valueNode, 'This endpoint is enabled for no authentication method, so it can never be called: list at least one method id.');
    }
  }
}
