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

/** A regular expression's alternatives for one hexadecimal number, either case (`%2f` and `%2F`, `\u00E9` and `\u00e9`). */
function hex(value: number, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, '0').replace(/[A-F]/g, (digit) => `[${digit}${digit.toLowerCase()}]`);
}

/**
 * Every way one character of a secret is written back by servers, mixed freely within one echo: as itself, %-encoded
 * (either case, and twice), form-encoded, JSON-escaped (once and twice, `\/` too), `\uXXXX`, an HTML entity, or its
 * UTF-8 bytes read as Latin-1.
 */
function characterForms(character: string): string[] {
  const point = character.codePointAt(0)!;
  // Letters and digits are written as themselves by every encoding; only a server that escapes every character
  // writes them as `\uXXXX`. Keeping their pattern short keeps the redactor quick to build.
  if (/^[A-Za-z0-9]$/.test(character)) return [character, `\\\\u${hex(point, 4)}`];
  const bytes = [...Buffer.from(character, 'utf8')];
  const units = character.length === 2 ? [character.charCodeAt(0), character.charCodeAt(1)] : [point];
  const jsonOnce = JSON.stringify(character).slice(1, -1);
  const forms = new Set<string>([
    escapeRegExp(character),
    escapeRegExp(jsonOnce),
    escapeRegExp(JSON.stringify(jsonOnce).slice(1, -1)),
    units.map((unit) => `\\\\u${hex(unit, 4)}`).join(''),
    bytes.map((byte) => `%${hex(byte, 2)}`).join(''),
    bytes.map((byte) => `%25${hex(byte, 2)}`).join(''),
    `&#0*${point};`,
    `&#[xX]0*${hex(point, 1)};`,
  ]);
  if (character === '/') forms.add('\\\\/');
  if (character === ' ') forms.add('\\+');
  if (point > 0x7f) forms.add(escapeRegExp(Buffer.from(character, 'utf8').toString('latin1')));
  return [...forms];
}

/** For each character of a secret, a pattern that matches it however it is escaped. */
function characterPatterns(secret: string): string[] {
  return [...secret].map((character) => {
    const forms = characterForms(character);
    return forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
  });
}

/** Spans [start, end) of a text, merged where they overlap or touch. */
function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/**
 * Builds the one redactor for a request from every secret value in play. It finds each secret however its characters
 * are escaped (%-encoding, form encoding, JSON and `\uXXXX` escapes, HTML entities, Latin-1 bytes, mixed within one
 * echo), and its base64 and base64url forms, also inside `user:secret` and other base64 text. Every form is searched
 * in the original text and the spans merged, so that one secret's redaction cannot hide another's. `companions` are
 * the other values in play (a user name), so that `base64(value:secret)` of a short secret is caught too.
 */
export function createRedactor(secrets: readonly string[], companions: readonly string[] = []): Redactor {
  const base64 = new Set<string>();
  const present = [...new Set(secrets.filter((secret) => secret !== ''))].sort((a, b) => b.length - a.length);
  const characters = present.map(characterPatterns);
  for (const secret of present) {
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
  if (present.length === 0) return { redact: (text) => text, contains: () => false, redactCut: (text) => text };
  // The forms servers write whole: found by a small pattern, quick to build and to run on every string.
  const whole = new Set<string>();
  for (const secret of present) {
    for (const text of [secret, Buffer.from(secret, 'utf8').toString('latin1')]) {
      const once = JSON.stringify(text).slice(1, -1);
      whole.add(escapeRegExp(text)).add(escapeRegExp(once)).add(escapeRegExp(JSON.stringify(once).slice(1, -1)));
    }
    for (const encoded of [encodeURIComponent(secret), encodeURI(secret), new URLSearchParams({ v: secret }).toString().slice(2)]) {
      whole.add(escapeRegExp(encoded).replace(/%([0-9A-F]{2})/g, (_, code: string) => `%${hex(parseInt(code, 16), 2)}`));
    }
  }
  // Longest first, so that a secret is never cut short by a shorter one it contains.
  const wholePattern = new RegExp([...whole].sort((a, b) => b.length - a.length).join('|'), 'g');
  // Every character in any of its forms, mixed: built and run only on text that holds an escape (`%`, `\`, `&`).
  let mixedPattern: RegExp | undefined;
  const mixed = (): RegExp => (mixedPattern ??= new RegExp(characters.map((parts) => parts.join('')).join('|'), 'g'));
  const escapes = /[%\\&]/;
  // A cut can also fall inside the escape of the next character (`%2`, `\u00`, `&#x4`).
  const partialEscape = '(?:%(?:25)?[0-9A-Fa-f]?|\\\\{1,3}(?:u[0-9A-Fa-f]{0,3})?|&#?[xX]?[0-9A-Fa-f]*)?';
  // The starts of each secret, longest first, 4 characters and up (shorter ones would match by chance), for cut texts;
  // made only when a text was cut, as most responses are not.
  let startPatterns: RegExp[] | undefined;
  const startsOfSecrets = (): RegExp[] =>
    (startPatterns ??= characters
      .flatMap((parts) => parts.slice(0, -1).map((_, index) => parts.slice(0, parts.length - 1 - index)).filter((start) => start.length >= 4))
      .map((start) => new RegExp(`(?:${start.join('')})${partialEscape}$`)));

  // Under 6 characters a base64 form would match ordinary words by chance.
  const base64Forms = [...base64].filter((form) => form.length >= 6).sort((a, b) => b.length - a.length);
  const base64Pattern = base64Forms.length > 0 ? new RegExp(base64Forms.map(escapeRegExp).join('|'), 'g') : undefined;

  const spansOf = (text: string): Array<[number, number]> => {
    const spans: Array<[number, number]> = [];
    for (const match of text.matchAll(wholePattern)) if (match[0] !== '') spans.push([match.index, match.index + match[0].length]);
    if (escapes.test(text)) for (const match of text.matchAll(mixed())) if (match[0] !== '') spans.push([match.index, match.index + match[0].length]);
    if (base64Pattern) {
      // A secret found inside base64 text takes the whole base64 run with it: its neighbours encode its first and last bits.
      for (const match of text.matchAll(base64Pattern)) {
        let start = match.index;
        let end = start + match[0].length;
        while (start > 0 && base64Alphabet.test(text[start - 1])) start--;
        while (end < text.length && base64Alphabet.test(text[end])) end++;
        spans.push([start, end]);
      }
    }
    return mergeSpans(spans);
  };
  const redact = (text: string): string => {
    const spans = spansOf(text);
    if (spans.length === 0) return text;
    let output = '';
    let from = 0;
    for (const [start, end] of spans) {
      output += text.slice(from, start) + redactionMark;
      from = end;
    }
    return output + text.slice(from);
  };
  return {
    redact,
    contains: (text) => spansOf(text).length > 0,
    redactCut(text) {
      // A cut inside a multi-byte character leaves a replacement character last: it is part of the cut.
      const whole = redact(text.replace(/\uFFFD+$/, ''));
      // The longest start of a secret (in any of its escapes) or of one of its base64 forms that the text ends with.
      const end = whole.slice(-4096);
      let cut = 0;
      for (const start of startsOfSecrets()) {
        const match = start.exec(end);
        if (match && match[0].length > cut) cut = match[0].length;
      }
      for (const form of base64Forms) {
        for (let length = Math.min(form.length - 1, end.length); length >= 4 && length > cut; length--) {
          if (end.endsWith(form.slice(0, length))) {
            cut = length;
            break;
          }
        }
      }
      return cut > 0 ? whole.slice(0, whole.length - cut) + redactionMark : whole;
    },
  };
}

/**
 * A deep copy of a plain value with every string passed through the redactor; object keys too where `keys` says so
 * (data from a server: a JSON body, headers), not the keys of our own objects (`method`, `url`), which a very short
 * secret could otherwise match.
 */
export function redactDeep<T>(value: T, redactor: Redactor, keys: (path: readonly string[]) => boolean = () => true, path: readonly string[] = []): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redactor, keys, path)) as T;
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    const redactKeys = keys(path);
    for (const [key, item] of Object.entries(value)) result[redactKeys ? redactor.redact(key) : key] = redactDeep(item, redactor, keys, [...path, key]);
    return result as T;
  }
  return value;
}
