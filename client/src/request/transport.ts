import type { Dispatcher } from 'undici';

/** How requests reach the network: proxies and TLS verification. */
export interface TransportOptions {
  /** One proxy for http and https (VS Code's `http.proxy`). */
  readonly proxy?: string;
  /** A proxy for http URLs only, and one for https URLs only (the command line's environment). */
  readonly httpProxy?: string;
  readonly httpsProxy?: string;
  /** Hosts that bypass the proxy, comma-separated, as curl reads `NO_PROXY`. */
  readonly noProxy?: string;
  /** False only when the user turned verification off (VS Code's `http.proxyStrictSSL`). Default true. */
  readonly rejectUnauthorized?: boolean;
}

/** What a request is sent with: the parts of fetch's options the request core uses. */
export interface FetchInit {
  readonly method: string;
  readonly headers: [string, string][];
  readonly body?: string;
  readonly redirect: 'manual';
  readonly signal: AbortSignal;
}

/** The parts of fetch's response the request core reads. */
export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null; [Symbol.iterator](): Iterator<[string, string]> };
  readonly body: ReadableStream<Uint8Array> | null;
}

/** A fetch, its proxies and TLS settings, with what the result should say about them. */
export interface Transport {
  fetch(url: string, init: FetchInit): Promise<FetchResponse>;
  /** The origin of the proxy for a URL, or undefined when the URL is reached directly. */
  proxyFor(url: URL): string | undefined;
  readonly tlsVerification: boolean;
  close(): Promise<void>;
}

/** Proxy settings as curl reads the environment: lower case first; `http_proxy` for http, `https_proxy` for https, `all_proxy` for both. */
export function proxyFromEnvironment(env: Readonly<Record<string, string | undefined>>): Pick<TransportOptions, 'httpProxy' | 'httpsProxy' | 'noProxy'> {
  const read = (name: string): string | undefined => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  const all = read('all_proxy');
  return { httpProxy: read('http_proxy') ?? all, httpsProxy: read('https_proxy') ?? all, noProxy: read('no_proxy') };
}

function proxyOrigin(proxy: string): string {
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    throw new Error('The proxy setting is not a valid URL: write it as http://host:port.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The proxy setting uses ${url.protocol.replace(':', '')}, which is not supported: give an http:// or https:// proxy.`);
  return url.origin;
}

function bypasses(noProxy: string | undefined, url: URL): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return noProxy.split(/[,\s]+/).some((entry) => {
    const [name, port] = entry.trim().toLowerCase().split(/:(?=\d+$)/);
    if (!name) return false;
    if (name === '*') return true;
    if (port && port !== (url.port || (url.protocol === 'https:' ? '443' : '80'))) return false;
    const bare = name.replace(/^\*?\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/**
 * Creates the transport for test requests. Direct, with TLS verified, it is Node's own fetch (undici, built into Node:
 * nothing more to load); with a proxy, or verification turned off by the user, it is undici's fetch on its proxy
 * agents with NO_PROXY honoured. http and https URLs each use their own proxy (curl does not send https through
 * `http_proxy`). Throws one sentence for a proxy setting that is not a URL.
 */
export async function createTransport(options: TransportOptions = {}): Promise<Transport> {
  const rejectUnauthorized = options.rejectUnauthorized !== false;
  const httpProxy = options.httpProxy ?? options.proxy;
  const httpsProxy = options.httpsProxy ?? options.proxy;
  if (httpProxy) proxyOrigin(httpProxy);
  if (httpsProxy) proxyOrigin(httpsProxy);
  const proxyFor = (url: URL): string | undefined => {
    const proxy = url.protocol === 'https:' ? httpsProxy : httpProxy;
    return proxy && !bypasses(options.noProxy, url) ? proxyOrigin(proxy) : undefined;
  };
  if (!httpProxy && !httpsProxy && rejectUnauthorized) {
    return { fetch: (url, init) => fetch(url, init), proxyFor, tlsVerification: true, close: async () => undefined };
  }

  // Loaded only here: undici's module graph takes longer to load than the whole request it sends.
  const { Agent, Dispatcher, EnvHttpProxyAgent, fetch: undiciFetch } = await import('undici');
  const tls = { rejectUnauthorized };
  const direct = new Agent({ connect: tls });
  const via = (proxy: string | undefined): Dispatcher =>
    proxy ? new EnvHttpProxyAgent({ httpProxy: proxy, httpsProxy: proxy, noProxy: options.noProxy ?? '', connect: tls, requestTls: tls }) : direct;
  const forHttp = via(httpProxy);
  const forHttps = via(httpsProxy);

  const router = new (class extends Dispatcher {
    dispatch(dispatchOptions: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      const origin = String(dispatchOptions.origin ?? '');
      return (origin.startsWith('https:') ? forHttps : forHttp).dispatch(dispatchOptions, handler);
    }
  })();
  const all = [...new Set([direct, forHttp, forHttps])];
  return {
    fetch: (url, init) => undiciFetch(url, { ...init, dispatcher: router }),
    tlsVerification: rejectUnauthorized,
    proxyFor,
    async close() {
      // destroy, not close: a kept-alive socket must not hold the command line open.
      await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
    },
  };
}
