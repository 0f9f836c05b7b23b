import { type Handler, type RecordedRequest, type Reply, isObject, jsonBody, requestId, schemeCredential, seededHex, splitPath, wholeNumber } from './http';

/** A private app access token in HubSpot's format: `pat-na1-` and a UUID. */
export function hubspotToken(seed = 'hubspot'): string {
  const hex = seededHex(seed, 32);
  return `pat-na1-${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface Contact {
  readonly id: string;
  readonly properties: Readonly<Record<string, string | null>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const seedContacts: readonly Contact[] = [
  contact('101', '2025-10-01T08:30:00.000Z', { email: 'maria.jansen@example.com', firstname: 'Maria', lastname: 'Jansen', company: 'Northwind', phone: '+31 20 555 0101' }),
  contact('102', '2025-10-02T11:05:12.000Z', { email: 'li.wei@example.com', firstname: 'Li', lastname: 'Wei', company: 'Contoso', phone: '+44 20 7946 0102' }),
  contact('103', '2025-10-07T15:47:36.000Z', { email: 'sam.okafor@example.com', firstname: 'Sam', lastname: 'Okafor', company: 'Fabrikam', phone: null }),
];

const defaultProperties = ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'];
const version = '(?:\\d{4}-\\d{2})';
const accountDetails = new RegExp(`^/account-info/(?:v3|${version})/details$`);
const contactsPath = new RegExp(`^/crm/(?:objects/${version}|v3/objects)/contacts(?:/([^/]+))?$`);

function contact(id: string, at: string, properties: Record<string, string | null>): Contact {
  return { id, createdAt: at, updatedAt: at, properties: { ...properties, createdate: at, lastmodifieddate: at, hs_object_id: id } };
}

function error(status: number, category: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { status: 'error', message, correlationId: requestId(), ...extra, category } };
}

const invalidAuthentication = (): Reply =>
  error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');

const missingScopes = (scope: string): Reply =>
  error(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });

function shaped(record: Contact, properties: readonly string[]): Record<string, unknown> {
  return {
    id: record.id,
    properties: Object.fromEntries(properties.map((name) => [name, record.properties[name] ?? null])),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: false,
  };
}

function requestedProperties(query: URLSearchParams): string[] {
  const listed = query.getAll('properties').flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
  return listed.length > 0 ? [...new Set([...listed, 'createdate', 'hs_object_id', 'lastmodifieddate'])] : defaultProperties;
}

/** HubSpot's CRM API: a private app token as `Authorization: Bearer`; a valid token without the needed scopes gets 403 MISSING_SCOPES. */
export function hubspot(token: string, tokensWithoutScopes: readonly string[] = []): Handler {
  const contacts = [...seedContacts];
  return (request) => {
    const { pathname, query } = splitPath(request);
    const contactMatch = contactsPath.exec(pathname);
    let scope: string;
    let answer: () => Reply;
    if (request.method === 'GET' && accountDetails.test(pathname)) {
      scope = 'oauth';
      answer = () => ({
        status: 200,
        body: {
          portalId: 146380228,
          accountType: 'STANDARD',
          timeZone: 'Europe/Amsterdam',
          companyCurrency: 'EUR',
          additionalCurrencies: ['USD'],
          utcOffset: '+01:00',
          utcOffsetMilliseconds: 3_600_000,
          uiDomain: 'app-eu1.hubspot.com',
          dataHostingLocation: 'eu1',
        },
      });
    } else if (request.method === 'GET' && contactMatch && contactMatch[1] === undefined) {
      scope = 'crm.objects.contacts.read';
      answer = () => listContacts(contacts, query, pathname);
    } else if (request.method === 'GET' && contactMatch) {
      scope = 'crm.objects.contacts.read';
      const id = decodeURIComponent(contactMatch[1]);
      answer = () => {
        const found = contacts.find((c) => c.id === id);
        return found ? { status: 200, body: shaped(found, requestedProperties(query)) } : error(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });
      };
    } else if (request.method === 'POST' && contactMatch && contactMatch[1] === undefined) {
      scope = 'crm.objects.contacts.write';
      answer = () => createContact(contacts, request);
    } else {
      return error(404, 'OBJECT_NOT_FOUND', `No resource at ${request.method} ${pathname}.`);
    }
    const credential = schemeCredential(request, 'Bearer');
    if (credential === undefined || (credential !== token && !tokensWithoutScopes.includes(credential))) return invalidAuthentication();
    if (tokensWithoutScopes.includes(credential)) return missingScopes(scope);
    return answer();
  };
}

function listContacts(contacts: readonly Contact[], query: URLSearchParams, pathname: string): Reply {
  const limit = Math.min(Math.max(wholeNumber(query.get('limit'), 10), 1), 100);
  const after = query.get('after');
  // HubSpot's cursor is opaque; here it is the id of the first contact of the next page.
  const start = after ? contacts.findIndex((c) => Number(c.id) >= Number(after)) : 0;
  const page = start < 0 ? [] : contacts.slice(start, start + limit);
  const properties = requestedProperties(query);
  const body: Record<string, unknown> = { results: page.map((c) => shaped(c, properties)) };
  const next = start < 0 ? undefined : contacts[start + limit];
  if (next) body.paging = { next: { after: next.id, link: `https://api.hubapi.com${pathname}?after=${next.id}` } };
  return { status: 200, body };
}

function createContact(contacts: Contact[], request: RecordedRequest): Reply {
  const body = jsonBody(request);
  if (body === undefined) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON: the request body is not valid JSON.');
  if (!isObject(body) || !isObject(body.properties)) {
    return error(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1, column 2: Cannot build SimplePublicObjectInputForCreate, some of required attributes are not set [properties]');
  }
  const properties = Object.fromEntries(Object.entries(body.properties).map(([name, value]) => [name, value === null ? null : String(value)]));
  const email = properties.email ?? '';
  if (email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
    return error(400, 'VALIDATION_ERROR', `Property values were not valid: [{"isValid":false,"message":"Email address ${email} is invalid","error":"INVALID_EMAIL","name":"email"}]`);
  }
  const existing = email === '' ? undefined : contacts.find((c) => c.properties.email?.toLowerCase() === email.toLowerCase());
  if (existing) return error(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
  const created = contact(String(Math.max(...contacts.map((c) => Number(c.id))) + 1), new Date().toISOString(), properties);
  contacts.push(created);
  return { status: 201, body: shaped(created, [...new Set([...Object.keys(properties), 'createdate', 'hs_object_id', 'lastmodifieddate'])]) };
}
