/** Fetches an API description by URL for New Connector from OpenAPI: http(s) only, no credentials, size and time limited. */
import type { Transport } from '../request/transport';
import { ImportError } from './connector';

/** Limits and I/O of a fetch. */
export interface FetchDescriptionOptions {
  /** Proxy and TLS, as test requests use them. */
  readonly transport: Transport;
  /** The body is refused past this many bytes. */
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  readonly signal?: AbortSignal;
}

/** The default size limit: GitHub's REST description, one of the largest, is 13 MB. */
export const maxDescriptionBytes = 64 * 1024 * 1024;

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Why a URL cannot be fetched, for an input box's validation; undefined when it can. */
export function checkDescriptionUrl(text: string): string | undefined {
  const url = httpUrl(text);
  if (!url) return 'Enter the http:// or https:// URL of an OpenAPI or Swagger description (JSON or YAML).';
  if (url.username || url.password) return 'Enter a URL without a user name or password: the description is fetched without credentials.';
  return undefined;
}

/** The description's text: redirects followed (at most 5, http(s) only), nothing sent but `Accept`; one sentence on failure. */
export async function fetchDescription(text: string, options: FetchDescriptionOptions): Promise<string> {
  const problem = checkDescriptionUrl(text);
  if (problem) throw new ImportError(problem);
  let url = httpUrl(text)!;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const maxRedirects = options.maxRedirects ?? 5;
  try {
    for (let hops = 0; ; hops++) {
      const response = await options.transport.fetch(url.href, {
        method: 'GET',
        headers: [['Accept', 'application/json, application/yaml, text/yaml, */*;q=0.5'], ['User-Agent', 'ConnectorTokenAuth/0.1 (import)']],
        redirect: 'manual',
        signal,
      });
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel().catch(() => undefined);
        const next = httpUrl(new URL(response.headers.get('location')!, url).href);
        if (!next) throw new ImportError('The description\'s URL redirects to something that is not http or https.');
        if (hops >= maxRedirects) throw new ImportError(`The description's URL redirects more than ${maxRedirects} times.`);
        url = next;
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        await response.body?.cancel().catch(() => undefined);
        throw new ImportError(`The server answered ${response.status} ${response.statusText} for the description: check the URL.`.replace(/ +:/, ':'));
      }
      const length = Number(response.headers.get('content-length') ?? NaN);
      if (length > options.maxBytes) throw new ImportError(`The description is larger than ${describeSize(options.maxBytes)}: download it and import the file.`);
      return await readLimited(response.body, options.maxBytes);
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (timeout.aborted) throw new ImportError(`The description did not arrive within ${Math.round(options.timeoutMs / 1000)} seconds.`);
    if (options.signal?.aborted) throw new ImportError('Fetching the description was cancelled.');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ImportError(`Cannot fetch the description from ${url.origin}: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}.`);
  }
}

async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ImportError(`The description is larger than ${describeSize(limit)}: download it and import the file.`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, size));
}
