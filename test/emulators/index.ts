import { applyEdits, findNodeAtLocation, parseTree, type Edit } from 'jsonc-parser';
import { airtable, airtableToken } from './airtable';
import { eva, evaToken } from './eva';
import { type Handler, type RecordedRequest, serve } from './http';
import { hubspot, hubspotToken } from './hubspot';
import { odoo, odooToken } from './odoo';
import { shopify, shopifyToken } from './shopify';

export type { RecordedRequest } from './http';

/** The five systems of DESIGN §3, each with a local emulator. */
export type Provider = 'airtable' | 'eva' | 'hubspot' | 'odoo' | 'shopify';

/** Every provider, in alphabetical order. */
export const providers: readonly Provider[] = ['airtable', 'eva', 'hubspot', 'odoo', 'shopify'];

/** How an emulator is set up. */
export interface EmulatorOptions {
  /** The token the emulator accepts; default: a fixed, realistic-looking per-provider test token (e.g. shpat_ + 32 hex for Shopify, pat-na1-uuid for HubSpot, patXXXX.YYYY for Airtable). */
  readonly token?: string;
  /** Shopify only: 'active' (default), 'frozen' (402) or 'locked' (423). */
  readonly shopState?: 'active' | 'frozen' | 'locked';
  /** HubSpot only: tokens that are valid but lack the scopes (403 MISSING_SCOPES). */
  readonly tokensWithoutScopes?: readonly string[];
}

/** A running emulator of one provider on a loopback port. */
export interface Emulator {
  readonly provider: Provider;
  /** Where it listens, as `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The token it accepts. */
  readonly token: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Closes the server and every open connection. */
  close(): Promise<void>;
}

const defaultToken: Readonly<Record<Provider, () => string>> = { airtable: airtableToken, eva: evaToken, hubspot: hubspotToken, odoo: odooToken, shopify: shopifyToken };

function handlerFor(provider: Provider, token: string, options: EmulatorOptions): Handler {
  switch (provider) {
    case 'airtable':
      return airtable(token);
    case 'eva':
      return eva(token);
    case 'hubspot':
      return hubspot(token, options.tokensWithoutScopes);
    case 'odoo':
      return odoo(token);
    case 'shopify':
      return shopify(token, options.shopState);
  }
}

/** Starts the emulator of `provider` on 127.0.0.1 with an ephemeral port. */
export async function startEmulator(provider: Provider, options: EmulatorOptions = {}): Promise<Emulator> {
  if (!providers.includes(provider)) throw new TypeError(`Unknown provider ${JSON.stringify(provider)}; expected one of ${providers.join(', ')}.`);
  const token = options.token ?? defaultToken[provider]();
  const server = await serve(handlerFor(provider, token, options));
  return { provider, origin: server.origin, token, requests: server.requests, close: server.close };
}

/**
 * Rewrites a connector's text so that every request URL (the `url` of auth methods and endpoints) goes to `origin` instead of its
 * https host (`https://{{store_name}}.myshopify.com/admin/...` -> `http://127.0.0.1:PORT/admin/...`), keeping everything else as it was.
 */
export function pointAtEmulator(connectorText: string, origin: string): string {
  const root = parseTree(connectorText, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return connectorText;
  const target = origin.replace(/\/+$/, '');
  const edits: Edit[] = [];
  for (const section of ['authentication', 'endpoints']) {
    const list = findNodeAtLocation(root, [section]);
    if (list?.type !== 'array') continue;
    list.children?.forEach((_, index) => {
      const url = findNodeAtLocation(root, [section, index, 'url']);
      if (url?.type !== 'string' || typeof url.value !== 'string') return;
      // The authority may hold placeholders (`{{store_name}}.myshopify.com`); a URL that starts with one (`{{base_url}}/me`) has no host to replace.
      const rewritten = url.value.replace(/^https?:\/\/[^/?#]*/i, target);
      if (rewritten !== url.value) edits.push({ offset: url.offset, length: url.length, content: JSON.stringify(rewritten) });
    });
  }
  return applyEdits(connectorText, edits);
}
