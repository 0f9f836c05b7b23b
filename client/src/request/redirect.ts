import type { FilledBodyField, FilledParameter } from './fill';
import type { Redactor } from './redact';
import type { RedirectRecord, Verdict, WithheldCredential } from './result';

/** One request on the way to the final answer. Holds secrets. */
export interface Hop {
  readonly method: string;
  readonly url: URL;
  readonly headers: readonly FilledParameter[];
  /** The body's fields, or undefined when the hop sends no body. */
  readonly body?: readonly FilledBodyField[];
  /** Whether an earlier redirect already left the request's origin: secrets stay withheld from then on. */
  readonly crossed: boolean;
}

/** The hop a redirect leads to, or why it is not followed. */
export type RedirectDecision = { readonly hop: Hop; readonly record: RedirectRecord; readonly stop?: undefined } | { readonly hop?: undefined; readonly stop: Verdict };

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Percent-decoding that keeps a malformed escape (`%E0`, a lone `%`) as it is, instead of throwing. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The carriers of a list, each kind and name once, in first-seen order. */
export function uniqueCarriers(withheld: readonly WithheldCredential[]): WithheldCredential[] {
  return withheld.filter((w, i) => withheld.findIndex((o) => o.kind === w.kind && o.name === w.name) === i);
}

/** Whether a status is a redirect this client follows. */
export function isRedirect(status: number): boolean {
  return redirectStatuses.has(status);
}

/**
 * DESIGN §5.5: 301/302/303 become GET without a body, 307/308 keep method and body. On a redirect to another origin
 * (scheme, host or port; once left, for good) every header, URL parameter, body field and URL userinfo that carries
 * a secret is dropped, and listed by kind and name.
 */
export function followRedirect(hop: Hop, status: number, location: string | null, origin: string, redactor: Redactor): RedirectDecision {
  if (!location) return { stop: { classification: 'Unexpected response', reason: 'redirect-invalid', explanation: `The server answered ${status}, a redirect without a \`Location\`: nothing more was requested.` } };
  let next: URL;
  try {
    next = new URL(location, hop.url);
  } catch {
    return { stop: { classification: 'Unexpected response', reason: 'redirect-invalid', explanation: `The server redirected (${status}) to a location that is not a valid URL: nothing more was requested.` } };
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return { stop: { classification: 'Unexpected response', reason: 'redirect-invalid', explanation: `The server redirected (${status}) to a ${next.protocol} URL, which is not followed.` } };
  }
  const keepsMethod = status === 307 || status === 308;
  const method = keepsMethod || hop.method === 'HEAD' ? hop.method : 'GET';
  let body = keepsMethod ? hop.body : undefined;
  const crossed = hop.crossed || next.origin !== origin;
  const withheld: WithheldCredential[] = [];

  const hadUserinfo = next.username !== '' || next.password !== '';
  const userinfo = `${safeDecode(next.username)}:${safeDecode(next.password)}`;
  next.username = '';
  next.password = '';
  let headers = hop.headers.filter((h) => body !== undefined || h.key.toLowerCase() !== 'content-type');
  if (crossed) {
    if (hadUserinfo && redactor.contains(userinfo)) withheld.push({ kind: 'userinfo', name: next.host });
    headers = headers.filter((h) => {
      const carries = h.secret || redactor.contains(h.value);
      if (carries) withheld.push({ kind: 'header', name: h.key });
      return !carries;
    });
    // The Location is the server's: any of its query parameters that echoes a secret is dropped, not only ours.
    for (const [key, value] of [...next.searchParams]) {
      if (redactor.contains(value) || redactor.contains(key)) {
        next.searchParams.delete(key);
        withheld.push({ kind: 'urlParameter', name: redactor.redact(key) });
      }
    }
    if (body) {
      body = body.filter((field) => {
        const carries = field.secret || redactor.contains(typeof field.value === 'string' ? field.value : JSON.stringify(field.value));
        if (carries) withheld.push({ kind: 'body', name: field.key });
        return !carries;
      });
    }
    if (redactor.contains(next.href) || redactor.contains(safeDecode(next.href))) {
      return { stop: { classification: 'Unexpected response', reason: 'redirect-leak', explanation: `The server redirected (${status}) to another origin with the token in the URL itself; the redirect was not followed.` } };
    }
  }
  return {
    hop: { method, url: next, headers, body, crossed },
    record: { status, from: hop.url.href, to: next.href, method, crossOrigin: next.origin !== origin, withheld: uniqueCarriers(withheld) },
  };
}
