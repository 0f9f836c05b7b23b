import { type Handler, type Reply, requestId, seededHex, splitPath, wholeNumber } from './http';

/** An Admin API access token in Shopify's format: `shpat_` and 32 hex digits. */
export function shopifyToken(): string {
  return `shpat_${seededHex('shopify', 32)}`;
}

/** Whether the shop answers, or is frozen (unpaid: 402) or locked (423). */
export type ShopState = 'active' | 'frozen' | 'locked';

type Resource = Record<string, unknown>;

const shop: Resource = {
  id: 548380009,
  name: 'Demo Store',
  email: 'owner@demo-store.example',
  domain: 'demo-store.example',
  myshopify_domain: 'demo.myshopify.com',
  shop_owner: 'Jordan Demo',
  country_code: 'NL',
  currency: 'EUR',
  iana_timezone: 'Europe/Amsterdam',
  plan_name: 'basic',
  created_at: '2021-03-15T10:00:00+01:00',
};

const customers: readonly Resource[] = [
  { id: 207119551, email: 'maria.jansen@example.com', first_name: 'Maria', last_name: 'Jansen', state: 'enabled', currency: 'EUR', total_spent: '94.45', created_at: '2025-10-01T10:30:00+02:00', updated_at: '2025-11-03T11:15:00+01:00' },
  { id: 207119552, email: 'li.wei@example.com', first_name: 'Li', last_name: 'Wei', state: 'enabled', currency: 'EUR', total_spent: '19.00', created_at: '2025-10-02T13:05:12+02:00', updated_at: '2025-11-05T17:42:31+01:00' },
  { id: 207119553, email: 'sam.okafor@example.com', first_name: 'Sam', last_name: 'Okafor', state: 'disabled', currency: 'EUR', total_spent: '0.00', created_at: '2025-10-07T17:47:36+02:00', updated_at: '2025-10-07T17:47:36+02:00' },
];

const orders: readonly Resource[] = [
  { id: 450789469, name: '#1001', email: 'maria.jansen@example.com', created_at: '2025-11-03T11:15:00+01:00', updated_at: '2025-11-04T09:00:00+01:00', closed_at: '2025-11-04T09:00:00+01:00', cancelled_at: null, financial_status: 'paid', fulfillment_status: 'fulfilled', currency: 'EUR', total_price: '94.45' },
  { id: 450789470, name: '#1002', email: 'li.wei@example.com', created_at: '2025-11-05T17:42:31+01:00', updated_at: '2025-11-05T17:42:31+01:00', closed_at: null, cancelled_at: null, financial_status: 'pending', fulfillment_status: null, currency: 'EUR', total_price: '19.00' },
  { id: 450789471, name: '#1003', email: 'sam.okafor@example.com', created_at: '2025-11-06T08:10:00+01:00', updated_at: '2025-11-06T12:00:00+01:00', closed_at: null, cancelled_at: '2025-11-06T12:00:00+01:00', financial_status: 'refunded', fulfillment_status: null, currency: 'EUR', total_price: '34.50' },
];

const products: readonly Resource[] = [
  { id: 632910392, title: 'Linen shirt', vendor: 'Northwind', product_type: 'Shirts', handle: 'linen-shirt', status: 'active', created_at: '2025-09-01T09:00:00+02:00', updated_at: '2025-11-01T10:00:00+01:00', variants: [{ id: 808950810, product_id: 632910392, title: 'M', price: '59.95', sku: 'LS-001-M', inventory_quantity: 12 }] },
  { id: 632910393, title: 'Wool scarf', vendor: 'Northwind', product_type: 'Accessories', handle: 'wool-scarf', status: 'active', created_at: '2025-09-02T09:00:00+02:00', updated_at: '2025-10-20T10:00:00+02:00', variants: [{ id: 808950811, product_id: 632910393, title: 'Default Title', price: '34.50', sku: 'WS-014', inventory_quantity: 0 }] },
  { id: 632910394, title: 'Canvas tote', vendor: 'Contoso', product_type: 'Bags', handle: 'canvas-tote', status: 'draft', created_at: '2025-09-03T09:00:00+02:00', updated_at: '2025-09-03T09:00:00+02:00', variants: [{ id: 808950812, product_id: 632910394, title: 'Default Title', price: '19.00', sku: 'CT-203', inventory_quantity: 40 }] },
];

const notFound: Reply = { status: 404, body: { errors: 'Not Found' } };
const invalidToken: Reply = { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };

function orderStatus(order: Resource, status: string): boolean {
  if (status === 'any') return true;
  if (status === 'cancelled') return order.cancelled_at !== null;
  if (status === 'closed') return order.closed_at !== null;
  return order.closed_at === null && order.cancelled_at === null;
}

function page(list: readonly Resource[], query: URLSearchParams): Resource[] {
  const limit = Math.min(Math.max(wholeNumber(query.get('limit'), 50), 1), 250);
  const fields = (query.get('fields') ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  return list.slice(0, limit).map((item) => (fields.length === 0 ? item : Object.fromEntries(fields.filter((name) => name in item).map((name) => [name, item[name]]))));
}

/** Shopify's Admin REST API: the token in `X-Shopify-Access-Token` (no scheme), a `YYYY-MM` version in the path, and a shop that may be frozen or locked. */
export function shopify(token: string, shopState: ShopState = 'active'): Handler {
  return (request) => {
    const { pathname, query } = splitPath(request);
    const route = /^\/admin\/api\/([^/]+)\/(shop|customers|orders|products)\.json$/.exec(pathname);
    if (!route || request.method !== 'GET') return notFound;
    const version = route[1];
    if (!/^(\d{4}-(0[1-9]|1[0-2])|unstable)$/.test(version)) return notFound;
    // The shop is looked up from its host before its token can be checked, so a frozen or locked shop answers so to every caller.
    if (shopState === 'frozen') return { status: 402, body: { errors: 'Unavailable Shop' } };
    if (shopState === 'locked') return { status: 423, body: { errors: 'This shop is unavailable' } };
    if (request.headers['x-shopify-access-token'] !== token) return invalidToken;
    const headers = { 'x-shopify-api-version': version, 'x-shopify-shop-api-call-limit': '1/40', 'x-request-id': requestId() };
    switch (route[2]) {
      case 'shop':
        return { status: 200, headers, body: { shop } };
      case 'customers':
        return { status: 200, headers, body: { customers: page(customers, query) } };
      case 'orders': {
        const status = query.get('status') || 'open';
        const since = Date.parse(query.get('updated_at_min') ?? '');
        const matching = orders.filter((order) => orderStatus(order, status) && (Number.isNaN(since) || Date.parse(String(order.updated_at)) >= since));
        return { status: 200, headers, body: { orders: page(matching, query) } };
      }
      default:
        return { status: 200, headers, body: { products: page(products, query) } };
    }
  };
}
