import type { Provider } from '../../../server/src/service/plan';
import type { Verdict } from './result';

/** What classification reads of a response. */
export interface ResponseFacts {
  readonly status: number;
  readonly statusText?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly expectStatus?: readonly number[];
  readonly provider?: Provider;
}

function statusLine(facts: ResponseFacts): string {
  return facts.statusText ? `${facts.status} ${facts.statusText}` : String(facts.status);
}

function jsonField(body: string, ...path: string[]): unknown {
  try {
    let value: unknown = JSON.parse(body);
    for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value;
  } catch {
    return undefined;
  }
}

function failed(reason: Verdict['reason'], explanation: string): Verdict {
  return { classification: 'Failed authentication', reason, explanation };
}

function unexpected(reason: Verdict['reason'], explanation: string): Verdict {
  return { classification: 'Unexpected response', reason, explanation };
}

/** The provider cases of DESIGN §3, where a status means more than it says. */
function providerVerdict(facts: ResponseFacts): Verdict | undefined {
  const { status, body } = facts;
  switch (facts.provider) {
    case 'hubspot':
      if (status === 403 || jsonField(body, 'category') === 'MISSING_SCOPES') {
        return failed('missing-scopes', 'HubSpot accepted the token but it lacks the scopes this request needs (403): add them to the private app, then use its token again.');
      }
      break;
    case 'shopify':
      if (status === 402) return unexpected('shop-frozen', 'Shopify answered 402 Payment Required: the store is frozen (an unpaid bill), so its API is closed until the owner pays; the token itself may be fine.');
      if (status === 423) return unexpected('shop-locked', 'Shopify answered 423 Locked: the store is locked (for example for fraud review), so its API is closed; the token itself may be fine.');
      if (status === 401) {
        return failed('unauthorized', 'Shopify refused the access token (401): send the Admin API access token of an installed custom app in `X-Shopify-Access-Token`, without `Bearer`.');
      }
      break;
    case 'odoo':
      if (status === 401 || /invalid api ?key/i.test(body)) {
        return failed('invalid-api-key', 'Odoo refused the API key ("Invalid apikey"): create a new key under Preferences → Account Security and send it as `Authorization: bearer <key>`.');
      }
      break;
    case 'eva':
      if (status === 403 || jsonField(body, 'Error', 'Type') === 'Forbidden') {
        return failed('forbidden', 'EVA refused the token (403 Forbidden): check the API user token, and that its user may call this service in this environment.');
      }
      break;
    case 'airtable':
      if (status === 401) return failed('unauthorized', 'Airtable refused the token (401): use a personal access token (`pat…`) sent as `Authorization: Bearer <token>`.');
      break;
  }
  return undefined;
}

/** Classifies an HTTP answer (DESIGN §5.6): Operational, Failed authentication or Unexpected response, with one sentence. */
export function classifyResponse(facts: ResponseFacts): Verdict {
  const { status, expectStatus } = facts;
  const line = statusLine(facts);
  if (expectStatus ? expectStatus.includes(status) : status >= 200 && status < 300) {
    return {
      classification: 'Operational',
      reason: expectStatus ? 'expected-status' : 'success-status',
      explanation: `The server answered ${line}${expectStatus ? ', a status this auth method expects' : ''}: the credentials work.`,
    };
  }
  const provider = providerVerdict(facts);
  if (provider) return provider;
  if (status >= 200 && status < 300) {
    return unexpected('unexpected-success', `The server answered ${line}, but this auth method expects ${expectStatus!.join(' or ')}: check the URL, or the statuses in \`expect.status\`.`);
  }
  if (status === 401) return failed('unauthorized', `The server answered ${line}: the token is missing, wrong or expired, or it is sent with the wrong header or scheme.`);
  if (status === 403) return failed('forbidden', `The server answered ${line}: it refuses this token; check its permissions or scopes.`);
  if (status === 407) return unexpected('proxy-auth', `The proxy answered ${line}: give the proxy's credentials in the proxy URL.`);
  if (status === 404) return unexpected('not-found', `The server answered ${line}: check the URL's host, path and API version.`);
  if (status === 429) {
    const retry = facts.headers['retry-after'];
    return unexpected('rate-limited', `The server answered ${line}: too many requests; wait${retry ? ` (Retry-After: ${retry})` : ''} and send again.`);
  }
  if (status >= 500) return unexpected('server-error', `The server answered ${line}: it failed on its side; try again later, or check its status page.`);
  if (status >= 300 && status < 400) return unexpected('redirect-invalid', `The server answered ${line} without a usable \`Location\`: nothing more was requested.`);
  return unexpected('client-error', `The server answered ${line}: it rejected the request itself; the response body says why.`);
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The innermost error's message, redacted before its white space is folded (folding would hide a secret from the redactor). */
function innermostMessage(error: unknown, redact: (text: string) => string): string {
  let message = error instanceof Error ? error.message : String(error);
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error && current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return redact(message).replace(/\s+/g, ' ').replace(/[.\s]+$/, '');
}

const trustHint = 'if it is signed by your organisation\'s private CA, trust that CA by starting with NODE_EXTRA_CA_CERTS=/path/to/ca.pem';

/**
 * Classifies a failure to get an answer (DESIGN §5.6 Unreachable), one sentence per cause. `proxy` is the origin of
 * the proxy the request went through; `redact` is applied to any text taken from the error.
 */
export function classifyError(error: unknown, url: URL, timeoutMs: number, proxy: string | undefined, redact: (text: string) => string = (text) => text): Verdict {
  const code = errorCode(error);
  const host = url.host;
  const unreachable = (reason: Verdict['reason'], explanation: string): Verdict => ({ classification: 'Unreachable', reason, explanation });
  if (proxy && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
    return unreachable('proxy', `The proxy ${proxy} cannot be reached (${code === 'ECONNREFUSED' ? 'connection refused' : 'its host name does not resolve'}): check the proxy setting, or whether the proxy is running.`);
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return unreachable('dns', `The host name ${url.hostname} could not be resolved (DNS): check the host in the URL and your network.`);
    case 'ECONNREFUSED':
      return unreachable('refused', `Nothing accepts connections at ${host} (connection refused): check the host and port, and that the server is running.`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return unreachable('reset', `The connection to ${host} was closed before the answer was complete (reset): try again; if it keeps happening, a proxy or firewall may be cutting it.`);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return unreachable('timeout', `Connecting to ${host} timed out: check the host and port, and whether a firewall or proxy is in the way.`);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return unreachable('tls-self-signed', `The TLS certificate of ${host} is self-signed, so its identity cannot be verified and nothing was sent; ${trustHint}.`);
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return unreachable('tls-expired', `The TLS certificate of ${host} has expired (or is not valid yet), so nothing was sent: the server's owner must renew it.`);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return unreachable('tls-hostname', `The TLS certificate presented by ${host} is for another host name, so nothing was sent: check the host in the URL.`);
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_UNTRUSTED':
      return unreachable('tls-untrusted', `The TLS certificate of ${host} is signed by a certificate authority this machine does not trust, so nothing was sent; ${trustHint}.`);
    case 'UND_ERR_HEADERS_OVERFLOW':
      return unexpected('headers-too-large', `The response headers from ${host} are larger than this client accepts (16 KB): the server or a proxy is sending too much.`);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return unreachable('timeout', `${host} stopped answering before the response was complete: try again, or raise the timeout (now ${timeoutMs} ms).`);
  }
  const message = innermostMessage(error, redact);
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS') || /certificate|tls|ssl/i.test(message)) {
    return unreachable('tls', `The TLS connection to ${host} failed (${message}), so nothing was sent; ${trustHint}.`);
  }
  if (proxy && /proxy|tunnel/i.test(message)) return unreachable('proxy', `The proxy ${proxy} could not reach ${host} (${message}): check the proxy settings.`);
  return unreachable('network', `The request to ${host} failed before an answer arrived (${message}).`);
}
