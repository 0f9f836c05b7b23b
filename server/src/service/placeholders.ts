import type { StringASTNode } from 'vscode-json-languageservice';
import type { ParameterKind } from './model';

/** Where in a request a string sits. */
export type StringLocation = 'url' | ParameterKind;

/** What a variable key may hold; the schema states the same pattern. */
export const variableKeyPattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** A well-formed `{{key}}` in a request, with its document offsets (braces included) and where it is sent. */
export interface Placeholder {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly stringNode: StringASTNode;
  readonly location: StringLocation;
  /** For a URL: whether the placeholder sits in its query string. */
  readonly inQuery: boolean;
}

/** Why a brace sequence cannot be filled. */
export type PlaceholderProblemKind = 'empty' | 'invalid' | 'spaces' | 'unclosed' | 'unopened' | 'single';

/** A malformed placeholder with its document offsets. */
export interface PlaceholderProblem {
  readonly kind: PlaceholderProblemKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}


/** Start and end offsets of a string node's content, quotes excluded (an unterminated string has no closing quote). */
export function contentBounds(text: string, node: StringASTNode): [number, number] {
  const start = node.offset + 1;
  let end = node.offset + node.length;
  if (end > start && text.charCodeAt(end - 1) === 34 /* " */) end--;
  return [start, Math.max(start, end)];
}

/** Offsets of `part` inside a string node's raw text, or the whole content when it cannot be found. */
export function locate(text: string, node: StringASTNode, part: string, from = 0): [number, number] {
  const [start, end] = contentBounds(text, node);
  const index = part === '' ? -1 : text.slice(start, end).indexOf(part, from);
  return index < 0 ? [start, end] : [start + index, start + index + part.length];
}

/**
 * Adds the placeholders and malformed placeholders of a JSON string to the given lists, read from the document's raw
 * text so that offsets are exact even when the string holds escape sequences.
 */
export function scanPlaceholders(text: string, node: StringASTNode, location: StringLocation, placeholders: Placeholder[], problems: PlaceholderProblem[]): void {
  const [base, stop] = contentBounds(text, node);
  const content = text.slice(base, stop);
  const end = content.length;
  const query = location === 'url' ? content.indexOf('?') : -1;
  // The next `}}` and `{{` are searched again only once the scan has passed them, so the scan stays linear ("{{{{…").
  let close = -2;
  let reopen = -2;
  let i = 0;
  while (i < end) {
    const c = content.charCodeAt(i);
    if (c !== 123 /* { */ && c !== 125 /* } */) {
      i++;
      continue;
    }
    const next = content.charCodeAt(i + 1);
    if (c === 123 && next === 123) {
      if (close !== -1 && close < i + 2) close = content.indexOf('}}', i + 2);
      if (reopen !== -1 && reopen < i + 2) reopen = content.indexOf('{{', i + 2);
      if (close < 0 || (reopen >= 0 && reopen < close)) {
        const tail = identifierEnd(content, i + 2);
        problems.push({ kind: 'unclosed', text: content.slice(i, tail), start: base + i, end: base + tail });
        i = tail;
        continue;
      }
      const inner = content.slice(i + 2, close);
      const placeholderEnd = close + 2;
      if (variableKeyPattern.test(inner)) {
        placeholders.push({ key: inner, start: base + i, end: base + placeholderEnd, stringNode: node, location, inQuery: query >= 0 && query < i });
      } else {
        const kind = inner.length === 0 ? 'empty' : variableKeyPattern.test(inner.trim()) ? 'spaces' : 'invalid';
        problems.push({ kind, text: content.slice(i, placeholderEnd), start: base + i, end: base + placeholderEnd });
      }
      i = placeholderEnd;
      continue;
    }
    if (c === 125 && next === 125) {
      problems.push({ kind: 'unopened', text: '}}', start: base + i, end: base + i + 2 });
      i += 2;
      continue;
    }
    if (c === 123 && content.charCodeAt(i - 1) !== 123 && isKeyStart(next)) {
      // `{key}` in single braces, not followed by another `}`.
      const keyEnd = identifierEnd(content, i + 2);
      if (content.charCodeAt(keyEnd) === 125 && content.charCodeAt(keyEnd + 1) !== 125) {
        problems.push({ kind: 'single', text: content.slice(i, keyEnd + 1), start: base + i, end: base + keyEnd + 1 });
        i = keyEnd + 1;
        continue;
      }
    }
    i++;
  }
}

function isKeyStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The offset after the run of key characters (letters, digits, `_`, `.`, `-`) that starts at `from`. */
function identifierEnd(content: string, from: number): number {
  let i = from;
  for (; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (!(isKeyStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45)) break;
  }
  return i;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate closest to `word` (a case-insensitive match first), or undefined when none is close. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    // The distance is at least the difference in length: skip what cannot beat the best so far.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
