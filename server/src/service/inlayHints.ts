import type { Range, TextDocument } from 'vscode-json-languageservice';
import type { InlayHint } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { variableLevelNames, type Variable } from './model';
import { resolvePlaceholders } from './navigation';

const maxDefaultShown = 40;

/** What a hint says of one variable: `secret`, `= default`, `required`, or nothing (optional, no default). */
function describe(variable: Variable): string | undefined {
  if (variable.secret) return 'secret';
  const value = variable.defaultNode?.value;
  if (value !== undefined && value !== '') return `= ${value.length > maxDefaultShown ? value.slice(0, maxDefaultShown - 1) + '…' : value}`;
  const required = variable.node.properties.find((p) => p.keyNode.value === 'required')?.valueNode;
  return required?.type === 'boolean' && required.value ? 'required' : undefined;
}

/**
 * A hint after each placeholder that resolves to a variable: its default (`= 2026-01`), `required` when it has none
 * and must be given, or `secret` — read from the file only, never a value from anywhere else. An endpoint enabled for
 * several auth methods may resolve a placeholder differently for each: the hint then lists each, `= 50 | required`.
 */
export function inlayHints(document: TextDocument, analysis: Analysis, range?: Range): InlayHint[] {
  const from = range ? document.offsetAt(range.start) : 0;
  const to = range ? document.offsetAt(range.end) : Number.POSITIVE_INFINITY;
  const hints: InlayHint[] = [];
  for (const { use, variables } of resolvePlaceholders(analysis)) {
    if (use.end < from || use.end > to || variables.length === 0) continue;
    const labels = [...new Set(variables.map(describe).filter((label): label is string => label !== undefined))];
    if (labels.length === 0) continue;
    const levels = [...new Set(variables.map((v) => variableLevelNames[v.level]))].join(' or ');
    hints.push({
      position: document.positionAt(use.end),
      label: labels.join(' | '),
      paddingLeft: true,
      tooltip: `${levels} \`${use.key}\`${labels.includes('secret') ? ': its value is never written in this file' : ''}.`,
    });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}
