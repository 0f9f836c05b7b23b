import { type Handler, type Reply, isObject, jsonBody, requestId, schemeCredential, seededHex, splitPath, wholeNumber } from './http';

/** An API user token as EVA issues one: 64 hex digits. */
export function evaToken(): string {
  return seededHex('eva', 64);
}

const currentUser = {
  ID: 3417,
  EmailAddress: 'connector.api@example.com',
  FirstName: 'Connector',
  LastName: 'API user',
  FullName: 'Connector API user',
  LanguageID: 'en',
  CountryID: 'NL',
  TimeZone: 'Europe/Amsterdam',
  CurrentOrganizationID: 52,
  CurrentOrganizationName: 'Webshop NL',
};

const orders = new Map<number, Record<string, unknown>>([
  [
    1001,
    {
      ID: 1001,
      BackendID: 'WEB-1001',
      CustomerID: 5012,
      CurrencyID: 'EUR',
      TotalAmountInTax: 94.45,
      CreationTime: '2025-11-03T10:15:00Z',
      IsPaid: true,
      Lines: [
        { ID: 20011, ProductID: 8801, Description: 'Linen shirt', QuantityOrdered: 1, UnitPriceInTax: 59.95, TotalAmountInTax: 59.95 },
        { ID: 20012, ProductID: 8802, Description: 'Wool scarf', QuantityOrdered: 1, UnitPriceInTax: 34.5, TotalAmountInTax: 34.5 },
      ],
    },
  ],
  [
    1002,
    {
      ID: 1002,
      BackendID: 'WEB-1002',
      CustomerID: 5020,
      CurrencyID: 'EUR',
      TotalAmountInTax: 19,
      CreationTime: '2025-11-05T16:42:31Z',
      IsPaid: false,
      Lines: [{ ID: 20021, ProductID: 8803, Description: 'Canvas tote', QuantityOrdered: 1, UnitPriceInTax: 19, TotalAmountInTax: 19 }],
    },
  ],
]);

const products: readonly Record<string, unknown>[] = [
  { product_id: 8801, display_value: 'Linen shirt', backend_id: 'LS-001', brand_name: 'Northwind', display_price: 59.95 },
  { product_id: 8802, display_value: 'Wool scarf', backend_id: 'WS-014', brand_name: 'Northwind', display_price: 34.5 },
  { product_id: 8803, display_value: 'Canvas tote', backend_id: 'CT-203', brand_name: 'Contoso', display_price: 19 },
];

function error(status: number, type: string, message: string, headers?: Record<string, string>): Reply {
  return { status, headers, body: { Error: { Type: type, Message: message, RequestID: requestId() } } };
}

type Service = (body: Record<string, unknown>) => Reply;

const services: Readonly<Record<string, Service>> = {
  getcurrentuser: () => ({ status: 200, body: { User: currentUser } }),
  getorder: (body) => {
    const orderId = wholeNumber(body.OrderID, Number.NaN);
    if (Number.isNaN(orderId)) return error(400, 'RequestValidationFailure', 'Validation of the request message failed: OrderID is required and must be a number.');
    const order = orders.get(orderId);
    return order ? { status: 200, body: { Result: order } } : error(404, 'NotFound', `Order ${orderId} was not found.`);
  },
  searchproducts: (body) => {
    const query = typeof body.Query === 'string' ? body.Query.toLowerCase() : '';
    const pageSize = Math.max(wholeNumber(body.PageSize, 25), 1);
    const fields = Array.isArray(body.IncludedFields) ? body.IncludedFields.filter((f): f is string => typeof f === 'string') : [];
    const found = products.filter((p) => String(p.display_value).toLowerCase().includes(query));
    const shaped = found.slice(0, pageSize).map((p) => (fields.length === 0 ? p : Object.fromEntries(fields.filter((f) => f in p).map((f) => [f, p[f]]))));
    return { status: 200, body: { Products: shaped, Total: found.length } };
  },
};

/** New Black EVA: POST `/message/<Service>` with an `EVA-User-Agent` header and an API user token as `Authorization: Bearer`. */
export function eva(token: string): Handler {
  return (request) => {
    if (request.method !== 'POST') return error(405, 'MethodNotAllowed', 'EVA services are called with POST.', { allow: 'POST' });
    if (!request.headers['eva-user-agent']?.trim()) {
      return error(400, 'MissingUserAgent', 'The EVA-User-Agent header is required: send the name and version of your application, as in MyApplication/1.0.');
    }
    const match = /^\/message\/([A-Za-z0-9]+)$/.exec(splitPath(request).pathname);
    const service = match ? services[match[1].toLowerCase()] : undefined;
    if (!match || !service) return error(404, 'ServiceNotFound', `The service ${match ? match[1] : splitPath(request).pathname} does not exist.`);
    if (schemeCredential(request, 'Bearer') !== token) {
      return error(403, 'Forbidden', `You are not authorized to call ${match[1]}: the request has no valid authentication token.`);
    }
    const body = jsonBody(request);
    if (!isObject(body)) return error(400, 'InvalidRequest', 'The request body must be a JSON object.');
    return service(body);
  };
}
