import type { Diagnostic, TextDocument, TextEdit } from 'vscode-json-languageservice';
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { ASTNode } from 'vscode-json-languageservice';
import type { Rule } from '../codes';
import { findCredential } from '../credentials';

/** The source every diagnostic of this tool carries. */
export const diagnosticSource = 'connector';

/** A quick fix a diagnostic carries in its `data`: the server turns it into a code action. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

/** The `data` of a diagnostic that has quick fixes. */
export interface FixData {
  readonly fixes: readonly Fix[];
}

/** Whether a diagnostic's `data` holds quick fixes. */
export function isFixData(data: unknown): data is FixData {
  return typeof data === 'object' && data !== null && Array.isArray((data as { fixes?: unknown }).fixes);
}

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

  /** A text edit replacing the document offsets [start, end). */
  edit(start: number, end: number, newText: string): TextEdit {
    return { range: { start: this.document.positionAt(start), end: this.document.positionAt(end) }, newText };
  }

  /** The `data` for a diagnostic with one quick fix. */
  fix(title: string, ...edits: TextEdit[]): Pick<Diagnostic, 'data'> {
    const data: FixData = { fixes: [{ title, edits, preferred: true }] };
    return { data };
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
  return '`' + maskForMessage(name).replace(/`/g, "'") + '`';
}

const maxQuoted = 80;

/**
 * Text from the file as a message may show it: any literal credential masked as `•••` (messages reach the Problems
 * panel and CI logs), and long text cut to its start.
 */
export function maskForMessage(text: string): string {
  let masked = text.length > 4 * maxQuoted ? text.slice(0, 4 * maxQuoted) : text;
  // Every credential worth masking has a run of eight token characters (or is a URL's user info): most names have none.
  if (/[\w.~+/=-]{8}|@/.test(masked)) {
    for (let found = findCredential(masked, true); found && found.literal !== ''; found = findCredential(masked, true)) masked = masked.split(found.literal).join('•••');
  }
  masked = masked.replace(/([?&][^=&#\s]*(?:token|key|secret|password|auth)[^=&#\s]*=)[^&#\s]+/gi, '$1•••');
  return masked.length > maxQuoted ? masked.slice(0, maxQuoted - 1) + '…' : masked;
}
