import { classifyError, classifyResponse } from './classify';
import { encodeBody, type FilledRequest } from './fill';
import { followRedirect, isRedirect, uniqueCarriers, type Hop } from './redirect';
import { createRedactor, redactDeep, type Redactor } from './redact';
import type { ReceivedResponse, RedirectRecord, RequestResult, SentRequest, Verdict } from './result';
import { createTransport, type Transport } from './transport';

/** Limits and I/O for sending. */
export interface SendOptions {
  /** Default 30 000. */
  readonly timeoutMs?: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  /** Default 5 MB; the body is cut there and marked truncated. */
  readonly maxResponseBytes?: number;
  /** Aborts the request (the VS Code progress notification's Cancel, Ctrl+C on the command line). */
  readonly signal?: AbortSignal;
  /** Proxy and TLS; a direct transport with verification on when absent. */
  readonly transport?: Transport;
  /** Sent when the request sets no User-Agent of its own. */
  readonly userAgent?: string;
}

/** The defaults of DESIGN §5.5. */
export const sendDefaults = { timeoutMs: 30_000, maxRedirects: 5, maxResponseBytes: 5 * 1024 * 1024, userAgent: 'ConnectorTokenAuth/0.1' } as const;

function headerRecord(headers: Iterable<[string, string]>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) record[name] = name in record ? `${record[name]}, ${value}` : value;
  return record;
}

function hopHeaders(hop: Hop, userAgent: string): [string, string][] {
  const headers: [string, string][] = hop.headers.map((h) => [h.key, h.value]);
  // Some APIs refuse requests without a User-Agent of their own; fetch's default says only "node" or "undici".
  if (!hop.headers.some((h) => h.key.toLowerCase() === 'user-agent')) headers.push(['User-Agent', userAgent]);
  return headers;
}

interface BodyRead {
  readonly bytes: Buffer;
  readonly truncated: boolean;
}

async function readBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyRead> {
  if (!body) return { bytes: Buffer.alloc(0), truncated: false };
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks, size), truncated: false };
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks, size).subarray(0, limit), truncated: true };
    }
  }
}

const binaryType = /^(image|audio|video|font)\/|application\/(octet-stream|pdf|zip|gzip|x-tar|vnd\.)/i;

/**
 * Decodes a body for display: UTF-8 or the declared charset; JSON pretty-printed. A JSON body's strings are redacted
 * once parsed, in their plain form, before they are escaped again for display.
 */
function decodeBody(read: BodyRead, contentType: string | undefined, redactor: Redactor): Pick<ReceivedResponse, 'body' | 'note'> {
  const { bytes } = read;
  if (bytes.length === 0) return { body: '' };
  if ((contentType && binaryType.test(contentType)) || bytes.includes(0)) {
    return { body: '', note: `${bytes.length} bytes of binary content${contentType ? ` (${contentType})` : ''}, not shown.` };
  }
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  let text: string;
  let note: string | undefined;
  try {
    text = new TextDecoder(charset ?? 'utf-8', { fatal: !charset }).decode(bytes);
  } catch {
    // Not UTF-8 and no charset named: show it as the web does, as windows-1252, and say so.
    text = new TextDecoder('windows-1252').decode(bytes);
    note = 'The body is not valid UTF-8 and names no charset: it is shown as Windows-1252.';
  }
  // Redacted before it is parsed, too: parsing changes what a secret looks like (a long number is rounded).
  text = redactor.redact(text);
  if (!read.truncated && (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(text))) {
    try {
      text = JSON.stringify(redactDeep(JSON.parse(text) as unknown, redactor), null, 2);
    } catch {
      // Not JSON after all: shown as it came.
    }
  }
  return { body: read.truncated ? redactor.redactCut(text) : text, note };
}

class Timeout extends Error {}

/** A header that carries a secret, as shown: its scheme, if any, and `•••`, whether or not the redactor recognises the form. */
function shownSecretHeader(value: string, redactor: Redactor): string {
  const redacted = redactor.redact(value);
  if (redacted !== value) return redacted;
  const scheme = /^([A-Za-z][\w-]*)\s+\S/.exec(value)?.[1];
  return scheme ? `${scheme} •••` : '•••';
}

/**
 * Sends a filled request (DESIGN §5.5–5.7): redirects by hand with the secret carriers withheld from other origins,
 * a timeout, a response-size limit and cancellation; classifies the outcome; redacts every string of the result.
 * Never throws: every failure is a result.
 */
export async function sendRequest(request: FilledRequest, options: SendOptions = {}): Promise<RequestResult> {
  // setTimeout takes at most 2^31 - 1 ms (about 24 days); a larger delay would fire at once.
  const timeoutMs = Math.min(options.timeoutMs ?? sendDefaults.timeoutMs, 2 ** 31 - 1);
  const maxRedirects = options.maxRedirects ?? sendDefaults.maxRedirects;
  const maxResponseBytes = options.maxResponseBytes ?? sendDefaults.maxResponseBytes;
  const userAgent = options.userAgent ?? sendDefaults.userAgent;
  const redactor = createRedactor(request.secrets, request.companions);
  const ownTransport = options.transport ? undefined : await createTransport();
  const transport = options.transport ?? ownTransport!;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Timeout()), timeoutMs);
  const onCancel = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onCancel();
  else options.signal?.addEventListener('abort', onCancel, { once: true });

  const started = performance.now();
  const firstUrl = new URL(request.url);
  const origin = firstUrl.origin;
  let hop: Hop = { method: request.method, url: firstUrl, headers: request.headers, body: request.body?.fields, crossed: false };
  const redirects: RedirectRecord[] = [];
  const sent: SentRequest = {
    method: request.method,
    url: request.url,
    headers: headerRecord(hopHeaders({ ...hop, headers: hop.headers.map((h) => (h.secret ? { ...h, value: shownSecretHeader(h.value, redactor) } : h)) }, userAgent)),
    body: request.body ? encodeBody(request.body) : undefined,
  };
  let verdict: Verdict | undefined;
  let status: number | undefined;
  let statusText: string | undefined;
  let response: ReceivedResponse | undefined;

  try {
    for (;;) {
      const answer = await transport.fetch(hop.url.href, {
        method: hop.method,
        headers: hopHeaders(hop, userAgent),
        body: hop.body !== undefined && request.body ? encodeBody(request.body, hop.body) : undefined,
        redirect: 'manual',
        signal: controller.signal,
      });
      status = answer.status;
      statusText = answer.statusText;
      if (isRedirect(answer.status)) {
        await answer.body?.cancel().catch(() => undefined);
        if (redirects.length >= maxRedirects) {
          const location = answer.headers.get('location');
          const next = location ? URL.parse(location, hop.url.href)?.href : undefined;
          const loop = next !== undefined && (next === firstUrl.href || redirects.some((r) => r.to === next));
          verdict = {
            classification: 'Unexpected response',
            reason: 'redirect-limit',
            explanation: `The server kept redirecting${loop ? ' in a loop' : ''}: ${maxRedirects} redirects were followed, the limit, and the next was not; check the URL.`,
          };
          response = { headers: headerRecord(answer.headers), body: '', bytes: 0, truncated: false };
          break;
        }
        const decision = followRedirect(hop, answer.status, answer.headers.get('location'), origin, redactor);
        if (decision.stop) {
          verdict = decision.stop;
          response = { headers: headerRecord(answer.headers), body: '', bytes: 0, truncated: false };
          break;
        }
        redirects.push(decision.record);
        hop = decision.hop;
        continue;
      }
      const headers = headerRecord(answer.headers);
      const contentType = answer.headers.get('content-type') ?? undefined;
      const read = await readBody(answer.body, maxResponseBytes);
      response = { headers, bytes: read.bytes.length, truncated: read.truncated, contentType, ...decodeBody(read, contentType, redactor) };
      verdict = classifyResponse({ status: answer.status, statusText: answer.statusText, headers, body: response.body, expectStatus: request.expectStatus, provider: request.provider });
      break;
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof Timeout) {
      verdict = { classification: 'Unreachable', reason: 'timeout', explanation: `No complete answer from ${hop.url.host} within ${timeoutMs} ms: the server is slow or unreachable; try again or raise the timeout.` };
    } else if (controller.signal.aborted) {
      verdict = { classification: 'Cancelled', reason: 'cancelled', explanation: 'The request was cancelled before the answer was complete.' };
    } else {
      verdict = classifyError(error, hop.url, timeoutMs, transport.proxyFor(hop.url), (text) => redactor.redact(text));
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
    await ownTransport?.close();
  }

  const withheld = uniqueCarriers(redirects.flatMap((record) => record.withheld));
  if (verdict.classification === 'Failed authentication' && withheld.length > 0) {
    verdict = {
      ...verdict,
      explanation: `${hop.url.origin} answered ${status} after a redirect from ${origin}, so the credentials were withheld from it: if you trust that origin, send the request to it directly.`,
    };
  }
  const result: RequestResult = {
    ...verdict,
    title: request.title,
    status,
    statusText,
    url: hop.url.href,
    durationMs: Math.round(performance.now() - started),
    redirects,
    withheldCredentials: withheld,
    omitted: request.omitted,
    request: sent,
    response,
    tlsVerification: transport.tlsVerification,
    proxy: transport.proxyFor(firstUrl),
  };
  return redactResult(result, redactor);
}

/** The last step of every path out of the core: each string of the result through the redactor, and header names. */
export function redactResult(result: RequestResult, redactor: Redactor): RequestResult {
  const redacted = redactDeep(result, redactor, (path) => path[path.length - 1] === 'headers');
  // Our own vocabulary (classification, reason, methods, carrier kinds) is no secret: a secret of a letter or two would
  // otherwise break it.
  const kinds = <T extends { kind: string }>(list: readonly T[], original: readonly T[]): T[] => list.map((item, index) => ({ ...item, kind: original[index].kind }));
  return {
    ...redacted,
    classification: result.classification,
    reason: result.reason,
    request: { ...redacted.request, method: result.request.method },
    redirects: redacted.redirects.map((redirect, index) => ({ ...redirect, method: result.redirects[index].method, withheld: kinds(redirect.withheld, result.redirects[index].withheld) })),
    withheldCredentials: kinds(redacted.withheldCredentials, result.withheldCredentials),
    omitted: kinds(redacted.omitted, result.omitted),
  };
}
