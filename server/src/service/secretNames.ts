/** The last word of a name that makes it a credential: `token`, `api_key`, `clientSecret`, `password`. */
const credentialWords = new Set(['token', 'key', 'apikey', 'secret', 'password', 'passwd', 'pat']);

/** Names that end in `key` or `token` without naming a credential: a sort key, an idempotency key, a page token. */
const notCredentials = new Set(['idempotency', 'sort', 'partition', 'primary', 'foreign', 'cache', 'object', 'public', 'page', 'next', 'group', 'lookup', 'dedupe', 'unique', 'search', 'row', 'hash', 'range', 'cursor', 'license', 'continuation', 'sync', 'pagination', 'previous', 'prev']);

/** The words of a name: split at `_`, `-`, `.`, spaces and camelCase humps, lower-cased. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_.-]+/).filter((word) => word !== '');
}

/**
 * Whether a variable or parameter name says it holds a credential (`token`, `*_key`, `secret`, `password`), so that a
 * variable declared for it is `"secret": true`. Separators and camelCase do not matter; `monkey` is no key.
 */
export function looksLikeSecretName(name: string): boolean {
  const words = wordsOf(name);
  const last = words[words.length - 1];
  if (last === undefined || !credentialWords.has(last)) return false;
  return !((last === 'key' || last === 'token') && words.length > 1 && notCredentials.has(words[words.length - 2]));
}
