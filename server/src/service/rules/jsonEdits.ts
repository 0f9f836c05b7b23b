/** JSON edits for quick fixes, made with jsonc-parser and kept to the file's own layout. */
import { modify, type EditResult, type JSONPath, type ModificationOptions } from 'jsonc-parser';
import type { ASTNode } from 'vscode-json-languageservice';

/**
 * jsonc-parser's edits, or undefined when it cannot make them: on a broken document its parse may differ from the
 * language service's and `modify` then throws ("Can not delete in empty document"). The diagnostic then has no fix.
 */
export function tryModify(text: string, path: JSONPath, value: unknown, options: ModificationOptions): EditResult | undefined {
  try {
    return modify(text, path, value, options);
  } catch {
    return undefined;
  }
}

/** The JSON path of a node, for jsonc-parser's `modify`. */
export function pathOf(node: ASTNode): JSONPath {
  const path: JSONPath = [];
  let child: ASTNode = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'property') path.unshift(parent.keyNode.value);
    else if (parent.type === 'array') path.unshift(parent.items.indexOf(child));
  }
  return path;
}

/** The auth method or endpoint object that holds a node, if any. */
export function enclosingRequest(node: ASTNode): ASTNode | undefined {
  for (let current: ASTNode | undefined = node; current; current = current.parent) {
    const list = current.parent?.parent;
    if (current.type === 'object' && current.parent?.type === 'array' && list?.type === 'property' && list.parent?.parent === undefined
      && (list.keyNode.value === 'authentication' || list.keyNode.value === 'endpoints')) return current;
  }
  return undefined;
}

/** The indentation and line ending a file already uses, for edits that insert JSON. */
export function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}
