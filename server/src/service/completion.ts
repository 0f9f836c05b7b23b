import { CompletionItemKind, type CompletionItem, type CompletionList, type JSONDocument, type Position, type TextDocument } from 'vscode-json-languageservice';
import type { Analysis, Scope } from './analysis';
import { variableLevelNames, type Variable } from './model';
import { describeVariable } from './navigation';
import { contentBounds, variableKeyPattern } from './placeholders';

const partialKey = /\{\{([A-Za-z0-9_.-]*)$/;
const levelOrder = { endpoint: '0', auth: '1', connector: '2' } as const;

/** The scopes that apply to the request (auth method or endpoint) whose node contains the offset. */
function scopesAt(analysis: Analysis, offset: number): readonly Scope[] | undefined {
  const inside = (node: { offset: number; length: number }): boolean => node.offset <= offset && offset <= node.offset + node.length;
  for (const method of analysis.authMethods) if (inside(method.method.node)) return [method.scope];
  for (const endpoint of analysis.endpoints) if (inside(endpoint.endpoint.node)) return endpoint.scopes;
  return undefined;
}

/**
 * Completion inside `{{`: the variables in scope at the cursor, endpoint variables first, with their level and whether
 * they are secret. Returns undefined when the cursor is not after an open `{{` in a request's string.
 */
export function completePlaceholder(document: TextDocument, parsed: JSONDocument, analysis: Analysis, position: Position): CompletionList | undefined {
  const offset = document.offsetAt(position);
  const node = parsed.getNodeFromOffset(offset, true);
  if (node?.type !== 'string' || node.parent?.type === 'property' && node.parent.keyNode === node) return undefined;
  const text = document.getText();
  const [start, end] = contentBounds(text, node);
  if (offset < start || offset > end) return undefined;
  const match = partialKey.exec(text.slice(start, offset));
  if (!match) return undefined;
  const scopes = scopesAt(analysis, offset);
  if (!scopes) return undefined;
  const replaceStart = document.positionAt(offset - match[1].length);
  const hasClose = text.startsWith('}}', offset + (/^[A-Za-z0-9_.-]*/.exec(text.slice(offset, end))?.[0].length ?? 0));
  const identifierEnd = offset + (/^[A-Za-z0-9_.-]*/.exec(text.slice(offset, end))?.[0].length ?? 0);
  const seen = new Map<string, Variable>();
  for (const scope of scopes) {
    for (const key of scope.keys()) {
      const variable = scope.get(key);
      // A key that is not valid (`""` while typed, `my key`) would insert a malformed placeholder.
      if (variable && !seen.has(key) && variableKeyPattern.test(key)) seen.set(key, variable);
    }
  }
  const owners = analysis.model.authMethods;
  const items: CompletionItem[] = [...seen.values()].map((variable) => ({
    label: variable.key,
    kind: variable.secret ? CompletionItemKind.Constant : CompletionItemKind.Variable,
    detail: `${variableLevelNames[variable.level]}${variable.secret ? ' · secret' : ''}`,
    documentation: { kind: 'markdown', value: describeVariable(variable, owners.find((m) => m.variables.includes(variable))) },
    sortText: levelOrder[variable.level] + variable.key,
    textEdit: {
      range: { start: replaceStart, end: document.positionAt(hasClose ? identifierEnd + 2 : identifierEnd) },
      newText: `${variable.key}}}`,
    },
  }));
  return { isIncomplete: false, items };
}

/**
 * Keeps the schema's order for value completions (enum values, header-name examples), which json-languageservice
 * returns without a sortText: editors would otherwise sort them by label and put `Accept` before `Authorization`.
 */
export function keepSchemaOrder(list: CompletionList | null): CompletionList | null {
  if (!list) return list;
  const width = String(list.items.length).length;
  list.items.forEach((item, index) => {
    if (item.kind === CompletionItemKind.Value && item.sortText === undefined) item.sortText = String(index).padStart(width, '0');
  });
  return list;
}
