import { type Handler, type RecordedRequest, type Reply, isObject, jsonBody, schemeCredential, seededHex, splitPath, wholeNumber } from './http';

/** A personal access token in Airtable's format: `pat`, 14 characters, a dot, 64 hex digits. */
export function airtableToken(): string {
  return `patQ3xY8kLm2Nv7Rt.${seededHex('airtable', 64)}`;
}

const base = { id: 'appK8dx2Qm4Rt7VwZ', name: 'Product catalogue', permissionLevel: 'create' };
const table = { id: 'tblP3nM8sQ2wE5rTy', name: 'Products', views: [{ id: 'viwG7hJ2kL9mN4pQr', name: 'Grid view' }] };
const records = [
  { id: 'recA1b2C3d4E5f6G7', createdTime: '2025-11-03T09:12:44.000Z', fields: { Name: 'Linen shirt', SKU: 'LS-001', Price: 59.95, 'In stock': true } },
  { id: 'recH8i9J0k1L2m3N4', createdTime: '2025-11-03T09:13:02.000Z', fields: { Name: 'Wool scarf', SKU: 'WS-014', Price: 34.5, 'In stock': false } },
  { id: 'recO5p6Q7r8S9t0U1', createdTime: '2025-11-04T14:40:19.000Z', fields: { Name: 'Canvas tote', SKU: 'CT-203', Price: 19, 'In stock': true } },
];

const authenticationRequired: Reply = { status: 401, body: { error: { type: 'AUTHENTICATION_REQUIRED', message: 'Authentication required' } } };
const notFound: Reply = { status: 404, body: { error: 'NOT_FOUND' } };
const modelNotFound: Reply = {
  status: 403,
  body: {
    error: {
      type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
      message: 'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
    },
  },
};

/** Airtable's Web API: a personal access token as `Authorization: Bearer`, checked before anything under `/v0/`. */
export function airtable(token: string): Handler {
  let created = 0;
  return (request) => {
    const { pathname, query } = splitPath(request);
    if (!pathname.startsWith('/v0/')) return notFound;
    if (schemeCredential(request, 'Bearer') !== token) return authenticationRequired;
    const segments = pathname.slice('/v0/'.length).split('/').map(decodeURIComponent);
    if (request.method === 'GET' && pathname === '/v0/meta/whoami') {
      return { status: 200, body: { id: 'usrB4cD5eF6gH7iJ8', scopes: ['data.records:read', 'data.records:write', 'schema.bases:read', 'user.email:read'], email: 'connector.tester@example.com' } };
    }
    if (request.method === 'GET' && pathname === '/v0/meta/bases') return { status: 200, body: { bases: [base] } };
    if (segments.length !== 2 || segments[0] === 'meta') return notFound;
    if (segments[0] !== base.id || (segments[1] !== table.id && segments[1] !== table.name)) return modelNotFound;
    if (request.method === 'GET') return listRecords(query);
    if (request.method === 'POST') return createRecords(request, () => ++created);
    return notFound;
  };
}

function listRecords(query: URLSearchParams): Reply {
  const view = query.get('view');
  if (view && !table.views.some((v) => v.id === view || v.name === view)) {
    return { status: 422, body: { error: { type: 'VIEW_NAME_NOT_FOUND', message: `Could not find view ${JSON.stringify(view)} in table ${table.name}` } } };
  }
  const pageSize = Math.min(Math.max(wholeNumber(query.get('pageSize'), 100), 1), 100);
  return { status: 200, body: { records: records.slice(0, pageSize) } };
}

function createRecords(request: RecordedRequest, nextId: () => number): Reply {
  const body = jsonBody(request);
  if (body === undefined) return { status: 422, body: { error: { type: 'INVALID_REQUEST_UNKNOWN', message: 'Invalid request: parameter validation failed. Check your request data.' } } };
  if (!isObject(body) || !Array.isArray(body.records)) {
    return { status: 422, body: { error: { type: 'INVALID_REQUEST_MISSING_FIELDS', message: 'Could not find field "records" in the request body' } } };
  }
  if (body.records.length > 10) return { status: 422, body: { error: { type: 'INVALID_RECORDS', message: 'You can create at most 10 records per request.' } } };
  const createdRecords = body.records.map((record) => ({
    id: `recNew${String(nextId()).padStart(11, '0')}`,
    createdTime: new Date().toISOString(),
    fields: isObject(record) && isObject(record.fields) ? record.fields : {},
  }));
  return { status: 200, body: { records: createdRecords } };
}
