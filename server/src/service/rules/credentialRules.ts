import type { EditResult, JSONPath } from 'jsonc-parser';
import type { ArrayASTNode, ASTNode, ObjectASTNode, PropertyASTNode, Range, StringASTNode, TextDocument, TextEdit } from 'vscode-json-languageservice';
import { rules, type Rule } from '../codes';
import type { Analysis } from '../analysis';
import { allVariablesOf, findProperty, forEachVariable, type Parameter, type RequestDefinition, type Variable } from '../model';
import { carrierName, findQueryCredentials, type CarrierName, type CredentialScanner, isPlaceholderText, looksLikeSecret, looksLikeToken, sessionCookieName, type CredentialFinding } from '../credentials';
import { contentBounds, locate } from '../placeholders';
import { enclosingRequest, formattingOf, pathOf, tryModify } from './jsonEdits';
import { quote, Reporter } from './report';
import { userinfoBounds } from './urlRules';

/** The secret variable key a quick fix proposes for a literal credential. */
export const proposedSecretKey = 'token';

/** The secret variable a quick fix creates for a literal: its key (made unique) and label. */
interface NewSecret {
  readonly key: string;
  readonly label: string;
}

const tokenSecret: NewSecret = { key: proposedSecretKey, label: 'Access token' };
const passwordSecret: NewSecret = { key: 'password', label: 'Password' };
const cookieSecret: NewSecret = { key: 'session', label: 'Session cookie' };

/**
 * The edits that remove a property and its comma, leaving the rest of the file as it is laid out (jsonc-parser's
 * formatting would reflow a one-line object), or undefined when they would not remove exactly this property.
 */
function removeProperty(text: string, property: PropertyASTNode): EditResult | undefined {
  const removal = tryModify(text, pathOf(property.keyNode), undefined, {});
  const removesProperty = removal?.some((e) => e.offset <= property.offset && e.offset + e.length >= property.offset + property.length) === true;
  return removesProperty ? removal : undefined;
}

/** What the credential checks of one document share: where to report, what is already reported, which keys are taken. */
interface Check {
  readonly analysis: Analysis;
  readonly reporter: Reporter;
  /** Document ranges already reported as a credential, sorted and disjoint: a literal is reported once. */
  readonly claimed: Array<readonly [number, number]>;
  /** A variable key that is not taken, from `base` (`token`, `token_2` …). */
  newKey(base: string): string;
  /** The indentation and line ending the file uses, read once (a fix per literal must not read the file again). */
  formatting(): Formatting;
  /** `carrierName`, once per distinct name (most requests repeat the same few). */
  carrier(name: string): CarrierName;
}

type Formatting = ReturnType<typeof formattingOf>;

function createCheck(analysis: Analysis, reporter: Reporter): Check {
  let taken: Set<string> | undefined;
  let formatting: Formatting | undefined;
  const carriers = new Map<string, CarrierName>();
  return {
    analysis,
    reporter,
    claimed: [],
    formatting: () => (formatting ??= formattingOf(analysis.text)),
    carrier(name) {
      let carrier = carriers.get(name);
      if (carrier === undefined) carriers.set(name, (carrier = carrierName(name)));
      return carrier;
    },
    newKey(base) {
      // Each fix is offered alone, so the keys other fixes would add do not count: one set serves every report.
      taken ??= new Set(allVariablesOf(analysis.model).map((v) => v.key));
      let key = base;
      for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
      return key;
    },
  };
}

/** Whether [start, end) overlaps one of the sorted, disjoint ranges. */
function overlapsAny(ranges: ReadonlyArray<readonly [number, number]>, start: number, end: number): boolean {
  let low = 0;
  let high = ranges.length;
  // The first range that ends after `start`.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ranges[middle][1] <= start) low = middle + 1;
    else high = middle;
  }
  return low < ranges.length && ranges[low][0] < end;
}

/** An object written on one line, as `{ "key": "token", "secret": true }`. */
function oneLineObject(item: Readonly<Record<string, unknown>>): string {
  return `{ ${Object.entries(item).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')} }`;
}

/** The whitespace before a node on its line, or undefined when other text comes first. */
function indentOf(text: string, node: ASTNode): string | undefined {
  const indent = text.slice(text.lastIndexOf('\n', node.offset - 1) + 1, node.offset);
  return /^[ \t]*$/.test(indent) ? indent : undefined;
}

/**
 * Appends an item to a non-empty array written on one line, or after a last item on a line of its own, written the way
 * that item is (on one line, or indented over several), so that no other line changes; undefined for any other layout.
 * (jsonc-parser would reflow the line it inserts on, turning a one-line variable into five.)
 */
function appendItem(text: string, array: ArrayASTNode, item: Record<string, unknown>, formatting: Formatting): EditResult | undefined {
  const last = array.items[array.items.length - 1];
  if (!last) return undefined;
  const end = last.offset + last.length;
  const oneLine = oneLineObject(item);
  // `"variables": [{ … }]` on one line stays on one line.
  if (!/[\r\n]/.test(text.slice(array.offset, array.offset + array.length))) return [{ offset: end, length: 0, content: `, ${oneLine}` }];
  const indent = indentOf(text, last);
  if (indent === undefined) return undefined;
  const { insertSpaces, tabSize, eol } = formatting;
  const written = /[\r\n]/.test(text.slice(last.offset, end))
    ? JSON.stringify(item, null, insertSpaces ? ' '.repeat(tabSize) : '\t').split('\n').join(eol + indent)
    : oneLine;
  return [{ offset: end, length: 0, content: `,${eol}${indent}${written}` }];
}

/**
 * Appends `"variables": [item]` after the last property of an object, laid out the way that property is, so that no
 * other line changes; undefined for any other layout (a comment after the last property, an empty object). Unlike
 * jsonc-parser's `modify`, this does not parse the whole file again for each fix.
 */
function appendVariables(text: string, object: ObjectASTNode, item: Record<string, unknown>, formatting: Formatting): EditResult | undefined {
  const last = object.properties[object.properties.length - 1];
  if (!last) return undefined;
  const end = last.offset + last.length;
  const lineEnd = text.slice(end, text.indexOf('\n', end) < 0 ? text.length : text.indexOf('\n', end));
  if (/\/[/*]/.test(lineEnd)) return undefined;
  if (!/[\r\n]/.test(text.slice(object.offset, object.offset + object.length))) return [{ offset: end, length: 0, content: `, "variables": [${oneLineObject(item)}]` }];
  const indent = indentOf(text, last);
  if (indent === undefined) return undefined;
  const { insertSpaces, tabSize, eol } = formatting;
  const written = JSON.stringify([item], null, insertSpaces ? ' '.repeat(tabSize) : '\t').split('\n').join(eol + indent);
  return [{ offset: end, length: 0, content: `,${eol}${indent}"variables": ${written}` }];
}

/** Edits that replace [start, end) with the placeholder of a new secret variable of the enclosing auth method or endpoint. */
function moveToSecretVariable(check: Check, node: ASTNode, start: number, end: number, key: string, label: string): TextEdit[] | undefined {
  const { analysis, reporter } = check;
  const request = enclosingRequest(node);
  if (!request || request.type !== 'object') return undefined;
  const variables = request.properties.find((p) => p.keyNode.value === 'variables')?.valueNode;
  const path: JSONPath = variables?.type === 'array' ? [...pathOf(variables), -1] : [...pathOf(request), 'variables'];
  const variable = { key, label, secret: true, required: true };
  const laidOut = variables?.type === 'array' ? appendItem(analysis.text, variables, variable, check.formatting())
    : variables === undefined ? appendVariables(analysis.text, request, variable, check.formatting()) : undefined;
  const insert = laidOut
    ?? tryModify(analysis.text, path, variables?.type === 'array' ? variable : [variable], { formattingOptions: check.formatting(), isArrayInsertion: true });
  if (!insert || insert.some((e) => e.offset < end && e.offset + e.length > start)) return undefined;
  return [reporter.edit(start, end, `{{${key}}}`), ...insert.map((e) => reporter.edit(e.offset, e.offset + e.length, e.content))];
}

/** Reports a literal the request sends, with the fix that moves it into a new secret variable. The literal itself is never copied. */
function reportSent(check: Check, rule: Rule, node: ASTNode, start: number, end: number, what: string, secret: NewSecret): void {
  const key = check.newKey(secret.key);
  const edits = moveToSecretVariable(check, node, start, end, key, secret.label);
  const extra = edits ? check.reporter.fix('Move the credential into a new secret variable', ...edits) : undefined;
  check.reporter.at(rule, start, end, `${what}: move it into a secret variable and reference it as ${quote('{{' + key + '}}')}.`, extra);
}

/**
 * Edits that make a variable secret and drop its default: the default becomes `"secret": true`, or, when the variable
 * already says `"secret": false`, that value becomes `true` and the default goes (never two `secret` keys).
 */
function makeSecretEdits(analysis: Analysis, variable: Variable, property: PropertyASTNode, reporter: Reporter): TextEdit[] | undefined {
  const secretValue = findProperty(variable.node, 'secret')?.valueNode;
  if (!secretValue) return [reporter.edit(property.offset, property.offset + property.length, '"secret": true')];
  const removal = removeProperty(analysis.text, property);
  const secretEnd = secretValue.offset + secretValue.length;
  if (!removal || removal.some((e) => e.offset < secretEnd && e.offset + e.length > secretValue.offset)) return undefined;
  return [reporter.edit(secretValue.offset, secretEnd, 'true'), ...removal.map((e) => reporter.edit(e.offset, e.offset + e.length, e.content))];
}

function checkSecretDefault(analysis: Analysis, variable: Variable, reporter: Reporter): void {
  const property = variable.defaultProperty;
  if (!variable.secret || !property) return;
  // No fix when jsonc-parser would not remove this very property (its parse of a broken document may differ).
  const removal = removeProperty(analysis.text, property);
  reporter.on(rules.secretDefault, property, `Secret variable ${quote(variable.key)} must not have a default: its value is entered by whoever uses the connector, never written in the file. Remove the default.`,
    removal ? reporter.fix('Remove the default', ...removal.map((e) => reporter.edit(e.offset, e.offset + e.length, e.content))) : undefined);
}

// ---- known formats, anywhere in the file ---------------------------------------------------------------------------

/** What a string of the file is, for a literal credential found in it. */
type Place =
  | { readonly kind: 'sent' }
  | { readonly kind: 'default'; readonly variable: Variable }
  | { readonly kind: 'inert'; readonly where: string };

/** The strings a request sends, and the defaults of variables; every other string is inert (named by `inertPlace`). */
function placesOf(analysis: Analysis): Map<ASTNode, Place> {
  const places = new Map<ASTNode, Place>();
  const sent: Place = { kind: 'sent' };
  const markSent = (node: ASTNode | undefined): void => {
    if (!node) return;
    if (node.type === 'string') places.set(node, sent);
    else if (node.type === 'array' || node.type === 'object') for (const child of node.children) markSent(child.type === 'property' ? child.valueNode : child);
  };
  const markRequest = (request: RequestDefinition): void => {
    markSent(request.urlNode);
    for (const parameter of request.headers) {
      if (parameter.keyNode) places.set(parameter.keyNode, { kind: 'inert', where: 'a header name' });
      markSent(parameter.valueNode);
    }
    for (const parameter of request.urlParameters) markSent(parameter.valueNode);
    for (const parameter of request.body) markSent(parameter.valueNode);
  };
  for (const method of analysis.model.authMethods) markRequest(method);
  for (const endpoint of analysis.model.endpoints) markRequest(endpoint);
  forEachVariable(analysis.model, (variable) => {
    if (variable.defaultNode) places.set(variable.defaultNode, { kind: 'default', variable });
  });
  return places;
}

/** How a message names the place of a string nothing sends: "the description", "an endpoint's name" … */
function inertPlace(analysis: Analysis, node: StringASTNode): string {
  const property = node.parent;
  if (property?.type !== 'property') return 'the file';
  if (property.keyNode === node) return 'a property name';
  const owner = property.parent;
  const level = owner === analysis.model.root ? 'root' : owner?.parent?.parent?.type === 'property' ? owner.parent.parent.keyNode.value : '';
  switch (property.keyNode.value) {
    case 'description': return level === 'root' ? 'the description' : 'a description';
    case 'label': return "a variable's label";
    case 'alias': return level === 'variables' ? "a variable's alias" : 'an alias';
    case 'name': return level === 'root' ? "the connector's name" : level === 'endpoints' ? "an endpoint's name" : level === 'authentication' ? "an auth method's name" : 'a name';
    default: return 'the file';
  }
}

/** The string node that holds a document offset, if any. */
function stringAt(root: ASTNode, offset: number): StringASTNode | undefined {
  let node: ASTNode | undefined = root;
  while (node) {
    if (offset < node.offset || offset >= node.offset + node.length) return undefined;
    if (node.type === 'string') return node;
    node = node.children?.find((child) => offset >= child.offset && offset < child.offset + child.length);
  }
  return undefined;
}

/**
 * Reports the findings of the whole-text scan that no user info report covers: sent ones with a fix that moves them
 * into a secret variable, a default's with a fix that makes its variable secret, the others to delete.
 */
function reportFindings(check: Check, findings: readonly CredentialFinding[], commentBounds: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> {
  const { analysis, reporter } = check;
  const places = placesOf(analysis);
  const kept: Array<readonly [number, number]> = [];
  // `findings` is sorted by start, so a kept finding can only overlap the one kept before it.
  for (const finding of findings) {
    if (overlapsAny(check.claimed, finding.start, finding.end) || (kept.length > 0 && finding.start < kept[kept.length - 1][1])) continue;
    const node = stringAt(analysis.model.root, finding.start);
    const [low, high] = node ? contentBounds(analysis.text, node) : commentBounds.find(([s, e]) => finding.start >= s && finding.start < e) ?? [0, -1];
    // A pattern that reads on past a closing quote (a connection string's host) is cut to the string it starts in.
    const start = Math.max(finding.start, low);
    const end = Math.min(finding.end, high);
    if (start >= end) continue;
    kept.push([start, end]);
    const place: Place = node ? places.get(node) ?? { kind: 'inert', where: inertPlace(analysis, node) } : { kind: 'inert', where: 'a comment' };
    const secret = finding.kind === 'url-password' || finding.kind === 'database-password' ? passwordSecret : tokenSecret;
    if (place.kind === 'sent' && node) {
      reportSent(check, rules.hardcodedCredential, node, start, end, `This looks like ${finding.label} written into the file`, secret);
    } else if (place.kind === 'default') {
      const { variable } = place;
      // A secret's default is secret-default's; a default holds a credential only when the variable is not secret.
      if (variable.secret || !variable.defaultProperty) continue;
      const edits = makeSecretEdits(analysis, variable, variable.defaultProperty, reporter);
      const extra = edits ? reporter.fix(`Make ${variable.key} a secret variable without a default`, ...edits) : undefined;
      reporter.at(rules.hardcodedCredential, start, end, `This looks like ${finding.label} written into the file: make ${quote(variable.key)} a secret variable (\`"secret": true\`) without a default.`, extra);
    } else if (place.kind === 'inert') {
      reporter.at(rules.hardcodedCredential, start, end, `This looks like ${finding.label} written into the file (in ${place.where}): delete it, and revoke it if it is real.`);
    }
  }
  return kept;
}

// ---- context: what a carrier's name or position says -----------------------------------------------------------------

/** Document offsets of [from, to) of a string node's decoded value, or undefined when escapes make them differ from the raw text. */
function rawRange(analysis: Analysis, node: StringASTNode, from: number, to: number): [number, number] | undefined {
  const [start, end] = contentBounds(analysis.text, node);
  const backslash = analysis.text.indexOf('\\', start);
  if (end - start !== node.value.length || (backslash >= 0 && backslash < end)) return undefined;
  return [start + from, start + to];
}

/** Reports a literal in a sent string at decoded offsets [from, to), unless a finding already covers it. */
function reportLiteral(check: Check, rule: Rule, node: StringASTNode, from: number, to: number, what: string, secret: NewSecret): void {
  const range = rawRange(check.analysis, node, from, to) ?? locate(check.analysis.text, node, node.value.slice(from, to));
  if (!overlapsAny(check.claimed, range[0], range[1])) reportSent(check, rule, node, range[0], range[1], what, secret);
}

const placeholder = /\{\{/;

/** `Authorization` and `Proxy-Authorization`: any scheme (or none) followed by a literal credential. */
function checkAuthorization(check: Check, name: string, node: StringASTNode): void {
  const value = node.value;
  const scheme = /^\s*([A-Za-z][\w!#$%&'*+.^`|~-]*)\s+(\S.*?)\s*$/.exec(value);
  const report = (from: number, to: number, what: string): void =>
    reportLiteral(check, rules.hardcodedCredential, node, from, to, `This looks like ${what} written into the file`, tokenSecret);
  if (!scheme) {
    const literal = value.trim();
    if (looksLikeToken(literal)) report(value.indexOf(literal), value.indexOf(literal) + literal.length, `a literal credential in ${quote(name)}`);
    return;
  }
  const credentials = scheme[2];
  const offset = value.indexOf(credentials, scheme.index + scheme[1].length);
  const label = `a literal \`${scheme[1].replace(/`/g, "'")}\` credential`;
  if (/^[A-Za-z0-9._~+/-]+=*$/.test(credentials)) {
    // token68 (RFC 9110): base64 `user:password` may be all letters, so any literal of 8 or more that is not a word counts.
    const isCredential = credentials.length >= 8 && !isPlaceholderText(credentials) && (looksLikeToken(credentials) || looksLikeSecret(credentials, { minLength: 8 }));
    if (isCredential) report(offset, offset + credentials.length, label);
    return;
  }
  // Auth parameters (`Credential=…, Signature=…`): the first value that looks like a token.
  const parameter = /([\w-]+)=("?)([^",\s]+)\2/g;
  for (let match = parameter.exec(credentials); match; match = parameter.exec(credentials)) {
    if (looksLikeToken(match[3])) {
      const at = offset + match.index + match[0].indexOf(match[3], match[1].length + 1);
      report(at, at + match[3].length, label);
      return;
    }
  }
}

/** A `Cookie` header: each `name=value` pair whose value is a literal session. */
function checkCookie(check: Check, node: StringASTNode): void {
  const pair = /(?:^|;)\s*([^=;\s]+)=([^;]*)/g;
  const value = node.value;
  for (let match = pair.exec(value); match; match = pair.exec(value)) {
    const cookieValue = match[2].trim().replace(/^"(.*)"$/, '$1');
    if (cookieValue === '' || placeholder.test(cookieValue)) continue;
    const session = sessionCookieName.test(match[1]) ? looksLikeSecret(cookieValue, { allowUuid: true }) : looksLikeSecret(cookieValue, { minLength: 32 });
    if (!session) continue;
    const from = match.index + match[0].indexOf(cookieValue, match[0].indexOf('=') + 1);
    reportLiteral(check, rules.sessionCookie, node, from, from + cookieValue.length,
      `This \`Cookie\` header sends a literal session cookie ${quote(match[1])}, which signs in as whoever it belongs to`, cookieSecret);
  }
}

/** A header, URL parameter or body field (or a property nested in a body value) named `name` holding `node`. */
function checkCarrier(check: Check, name: string, node: ASTNode | undefined, isHeader: boolean): void {
  if (!node) return;
  if (node.type === 'object') {
    for (const property of node.properties) checkCarrier(check, property.keyNode.value, property.valueNode, false);
    return;
  }
  if (node.type === 'array') {
    for (const item of node.items) checkCarrier(check, name, item, false);
    return;
  }
  if (node.type !== 'string' || placeholder.test(node.value)) return;
  const named = check.carrier(name);
  if (named === 'authorization' && isHeader) return checkAuthorization(check, name, node);
  if (named === 'cookie' && isHeader) return checkCookie(check, node);
  // A body field named `authorization` or `cookie` is read like any field named after a credential.
  const carrier = named === 'authorization' ? 'credential' : named === 'cookie' ? 'hint' : named;
  const literal = node.value.trim();
  const from = node.value.indexOf(literal);
  if ((carrier === 'credential' && looksLikeToken(literal)) || (carrier === 'hint' && looksLikeSecret(literal))) {
    reportLiteral(check, rules.hardcodedCredential, node, from, from + literal.length, `This looks like a literal credential in ${quote(name)} written into the file`, tokenSecret);
    return;
  }
  // Another header with a scheme and a literal (`X-Forwarded-Authorization: Bearer …`); in a body `Basic membership` is prose.
  const scheme = isHeader ? /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{8,})/i.exec(node.value) : null;
  if (scheme && looksLikeToken(scheme[2])) {
    const at = scheme.index + scheme[0].length - scheme[2].length;
    reportLiteral(check, rules.hardcodedCredential, node, at, at + scheme[2].length, `This looks like a literal \`${scheme[1]}\` credential written into the file`, tokenSecret);
  }
}

function decodeUserName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * A password (or a token as the user name) written into a request URL's user info, `https://user:password@host`:
 * reported with a fix that leaves its placeholder there; returns the range reported.
 */
function checkUserinfo(check: Check, urlNode: StringASTNode, formats: readonly CredentialFinding[]): [number, number] | undefined {
  const { analysis, reporter } = check;
  const bounds = userinfoBounds(analysis.text, urlNode);
  if (!bounds) return undefined;
  const [start, end] = bounds;
  const userinfo = analysis.text.slice(start, end);
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const password = colon < 0 ? '' : userinfo.slice(colon + 1);
  // `formats` is sorted by start: look only at the findings that start inside this URL.
  let first = 0;
  for (let high = formats.length; first < high;) {
    const middle = (first + high) >> 1;
    if (formats[middle].start < start) first = middle + 1;
    else high = middle;
  }
  const format = (from: number, to: number): CredentialFinding | undefined => {
    for (let i = first; i < formats.length && formats[i].start < end; i++) {
      const f = formats[i];
      if (f.start < to && f.end > from && f.kind !== 'url-password') return f;
    }
    return undefined;
  };
  let range: [number, number];
  let what: string;
  let secret: NewSecret;
  if (password !== '' && !placeholder.test(password)) {
    range = [start + colon + 1, end];
    const known = format(range[0], range[1]);
    what = known ? `This URL carries ${known.label} as its password` : 'This URL carries a literal password in its user info';
    secret = known ? tokenSecret : passwordSecret;
  } else {
    range = [start, start + user.length];
    const known = format(range[0], range[1]);
    if (placeholder.test(user) || !(known || looksLikeToken(decodeUserName(user)))) return undefined;
    what = `This URL carries ${known ? known.label : 'a token'} as its user name`;
    secret = tokenSecret;
  }
  const key = check.newKey(secret.key);
  const edits = moveToSecretVariable(check, urlNode, range[0], range[1], key, secret.label);
  const extra = edits ? reporter.fix(`Move it into a new secret variable ${key}`, ...edits) : undefined;
  reporter.at(rules.urlCredentials, range[0], range[1], `${what}: move it into a secret variable and write ${quote('{{' + key + '}}')} in its place; the request sends the user info as \`Authorization: Basic\`.`, extra);
  return range;
}

/**
 * Credential rules: literal credentials of a known format anywhere in the file, literals whose carrier makes them
 * credentials (`Authorization`, `*key*`, `Cookie`, URL user info), and defaults on secret variables.
 */
export function checkCredentials(analysis: Analysis, comments: readonly Range[], document: TextDocument, reporter: Reporter, scanner: CredentialScanner): void {
  const { model } = analysis;
  const check = createCheck(analysis, reporter);
  const commentBounds = comments.map((c) => [document.offsetAt(c.start), document.offsetAt(c.end)] as const);
  // One scan of the whole text finds every known format, and every credential in a query string written out in full,
  // wherever it is (values, names, descriptions, comments …).
  const multiline = commentBounds.filter(([start, end]) => analysis.text.slice(start, end).includes('\n'));
  const formats = [...scanner.scan(document, analysis.text, multiline), ...findQueryCredentials(analysis.text)].sort((a, b) => a.start - b.start);
  const requests: RequestDefinition[] = [...model.authMethods, ...model.endpoints];
  for (const request of requests) {
    const range = request.urlNode?.value.includes('@') ? checkUserinfo(check, request.urlNode, formats) : undefined;
    if (range) check.claimed.push(range);
  }
  check.claimed.sort((a, b) => a[0] - b[0]);
  if (formats.length > 0) {
    for (const range of reportFindings(check, formats, commentBounds)) check.claimed.push(range);
    check.claimed.sort((a, b) => a[0] - b[0]);
  }
  const checkList = (list: readonly Parameter[]): void => {
    for (const parameter of list) if (parameter.keyNode) checkCarrier(check, parameter.keyNode.value, parameter.valueNode, parameter.kind === 'header');
  };
  for (const request of requests) {
    checkList(request.headers);
    checkList(request.urlParameters);
    checkList(request.body);
  }
  forEachVariable(model, (variable) => checkSecretDefault(analysis, variable, reporter));
}
