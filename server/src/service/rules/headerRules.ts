import type { StringASTNode } from 'vscode-json-languageservice';
import { rules } from '../codes';
import type { Analysis } from '../analysis';
import type { AuthMethod, Parameter } from '../model';
import { closest, contentBounds, editDistance, locate } from '../placeholders';
import { quote, Reporter } from './report';

const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const forbiddenHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
/** Authorization schemes in use (IANA registry plus common API-specific ones); case-insensitive per RFC 9110. */
const knownSchemes = ['Bearer', 'Basic', 'Digest', 'Token', 'ApiKey', 'Api-Key', 'Negotiate', 'NTLM', 'OAuth', 'HOBA', 'Mutual', 'DPoP', 'AWS4-HMAC-SHA256', 'SSWS', 'Key', 'Klaviyo-API-Key', 'Zoho-oauthtoken', 'GenieKey', 'Splunk'];
const knownSchemesLower = new Set(knownSchemes.map((s) => s.toLowerCase()));
const schemePattern = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(.*)$/s;

function checkAuthorization(text: string, value: StringASTNode, reporter: Reporter): void {
  const trimmed = value.value.trim();
  if (trimmed === '' || trimmed.startsWith('{{')) {
    // An empty value has no content to underline: cover its quotes instead.
    const [start, end] = value.value === '' ? [value.offset, value.offset + value.length] : contentBounds(text, value);
    const message = trimmed === ''
      ? 'This `Authorization` header is empty: write a scheme and a token, for example `Bearer {{token}}`.'
      : `This \`Authorization\` value has no scheme: write ${quote('Bearer ' + trimmed)} (or the scheme the API documents).`;
    // `{{token}}` → `Bearer {{token}}`: insert the scheme where the value's first placeholder starts.
    const placeholder = trimmed === '' ? -1 : text.indexOf('{{', start);
    const fix = placeholder >= start && placeholder < end ? reporter.fix('Add the Bearer scheme', reporter.edit(placeholder, placeholder, 'Bearer ')) : undefined;
    reporter.at(rules.authorizationSchemeMissing, start, end, message, fix);
    return;
  }
  const match = schemePattern.exec(trimmed);
  if (!match) return;
  const [, scheme, rest] = match;
  const [start, end] = locate(text, value, scheme);
  // Offsets in the decoded value match the document only when the string has no escape sequences (`\u0042earer`);
  // otherwise the range is the whole value and no fix is offered, since its edits would land on the wrong text.
  const exact = text.slice(...contentBounds(text, value)) === value.value;
  const lower = scheme.toLowerCase();
  if (rest.startsWith(':')) {
    const spaces = /^:\s*/.exec(rest)![0].length;
    reporter.at(rules.authorizationSchemeMalformed, start, exact ? end + 1 : end, `Remove the colon after ${quote(scheme)}: the scheme is followed by a space, as in ${quote(scheme + ' {{token}}')}.`,
      exact ? reporter.fix(`Change to "${scheme} "`, reporter.edit(start, end + spaces, scheme + ' ')) : undefined);
  } else if (rest.startsWith('{{')) {
    reporter.at(rules.authorizationSchemeMalformed, start, end, `Put a space between ${quote(scheme)} and the token: ${quote(scheme + ' ' + rest)}.`,
      exact ? reporter.fix(`Insert a space after ${scheme}`, reporter.edit(end, end, ' ')) : undefined);
  } else if (rest.trim() === '') {
    if (knownSchemesLower.has(lower)) {
      reporter.at(rules.authorizationSchemeMalformed, start, end, `${quote(scheme)} is followed by no token: write ${quote(scheme + ' {{token}}')}.`);
    } else {
      reporter.at(rules.authorizationSchemeMissing, start, end, `This \`Authorization\` value has no scheme: write ${quote('Bearer {{token}}')} (or the scheme the API documents).`);
    }
  } else if (!knownSchemesLower.has(lower) && scheme.length >= 4) {
    const best = closest(scheme, knownSchemes);
    if (best !== undefined && editDistance(lower, best.toLowerCase()) <= 2) {
      reporter.at(rules.authorizationSchemeMalformed, start, end, `Unknown scheme ${quote(scheme)}: did you mean ${quote(best)}?`,
        exact ? reporter.fix(`Change to ${best}`, reporter.edit(start, end, best)) : undefined);
    }
  }
}

function checkHeaderList(text: string, headers: readonly Parameter[], reporter: Reporter): void {
  // Only a list of two or more headers can repeat one.
  const seen = headers.length > 1 ? new Set<string>() : undefined;
  for (const header of headers) {
    const keyNode = header.keyNode;
    if (!keyNode) continue;
    const name = keyNode.value;
    const lower = name.toLowerCase();
    if (/[\r\n]/.test(name)) {
      reporter.on(rules.headerInjection, keyNode, 'This header name holds a line break, which would let it inject other headers: remove it.');
    } else if (!headerNamePattern.test(name)) {
      reporter.on(rules.invalidHeaderName, keyNode, `${quote(name)} is not a valid header name: use letters, digits and \`!#$%&'*+-.^_|~\`, with no spaces or colons.`);
    }
    if (forbiddenHeaders.has(lower)) {
      reporter.on(rules.forbiddenHeader, keyNode, `The HTTP client sets ${quote(name)} itself: remove this header.`);
    }
    if (seen?.has(lower)) {
      reporter.on(rules.duplicateHeader, keyNode, `Header ${quote(name)} is already set in this list (names are case-insensitive): remove one.`);
    } else {
      seen?.add(lower);
    }
    const value = header.valueNode;
    if (value?.type === 'string') {
      if (/[\r\n]/.test(value.value)) {
        reporter.on(rules.headerInjection, value, 'This header value holds a line break, which would let it inject other headers: remove it.');
      }
      if (lower === 'authorization') checkAuthorization(text, value, reporter);
    }
  }
}

/** Header rules: names, forbidden and duplicate headers, line breaks, and the Authorization scheme. */
export function checkHeaders(analysis: Analysis, reporter: Reporter): void {
  const { text } = analysis;
  for (const { method } of analysis.authMethods) checkHeaderList(text, method.headers, reporter);
  const headerNames = new Map<AuthMethod, Set<string>>();
  for (const { method } of analysis.authMethods) {
    headerNames.set(method, new Set(method.headers.map((h) => h.keyNode?.value.toLowerCase() ?? '')));
  }
  for (const { endpoint, methods } of analysis.endpoints) {
    checkHeaderList(text, endpoint.headers, reporter);
    // Auth method headers are sent with every endpoint request that uses the method.
    for (const header of endpoint.headers) {
      const keyNode = header.keyNode;
      if (!keyNode) continue;
      const lower = keyNode.value.toLowerCase();
      const owner = methods.find((m) => headerNames.get(m)?.has(lower));
      if (owner) {
        reporter.on(rules.duplicateHeader, keyNode, `Auth method ${quote(owner.id ?? '')} already sends ${quote(keyNode.value)} with this endpoint's requests: remove one.`);
      }
    }
  }
}
