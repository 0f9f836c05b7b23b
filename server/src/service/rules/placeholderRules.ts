import { rules } from '../codes';
import type { Analysis, PlaceholderUse, Scope } from '../analysis';
import { forEachVariable, type AuthMethod, type Variable } from '../model';
import { closest, type PlaceholderProblem } from '../placeholders';
import { quote, Reporter, unnecessary } from './report';
import { userinfoBounds } from './urlRules';
import { declareVariableFixes, type PlaceholderSite } from './declareVariable';

function problemMessage(problem: PlaceholderProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'Empty placeholder `{{}}`: write a variable key between the braces or remove it.';
    case 'spaces':
      return `Placeholder ${quote(problem.text)} has spaces around its key: write ${quote('{{' + problem.text.slice(2, -2).trim() + '}}')}.`;
    case 'invalid':
      return `Placeholder ${quote(problem.text)} is not a variable key: keys start with a letter or underscore and hold only letters, digits, \`_\`, \`.\` and \`-\`.`;
    case 'unclosed':
      return `Placeholder ${quote(problem.text)} is never closed: add \`}}\` after the key.`;
    case 'unopened':
      return 'Closing `}}` without an opening `{{`: add `{{` before the key or remove the braces.';
    case 'single':
      return `${quote(problem.text)} uses single braces and is sent literally: write ${quote('{' + problem.text + '}')} to fill it from a variable.`;
  }
}

/**
 * "Did you mean" answers, per list of scopes and key (a file with many unknown placeholders asks the same ones often),
 * and how many more key comparisons one validation may spend on them, so that thousands of unknown placeholders
 * against thousands of variables stay fast (the rest are reported without a suggestion).
 */
interface Suggestions {
  readonly known: Map<readonly Scope[], Map<string, string | undefined>>;
  budget: number;
}

function bestKey(key: string, scopes: readonly Scope[], suggestions: Suggestions): string | undefined {
  let known = suggestions.known.get(scopes);
  if (!known) suggestions.known.set(scopes, (known = new Map()));
  if (known.has(key)) return known.get(key);
  if (suggestions.budget <= 0) return undefined;
  const keys = new Set<string>();
  for (const scope of scopes) for (const candidate of scope.keys()) keys.add(candidate);
  suggestions.budget -= keys.size;
  const best = closest(key, keys);
  known.set(key, best);
  return best;
}

/**
 * Reports an unknown placeholder and returns the variable it most likely means (its "did you mean"), so that one typo
 * gives one diagnostic: the meant variable then counts as used, and as sent.
 */
function reportUnknown(reporter: Reporter, use: PlaceholderUse, scopes: readonly Scope[], what: string, suggestions: Suggestions, analysis: Analysis, site: PlaceholderSite): Variable | undefined {
  const best = bestKey(use.key, scopes, suggestions);
  const hint = best !== undefined ? ` Did you mean ${quote('{{' + best + '}}')}?` : ' Declare it under `variables` or fix the key.';
  const extra = best !== undefined ? reporter.fix(`Change to {{${best}}}`, reporter.edit(use.start + 2, use.end - 2, best)) : declareVariableFixes(analysis.text, analysis.model.root, use, site, reporter);
  reporter.at(rules.unknownPlaceholder, use.start, use.end, `Placeholder ${quote('{{' + use.key + '}}')} matches no ${what}.${hint}`, extra);
  if (best === undefined) return undefined;
  for (const scope of scopes) {
    const meant = scope.get(best);
    if (meant) return meant;
  }
  return undefined;
}

function methodLabel(method: AuthMethod): string {
  return quote(method.id ?? method.nameNode?.value ?? 'unnamed');
}

/** Placeholder rules: unknown and malformed placeholders, unused variables, and where secrets are sent. */
export function checkPlaceholders(analysis: Analysis, reporter: Reporter): void {
  const used = new Set<Variable>();
  const secretSentBy = new Set<AuthMethod>();
  const suggestions: Suggestions = { known: new Map(), budget: 200_000 };

  const checkSecretPlacement = (use: PlaceholderUse, variable: Variable): void => {
    if (!variable.secret) return;
    if (use.location === 'url' && !use.inQuery) {
      // In the user info (`https://user:{{password}}@host`) a secret is no part of the host or path: the request sends
      // it as `Authorization: Basic`, never in the request line, and a redirect to another origin drops it.
      const userinfo = userinfoBounds(analysis.text, use.stringNode);
      if (userinfo && use.start >= userinfo[0] && use.end <= userinfo[1]) return;
      reporter.at(rules.secretInUrl, use.start, use.end, `Secret ${quote(use.key)} is in the URL's host or path, where logs and browser history keep it: send it in a header instead.`);
    } else if (use.location === 'url' || use.location === 'urlParameter') {
      reporter.at(rules.secretInQuery, use.start, use.end, `Secret ${quote(use.key)} is sent in the query string, which servers and proxies log: send it in a header if the API allows.`);
    }
  };

  for (const { method, strings, scope } of analysis.authMethods) {
    const scopes = [scope];
    for (const problem of strings.problems) reportProblem(problem, scopes, reporter);
    for (const use of strings.uses) {
      const variable = scope.get(use.key);
      if (!variable) {
        const meant = reportUnknown(reporter, use, scopes, 'connector or auth method variable', suggestions, analysis, { method });
        if (meant) used.add(meant);
        if (meant?.secret) secretSentBy.add(method);
        continue;
      }
      used.add(variable);
      checkSecretPlacement(use, variable);
      if (variable.secret) secretSentBy.add(method);
    }
  }

  for (const { endpoint, strings, methods, scopes } of analysis.endpoints) {
    for (const problem of strings.problems) reportProblem(problem, scopes, reporter);
    for (const use of strings.uses) {
      let missing: AuthMethod[] | undefined;
      let found: Variable | undefined;
      for (let index = 0; index < scopes.length; index++) {
        const variable = scopes[index].get(use.key);
        if (variable) {
          used.add(variable);
          found ??= variable;
        } else if (methods[index]) {
          (missing ??= []).push(methods[index]);
        }
      }
      if (!found) {
        const meant = reportUnknown(reporter, use, scopes, 'endpoint, auth method or connector variable', suggestions, analysis, { endpoint, methods });
        if (meant) used.add(meant);
      } else if (missing) {
        reporter.at(rules.unknownPlaceholder, use.start, use.end, `Placeholder ${quote('{{' + use.key + '}}')} is not defined for auth method ${missing.map(methodLabel).join(', ')}, which this endpoint is enabled for: declare it there, on the endpoint, or on the connector.`);
      } else {
        checkSecretPlacement(use, found);
      }
    }
  }

  const skipUnused = new Set<Variable>();
  for (const { method } of analysis.authMethods) {
    // Builder types other than token and none take their credentials from fields, not placeholders.
    if (method.type !== 'token' && method.type !== 'none') for (const variable of method.variables) skipUnused.add(variable);
  }
  forEachVariable(analysis.model, (variable) => {
    if (used.has(variable) || skipUnused.has(variable)) return;
    reporter.on(rules.unusedVariable, variable.keyNode, `Variable ${quote(variable.key)} is never used: reference it as ${quote('{{' + variable.key + '}}')} or remove it.`, unnecessary);
  });

  for (const { method } of analysis.authMethods) {
    if (method.type !== 'token' || secretSentBy.has(method) || !method.typeNode) continue;
    const secrets = method.variables.filter((v) => v.secret);
    const message = secrets.length === 0
      ? 'This token method declares no secret variable, so no token is ever sent: add a variable with `"secret": true` and send it, for example `Authorization: Bearer {{token}}`.'
      : `This token method never sends its secret ${quote(secrets[0].key)}: reference ${quote('{{' + secrets[0].key + '}}')} in a header, URL parameter or body field.`;
    reporter.on(rules.tokenNeverSent, method.typeNode, message);
  }
}

function reportProblem(problem: PlaceholderProblem, scopes: readonly Scope[], reporter: Reporter): void {
  // `{word}` is literal text in many APIs (Airtable formulas: `{Status}='Done'`); it is a likely typo only when `word` is a variable.
  if (problem.kind === 'single' && !scopes.some((scope) => scope.get(problem.text.slice(1, -1)))) return;
  const rule = problem.kind === 'single' ? rules.singleBracePlaceholder : rules.malformedPlaceholder;
  let extra;
  if (problem.kind === 'single') {
    extra = reporter.fix(`Change to {${problem.text}}`, reporter.edit(problem.start, problem.end, `{${problem.text}}`));
  } else if (problem.kind === 'spaces') {
    const fixed = `{{${problem.text.slice(2, -2).trim()}}}`;
    extra = reporter.fix(`Change to ${fixed}`, reporter.edit(problem.start, problem.end, fixed));
  }
  reporter.at(rule, problem.start, problem.end, problemMessage(problem), extra);
}
