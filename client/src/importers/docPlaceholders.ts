/**
 * Placeholders that API documentation writes where a value goes — `YOUR_TOKEN`, `<token>`, `<<KEY>>`, `{access_token}`,
 * `$TOKEN`, `${TOKEN}`, `%TOKEN%`, `{{token}}`, `:id` in a path, `xxxxxxxx` — and the variable key each stands for.
 */
import { variableKeyFrom } from './connector';

/** A documentation placeholder in a text, with its offsets and the name it gives. */
export interface DocPlaceholder {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/** Where a text comes from: single braces and `:id` are placeholders only in some places. */
export interface PlaceholderContext {
  /** `{id}` in single braces (in a URL, a header; not in a query or body, where Airtable formulas write `{Status}`). */
  readonly singleBraces: boolean;
  /** `/:id/` (Express style) and `/OWNER/` (GitHub's documentation) path segments, only in a URL's path. */
  readonly pathSegments: boolean;
}

const patterns: readonly RegExp[] = [
  /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g,
  /<<\s*([A-Za-z_][\w .-]*?)\s*>>/g,
  // Not an HTML tag (`<p>`, `<br>`) in a body's text.
  /<(?!(?:p|b|i|u|a|br|hr|div|span|ul|ol|li|em|strong|h[1-6]|table|tr|td|th|img|code|pre|html|body|head|title)>)([A-Za-z_][\w .-]*?)>/g,
  /\$\{([A-Za-z_]\w*)\}/g,
  /\$([A-Za-z_]\w*)/g,
  // Windows variables are upper case: `%deco%` is an SQL LIKE pattern (Odoo's `ilike`).
  /%([A-Z_][A-Z0-9_]*)%/g,
  /\[((?:YOUR|MY)[\w -]*)\]/gi,
  /\b((?:YOUR|MY)[_-][A-Z0-9]+(?:[_-][A-Z0-9]+)*)\b/g,
  /\b((?:your|my)[_-][a-z0-9]+(?:[_-][a-z0-9]+)*)\b/g,
  /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_HERE)\b/g,
];
const singleBrace = /\{([A-Za-z_][\w.-]*)\}/g;
const colonSegment = /(?<=\/):([A-Za-z_]\w*)(?=\/|$)/g;
const upperCaseSegment = /(?<=\/)([A-Z][A-Z0-9_]{1,}[A-Z0-9])(?=\/|$)/g;

/** The variable key a documentation placeholder's name stands for: `YOUR_API_KEY` → `api_key`, `<your token>` → `token`. */
export function keyForPlaceholder(name: string): string {
  const words = name.trim().replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[\s_.-]+/).filter((w) => w !== '');
  while (words.length > 1 && /^(?:your|my|the|a|an|insert|enter|replace|with)$/.test(words[0])) words.shift();
  if (words.length > 1 && words[words.length - 1] === 'here') words.pop();
  return variableKeyFrom(words.join('_'));
}

/** Every documentation placeholder in a text, in order and without overlaps (the longest first at one offset). */
export function findDocPlaceholders(text: string, context: PlaceholderContext): DocPlaceholder[] {
  const found: DocPlaceholder[] = [];
  const all = [...patterns, ...(context.singleBraces ? [singleBrace] : []), ...(context.pathSegments ? [colonSegment, upperCaseSegment] : [])];
  for (const pattern of all) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push({ start: match.index, end: match.index + match[0].length, name: match[1] });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: DocPlaceholder[] = [];
  let reached = 0;
  for (const placeholder of found) {
    if (placeholder.start < reached) continue;
    result.push(placeholder);
    reached = placeholder.end;
  }
  return result;
}

/** A whole value that documentation writes instead of a token: `xxxxxxxx`, `********`, `…`, `<redacted>`. */
export function isRedactedValue(value: string): boolean {
  return /^[xX*•.…]{3,}$/.test(value.trim()) || /^(?:redacted|changeme|token|secret|api[_-]?key|bearer)$/i.test(value.trim());
}
