/** Which secret: a connector (by name), an instance, an auth method (by id) and a variable (by key), as DESIGN §5.3 keys them. */
export interface SecretRef {
  readonly connector: string;
  readonly instance: string;
  readonly method: string;
  readonly variable: string;
}

/** What the index records of a stored secret: where it may go and when it was stored. Never its value. */
export interface SecretEntry extends SecretRef {
  /** The origin (scheme, host, port) the secret was entered for. */
  readonly origin: string;
  /** Other origins the user chose "Always Allow" for. */
  readonly allowedOrigins: readonly string[];
  /** ISO 8601. */
  readonly storedAt: string;
}

/** The SecretStorage key of a secret. */
export function secretKey(ref: SecretRef): string {
  return `connector.secret/${[ref.connector, ref.instance, ref.method, ref.variable].map(encodeURIComponent).join('/')}`;
}

/** Whether two refs name the same secret. */
export function sameSecret(a: SecretRef, b: SecretRef): boolean {
  return a.connector === b.connector && a.instance === b.instance && a.method === b.method && a.variable === b.variable;
}

/** "Shopify · Default · admin-token · token": how lists and prompts name a secret. */
export function describeSecret(ref: SecretRef): string {
  return `${ref.connector} · ${ref.instance} · ${ref.method} · ${ref.variable}`;
}

/** The index with `entry` added, or replacing the entry of the same secret. */
export function withEntry(index: readonly SecretEntry[], entry: SecretEntry): SecretEntry[] {
  return [...index.filter((e) => !sameSecret(e, entry)), entry];
}

/** The index without the entries `remove` selects. */
export function withoutEntries(index: readonly SecretEntry[], remove: (entry: SecretEntry) => boolean): SecretEntry[] {
  return index.filter((e) => !remove(e));
}

/** Reads an index from storage, keeping only well-formed entries (storage is not trusted to hold what we wrote). */
export function readIndex(stored: unknown): SecretEntry[] {
  if (!Array.isArray(stored)) return [];
  const isString = (value: unknown): value is string => typeof value === 'string';
  return stored.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const e = item as Record<string, unknown>;
    if (![e.connector, e.instance, e.method, e.variable, e.origin, e.storedAt].every(isString)) return [];
    const allowed = Array.isArray(e.allowedOrigins) ? e.allowedOrigins.filter(isString) : [];
    return [{ connector: e.connector, instance: e.instance, method: e.method, variable: e.variable, origin: e.origin, allowedOrigins: allowed, storedAt: e.storedAt } as SecretEntry];
  });
}

/** What to do with a stored secret for a request to `origin` (DESIGN §5.4). */
export type OriginDecision = 'bound' | 'allowed' | 'ask';

/** A secret goes without asking only to the origin it was entered for, or one the user chose to always allow. */
export function decideOrigin(entry: Pick<SecretEntry, 'origin' | 'allowedOrigins'>, origin: string): OriginDecision {
  if (entry.origin === origin) return 'bound';
  return entry.allowedOrigins.includes(origin) ? 'allowed' : 'ask';
}

/** The entry with `origin` always allowed. */
export function allowingOrigin(entry: SecretEntry, origin: string): SecretEntry {
  return entry.allowedOrigins.includes(origin) ? entry : { ...entry, allowedOrigins: [...entry.allowedOrigins, origin] };
}
