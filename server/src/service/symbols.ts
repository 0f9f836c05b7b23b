import { SymbolKind, type DocumentSymbol, type TextDocument } from 'vscode-json-languageservice';
import type { ASTNode } from 'vscode-json-languageservice';
import type { ConnectorModel, Variable } from './model';

function range(document: TextDocument, node: ASTNode): DocumentSymbol['range'] {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}

function variableSymbols(document: TextDocument, variables: readonly Variable[]): DocumentSymbol[] {
  return variables.map((variable) => ({
    // Editors reject a symbol with an empty name (VS Code throws), and `"key": ""` is what a variable holds while typed.
    name: variable.key || '(empty key)',
    detail: variable.secret ? 'secret' : undefined,
    kind: variable.secret ? SymbolKind.Key : SymbolKind.Variable,
    range: range(document, variable.node),
    selectionRange: range(document, variable.keyNode),
  }));
}

/** The outline: connector variables, authentication methods and endpoints, each with its variables. */
export function documentSymbols(document: TextDocument, model: ConnectorModel): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = variableSymbols(document, model.variables);
  for (const method of model.authMethods) {
    symbols.push({
      name: method.nameNode?.value || method.id || 'Authentication method',
      detail: [method.id, method.type].filter(Boolean).join(' · '),
      kind: SymbolKind.Interface,
      range: range(document, method.node),
      selectionRange: range(document, method.nameNode ?? method.idNode ?? method.node),
      children: variableSymbols(document, method.variables),
    });
  }
  for (const endpoint of model.endpoints) {
    symbols.push({
      name: endpoint.nameNode?.value || 'Endpoint',
      detail: `${endpoint.method} ${endpoint.urlNode?.value ?? ''}`.trim(),
      kind: SymbolKind.Method,
      range: range(document, endpoint.node),
      selectionRange: range(document, endpoint.nameNode ?? endpoint.node),
      children: variableSymbols(document, endpoint.variables),
    });
  }
  return symbols;
}
