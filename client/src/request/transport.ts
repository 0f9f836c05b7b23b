import { Agent, Dispatcher, EnvHttpProxyAgent } from 'undici';

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

/** A dispatcher with what the result should say about it. */
export interface Transport {
  readonly dispatcher: Dispatcher;
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
  try {
    return new URL(proxy).origin;
  } catch {
    throw new Error('The proxy setting is not a valid URL: write it as http://host:port.');
  }
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
 * Creates the transport for test requests: a direct agent, or undici's proxy agents with NO_PROXY honoured.
 * http and https URLs each use their own proxy (curl does not send https through `http_proxy`).
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const rejectUnauthorized = options.rejectUnauthorized !== false;
  const tls = { rejectUnauthorized };
  const direct = new Agent({ connect: tls });
  const httpProxy = options.httpProxy ?? options.proxy;
  const httpsProxy = options.httpsProxy ?? options.proxy;
  const via = (proxy: string | undefined): Dispatcher =>
    proxy ? new EnvHttpProxyAgent({ httpProxy: proxy, httpsProxy: proxy, noProxy: options.noProxy ?? '', connect: tls, requestTls: tls }) : direct;
  // Validate before building agents, so a bad setting is one clear sentence.
  if (httpProxy) proxyOrigin(httpProxy);
  if (httpsProxy) proxyOrigin(httpsProxy);
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
    dispatcher: router,
    tlsVerification: rejectUnauthorized,
    proxyFor(url) {
      const proxy = url.protocol === 'https:' ? httpsProxy : httpProxy;
      return proxy && !bypasses(options.noProxy, url) ? proxyOrigin(proxy) : undefined;
    },
    async close() {
      // destroy, not close: a kept-alive socket must not hold the command line open.
      await Promise.all(all.map((d) => d.destroy().catch(() => undefined)));
    },
  };
}
