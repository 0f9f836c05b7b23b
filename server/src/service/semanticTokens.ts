import type { TextDocument } from 'vscode-json-languageservice';
import type { Analysis } from './analysis';
import { resolvePlaceholders } from './navigation';

/** The token types and modifiers this service reports, in legend order. */
export const semanticTokenLegend = { tokenTypes: ['variable'], tokenModifiers: ['readonly', 'secret'] } as const;

/** One placeholder key to colour: `secret` when it resolves to a secret variable. */
export interface PlaceholderToken {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly secret: boolean;
}

/** The keys of every resolved placeholder, in document order, so secret ones can be shown distinctly. */
export function placeholderTokens(document: TextDocument, analysis: Analysis): PlaceholderToken[] {
  const tokens: PlaceholderToken[] = [];
  for (const { use, variables } of resolvePlaceholders(analysis)) {
    if (variables.length === 0) continue;
    const start = document.positionAt(use.start + 2);
    tokens.push({ line: start.line, character: start.character, length: use.key.length, secret: variables.some((v) => v.secret) });
  }
  return tokens.sort((a, b) => a.line - b.line || a.character - b.character);
}
