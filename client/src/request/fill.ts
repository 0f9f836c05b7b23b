import type { JsonValue, PlanScope, PlannedParameter, PlannedVariable, Provider, RequestPlan } from '../../../server/src/service/plan';

/** Where a secret can travel in a request. */
export type CarrierKind = 'header' | 'urlParameter' | 'body' | 'userinfo';

/** A header or URL parameter with its placeholders filled. */
export interface FilledParameter {
  readonly key: string;
  readonly value: string;
  /** Whether it carries a secret: it uses a secret variable, or its value holds one. */
  readonly secret: boolean;
}

/** A body field with its placeholders filled. */
export interface FilledBodyField {
  readonly key: string;
  readonly value: JsonValue;
  readonly secret: boolean;
}

/** A parameter left out because the optional variable it uses has no value. */
export interface OmittedParameter {
  readonly kind: CarrierKind;
  readonly name: string;
  readonly variable: string;
}

/** The request ready to send: every value filled, every secret carrier marked. Holds secrets: never shown as is. */
export interface FilledRequest {
  readonly title: string;
  readonly method: string;
  /** The URL with the URL parameters appended and any userinfo moved into an `Authorization: Basic` header. */
  readonly url: string;
  readonly headers: readonly FilledParameter[];
  readonly urlParameters: readonly FilledParameter[];
  readonly body?: { readonly encoding: 'json' | 'form'; readonly fields: readonly FilledBodyField[] };
  readonly omitted: readonly OmittedParameter[];
  /** The values of the secret variables in play, for the redactor and the redirect policy. */
  readonly secrets: readonly string[];
  /** The other values in play (to catch `base64(value:secret)`). */
  readonly companions: readonly string[];
  readonly expectStatus?: readonly number[];
  readonly provider?: Provider;
}

/** Why a request cannot be filled: one sentence, and the variables that lack a value. */
export interface FillError {
  readonly message: string;
  readonly missing: readonly PlannedVariable[];
}

/** A filled request, or why there is none. */
export type FillResult = { readonly request: FilledRequest; readonly error?: undefined } | { readonly request?: undefined; readonly error: FillError };

const placeholderPattern = /\{\{([A-Za-z_][A-Za-z0-9_.-]*)\}\}/g;
const wholePlaceholder = /^\{\{([A-Za-z_][A-Za-z0-9_.-]*)\}\}$/;
const hostCharacters = /^[A-Za-z0-9.-]*$/;
const formContentType = /application\/x-www-form-urlencoded/i;
const methodsWithBody = new Set(['POST', 'PUT', 'PATCH']);

/** How a variable is named in messages: its label, then its key. */
export function variableName(variable: PlannedVariable): string {
  return variable.label ? `'${variable.label}' (${variable.key})` : `'${variable.key}'`;
}

/** The origin (scheme, host, port) of a URL, or undefined when it is not an absolute URL. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

type UrlRegion = 'start' | 'userinfo' | 'host' | 'path' | 'query';

function regionAt(template: string, index: number): UrlRegion {
  const scheme = template.indexOf('://');
  if (scheme < 0 || index < scheme) return 'start';
  const authorityStart = scheme + 3;
  const authorityLength = template.slice(authorityStart).search(/[/?#]/);
  const authority = authorityLength < 0 ? template.slice(authorityStart) : template.slice(authorityStart, authorityStart + authorityLength);
  // `https://user:{{password}}@host`: what comes before the last `@` of the authority is user info, not host.
  if (index < authorityStart + authority.lastIndexOf('@')) return 'userinfo';
  if (authorityLength < 0 || index < authorityStart + authorityLength) return 'host';
  const query = template.indexOf('?');
  return query >= 0 && index > query ? 'query' : 'path';
}

/** Whether the placeholder at [index, index + length) ends the URL's host name and follows literal text in it. */
function endsHostAfterText(template: string, index: number, length: number): boolean {
  const authorityStart = template.indexOf('://') + 3;
  const hostStart = Math.max(authorityStart, template.lastIndexOf('@', index) + 1);
  const next = template.charAt(index + length);
  return index > hostStart && (next === '' || '/?#:'.includes(next));
}

/**
 * Fills a plan (DESIGN §5.3): each placeholder gets its variable's value from `valueOf`, else the variable's default.
 * A required variable without a value is an error; a parameter whose optional variable has none is left out.
 */
export function fillRequest(plan: RequestPlan, valueOf: (variable: PlannedVariable) => string | undefined): FillResult {
  const values = new Map<string, string>();
  const byId = new Map(plan.variables.map((variable) => [variable.id, variable]));
  const urlVariables = new Set<string>();
  for (const match of plan.url.matchAll(placeholderPattern)) {
    const id = plan.bindings[plan.urlScope][match[1]];
    if (id) urlVariables.add(id);
  }
  const missing: PlannedVariable[] = [];
  for (const variable of plan.variables) {
    const given = valueOf(variable) ?? variable.default;
    // A token read from a file often ends with a line break; fetch would trim it from a header, so the redactor must know the trimmed form.
    const value = variable.secret ? given?.trim() : given;
    if (value !== undefined && value !== '') values.set(variable.id, value);
    else if (variable.required || variable.secret || urlVariables.has(variable.id)) missing.push(variable);
  }
  if (missing.length > 0) {
    const names = missing.map(variableName).join(', ');
    return { error: { message: `${plan.title} needs a value for ${names}.`, missing } };
  }

  const secretIds = new Set(plan.variables.filter((v) => v.secret).map((v) => v.id));
  const secrets = [...values].filter(([id]) => secretIds.has(id)).map(([, value]) => value);
  const companions = [...values].filter(([id]) => !secretIds.has(id)).map(([, value]) => value);
  const holdsSecret = (text: string): boolean => secrets.some((secret) => text.includes(secret));

  /** Fills one string; undefined when a variable it uses has no value. */
  const fill = (template: string, scope: PlanScope, used: Set<string>, encode?: (value: string, index: number, id: string, length: number) => string): string | undefined => {
    let missingValue = false;
    const filled = template.replace(placeholderPattern, (whole, key: string, index: number) => {
      const id = plan.bindings[scope][key];
      if (id === undefined) return whole;
      used.add(id);
      const value = values.get(id);
      if (value === undefined) {
        missingValue = true;
        return '';
      }
      return encode ? encode(value, index, id, whole.length) : value;
    });
    return missingValue ? undefined : filled;
  };
  const fillJson = (value: JsonValue, scope: PlanScope, used: Set<string>): JsonValue | undefined => {
    if (typeof value === 'string') return fill(value, scope, used);
    if (Array.isArray(value)) {
      const items: JsonValue[] = [];
      for (const item of value) {
        const filled = fillJson(item, scope, used);
        if (filled === undefined) return undefined;
        items.push(filled);
      }
      return items;
    }
    if (value !== null && typeof value === 'object') {
      const result: Record<string, JsonValue> = {};
      for (const [key, item] of Object.entries(value)) {
        const filled = fillJson(item, scope, used);
        if (filled === undefined) return undefined;
        result[key] = filled;
      }
      return result;
    }
    return value;
  };

  const omitted: OmittedParameter[] = [];
  const missingName = (used: Set<string>): string => {
    const variable = [...used].map((id) => byId.get(id)).find((v) => v && !values.has(v.id));
    return variable?.key ?? '';
  };
  const fillParameters = (list: readonly PlannedParameter[], kind: CarrierKind): FilledParameter[] =>
    list.flatMap((parameter) => {
      const used = new Set<string>();
      const value = fill(typeof parameter.value === 'string' ? parameter.value : JSON.stringify(parameter.value), parameter.scope, used);
      if (value === undefined) {
        omitted.push({ kind, name: parameter.key, variable: missingName(used) });
        return [];
      }
      return [{ key: parameter.key, value, secret: [...used].some((id) => secretIds.has(id)) || holdsSecret(value) }];
    });

  const headers = fillParameters(plan.headers, 'header');
  const broken = headers.find((h) => /[\r\n\0]/.test(h.value));
  if (broken) {
    return { error: { message: `The value of the header ${broken.key} holds a line break or NUL character, which a header cannot carry: check the values of the variables it uses.`, missing: [] } };
  }
  const urlParameters = fillParameters(plan.urlParameters, 'urlParameter');

  const urlUsed = new Set<string>();
  let badHost: string | undefined;
  const filledUrl = fill(plan.url, plan.urlScope, urlUsed, (value, index, id, length) => {
    switch (regionAt(plan.url, index)) {
      case 'start': return value;
      case 'userinfo': return encodeURIComponent(value);
      case 'host':
        // A value that could move the request to another host (`evil.example#`) never becomes part of one.
        // Nor can a value that ends a host written around it (`api.example.com{{suffix}}`) hold a dot: `.evil.example`
        // would make it another domain. A leading label (`{{store}}.myshopify.com`) stays within the domain after it.
        if (!hostCharacters.test(value) || (value.includes('.') && endsHostAfterText(plan.url, index, length))) badHost ??= id;
        return value;
      case 'path': return encodeURIComponent(value).replace(/%2F/gi, '/');
      case 'query': return encodeURIComponent(value);
    }
  })!;
  if (badHost !== undefined) {
    return { error: { message: `The value of ${variableName(byId.get(badHost)!)} cannot be part of this host name: use letters, digits and hyphens (and dots only where the name does not end with the value).`, missing: [] } };
  }
  let url: URL;
  try {
    url = new URL(filledUrl);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const names = [...urlUsed].map((id) => byId.get(id)!).map(variableName).join(', ');
    return { error: { message: `${plan.title}'s URL is not an absolute http(s) URL once filled${names ? `: check the values of ${names}` : ''}.`, missing: [] } };
  }
  for (const parameter of urlParameters) url.searchParams.append(parameter.key, parameter.value);

  // fetch refuses URLs with credentials; send them the way curl does, as Basic authorization.
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    if (headers.some((h) => h.key.toLowerCase() === 'authorization')) {
      return { error: { message: `${plan.title} has credentials both in its URL's user info and in an Authorization header: keep one of them.`, missing: [] } };
    }
    const secret = holdsSecret(user) || holdsSecret(password) || [...urlUsed].some((id) => secretIds.has(id));
    // The user name is written in the file: the redactor needs it to find `base64(user:secret)` of a short secret.
    if (user !== '') companions.push(user);
    headers.push({ key: 'Authorization', value: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, secret });
  }

  let body: FilledRequest['body'];
  const contentType = headers.find((h) => h.key.toLowerCase() === 'content-type')?.value;
  if (plan.body.length > 0 || methodsWithBody.has(plan.method)) {
    const fields: FilledBodyField[] = [];
    for (const parameter of plan.body) {
      const used = new Set<string>();
      // A placeholder that is the whole string is replaced by the value as a string (DESIGN §2).
      const whole = typeof parameter.value === 'string' ? wholePlaceholder.exec(parameter.value) : null;
      const value = whole ? fill(parameter.value as string, parameter.scope, used) : fillJson(parameter.value, parameter.scope, used);
      if (value === undefined) {
        omitted.push({ kind: 'body', name: parameter.key, variable: missingName(used) });
        continue;
      }
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      fields.push({ key: parameter.key, value, secret: [...used].some((id) => secretIds.has(id)) || holdsSecret(text) });
    }
    const encoding = contentType && formContentType.test(contentType) ? 'form' : 'json';
    if (encoding === 'json' && contentType === undefined) headers.push({ key: 'Content-Type', value: 'application/json', secret: false });
    body = { encoding, fields };
  }

  return {
    request: {
      title: plan.title,
      method: plan.method,
      url: url.href,
      headers,
      urlParameters,
      body,
      omitted,
      secrets,
      companions,
      expectStatus: plan.expectStatus,
      provider: plan.provider,
    },
  };
}

/** The bytes of a body: a JSON object, or `key=value&…` for a form. */
export function encodeBody(body: NonNullable<FilledRequest['body']>, fields: readonly FilledBodyField[] = body.fields): string {
  if (body.encoding === 'form') {
    const form = new URLSearchParams();
    for (const field of fields) form.append(field.key, typeof field.value === 'string' ? field.value : JSON.stringify(field.value));
    return form.toString();
  }
  const object: Record<string, JsonValue> = {};
  for (const field of fields) object[field.key] = field.value;
  return JSON.stringify(object);
}
