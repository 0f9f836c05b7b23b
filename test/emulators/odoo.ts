import { type Handler, type RecordedRequest, type Reply, isObject, seededHex, splitPath, wholeNumber } from './http';

/** A user API key as Odoo generates one: 40 hex digits. */
export function odooToken(): string {
  return seededHex('odoo', 40);
}

type Value = string | number | boolean | null | readonly [number, string];
type OdooRecord = Readonly<Record<string, Value>> & { readonly id: number };

const userId = 2;
const models: Readonly<Record<string, readonly OdooRecord[]>> = {
  'res.users': [{ id: userId, name: 'Mitchell Admin', login: 'admin', email: 'admin@yourcompany.example.com', lang: 'en_US', tz: 'Europe/Brussels' }],
  'res.partner': [
    { id: 3, name: 'Mitchell Admin', email: 'admin@yourcompany.example.com', phone: '+1 555-555-5555', is_company: false, city: 'Scranton' },
    { id: 7, name: 'Deco Addict', email: 'deco_addict@example.com', phone: '(603)-996-3829', is_company: true, city: 'Pleasant Hill' },
    { id: 9, name: 'Gemini Furniture', email: 'gemini_furniture@example.com', phone: '(941)-284-4875', is_company: true, city: 'Fairfield' },
    { id: 14, name: 'Azure Interior', email: 'azure_interior@example.com', phone: '(870)-931-0505', is_company: true, city: 'Fremont' },
  ],
  'sale.order': [
    { id: 12, name: 'S00012', partner_id: [7, 'Deco Addict'], amount_total: 1799, date_order: '2025-11-04 09:21:33', state: 'sale' },
    { id: 15, name: 'S00015', partner_id: [9, 'Gemini Furniture'], amount_total: 377.5, date_order: '2025-11-06 14:02:10', state: 'draft' },
    { id: 18, name: 'S00018', partner_id: [14, 'Azure Interior'], amount_total: 2947.5, date_order: '2025-11-08 16:45:00', state: 'sale' },
  ],
};

/** Odoo's JSON error body: `http.serialize_exception` of the Python exception, with a traceback in `debug`. */
class OdooError extends Error {
  constructor(
    readonly status: number,
    readonly exception: string,
    message: string,
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }

  reply(): Reply {
    // Werkzeug HTTP exceptions carry (description, code) as arguments; Odoo and Python exceptions carry their args.
    const args = this.exception.startsWith('werkzeug.') ? [this.message, this.status] : [this.message];
    const debug = `Traceback (most recent call last):\n  File "/odoo/odoo/http.py", line 2577, in _serve_db\n    return service_model.retrying(serve_func, env=self.env)\n${this.exception}: ${this.message}\n`;
    return { status: this.status, headers: this.headers, body: { name: this.exception, message: this.message, arguments: args, context: {}, debug } };
  }
}

const notFound = (message: string) => new OdooError(404, 'werkzeug.exceptions.NotFound', message);
const unprocessable = (message: string) => new OdooError(422, 'werkzeug.exceptions.UnprocessableEntity', message);
const valueError = (message: string) => new OdooError(500, 'builtins.ValueError', message);
const unauthorized = (message: string) => new OdooError(401, 'werkzeug.exceptions.Unauthorized', message, { 'www-authenticate': 'Bearer' });

/** Odoo 19's External JSON-2 API: POST `/json/2/<model>/<method>` with a user API key as `Authorization: bearer` (any case). */
export function odoo(token: string): Handler {
  return (request) => {
    try {
      return { status: 200, body: call(request, token) };
    } catch (error) {
      if (error instanceof OdooError) return error.reply();
      throw error;
    }
  };
}

function call(request: RecordedRequest, token: string): unknown {
  const { pathname } = splitPath(request);
  if (pathname !== '/json/2' && !pathname.startsWith('/json/2/')) throw notFound('The requested URL was not found on the server.');
  const route = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (!route) throw notFound('Did you mean POST /json/2/<model>/<method>?');
  if (request.method !== 'POST') {
    throw new OdooError(405, 'werkzeug.exceptions.MethodNotAllowed', 'The method is not allowed for the requested URL.', { allow: 'POST' });
  }
  // Odoo picks its JSON-2 dispatcher by media type before it authenticates anyone.
  const mediaType = (request.headers['content-type'] ?? '').split(/[;,]/)[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new OdooError(400, 'werkzeug.exceptions.BadRequest', "Request inferred type is compatible with ['http'] but '/json/2/<model>/<method>' is type='/json/2/rpc'.");
  }
  const credential = /^bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1].trim();
  if (credential === undefined) throw unauthorized('User not authenticated, use the "Authorization" header');
  if (credential !== token) throw unauthorized('Invalid apikey');

  const params = parseParams(request.body);
  const [model, method] = [decodeURIComponent(route[1]), decodeURIComponent(route[2])];
  const records = models[model];
  if (!records) throw notFound(`the model '${model}' does not exist`);
  if (method.startsWith('_')) throw new OdooError(403, 'odoo.exceptions.AccessError', `Private methods (such as '${model}.${method}') cannot be called remotely.`);
  const { ids = [], context: _context, ...kwargs } = params;
  if (!Array.isArray(ids) || !ids.every((id): id is number => Number.isInteger(id))) throw unprocessable('ids must be a list of integers');
  const fields = fieldNames(records);
  const apiModel = (name: string) => {
    if (ids.length > 0) throw unprocessable(`cannot call ${model}.${name} with ids`);
  };
  const accept = (name: string, allowed: readonly string[]) => {
    const unexpected = Object.keys(kwargs).find((key) => !allowed.includes(key));
    if (unexpected) throw unprocessable(`${name}() got an unexpected keyword argument '${unexpected}'`);
  };
  if (method === 'context_get' && model !== 'res.users') throw notFound(`The method '${model}.${method}' does not exist`);
  switch (method) {
    case 'context_get':
      apiModel(method);
      accept(method, []);
      return { lang: 'en_US', tz: 'Europe/Brussels', uid: userId };
    case 'search_read':
      apiModel(method);
      accept(method, ['domain', 'fields', 'offset', 'limit', 'order', 'load']);
      return search(model, records, fields, kwargs).map((record) => project(model, record, fields, kwargs.fields));
    case 'search':
      apiModel(method);
      accept(method, ['domain', 'offset', 'limit', 'order']);
      if (!('domain' in kwargs)) throw unprocessable("missing a required argument: 'domain'");
      return search(model, records, fields, kwargs).map((record) => record.id);
    case 'search_count':
      apiModel(method);
      accept(method, ['domain', 'limit']);
      if (!('domain' in kwargs)) throw unprocessable("missing a required argument: 'domain'");
      return search(model, records, fields, { domain: kwargs.domain }).length;
    case 'read': {
      accept(method, ['fields', 'load']);
      const missing = ids.filter((id) => !records.some((record) => record.id === id));
      if (missing.length > 0) {
        const tuple = missing.length === 1 ? `${missing[0]},` : missing.join(', ');
        throw new OdooError(404, 'odoo.exceptions.MissingError', `Record does not exist or has been deleted.\n(Record: ${model}(${tuple}), User: ${userId})`);
      }
      return ids.map((id) => project(model, records.find((record) => record.id === id) as OdooRecord, fields, kwargs.fields));
    }
    default:
      throw notFound(`The method '${model}.${method}' does not exist`);
  }
}

function parseParams(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new OdooError(400, 'werkzeug.exceptions.BadRequest', `could not parse the body as json: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new OdooError(400, 'werkzeug.exceptions.BadRequest', 'could not parse the body, expecting a json object');
  return parsed;
}

function fieldNames(records: readonly OdooRecord[]): Set<string> {
  return new Set(records.flatMap((record) => Object.keys(record)).concat('display_name'));
}

function fieldValue(record: OdooRecord, name: string): Value {
  return name === 'display_name' ? (record.name ?? '') : (record[name] ?? false);
}

function project(model: string, record: OdooRecord, fields: ReadonlySet<string>, requested: unknown): Record<string, Value> {
  const names = Array.isArray(requested) && requested.length > 0 ? requested.map(String) : [...fields];
  const unknown = names.find((name) => !fields.has(name));
  if (unknown) throw valueError(`Invalid field '${unknown}' on model '${model}'`);
  return Object.fromEntries([['id', record.id], ...names.filter((name) => name !== 'id').map((name) => [name, fieldValue(record, name)])]);
}

function search(model: string, records: readonly OdooRecord[], fields: ReadonlySet<string>, kwargs: Record<string, unknown>): OdooRecord[] {
  const domain = kwargs.domain ?? [];
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${JSON.stringify(domain)}`);
  let found = records.filter((record) => matches(model, record, fields, domain));
  if (typeof kwargs.order === 'string' && kwargs.order.trim() !== '') found = ordered(model, found, fields, kwargs.order);
  const offset = wholeNumber(kwargs.offset, 0);
  const limit = kwargs.limit === null || kwargs.limit === undefined || kwargs.limit === false ? undefined : wholeNumber(kwargs.limit, Number.NaN);
  if (limit !== undefined && Number.isNaN(limit)) throw valueError(`Invalid limit: ${JSON.stringify(kwargs.limit)}`);
  return found.slice(offset, limit === undefined ? undefined : offset + limit);
}

function ordered(model: string, records: OdooRecord[], fields: ReadonlySet<string>, order: string): OdooRecord[] {
  const keys = order.split(',').map((part) => {
    const [name, direction = 'asc'] = part.trim().split(/\s+/);
    if (!fields.has(name) || !/^(asc|desc)$/i.test(direction)) throw valueError(`Invalid "order" specified (${order}) on model ${model}`);
    return { name, sign: direction.toLowerCase() === 'desc' ? -1 : 1 };
  });
  const comparable = (value: Value) => (Array.isArray(value) ? value[1] : value);
  const compare = (x: Value, y: Value) => {
    const [a, b] = [comparable(x), comparable(y)];
    return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
  };
  return [...records].sort((a, b) => {
    for (const { name, sign } of keys) {
      const difference = compare(fieldValue(a, name), fieldValue(b, name));
      if (difference !== 0) return difference * sign;
    }
    return 0;
  });
}

/** Evaluates an Odoo domain in Polish notation: `&` (implied between terms), `|` and `!` prefix the terms they combine. */
function matches(model: string, record: OdooRecord, fields: ReadonlySet<string>, domain: readonly unknown[]): boolean {
  let position = 0;
  const next = (): boolean => {
    const item = domain[position++];
    if (item === '&') return [next(), next()].every(Boolean);
    if (item === '|') return [next(), next()].some(Boolean);
    if (item === '!') return !next();
    return term(model, record, fields, item);
  };
  let result = true;
  while (position < domain.length) result = next() && result;
  return result;
}

function term(model: string, record: OdooRecord, fields: ReadonlySet<string>, item: unknown): boolean {
  if (!Array.isArray(item) || item.length !== 3 || typeof item[0] !== 'string' || typeof item[1] !== 'string') throw valueError(`Invalid leaf ${JSON.stringify(item)}`);
  const [name, operator, expected] = item as [string, string, unknown];
  if (!fields.has(name)) throw valueError(`Invalid field ${model}.${name} in condition ${JSON.stringify(item)}`);
  const raw = fieldValue(record, name);
  const actual = Array.isArray(raw) ? raw[0] : raw;
  const text = (value: unknown) => String(value ?? '').toLowerCase();
  switch (operator) {
    case '=':
      return actual === expected;
    case '!=':
    case '<>':
      return actual !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(actual);
    case 'not in':
      return Array.isArray(expected) && !expected.includes(actual);
    case 'ilike':
      return text(actual).includes(text(expected));
    case 'not ilike':
      return !text(actual).includes(text(expected));
    case 'like':
      return String(actual).includes(String(expected));
    case 'not like':
      return !String(actual).includes(String(expected));
    case '<':
      return actual !== null && (actual as number) < (expected as number);
    case '>':
      return actual !== null && (actual as number) > (expected as number);
    case '<=':
      return actual !== null && (actual as number) <= (expected as number);
    case '>=':
      return actual !== null && (actual as number) >= (expected as number);
    default:
      throw valueError(`Invalid operator ${JSON.stringify(operator)} in condition ${JSON.stringify(item)}`);
  }
}
