/**
 * After an end-to-end run: does any file the run wrote hold a form of a secret? The forms are those the
 * redactor knows (DESIGN §5.7): raw, URL-encoded, form-encoded, JSON-escaped, and base64 and base64url —
 * also when the secret sits inside a longer encoded value (`user:token`), at any of the three byte alignments.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One form of a secret found in a file. */
export interface Leak {
  file: string;
  form: string;
}

/**
 * The base64 text that encodes `secret` wherever it sits in a longer value: for each of the three
 * alignments, the encoded characters that depend on the secret's bytes alone.
 */
function base64Cores(secret: Buffer, encoding: 'base64' | 'base64url'): string[] {
  const cores: string[] = [];
  for (let before = 0; before < 3; before++) {
    const encoded = Buffer.concat([Buffer.alloc(before), secret]).toString(encoding);
    const start = before === 0 ? 0 : 4;
    const end = Math.floor((before + secret.length) / 3) * 4;
    if (end - start >= 8) cores.push(encoded.slice(start, end));
  }
  return cores;
}

/** Every form of `secret` to look for, by name. */
export function secretForms(secret: string): Map<string, Buffer> {
  const raw = Buffer.from(secret, 'utf8');
  const forms = new Map<string, Buffer>([
    ['raw', raw],
    ['URL-encoded', Buffer.from(encodeURIComponent(secret))],
    ['form-encoded', Buffer.from(new URLSearchParams({ x: secret }).toString().slice(2))],
    ['JSON-escaped', Buffer.from(JSON.stringify(secret).slice(1, -1))],
    ['UTF-16', Buffer.from(secret, 'utf16le')],
  ]);
  for (const encoding of ['base64', 'base64url'] as const) {
    base64Cores(raw, encoding).forEach((core, index) => forms.set(`${encoding} (alignment ${index})`, Buffer.from(core)));
  }
  return forms;
}

function* filesUnder(folder: string, excluded: ReadonlySet<string>): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return; // Removed while we walked (a temp folder of a process that just stopped).
  }
  for (const entry of entries) {
    const file = path.join(folder, entry.name);
    if (excluded.has(file)) continue;
    if (entry.isDirectory()) yield* filesUnder(file, excluded);
    else if (entry.isFile()) yield file;
  }
}

/** Every file under `root`, except the `excluded` folders, that holds any form of any of `secrets`; and how many files were read. */
export function findLeaks(root: string, secrets: readonly string[], excluded: readonly string[]): { leaks: Leak[]; files: number } {
  const forms = secrets.flatMap((secret) => [...secretForms(secret)]);
  const leaks: Leak[] = [];
  let files = 0;
  for (const file of filesUnder(root, new Set(excluded))) {
    let content: Buffer;
    try {
      content = fs.readFileSync(file);
    } catch {
      continue;
    }
    files++;
    for (const [form, bytes] of forms) {
      if (content.includes(bytes)) leaks.push({ file, form });
    }
  }
  return { leaks, files };
}
