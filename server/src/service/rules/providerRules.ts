import type { StringASTNode } from 'vscode-json-languageservice';
import { rules } from '../codes';
import { emptyScope, type Analysis, type PlaceholderUse, type Scope, type UrlParts } from '../analysis';
import type { AuthMethod, Parameter, RequestDefinition } from '../model';
import { contentBounds, locate } from '../placeholders';
import { formattingOf, pathOf, tryModify } from './jsonEdits';
import { quote, Reporter } from './report';
import { computeSampleUrl, sampleUrl } from './urlRules';

/** The systems of DESIGN §3 that have provider rules. */
export type Provider = 'shopify' | 'eva' | 'hubspot' | 'airtable' | 'odoo';

const providerNames: Record<Provider, string> = { shopify: 'Shopify', eva: 'EVA', hubspot: 'HubSpot', airtable: 'Airtable', odoo: 'Odoo' };
const shopifyVersion = /^(?:\d{4}-(?:01|04|07|10)|unstable)$/;

/** Recognises a provider from a URL filled with sample values. */
export function providerOf(url: UrlParts): Provider | undefined {
  const host = url.hostname.toLowerCase();
  if (host.endsWith('.myshopify.com')) return 'shopify';
  if (host.endsWith('.eva-online.cloud')) return 'eva';
  if (host === 'hubapi.com' || host.endsWith('.hubapi.com')) return 'hubspot';
  if (host === 'api.airtable.com') return 'airtable';
  if (url.pathname.startsWith('/json/2/')) return 'odoo';
  return undefined;
}

function header(headers: readonly Parameter[], name: string): Parameter | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.keyNode?.value.toLowerCase() === lower);
}

interface ProviderRequest {
  readonly request: RequestDefinition;
  readonly provider: Provider;
  readonly scope: Scope;
  readonly uses: readonly PlaceholderUse[];
  /** The headers sent: the request's own plus, for an endpoint, its auth method's. */
  readonly headers: readonly Parameter[];
  readonly method?: AuthMethod;
}

function providerRequests(analysis: Analysis): ProviderRequest[] {
  const result: ProviderRequest[] = [];
  for (const { method, strings, scope } of analysis.authMethods) {
    const provider = sampleProvider(analysis, method, scope);
    if (provider) result.push({ request: method, provider, scope, uses: strings.uses, headers: method.headers, method });
  }
  for (const { endpoint, strings, methods, scopes } of analysis.endpoints) {
    const provider = sampleProvider(analysis, endpoint, scopes[0]);
    if (!provider) continue;
    if (methods.length === 0) result.push({ request: endpoint, provider, scope: scopes[0], uses: strings.uses, headers: endpoint.headers });
    methods.forEach((method, index) => {
      result.push({ request: endpoint, provider, scope: scopes[index], uses: strings.uses, headers: [...endpoint.headers, ...method.headers], method });
    });
  }
  return result;
}

/** Every provider's URL holds one of these, so most URLs need no second, neutral fill. */
const providerHint = /myshopify\.com|eva-online\.cloud|hubapi\.com|api\.airtable\.com|\/json\/2\//i;

function sampleProvider(analysis: Analysis, request: RequestDefinition, scope: Scope): Provider | undefined {
  const url = sampleUrl(analysis, request, scope)?.url;
  const provider = url ? providerOf(url) : undefined;
  if (provider || !providerHint.test(request.urlNode?.value ?? '')) return provider;
  // A wrong default (`https://my-store.myshopify.com` as the store name) must not hide the provider: retry with neutral samples.
  const neutral = computeSampleUrl(request, emptyScope)?.url;
  return neutral ? providerOf(neutral) : undefined;
}

/** A quick fix that adds `"method": "POST"` to a request whose method is the implied GET. */
function addPostMethod(text: string, request: RequestDefinition, reporter: Reporter): ReturnType<Reporter['fix']> | undefined {
  const insert = tryModify(text, [...pathOf(request.node), 'method'], 'POST', { formattingOptions: formattingOf(text) });
  return insert ? reporter.fix('Use POST', ...insert.map((e) => reporter.edit(e.offset, e.offset + e.length, e.content))) : undefined;
}

/** The document offsets of a value's leading `Bearer ` (read from the raw text, so escape sequences cannot shift them). */
function leadingBearer(text: string, value: StringASTNode): [number, number] | undefined {
  const [start, end] = contentBounds(text, value);
  const scheme = /^\s*bearer\s*/i.exec(text.slice(start, end));
  return scheme ? [start, start + scheme[0].length] : undefined;
}

/** Provider rules for Shopify, EVA, HubSpot, Airtable and Odoo. */
export function checkProviders(analysis: Analysis, reporter: Reporter): void {
  const { text } = analysis;
  const done = new Set<unknown>();
  const once = (key: unknown, report: () => void): void => {
    if (done.has(key)) return;
    done.add(key);
    report();
  };

  for (const item of providerRequests(analysis)) {
    const { request, provider, scope, headers, method } = item;
    const urlNode = request.urlNode!;
    const authorization = header(headers, 'Authorization');
    if (method && method.type === 'token') checkTokenHeader(item, authorization, text, reporter, once);

    if (provider === 'shopify') {
      checkShopifyUrl(text, urlNode, item.uses, scope, reporter, once);
    } else if (provider === 'eva' && !header(headers, 'EVA-User-Agent')) {
      once(`eva:${urlNode.offset}`, () => reporter.on(rules.evaUserAgent, urlNode, 'EVA requires an `EVA-User-Agent` header (for example `MyConnector/1.0`): add it to the auth method\'s headers.'));
    } else if (provider === 'odoo' && request.method !== 'POST') {
      const node = request.methodNode ?? urlNode;
      // contentBounds, not offset + 1 … length - 1, so that an unterminated `"` gets an edit that does not end before it starts.
      const fix = request.methodNode ? reporter.fix('Use POST', reporter.edit(...contentBounds(text, node), 'POST')) : addPostMethod(text, request, reporter);
      once(`odoo:${node.offset}`, () => reporter.on(rules.odooJson2Method, node, `Odoo's JSON-2 API takes only POST requests, not ${quote(request.method)}: set \`"method": "POST"\`.`, fix));
    }
  }
}

function checkTokenHeader(item: ProviderRequest, authorization: Parameter | undefined, text: string, reporter: Reporter, once: (key: unknown, report: () => void) => void): void {
  const { provider, method } = item;
  if (!method) return;
  const name = providerNames[provider];
  if (provider === 'shopify') {
    if (authorization?.keyNode) {
      const node = authorization.keyNode;
      const value = authorization.valueNode;
      const edits = [reporter.edit(...contentBounds(text, node), 'X-Shopify-Access-Token')];
      const scheme = value?.type === 'string' ? leadingBearer(text, value) : undefined;
      if (scheme) edits.push(reporter.edit(...scheme, ''));
      once(node, () => reporter.on(rules.shopifyTokenHeader, node, 'Shopify\'s Admin API takes the token in `X-Shopify-Access-Token: {{token}}`, not in `Authorization`: rename the header and drop `Bearer`.',
        reporter.fix('Use X-Shopify-Access-Token', ...edits)));
    }
    const value = header(method.headers, 'X-Shopify-Access-Token')?.valueNode;
    if (value?.type === 'string' && /^\s*bearer\b/i.test(value.value)) {
      const [start, end] = locate(text, value, value.value.trim().split(/\s+/)[0]);
      const scheme = leadingBearer(text, value);
      once(value, () => reporter.at(rules.shopifyTokenHeader, start, end, '`X-Shopify-Access-Token` takes the bare token, without `Bearer`: write `{{token}}`.',
        scheme ? reporter.fix('Remove Bearer', reporter.edit(...scheme, '')) : undefined));
    }
    return;
  }
  if (provider === 'hubspot' || provider === 'airtable' || provider === 'odoo') {
    const value = authorization?.valueNode;
    if (!authorization) {
      const node = method.urlNode ?? method.typeNode;
      if (node) once(`bearer:${method.node.offset}`, () => reporter.on(rules.bearerRequired, node, `${name} takes the token as \`Authorization: Bearer {{token}}\`: add that header to this auth method.`));
    } else if (value?.type === 'string' && !/^\s*bearer\s/i.test(value.value)) {
      const [start, end] = contentBounds(text, value);
      const fix = /^\s*\{\{/.test(value.value) ? reporter.fix('Add the Bearer scheme', reporter.edit(start, start, 'Bearer ')) : undefined;
      once(value, () => reporter.at(rules.bearerRequired, start, end, `${name} takes the token as \`Bearer {{token}}\`: start the value with \`Bearer \`.`, fix));
    }
  }
}

function checkShopifyUrl(text: string, urlNode: StringASTNode, uses: readonly PlaceholderUse[], scope: Scope, reporter: Reporter, once: (key: unknown, report: () => void) => void): void {
  const [start, end] = contentBounds(text, urlNode);
  const raw = text.slice(start, end);
  const schemeEnd = raw.indexOf('://');
  const pathStart = raw.indexOf('/', schemeEnd < 0 ? 0 : schemeEnd + 3);
  const hostEnd = pathStart < 0 ? raw.length : pathStart;
  for (const use of uses) {
    if (use.stringNode !== urlNode || use.start - start > hostEnd) continue;
    const defaultNode = scope.get(use.key)?.defaultNode;
    if (defaultNode && /:\/\/|myshopify\.com|\//i.test(defaultNode.value)) {
      once(defaultNode, () => reporter.on(rules.shopifyStoreName, defaultNode, `${quote(use.key)} fills the host's first label: give only the store's handle (\`my-store\`), without \`https://\` or \`.myshopify.com\`.`));
    }
  }
  const version = /\/admin\/api\/([^/?#]+)/.exec(raw);
  if (!version) return;
  const segment = version[1];
  const segmentStart = start + version.index + '/admin/api/'.length;
  const placeholder = /^\{\{([^{}]+)\}\}$/.exec(segment);
  if (placeholder) {
    const defaultNode = scope.get(placeholder[1])?.defaultNode;
    if (defaultNode && !shopifyVersion.test(defaultNode.value)) {
      once(defaultNode, () => reporter.on(rules.shopifyApiVersion, defaultNode, `${quote(defaultNode.value)} is not a Shopify API version: versions are quarterly, \`YYYY-01\`, \`-04\`, \`-07\` or \`-10\` (or \`unstable\`).`));
    }
  } else if (!segment.includes('{{') && !shopifyVersion.test(segment)) {
    once(`version:${segmentStart}`, () => reporter.at(rules.shopifyApiVersion, segmentStart, segmentStart + segment.length, `${quote(segment)} is not a Shopify API version: versions are quarterly, \`YYYY-01\`, \`-04\`, \`-07\` or \`-10\` (or \`unstable\`).`));
  }
}
