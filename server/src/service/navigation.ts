import type { Hover, Location, Range, TextDocument, TextEdit, WorkspaceEdit } from 'vscode-json-languageservice';
import type { Analysis, PlaceholderUse, Scope } from './analysis';
import { allVariablesOf, variableLevelNames, type AuthMethod, type Variable } from './model';
import { contentBounds, variableKeyPattern } from './placeholders';

/** Why a rename cannot be done, in one sentence for the user (an invalid key, or a change of meaning). */
export class RenameError extends Error {}

/** A placeholder and the variables it resolves to (one per auth method the endpoint is enabled for). */
export interface ResolvedPlaceholder {
  readonly use: PlaceholderUse;
  readonly variables: readonly Variable[];
  readonly scopes: readonly Scope[];
}

/** Resolves every placeholder of the connector to its variables. */
export function resolvePlaceholders(analysis: Analysis): ResolvedPlaceholder[] {
  const result: ResolvedPlaceholder[] = [];
  const resolve = (use: PlaceholderUse, scopes: readonly Scope[]): void => {
    const variables: Variable[] = [];
    for (const scope of scopes) {
      const variable = scope.get(use.key);
      if (variable && !variables.includes(variable)) variables.push(variable);
    }
    result.push({ use, variables, scopes });
  };
  for (const { strings, scope } of analysis.authMethods) for (const use of strings.uses) resolve(use, [scope]);
  for (const { strings, scopes } of analysis.endpoints) for (const use of strings.uses) resolve(use, scopes);
  return result;
}

/** Every variable declared in the file. */
export function allVariables(analysis: Analysis): Variable[] {
  return allVariablesOf(analysis.model);
}

/** What sits at an offset: a placeholder, or a variable's key. */
export type Target =
  | { readonly kind: 'placeholder'; readonly resolved: ResolvedPlaceholder }
  | { readonly kind: 'variable'; readonly variable: Variable };

/** Finds the placeholder or variable key at an offset. */
export function targetAt(analysis: Analysis, offset: number): Target | undefined {
  for (const resolved of resolvePlaceholders(analysis)) {
    if (resolved.use.start <= offset && offset <= resolved.use.end) return { kind: 'placeholder', resolved };
  }
  for (const variable of allVariables(analysis)) {
    const node = variable.keyNode;
    if (node.offset <= offset && offset <= node.offset + node.length) return { kind: 'variable', variable };
  }
  return undefined;
}

function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** The range of a variable key's text, without quotes. */
function keyRange(document: TextDocument, variable: Variable): Range {
  const [start, end] = contentBounds(document.getText(), variable.keyNode);
  return rangeOf(document, start, end);
}

/** The variables a target stands for. */
function variablesOf(target: Target): readonly Variable[] {
  return target.kind === 'variable' ? [target.variable] : target.resolved.variables;
}

/** Where the variable of the placeholder at the offset is declared. */
export function findDefinition(document: TextDocument, analysis: Analysis, offset: number): Location[] {
  const target = targetAt(analysis, offset);
  if (!target) return [];
  return variablesOf(target).map((variable) => ({ uri: document.uri, range: keyRange(document, variable) }));
}

/** Every placeholder that resolves to the variable at the offset (and, if asked, its declaration). */
export function findReferences(document: TextDocument, analysis: Analysis, offset: number, includeDeclaration: boolean): Location[] {
  const target = targetAt(analysis, offset);
  if (!target) return [];
  const variables = new Set(variablesOf(target));
  const locations: Location[] = [];
  if (includeDeclaration) for (const variable of variables) locations.push({ uri: document.uri, range: keyRange(document, variable) });
  for (const { use, variables: resolved } of resolvePlaceholders(analysis)) {
    if (resolved.some((v) => variables.has(v))) locations.push({ uri: document.uri, range: rangeOf(document, use.start + 2, use.end - 2) });
  }
  return locations;
}

/** The range and current key a rename at the offset would change, or undefined when nothing there can be renamed. */
export function prepareRename(document: TextDocument, analysis: Analysis, offset: number): { range: Range; placeholder: string } | undefined {
  const target = targetAt(analysis, offset);
  if (!target || variablesOf(target).length === 0) return undefined;
  if (target.kind === 'variable') return { range: keyRange(document, target.variable), placeholder: target.variable.key };
  const { use } = target.resolved;
  return { range: rangeOf(document, use.start + 2, use.end - 2), placeholder: use.key };
}

/** The variable lists a placeholder is looked up in, innermost first: one chain per auth method the request uses. */
function lookupChains(analysis: Analysis): Array<{ uses: readonly PlaceholderUse[]; chains: Array<ReadonlyArray<readonly Variable[]>> }> {
  const connector = analysis.model.variables;
  return [
    ...analysis.authMethods.map(({ method, strings }) => ({ uses: strings.uses, chains: [[method.variables, connector]] })),
    ...analysis.endpoints.map(({ endpoint, strings, methods }) => ({
      uses: strings.uses,
      chains: methods.length > 0 ? methods.map((m) => [endpoint.variables, m.variables, connector]) : [[endpoint.variables, connector]],
    })),
  ];
}

/** The first variable with the key, innermost list first (in a list, the first declaration counts, as in a Scope). */
function lookup(chain: ReadonlyArray<readonly Variable[]>, key: string, keyOf: (variable: Variable) => string): Variable | undefined {
  for (const list of chain) for (const variable of list) if (keyOf(variable) === key) return variable;
  return undefined;
}

/**
 * Why renaming `variables` to `newKey` would change what the file means, or undefined when it would not: the new key
 * already declared in the same list, or a placeholder that would resolve to another variable afterwards (renaming a
 * secret `token` to `host` would put the token into every `https://{{host}}/…`).
 */
function renameConflict(document: TextDocument, analysis: Analysis, variables: ReadonlySet<Variable>, newKey: string): string | undefined {
  const keyOf = (variable: Variable): string => (variables.has(variable) ? newKey : variable.key);
  const lists = [analysis.model.variables, ...analysis.model.authMethods.map((m) => m.variables), ...analysis.model.endpoints.map((e) => e.variables)];
  for (const list of lists) {
    if (list.some((v) => variables.has(v)) && list.some((v) => !variables.has(v) && v.key === newKey)) {
      return `Variable ${JSON.stringify(newKey)} already exists next to the one you are renaming: choose another key.`;
    }
  }
  for (const { uses, chains } of lookupChains(analysis)) {
    for (const use of uses) {
      const before = chains.map((chain) => lookup(chain, use.key, (v) => v.key));
      const key = before.some((v) => v !== undefined && variables.has(v)) ? newKey : use.key;
      if (chains.some((chain, i) => lookup(chain, key, keyOf) !== before[i])) {
        const line = document.positionAt(use.start).line + 1;
        return `Renaming to ${JSON.stringify(newKey)} would change which variable {{${use.key}}} on line ${line} uses: choose another key.`;
      }
    }
  }
  return undefined;
}

/** Renames a variable and every placeholder that resolves to it; an invalid new key is an error the user sees. */
export function rename(document: TextDocument, analysis: Analysis, offset: number, newKey: string): WorkspaceEdit | undefined {
  if (!variableKeyPattern.test(newKey)) {
    throw new RenameError(`${JSON.stringify(newKey)} is not a valid variable key: start with a letter or underscore and use letters, digits, _, . and -.`);
  }
  const target = targetAt(analysis, offset);
  if (!target) return undefined;
  const variables = new Set(variablesOf(target));
  if (variables.size === 0) return undefined;
  const conflict = renameConflict(document, analysis, variables, newKey);
  if (conflict) throw new RenameError(conflict);
  const edits: TextEdit[] = [];
  for (const variable of variables) edits.push({ range: keyRange(document, variable), newText: newKey });
  for (const { use, variables: resolved } of resolvePlaceholders(analysis)) {
    if (resolved.some((v) => variables.has(v))) edits.push({ range: rangeOf(document, use.start + 2, use.end - 2), newText: newKey });
  }
  return { changes: { [document.uri]: edits } };
}


/** Describes a variable for a hover or completion item, never showing a secret's value. */
export function describeVariable(variable: Variable, owner?: AuthMethod): string {
  const labelNode = variable.node.properties.find((p) => p.keyNode.value === 'label')?.valueNode;
  const label = labelNode?.type === 'string' ? labelNode.value : undefined;
  const lines = [`**${variableLevelNames[variable.level]}** \`${variable.key}\`${variable.secret ? ' — secret' : ''}`];
  if (label) lines.push('', label);
  if (owner) lines.push('', `Declared by auth method \`${owner.id ?? ''}\`.`);
  if (variable.secret) lines.push('', 'Its value is entered by whoever uses the connector, never written in this file.');
  else if (variable.defaultNode) lines.push('', `Default: \`${variable.defaultNode.value.replace(/`/g, "'")}\``);
  return lines.join('\n');
}

/** Hover for a placeholder: the definition of the variable it resolves to. */
export function placeholderHover(document: TextDocument, analysis: Analysis, offset: number): Hover | undefined {
  const target = targetAt(analysis, offset);
  if (target?.kind !== 'placeholder') return undefined;
  const { use, variables } = target.resolved;
  const owners = analysis.model.authMethods;
  const value = variables.length === 0
    ? `\`{{${use.key}}}\` matches no variable in scope.`
    : variables.map((v) => describeVariable(v, owners.find((m) => m.variables.includes(v)))).join('\n\n---\n\n');
  return { contents: { kind: 'markdown', value }, range: rangeOf(document, use.start, use.end) };
}
