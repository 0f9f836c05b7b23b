import type { Diagnostic } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConnectorLanguageService } from '../../server/src/service';

/** A diagnostic as `connector-check lint --format json` prints it. */
export interface LintResult {
  readonly file: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly code: string;
  readonly message: string;
}

const severityNames = ['error', 'error', 'warning', 'information', 'hint'] as const;

/** Converts a service diagnostic for one file into the command line's shape. */
export function toLintResult(file: string, diagnostic: Diagnostic): LintResult {
  return {
    file,
    range: { start: { ...diagnostic.range.start }, end: { ...diagnostic.range.end } },
    severity: severityNames[diagnostic.severity ?? 1] ?? 'error',
    code: String(diagnostic.code ?? ''),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
  };
}

/** Lints one file's text with the same service the editor uses. */
export async function lintText(service: ConnectorLanguageService, file: string, text: string): Promise<LintResult[]> {
  const document = TextDocument.create(`file:///${encodeURIComponent(file)}`, 'connector', 1, text);
  const diagnostics = await service.validate(document);
  return diagnostics.map((diagnostic) => toLintResult(file, diagnostic));
}

/** Formats results like a compiler: `file:line:col severity code message`, then a summary line. */
export function formatText(results: readonly LintResult[], fileCount: number): string {
  const lines = results.map((r) => `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.severity} ${r.code} ${r.message}`);
  const count = (severity: LintResult['severity']): number => results.filter((r) => r.severity === severity).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} in ${plural(fileCount, 'file')}.`);
  return lines.join('\n') + '\n';
}

/** Whether any result is an error (the command then exits 1). */
export function hasErrors(results: readonly LintResult[]): boolean {
  return results.some((r) => r.severity === 'error');
}
