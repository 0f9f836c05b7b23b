import type { StringASTNode } from 'vscode-json-languageservice';
import { rules } from '../codes';
import type { Analysis, RequestString } from '../analysis';
import type { Parameter, Variable } from '../model';
import { contentBounds } from '../placeholders';
import { locate } from './headerRules';
import { quote, Reporter } from './report';

/** Known token formats, by the service that issues them. */
const tokenFormats: ReadonlyArray<readonly [string, RegExp]> = [
  ['a Shopify access token', /\bshp(?:at|ca|pa|ss)_[A-Fa-f0-9]{32}\b/],
  ['a HubSpot private app token', /\bpat-(?:na|eu|ap)\d+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/],
  ['an Airtable personal access token', /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/],
  ['a GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/],
  ['a Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/],
  ['a Stripe live key', /\b(?:sk|rk)_live_[A-Za-z0-9]{16,}\b/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/],
];
const schemeLiteral = /\b(Bearer|Basic|Token)\s+(?!\{\{)([A-Za-z0-9._~+/=-]{8,})/i;
const credentialName = /(^authorization$|^proxy-authorization$|token|secret|api[-_]?key|^key$|password|passwd|^auth$)/i;
const literalCredential = /^[^\s{}]{8,}$/;

/** The secret variable key a quick fix proposes for a literal credential. */
export const proposedSecretKey = 'token';

/** The data a `hardcoded-credential` diagnostic carries for its quick fix. */
export interface HardcodedCredentialData {
  readonly literal: string;
}

/** Every format above starts with one of these, so most strings need only this one test. */
const credentialHint = /shp|pat|gh[pousr]_|github_pat_|xox|_live_|eyJ|bearer|basic|token/i;

function findCredential(value: string): { label: string; literal: string } | undefined {
  if (!credentialHint.test(value)) return undefined;
  for (const [label, pattern] of tokenFormats) {
    const match = pattern.exec(value);
    if (match) return { label, literal: match[0] };
  }
  const scheme = schemeLiteral.exec(value);
  if (scheme) return { label: `a literal \`${scheme[1]}\` credential`, literal: scheme[2] };
  return undefined;
}

function reportCredential(text: string, node: StringASTNode, label: string, literal: string, reporter: Reporter): void {
  const [start, end] = locate(text, node, literal);
  const data: HardcodedCredentialData = { literal };
  reporter.at(rules.hardcodedCredential, start, end, `This looks like ${label} written into the file: move it into a secret variable and reference it as ${quote('{{' + proposedSecretKey + '}}')}.`, { data });
}

function checkString(text: string, node: StringASTNode, reporter: Reporter): boolean {
  const found = findCredential(node.value);
  if (found) reportCredential(text, node, found.label, found.literal, reporter);
  return found !== undefined;
}

function checkNamedParameter(text: string, parameter: Parameter, reporter: Reporter): void {
  const value = parameter.valueNode;
  if (!parameter.keyNode || value?.type !== 'string') return;
  if (!credentialName.test(parameter.keyNode.value)) return;
  const literal = value.value.trim();
  if (literalCredential.test(literal)) {
    const [start, end] = contentBounds(text, value);
    const data: HardcodedCredentialData = { literal };
    reporter.at(rules.hardcodedCredential, start, end, `${quote(parameter.keyNode.value)} holds a literal credential: move it into a secret variable and reference it as ${quote('{{' + proposedSecretKey + '}}')}.`, { data });
  }
}

function checkVariable(text: string, variable: Variable, reporter: Reporter): void {
  if (variable.secret) {
    if (variable.defaultProperty) {
      reporter.on(rules.secretDefault, variable.defaultProperty, `Secret variable ${quote(variable.key)} must not have a default: its value is entered once and kept in SecretStorage, never in the file. Remove the default.`);
    }
  } else if (variable.defaultNode) {
    checkString(text, variable.defaultNode, reporter);
  }
}

/** Credential rules: literal tokens in the file and defaults on secret variables. */
export function checkCredentials(analysis: Analysis, reporter: Reporter): void {
  const { text, model } = analysis;
  const requestStrings: RequestString[] = [];
  for (const { strings } of [...analysis.authMethods, ...analysis.endpoints]) requestStrings.push(...strings.strings);
  const flagged = new Set<StringASTNode>();
  for (const { node } of requestStrings) {
    if (checkString(text, node, reporter)) flagged.add(node);
  }
  for (const request of [...model.authMethods, ...model.endpoints]) {
    for (const parameter of [...request.headers, ...request.urlParameters, ...request.body]) {
      if (parameter.valueNode?.type === 'string' && flagged.has(parameter.valueNode)) continue;
      checkNamedParameter(text, parameter, reporter);
    }
  }
  for (const variable of [...model.variables, ...model.authMethods.flatMap((m) => m.variables), ...model.endpoints.flatMap((e) => e.variables)]) {
    checkVariable(text, variable, reporter);
  }
}
