import type { Diagnostic, ObjectASTNode } from 'vscode-json-languageservice';
import type { PlaceholderUse } from '../analysis';
import { findProperty, type AuthMethod, type Endpoint } from '../model';
import { looksLikeSecretName } from '../secretNames';
import type { Fix, FixData, Reporter } from './report';

/** Where an unknown placeholder is used: an auth method's own strings, or an endpoint's with the methods it is enabled for. */
export type PlaceholderSite =
  | { readonly method: AuthMethod }
  | { readonly endpoint: Endpoint; readonly methods: readonly AuthMethod[] };

const acronyms = new Set(['api', 'id', 'url', 'uri', 'eva', 'sku']);

/** A label for a new variable from its key: `api_version` → "API version". */
export function labelForKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_.-]+/).filter((word) => word !== '').map((word) => (acronyms.has(word.toLowerCase()) ? word.toUpperCase() : word.toLowerCase()));
  const label = words.join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1) || key;
}

function lineIndent(text: string, offset: number): string | undefined {
  const indent = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  return /^[ \t]*$/.test(indent) ? indent : undefined;
}

/**
 * The edit that adds `item` (one line of JSON) to the `variables` list of `owner`, creating the list after the owner's
 * last property when it has none, laid out like its neighbours; undefined when `variables` is not a list. Written from
 * the parsed nodes, not with jsonc-parser's `modify`, which would parse the whole file again for every fix.
 */
function declareIn(text: string, owner: ObjectASTNode, item: string, reporter: Reporter): Fix['edits'][number] | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const property = findProperty(owner, 'variables');
  const list = property?.valueNode;
  if (property && list?.type !== 'array') return undefined;
  let anchor: { readonly offset: number; readonly length: number } | undefined;
  let container: { readonly offset: number } = owner;
  let content = item;
  if (list?.type === 'array') {
    anchor = list.items[list.items.length - 1];
    container = list;
    if (!anchor) return reporter.edit(list.offset + 1, list.offset + 1, item);
  } else {
    anchor = owner.properties[owner.properties.length - 1];
    content = `"variables": [${item}]`;
    if (!anchor) return reporter.edit(owner.offset + 1, owner.offset + 1, ` ${content} `);
  }
  const end = anchor.offset + anchor.length;
  const indent = lineIndent(text, anchor.offset);
  const ownLine = indent !== undefined && /[\r\n]/.test(text.slice(container.offset, anchor.offset));
  return reporter.edit(end, end, ownLine ? `,${eol}${indent}${content}` : `, ${content}`);
}

function variableJson(key: string, secret: boolean): string {
  const entries: [string, unknown][] = [['key', key], ['label', labelForKey(key)]];
  if (secret) entries.push(['secret', true]);
  entries.push(['required', true]);
  return `{ ${entries.map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`).join(', ')} }`;
}

function methodName(method: AuthMethod): string {
  return method.nameNode?.value || method.id || 'unnamed';
}

/**
 * Quick fixes for a placeholder that matches no variable and has no close match: declare it in each place the scope
 * rules let the placeholder see — its endpoint, the auth method (its own, or the endpoint's only one), the connector. A
 * name that looks like a credential is declared `"secret": true`, preferably on the auth method.
 */
export function declareVariableFixes(text: string, root: ObjectASTNode, use: PlaceholderUse, site: PlaceholderSite, reporter: Reporter): Pick<Diagnostic, 'data'> | undefined {
  const secret = looksLikeSecretName(use.key);
  const item = variableJson(use.key, secret);
  const what = secret ? 'a secret variable' : 'a variable';
  const places: { title: string; owner: ObjectASTNode; level: 'endpoint' | 'auth' | 'connector' }[] = [];
  const method = 'method' in site ? site.method : site.methods.length === 1 ? site.methods[0] : undefined;
  if ('endpoint' in site) places.push({ title: `endpoint '${site.endpoint.nameNode?.value ?? 'unnamed'}'`, owner: site.endpoint.node, level: 'endpoint' });
  if (method) places.push({ title: `auth method '${methodName(method)}'`, owner: method.node, level: 'auth' });
  places.push({ title: 'the connector', owner: root, level: 'connector' });
  const preferred = secret && method ? 'auth' : places[0].level;
  const fixes: Fix[] = [];
  for (const place of places) {
    const edit = declareIn(text, place.owner, item, reporter);
    if (edit) fixes.push({ title: `Declare ${use.key} as ${what} of ${place.title}`, edits: [edit], preferred: place.level === preferred });
  }
  if (fixes.length === 0) return undefined;
  const data: FixData = { fixes: fixes.sort((a, b) => Number(b.preferred === true) - Number(a.preferred === true)) };
  return { data };
}
