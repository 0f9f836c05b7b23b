/** What a secret is replaced with wherever it would show. */
export const redactionMark = '•••';

/** Replaces every form of the secrets in play with `•••`; applied last to every string that leaves the request core. */
export interface Redactor {
  redact(text: string): string;
  /** Whether the text holds any form of a secret. */
  contains(text: string): boolean;
  /** Redacts a text cut at a size limit: a cut inside a secret leaves its start at the end, which goes too. */
  redactCut(text: string): string;
}

const base64Alphabet = /[A-Za-z0-9+/=_-]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Percent escapes match in either case (`%2f` and `%2F`): servers echo both. */
function percentInsensitive(escaped: string): string {
  return escaped.replace(/%([0-9A-F])([0-9A-F])/g, (_, a: string, b: string) => `%${hexClass(a)}${hexClass(b)}`);
}

function hexClass(digit: string): string {
  return /[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit;
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The base64 characters that depend only on the secret's bytes, for each of the three alignments it can have inside
 * a longer base64 text (`user:secret`, a JSON document echoed in base64, …). Shorter than 8 characters, they would match
 * by chance, so short secrets rely on their exact forms.
 */
function alignedBase64(secret: Buffer): string[] {
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), secret]).toString('base64').replace(/=+$/, '');
    const total = shift + secret.length;
    const start = shift === 0 ? 0 : shift === 1 ? 2 : 3;
    const rest = total % 3;
    const end = 4 * Math.floor(total / 3) + (rest === 1 ? 1 : rest === 2 ? 2 : 0);
    const stable = encoded.slice(start, end);
    if (stable.length >= 8) forms.push(stable);
  }
  return forms;
}

/**
 * Builds the one redactor for a request from every secret value in play: raw, URL-encoded, form-encoded,
 * JSON-escaped, base64 and base64url (also inside `user:secret` and other base64 text). `companions` are the other
 * values in play, so that `base64(value:secret)` of a short secret is caught too.
 */
export function createRedactor(secrets: readonly string[], companions: readonly string[] = []): Redactor {
  const exact = new Set<string>();
  const encoded = new Set<string>();
  const base64 = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    // A server that echoes a UTF-8 token in a header is read back as Latin-1 bytes; either may then sit in JSON text,
    // escaped once, or twice when JSON text is held in a JSON string (an echo service's "data" field).
    for (const text of [secret, Buffer.from(secret, 'utf8').toString('latin1')]) {
      const once = JSON.stringify(text).slice(1, -1);
      exact.add(text).add(once).add(JSON.stringify(once).slice(1, -1));
    }
    // JSON.stringify leaves non-ASCII as is; servers that escape it write \uXXXX.
    exact.add(secret.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    // Some servers escape every character; JSON bodies are also unescaped before display, which catches mixed forms.
    const everyCharacter = secret.split('').map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    exact.add(everyCharacter);
    exact.add(everyCharacter.replace(/[a-f]/g, (c) => c.toUpperCase()));
    encoded.add(encodeURIComponent(secret));
    encoded.add(new URLSearchParams({ v: secret }).toString().slice(2));
    encoded.add(encodeURI(secret));
    const bytes = Buffer.from(secret, 'utf8');
    const plain = bytes.toString('base64');
    for (const form of [plain, plain.replace(/=+$/, ''), toBase64Url(plain)]) base64.add(form);
    for (const form of alignedBase64(bytes)) {
      base64.add(form);
      base64.add(toBase64Url(form));
    }
    for (const companion of companions) {
      if (companion === '' || companion.includes(secret)) continue;
      const pair = Buffer.from(`${companion}:${secret}`).toString('base64');
      base64.add(pair);
      base64.add(toBase64Url(pair));
    }
  }
  const alternatives = [
    ...[...exact].map(escapeRegExp),
    ...[...encoded].filter((form) => !exact.has(form)).map((form) => percentInsensitive(escapeRegExp(form))),
  ];
  // Under 6 characters a base64 form would match ordinary words by chance.
  const base64Forms = [...base64].filter((form) => form.length >= 6 && !exact.has(form));
  if (alternatives.length === 0 && base64Forms.length === 0) return { redact: (text) => text, contains: () => false, redactCut: (text) => text };

  // Longest first, so that a form is never cut short by a shorter one it contains.
  const byLength = (a: string, b: string): number => b.length - a.length;
  const pattern = alternatives.length > 0 ? new RegExp(alternatives.sort(byLength).join('|'), 'g') : undefined;
  const base64Pattern = base64Forms.length > 0 ? new RegExp(base64Forms.sort(byLength).map(escapeRegExp).join('|'), 'g') : undefined;

  const redact = (text: string): string => {
    let result = pattern ? text.replace(pattern, redactionMark) : text;
    if (base64Pattern) {
      // A secret found inside base64 text takes the whole base64 run with it: its neighbours encode its first and last bits.
      base64Pattern.lastIndex = 0;
      let output = '';
      let from = 0;
      for (let match = base64Pattern.exec(result); match; match = base64Pattern.exec(result)) {
        let start = match.index;
        let end = start + match[0].length;
        while (start > from && base64Alphabet.test(result[start - 1])) start--;
        while (end < result.length && base64Alphabet.test(result[end])) end++;
        output += result.slice(from, start) + redactionMark;
        from = end;
        base64Pattern.lastIndex = end;
      }
      result = output + result.slice(from);
    }
    return result;
  };
  const lowerPercent = [...encoded].map((form) => form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  const allForms = [...exact, ...encoded, ...lowerPercent, ...base64Forms];
  return {
    redact,
    contains: (text) => redact(text) !== text,
    redactCut(text) {
      const redacted = redact(text);
      // The longest start of any form that the text ends with, from 4 characters up (shorter ones match by chance).
      let cut = 0;
      for (const form of allForms) {
        for (let length = Math.min(form.length - 1, redacted.length); length >= 4 && length > cut; length--) {
          if (redacted.endsWith(form.slice(0, length))) {
            cut = length;
            break;
          }
        }
      }
      return cut > 0 ? redacted.slice(0, redacted.length - cut) + redactionMark : redacted;
    },
  };
}

/** A deep copy of a plain value with every string (keys included) passed through the redactor. */
export function redactDeep<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactor)) as T;
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[redactor.redact(key)] = redactDeep(item, redactor);
    return result as T;
  }
  return value;
}
