import type { EditResult, JSONPath } from 'jsonc-parser';
import type { ArrayASTNode, ASTNode, PropertyASTNode, Range, StringASTNode, TextDocument, TextEdit } from 'vscode-json-languageservice';
import { rules } from '../codes';
import type { Analysis } from '../analysis';
import { allVariablesOf, findProperty, forEachVariable, type Parameter, type RequestDefinition, type Variable } from '../model';
import { credentialHint, findCredential, looksLikeToken } from '../credentials';
import { contentBounds, locate } from '../placeholders';
import { enclosingRequest, formattingOf, pathOf, tryModify } from './jsonEdits';
import { quote, Reporter } from './report';

/** Names of headers and parameters that carry a credential (whole names, so `token_type_hint` is not one). */
const credentialName = /^(?:(?:proxy-)?authorization|x-?api-?key|api[-_]?key|apikey|key|(?:x-)?(?:auth|access|private|api|session)[-_]?token|token|(?:client[-_]?)?secret|password|passwd|x-shopify-access-token)$/i;

/** The secret variable key a quick fix proposes for a literal credential. */
export const proposedSecretKey = 'token';

/**
 * The edits that remove a property and its comma, leaving the rest of the file as it is laid out (jsonc-parser's
 * formatting would reflow a one-line object), or undefined when they would not remove exactly this property.
 */
function removeProperty(text: string, property: PropertyASTNode): EditResult | undefined {
  const removal = tryModify(text, pathOf(property.keyNode), undefined, {});
  const removesProperty = removal?.some((e) => e.offset <= property.offset && e.offset + e.length >= property.offset + property.length) === true;
  return removesProperty ? removal : undefined;
}

function unusedKey(analysis: Analysis): string {
  const taken = new Set(allVariablesOf(analysis.model).map((v) => v.key));
  let key = proposedSecretKey;
  for (let n = 2; taken.has(key); n++) key = `${proposedSecretKey}_${n}`;
  return key;
}

/**
 * Appends an item to a non-empty array written on one line, or after a last item on a line of its own, written the way
 * that item is (on one line, or indented over several), so that no other line changes; undefined for any other layout.
 * (jsonc-parser would reflow the line it inserts on, turning a one-line variable into five.)
 */
function appendItem(text: string, array: ArrayASTNode, item: Record<string, unknown>): EditResult | undefined {
  const last = array.items[array.items.length - 1];
  if (!last) return undefined;
  const end = last.offset + last.length;
  const oneLine = `{ ${Object.entries(item).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')} }`;
  // `"variables": [{ … }]` on one line stays on one line.
  if (!/[\r\n]/.test(text.slice(array.offset, array.offset + array.length))) return [{ offset: end, length: 0, content: `, ${oneLine}` }];
  const indent = text.slice(text.lastIndexOf('\n', last.offset - 1) + 1, last.offset);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const { insertSpaces, tabSize, eol } = formattingOf(text);
  const written = /[\r\n]/.test(text.slice(last.offset, end))
    ? JSON.stringify(item, null, insertSpaces ? ' '.repeat(tabSize) : '\t').split('\n').join(eol + indent)
    : oneLine;
  return [{ offset: end, length: 0, content: `,${eol}${indent}${written}` }];
}

/** Edits that move a literal into a new secret variable of the enclosing auth method or endpoint. */
function moveToSecretVariable(analysis: Analysis, node: StringASTNode, start: number, end: number, reporter: Reporter): TextEdit[] | undefined {
  const request = enclosingRequest(node);
  if (!request || request.type !== 'object') return undefined;
  const key = unusedKey(analysis);
  const variables = request.properties.find((p) => p.keyNode.value === 'variables')?.valueNode;
  const path: JSONPath = variables?.type === 'array' ? [...pathOf(variables), -1] : [...pathOf(request), 'variables'];
  const variable = { key, label: 'Access token', secret: true, required: true };
  const insert = (variables?.type === 'array' ? appendItem(analysis.text, variables, variable) : undefined)
    ?? tryModify(analysis.text, path, variables?.type === 'array' ? variable : [variable], { formattingOptions: formattingOf(analysis.text), isArrayInsertion: true });
  if (!insert || insert.some((e) => e.offset < end && e.offset + e.length > start)) return undefined;
  return [reporter.edit(start, end, `{{${key}}}`), ...insert.map((e) => reporter.edit(e.offset, e.offset + e.length, e.content))];
}

// The diagnostic carries only its fix: the literal itself is never copied into a message or the diagnostic's data.
function reportCredential(analysis: Analysis, node: StringASTNode, label: string, reporter: Reporter, start: number, end: number): void {
  const edits = moveToSecretVariable(analysis, node, start, end, reporter);
  const extra = edits ? reporter.fix('Move the credential into a new secret variable', ...edits) : undefined;
  reporter.at(rules.hardcodedCredential, start, end, `This looks like ${label} written into the file: move it into a secret variable and reference it as ${quote('{{' + proposedSecretKey + '}}')}.`, extra);
}

function checkString(analysis: Analysis, node: StringASTNode, isHeader: boolean, reporter: Reporter): boolean {
  const found = findCredential(node.value, isHeader);
  if (found) {
    const [start, end] = locate(analysis.text, node, found.literal);
    reportCredential(analysis, node, found.label, reporter, start, end);
  }
  return found !== undefined;
}

function checkNamedParameter(analysis: Analysis, parameter: Parameter, reporter: Reporter): void {
  const value = parameter.valueNode;
  if (!parameter.keyNode || value?.type !== 'string') return;
  if (!credentialName.test(parameter.keyNode.value)) return;
  const literal = value.value.trim();
  if (looksLikeToken(literal)) {
    const [start, end] = locate(analysis.text, value, literal);
    reportCredential(analysis, value, `a literal credential in ${quote(parameter.keyNode.value)}`, reporter, start, end);
  }
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

function checkVariable(analysis: Analysis, variable: Variable, reporter: Reporter): void {
  const property = variable.defaultProperty;
  if (variable.secret) {
    if (property) {
      // No fix when jsonc-parser would not remove this very property (its parse of a broken document may differ).
      const removal = removeProperty(analysis.text, property);
      reporter.on(rules.secretDefault, property, `Secret variable ${quote(variable.key)} must not have a default: its value is entered by whoever uses the connector, never written in the file. Remove the default.`,
        removal ? reporter.fix('Remove the default', ...removal.map((e) => reporter.edit(e.offset, e.offset + e.length, e.content))) : undefined);
    }
  } else if (property && variable.defaultNode) {
    const found = findCredential(variable.defaultNode.value);
    if (!found) return;
    const [start, end] = locate(analysis.text, variable.defaultNode, found.literal);
    const edits = makeSecretEdits(analysis, variable, property, reporter);
    const extra = edits ? reporter.fix(`Make ${variable.key} a secret variable without a default`, ...edits) : undefined;
    reporter.at(rules.hardcodedCredential, start, end, `This looks like ${found.label} written into the file: make ${quote(variable.key)} a secret variable (\`"secret": true\`) without a default.`, extra);
  }
}

/** Reports a literal credential in text nothing sends (a label, a description, a comment), where the fix is to delete it. */
function reportInert(analysis: Analysis, start: number, end: number, where: string, reporter: Reporter): void {
  const found = findCredential(analysis.text.slice(start, end));
  if (!found) return;
  const at = analysis.text.indexOf(found.literal, start);
  reporter.at(rules.hardcodedCredential, at, at + found.literal.length, `This looks like ${found.label} written into the file (in ${where}): delete it, and revoke it if it is real.`);
}

function checkInertString(analysis: Analysis, node: ASTNode | undefined, where: string, reporter: Reporter): void {
  if (node?.type === 'string' && credentialHint.test(node.value)) reportInert(analysis, ...contentBounds(analysis.text, node), where, reporter);
}

/** Literal credentials in labels, aliases, descriptions and comments: never sent, but still in the repository. */
export function checkInertText(analysis: Analysis, comments: readonly Range[], document: TextDocument, reporter: Reporter): void {
  const { model } = analysis;
  checkInertString(analysis, findProperty(model.root, 'description')?.valueNode, 'the description', reporter);
  for (const endpoint of model.endpoints) checkInertString(analysis, findProperty(endpoint.node, 'description')?.valueNode, 'a description', reporter);
  forEachVariable(model, (variable) => {
    checkInertString(analysis, variable.labelNode, "a variable's label", reporter);
    checkInertString(analysis, variable.aliasNode, "a variable's alias", reporter);
  });
  for (const comment of comments) reportInert(analysis, document.offsetAt(comment.start), document.offsetAt(comment.end), 'a comment', reporter);
}

/** Credential rules: literal tokens in the file and defaults on secret variables. */
export function checkCredentials(analysis: Analysis, reporter: Reporter): void {
  const { model } = analysis;
  const flagged = new Set<StringASTNode>();
  for (const { node, location } of analysis.suspects) {
    if (checkString(analysis, node, location === 'header', reporter)) flagged.add(node);
  }
  const checkRequest = (request: RequestDefinition): void => {
    for (const list of [request.headers, request.urlParameters, request.body]) {
      for (const parameter of list) {
        if (parameter.valueNode?.type === 'string' && flagged.has(parameter.valueNode)) continue;
        checkNamedParameter(analysis, parameter, reporter);
      }
    }
    for (const variable of request.variables) checkVariable(analysis, variable, reporter);
  };
  for (const variable of model.variables) checkVariable(analysis, variable, reporter);
  for (const method of model.authMethods) checkRequest(method);
  for (const endpoint of model.endpoints) checkRequest(endpoint);
}
