import type { StringASTNode } from 'vscode-json-languageservice';
import { rules } from '../codes';
import { fillSample, parseUrl, type Analysis, type RequestStrings, type SampleUrl, type Scope } from '../analysis';
import type { AuthMethod, RequestDefinition } from '../model';
import { contentBounds } from '../placeholders';
import { quote, Reporter } from './report';

const maxUrlLength = 255;

/**
 * Fills and parses a request's URL with the scope it is first checked in (an endpoint's first auth method), once per
 * analysis; `url` is undefined when it is not a valid absolute URL.
 */
export function sampleUrl(analysis: Analysis, request: RequestDefinition, scope: Scope): SampleUrl | undefined {
  if (analysis.sampleUrls.has(request)) return analysis.sampleUrls.get(request);
  const sample = computeSampleUrl(request, scope);
  analysis.sampleUrls.set(request, sample);
  return sample;
}

/** Fills and parses a request's URL without caching. */
export function computeSampleUrl(request: RequestDefinition, scope: Scope): SampleUrl | undefined {
  // A URL far past the length limit (reported as url-too-long) is not filled or parsed at all.
  if (!request.urlNode || request.urlNode.value.length > 8 * maxUrlLength) return undefined;
  const filled = fillSample(request.urlNode.value, scope);
  return { filled, url: parseUrl(filled) };
}

/**
 * The document offsets of a URL's user info (`user:password` before the `@` of `https://user:password@host`), or
 * undefined when the URL has none. Read from the raw text, where a placeholder may stand for any part.
 */
export function userinfoBounds(text: string, urlNode: StringASTNode): [number, number] | undefined {
  const [start, end] = contentBounds(text, urlNode);
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(text.slice(start, Math.min(end, start + 64)));
  if (!scheme) return undefined;
  const authorityStart = start + scheme[0].length;
  let authorityEnd = authorityStart;
  while (authorityEnd < end && !'/?#'.includes(text[authorityEnd])) authorityEnd++;
  const at = text.lastIndexOf('@', authorityEnd - 1);
  return at >= authorityStart ? [authorityStart, at] : undefined;
}

/** Whether a host name is a loopback address, where plain http cannot be overheard. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function sendsSecret(strings: RequestStrings, scope: Scope): boolean {
  return strings.uses.some((use) => scope.get(use.key)?.secret === true);
}

const plainHttp = /^http:\/\//i;

/**
 * Reports plain http on the URL's `http://`, or, when the scheme comes from a leading placeholder
 * (`{{base_url}}/v1/me`), on that placeholder, with the fix in the variable's default.
 */
function reportInsecureHttp(text: string, urlNode: StringASTNode, scope: Scope, via: string, reporter: Reporter): void {
  const message = `This request sends a secret${via} over plain http://, where anyone on the network can read it: use https://.`;
  const [start, end] = contentBounds(text, urlNode);
  if (plainHttp.test(text.slice(start, end))) {
    const schemeEnd = start + 'http://'.length;
    reporter.at(rules.insecureHttp, start, schemeEnd, message, reporter.fix('Use https://', reporter.edit(start, schemeEnd, 'https://')));
    return;
  }
  const leading = /^\{\{([^{}]*)\}\}/.exec(text.slice(start, end));
  const variable = leading ? scope.get(leading[1]) : undefined;
  if (!leading || !variable?.defaultNode) {
    // Escaped (`http:\/\/`) or otherwise not where a plain edit can reach: no fix.
    reporter.at(rules.insecureHttp, start, end, message);
    return;
  }
  const [defaultStart, defaultEnd] = contentBounds(text, variable.defaultNode);
  const fix = plainHttp.test(text.slice(defaultStart, defaultEnd))
    ? reporter.fix(`Use https:// in the default of ${variable.key}`, reporter.edit(defaultStart, defaultStart + 'http://'.length, 'https://'))
    : undefined;
  reporter.at(rules.insecureHttp, start, start + leading[0].length, `${message.slice(0, -1)} in the default of ${quote(variable.key)}.`, fix);
}

/** URL rules: absolute http(s), length, and plain http when a secret is sent. */
export function checkUrls(analysis: Analysis, reporter: Reporter): void {
  /** `secrets` says whether the request sends a secret, and through which auth methods; asked only for plain http. */
  const checkOne = (request: RequestDefinition, scope: Scope, secrets: () => { sent: boolean; methods: readonly AuthMethod[] }): void => {
    const urlNode = request.urlNode;
    if (urlNode && urlNode.value.length > maxUrlLength) {
      reporter.on(rules.urlTooLong, urlNode, `This URL is ${urlNode.value.length} characters long; the builder accepts at most ${maxUrlLength}: move query values into \`urlParameters\`.`);
    }
    const sample = sampleUrl(analysis, request, scope);
    if (!urlNode || !sample) return;
    const { url } = sample;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
      reporter.on(rules.invalidUrl, urlNode, `This URL is not an absolute http(s) URL once placeholders are filled (${quote(sample.filled)}): start it with \`https://\` and a host.`);
      return;
    }
    if (url.protocol !== 'http:' || isLoopback(url.hostname)) return;
    const { sent, methods } = secrets();
    if (sent) {
      const via = methods.length > 0 ? ` (through auth method ${methods.map((m) => quote(m.id ?? '')).join(', ')})` : '';
      reportInsecureHttp(analysis.text, urlNode, scope, via, reporter);
    }
  };

  for (const { method, strings, scope } of analysis.authMethods) {
    checkOne(method, scope, () => ({ sent: sendsSecret(strings, scope), methods: [] }));
  }
  for (const { endpoint, strings, methods, scopes } of analysis.endpoints) {
    checkOne(endpoint, scopes[0], () => {
      const secretMethods = methods.filter((method, index) => {
        const methodAnalysis = analysis.methodsById.get(method.id ?? '');
        return sendsSecret(strings, scopes[index]) || (methodAnalysis !== undefined && sendsSecret(methodAnalysis.strings, methodAnalysis.scope));
      });
      return { sent: secretMethods.length > 0 || (methods.length === 0 && sendsSecret(strings, scopes[0])), methods: secretMethods };
    });
  }
}
