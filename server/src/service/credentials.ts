/** Known token formats and how to tell a literal credential from a word: text checks shared by the analysis and the rules. */

/** Known token formats, by the service that issues them. */
const tokenFormats: ReadonlyArray<readonly [string, RegExp]> = [
  ['a Shopify access token', /\bshp(?:at|ca|pa|ss)_[A-Fa-f0-9]{32}\b/],
  ['a HubSpot private app token', /\bpat-(?:na|eu|ap)\d+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/],
  ['an Airtable personal access token', /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/],
  ['a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,})\b/],
  ['a Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,255}\b/],
  ['a Stripe live key', /\b(?:sk|rk)_live_[A-Za-z0-9]{16,255}\b/],
  // Bounded: `-` is both in the class and a word boundary, so an unbounded part would rescan the rest of the string from every `-eyJ`.
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{5,2048}\.eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{0,2048}/],
];
const schemeLiteral = /\b(Bearer|Basic|Token)\s+(?!\{\{)([A-Za-z0-9._~+/=-]{8,})/i;

/** A literal that looks like a token rather than a word: no spaces or braces, and letters mixed with digits or very long. */
export function looksLikeToken(literal: string): boolean {
  return /^[^\s{}]{8,}$/.test(literal) && ((/\d/.test(literal) && /[A-Za-z]/.test(literal)) || literal.length >= 24);
}

const maxSearched = 64 * 1024;

/** Every format above starts with one of these, so most strings need only this one test. */
export const credentialHint = /shp|pat|gh[pousr]_|github_pat_|xox|_live_|eyJ|bearer|basic|token|key=|secret=|password=/i;

/** A query-string parameter whose name says it carries a credential, in a URL written out in full. */
const queryCredential = /[?&](?:access[_-]?token|auth[_-]?token|api[_-]?key|apikey|token|key|secret|client[_-]?secret|password)=([^&#\s{}]{1,512})/i;

/** The first literal credential in a string, with what it looks like; a scheme followed by a literal counts only in a header. */
export function findCredential(value: string, isHeader = false): { label: string; literal: string } | undefined {
  // A credential is short; a string longer than this is data (a template, an encoded file), and is not searched.
  if (value.length > maxSearched || !credentialHint.test(value)) return undefined;
  for (const [label, pattern] of tokenFormats) {
    const match = pattern.exec(value);
    if (match) return { label, literal: match[0] };
  }
  const query = queryCredential.exec(value);
  if (query && looksLikeToken(query[1])) return { label: 'a literal credential in a query string', literal: query[1] };
  // `Basic membership` in a body is prose; a scheme followed by a literal is a credential only in a header.
  const scheme = isHeader ? schemeLiteral.exec(value) : null;
  if (scheme && looksLikeToken(scheme[2])) return { label: `a literal \`${scheme[1]}\` credential`, literal: scheme[2] };
  return undefined;
}
