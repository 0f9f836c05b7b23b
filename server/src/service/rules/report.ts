import type { Diagnostic, TextDocument } from 'vscode-json-languageservice';
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { ASTNode } from 'vscode-json-languageservice';
import type { Rule } from '../codes';

/** The source every diagnostic of this tool carries. */
export const diagnosticSource = 'connector';

/** Collects diagnostics for one document. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly document: TextDocument) {}

  /** Reports a rule on the document offsets [start, end). */
  at(rule: Rule, start: number, end: number, message: string, extra?: Pick<Diagnostic, 'data' | 'tags'>): void {
    this.diagnostics.push({
      range: { start: this.document.positionAt(start), end: this.document.positionAt(end) },
      severity: rule.severity,
      source: diagnosticSource,
      code: rule.code,
      message,
      ...extra,
    });
  }

  /** Reports a rule on a whole node. */
  on(rule: Rule, node: ASTNode, message: string, extra?: Pick<Diagnostic, 'data' | 'tags'>): void {
    this.at(rule, node.offset, node.offset + node.length, message, extra);
  }
}

/** Marks a diagnostic as pointing at unused code (shown faded). */
export const unnecessary = { tags: [DiagnosticTag.Unnecessary] };

/** Formats a name for a message: `name`. */
export function quote(name: string): string {
  return '`' + name.replace(/`/g, "'") + '`';
}
