import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { connector } from '../../support/service';
import type { CaseTable } from './cases';

const { Error, Warning } = DiagnosticSeverity;

interface Variation {
  readonly method?: Record<string, unknown>;
  readonly endpoint?: Record<string, unknown>;
  readonly root?: Record<string, unknown>;
}

/** A clean Shopify connector (DESIGN §3), varied one thing at a time. */
export function shopify(variation: Variation = {}): string {
  return connector({
    root: { name: 'Shopify', variables: [{ key: 'api_version', default: '2024-10' }], ...variation.root },
    method: {
      id: 'admin-token',
      name: 'Admin API access token',
      url: 'https://{{store_name}}.myshopify.com/admin/api/{{api_version}}/shop.json',
      variables: [{ key: 'store_name', required: true }, { key: 'token', secret: true, required: true }],
      headers: [{ key: 'X-Shopify-Access-Token', value: '{{token}}' }],
      ...variation.method,
    },
    endpoint: { url: 'https://{{store_name}}.myshopify.com/admin/api/{{api_version}}/customers.json', authentication: ['admin-token'], ...variation.endpoint },
  });
}

/** Shopify with this `store_name` default. */
const shopifyStore = (storeDefault: string, url?: string): string =>
  shopify({ method: { variables: [{ key: 'store_name', default: storeDefault }, { key: 'token', secret: true }], ...(url ? { url } : {}) } });

const evaHost = 'https://api.{{region}}.{{company}}.{{target}}.eva-online.cloud';

/** A clean EVA connector, varied one thing at a time. */
export function eva(variation: Variation = {}): string {
  return connector({
    root: { name: 'EVA' },
    method: {
      method: 'POST',
      url: `${evaHost}/message/GetCurrentUser`,
      variables: [{ key: 'region', default: 'euw' }, { key: 'company', default: 'acme' }, { key: 'target', default: 'test' }, { key: 'token', secret: true }],
      headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'EVA-User-Agent', value: 'MyConnector/1.0' }],
      body: [],
      ...variation.method,
    },
    endpoint: { method: 'POST', url: `${evaHost}/message/ListOrders`, ...variation.endpoint },
  });
}

/** A clean HubSpot connector. */
export function hubspot(variation: Variation = {}): string {
  return connector({
    method: { url: 'https://api.hubapi.com/account-info/2026-03/details', ...variation.method },
    endpoint: { url: 'https://api.hubapi.com/crm/v3/objects/contacts', ...variation.endpoint },
  });
}

/** A clean Airtable connector. */
export function airtable(variation: Variation = {}): string {
  return connector({
    method: { url: 'https://api.airtable.com/v0/meta/whoami', ...variation.method },
    endpoint: { url: 'https://api.airtable.com/v0/meta/bases', ...variation.endpoint },
  });
}

/** A clean Odoo JSON-2 connector: `bearer {{api_key}}` in lower case, as Odoo documents it. */
export function odoo(variation: Variation = {}): string {
  return connector({
    method: {
      method: 'POST',
      url: 'https://{{host}}/json/2/res.users/context_get',
      variables: [{ key: 'host', default: 'acme.odoo.com' }, { key: 'api_key', secret: true }, { key: 'database' }],
      headers: [{ key: 'Authorization', value: 'bearer {{api_key}}' }, { key: 'X-Odoo-Database', value: '{{database}}' }],
      ...variation.method,
    },
    endpoint: { method: 'POST', url: 'https://{{host}}/json/2/res.partner/search_read', ...variation.endpoint },
  });
}

export const providerCases: CaseTable = {
  'shopify-token-header': {
    severity: Error,
    fires: [
      {
        name: 'Authorization instead of X-Shopify-Access-Token',
        text: shopify({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }] } }),
        expect: [{ text: '"Authorization"', message: 'takes the token in `X-Shopify-Access-Token: {{token}}`, not in `Authorization`' }],
      },
      {
        name: 'Bearer before the Shopify token',
        text: shopify({ method: { headers: [{ key: 'X-Shopify-Access-Token', value: 'Bearer {{token}}' }] } }),
        expect: [{ text: 'Bearer', message: 'takes the bare token, without `Bearer`' }],
      },
    ],
    clean: [
      { name: 'X-Shopify-Access-Token with the bare token', text: shopify() },
      { name: 'Authorization on a host that is not Shopify', text: connector() },
    ],
  },

  'shopify-store-name': {
    severity: Error,
    fires: [
      { name: 'a store name with https:// (the provider is still recognised)', text: shopifyStore('https://my-store.myshopify.com'), expect: [{ text: '"https://my-store.myshopify.com"', message: 'give only the store\'s handle (`my-store`)' }] },
      { name: 'a store name with .myshopify.com', text: shopifyStore('my-store.myshopify.com'), expect: [{ text: '"my-store.myshopify.com"', message: 'without `https://` or `.myshopify.com`' }] },
      {
        name: 'a check URL with no path',
        text: shopifyStore('my-store.myshopify.com', 'https://{{store_name}}.myshopify.com'),
        expect: [{ text: '"my-store.myshopify.com"', message: '`store_name` fills the host\'s first label' }],
      },
    ],
    clean: [
      { name: 'a bare handle', text: shopifyStore('my-store') },
      { name: 'no default', text: shopify() },
    ],
  },

  'shopify-api-version': {
    severity: Warning,
    fires: [
      { name: 'a month that is no release', text: shopify({ root: { variables: [{ key: 'api_version', default: '2024-11' }] } }), expect: [{ text: '"2024-11"', message: '`2024-11` is not a Shopify API version' }] },
      {
        name: 'a literal version in the path',
        text: shopify({ method: { url: 'https://{{store_name}}.myshopify.com/admin/api/2024-1/shop.json' } }),
        expect: [{ text: '2024-1', message: 'versions are quarterly' }],
      },
    ],
    clean: [
      { name: 'a quarterly version', text: shopify() },
      { name: 'unstable', text: shopify({ method: { url: 'https://{{store_name}}.myshopify.com/admin/api/unstable/shop.json' } }) },
      { name: 'a version at the very end of the URL', text: shopify({ method: { url: 'https://{{store_name}}.myshopify.com/admin/api/2024-10' } }) },
    ],
  },

  'eva-user-agent': {
    severity: Error,
    fires: [
      {
        name: 'no EVA-User-Agent on the check request or the endpoint',
        text: eva({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }] } }),
        expect: [
          { text: `"${evaHost}/message/GetCurrentUser"`, message: 'EVA requires an `EVA-User-Agent` header' },
          { text: `"${evaHost}/message/ListOrders"`, message: 'add it to the auth method\'s headers' },
        ],
      },
    ],
    clean: [
      { name: 'the header on the auth method', text: eva() },
      { name: 'the header name in another case', text: eva({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'eva-user-agent', value: 'MyConnector/1.0' }] } }) },
    ],
  },

  'bearer-required': {
    severity: Error,
    fires: [
      {
        name: 'HubSpot with another scheme',
        text: hubspot({ method: { headers: [{ key: 'Authorization', value: 'Token {{token}}' }] } }),
        expect: [{ text: 'Token {{token}}', message: 'HubSpot takes the token as `Bearer {{token}}`' }],
      },
      {
        name: 'HubSpot without Authorization',
        text: hubspot({ method: { headers: [{ key: 'X-Token', value: '{{token}}' }] } }),
        expect: [{ text: '"https://api.hubapi.com/account-info/2026-03/details"', message: 'add that header to this auth method' }],
      },
      {
        name: 'Airtable with the token in a custom header',
        text: airtable({ method: { headers: [{ key: 'X-Airtable-Token', value: '{{token}}' }] } }),
        expect: [{ text: '"https://api.airtable.com/v0/meta/whoami"', message: 'Airtable takes the token as `Authorization: Bearer {{token}}`' }],
      },
      {
        name: 'Odoo with no scheme',
        text: odoo({ method: { headers: [{ key: 'Authorization', value: '{{api_key}}' }, { key: 'X-Odoo-Database', value: '{{database}}' }] } }),
        expect: [{ text: '{{api_key}}', message: 'Odoo takes the token as `Bearer {{token}}`' }],
        also: ['authorization-scheme-missing'],
      },
    ],
    clean: [
      { name: 'HubSpot with Bearer', text: hubspot() },
      { name: 'Airtable with Bearer', text: airtable() },
      { name: 'Odoo with lower-case bearer', text: odoo() },
    ],
  },

  'odoo-json2-method': {
    severity: Error,
    fires: [
      { name: 'an explicit GET', text: odoo({ method: { method: 'GET' } }), expect: [{ text: '"GET"', message: 'Odoo\'s JSON-2 API takes only POST requests, not `GET`' }] },
      { name: 'no method, which means GET', text: odoo({ method: { method: undefined } }), expect: [{ text: '"https://{{host}}/json/2/res.users/context_get"', message: 'set `"method": "POST"`' }] },
    ],
    clean: [
      { name: 'POST', text: odoo() },
      { name: 'GET on another path of the same host', text: odoo({ endpoint: { method: 'GET', url: 'https://{{host}}/web/health' } }) },
    ],
  },
};
