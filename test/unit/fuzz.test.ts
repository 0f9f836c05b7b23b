/**
 * Property test: whatever the text, the language service never throws and always answers with an array of
 * well-formed diagnostics whose ranges lie inside the document.
 *
 * The documents are mutations of real connector texts (character edits, braces, quotes, placeholders, spliced
 * fragments, arbitrary JSON values, truncation), structural edits of parsed connectors, and connectors generated
 * from small pools of names so that the semantic rules meet duplicates, scopes and providers.
 *
 * A smaller share of documents also goes through completion, hover, navigation, rename, symbols and code actions.
 *
 * Reproducible by default (fixed seed). FUZZ_SEED=<int> picks another seed; FUZZ_RUNS=<n> sets the number of
 * documents (default 12,000). A failure prints the seed and path to replay it with fast-check.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import type { Diagnostic, Range } from 'vscode-json-languageservice';
import { allRules } from '../../server/src/service/codes';
import { isFixData } from '../../server/src/service/rules/report';
import { RenameError } from '../../server/src/service';
import { connector, connectorDocument, service } from '../support/service';
import { airtable, eva, hubspot, odoo, shopify } from './rules/providerCases';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x5eed_c0de;
const totalRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 12_000;
assert.ok(Number.isInteger(seed), 'FUZZ_SEED must be an integer');
assert.ok(Number.isInteger(totalRuns) && totalRuns > 0, 'FUZZ_RUNS must be a positive integer');

/** A share of the documents, at least one. */
const share = (fraction: number): number => Math.max(1, Math.round(totalRuns * fraction));

/** A connector in JSONC with comments, escapes, nested bodies, several levels of variables, and some faults. */
const richConnector = `// A hand-written connector with a bit of everything.
{
  "$schema": "../schemas/connector.schema.json",
  "name": "Rich \\"example\\" \\u00e9",
  "variables": [
    { "key": "api_version", "label": "API version", "default": "2024-10" }, // shared
    { "key": "region", "default": "eu", "advanced": true },
    { "key": "unused_one" }
  ],
  /* two methods */
  "authentication": [
    {
      "id": "bearer",
      "name": "Bearer token",
      "type": "token",
      "method": "POST",
      "url": "https://api.{{region}}.example.com/{{api_version}}/me?x={{token}}",
      "variables": [
        { "key": "token", "label": "Token", "secret": true, "required": true },
        { "key": "account", "default": "acme" },
        { "key": "token", "secret": true, "default": "shpat_0123456789abcdef0123456789abcdef" }
      ],
      "headers": [
        { "key": "Authorization", "value": "Bearer {{token}}" },
        { "key": "authorization", "value": "Baerer{{token}}" },
        { "key": "X Bad:Name", "value": "line\\r\\nbreak" },
        { "key": "Host", "value": "{{ account }}" }
      ],
      "urlParameters": [{ "key": "key", "value": "{{token}}" }, { "key": "key", "value": "{id}" }],
      "body": [{ "key": "domain", "value": [["name", "=", "{{account}}"], { "nested": "{{nope}}" }] }, { "key": "n", "value": 5 }],
      "expect": { "status": [200, 204] },
    },
    { "id": "basic", "name": "Basic", "type": "basic", "variables": [{ "key": "username" }] }
  ],
  "endpoints": [
    {
      "name": "Items",
      "method": "GET",
      "url": "http://api.{{region}}.example.com/{{api_version}}/items/{{token}}/{{limit",
      "authentication": ["bearer", "basic", "beraer"],
      "variables": [{ "key": "limit", "default": "50" }],
      "urlParameters": [{ "key": "limit", "value": "{{limit}}" }],
      "headers": [{ "key": "Authorization", "value": "{{token}}" }, { "key": "X-Api-Key", "value": "abcd1234efgh5678" }]
    },
    { "name": "Items", "method": "get", "url": "ftp://x", "authentication": [] }
  ]
}
`;

/** Real connector texts to mutate: the clean test connector, the five providers, and the rich one above. */
const seeds: readonly string[] = [connector(), shopify(), eva(), hubspot(), airtable(), odoo(), richConnector, JSON.stringify(JSON.parse(shopify()))];

/** The seeds as values, for structural edits. */
const seedValues: readonly unknown[] = seeds.map((text) => parseJsonc(text, [], { allowTrailingComma: true }) as unknown);

/** Fragments that matter to JSON, JSONC, placeholders and the rules. */
const interesting = [
  '{', '}', '[', ']', '"', "'", ',', ':', '{{', '}}', '{{token}}', '{{ token }}', '{{}}', '{id}', '{{a b}}', '{{{', '}}}',
  '\\', '\\u', '\\u00', '\\"', '\\n', '\n', '\r\n', '\r', '\t', '//', '/*', '*/', ' ', 'null', 'true', '-', '0', '1e999',
  '\u2028', '\ud800', '\udc00', '\ufeff', '\u0000', '😀', 'http://', 'https://', '?', '#', '%', '@',
  '"secret": true', '"default": ""', '"type": "token"', '"type": "basic"', '"key": "token"', '"authentication": []',
  'Authorization', 'Bearer ', 'Bearer:', 'bearer', 'X-Shopify-Access-Token', 'EVA-User-Agent', 'Host', 'shpat_',
  '.myshopify.com', '/admin/api/', '/json/2/', '.eva-online.cloud', 'api.hubapi.com', 'api.airtable.com', 'localhost',
];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...interesting) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 2 }) },
);

type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly kind: 'splice'; readonly at: number; readonly source: number; readonly from: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number };

const position = fc.nat({ max: 1_000_000 });
const span = fc.nat({ max: 40 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, text: fragment }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: position, length: span }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: position, length: span, text: fragment }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('splice' as const), at: position, source: fc.nat({ max: seeds.length - 1 }), from: position, length: fc.nat({ max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
);

function applyMutation(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'replace':
      return text.slice(0, at) + m.text + text.slice(at + m.length);
    case 'splice': {
      const source = seeds[m.source];
      const from = m.from % source.length;
      return text.slice(0, at) + source.slice(from, from + m.length) + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

/** A seed text with one to six mutations applied in order. */
const mutatedText: fc.Arbitrary<string> = fc
  .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([index, mutations]) => mutations.reduce(applyMutation, seeds[index]));

/** Every path to a value inside `value` (objects and arrays), the root included. */
function pathsOf(value: unknown, path: Array<string | number> = [], into: Array<Array<string | number>> = []): Array<Array<string | number>> {
  into.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], into));
  else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...path, key], into);
  return into;
}


type Edit = { readonly kind: 'set'; readonly value: unknown } | { readonly kind: 'delete' } | { readonly kind: 'duplicate' };

function applyEdit(root: unknown, path: ReadonlyArray<string | number>, edit: Edit): unknown {
  const copy = structuredClone(root);
  if (path.length === 0) return edit.kind === 'set' ? edit.value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (edit.kind === 'set') parent[last] = edit.value;
  else if (Array.isArray(parent) && typeof last === 'number') {
    if (edit.kind === 'delete') parent.splice(last, 1);
    else parent.splice(last, 0, structuredClone(parent[last]));
  } else if (edit.kind === 'delete') delete parent[last];
  else parent[`${String(last)}`] = structuredClone(parent[last]);
  return copy;
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value): Edit => ({ kind: 'set', value })) },
  { weight: 2, arbitrary: fc.constantFrom(...interesting).map((value): Edit => ({ kind: 'set', value })) },
  { weight: 2, arbitrary: fc.constant<Edit>({ kind: 'delete' }) },
  { weight: 1, arbitrary: fc.constant<Edit>({ kind: 'duplicate' }) },
);

/** A seed parsed, edited at one to four random paths, and printed compactly or indented. */
const editedText: fc.Arbitrary<string> = fc
  .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(fc.tuple(position, edit), { minLength: 1, maxLength: 4 }), fc.constantFrom(0, 2, '\t'))
  .map(([index, edits, indent]) => {
    let value = seedValues[index];
    for (const [at, e] of edits) {
      const paths = pathsOf(value);
      value = applyEdit(value, paths[at % paths.length], e);
    }
    return JSON.stringify(value, null, indent) ?? '';
  });

// Small pools, so that generated connectors meet duplicates, scopes, providers and malformed pieces.
const keyPool = fc.constantFrom('token', 'api_key', 'store_name', 'api_version', 'limit', 'region', 'Token', 'a b', '', '1x');
const placeholderText = fc.oneof(
  keyPool.map((k) => `{{${k}}}`),
  fc.constantFrom('{{', '}}', '{{}}', '{x}', 'Bearer {{token}}', 'bearer {{api_key}}', 'Baerer {{token}}', 'Bearer:{{token}}', 'shpat_0123456789abcdef0123456789abcdef', 'line\r\nbreak', ''),
  fragment,
);
const urlText = fc.oneof(
  fc.constantFrom(
    'https://{{store_name}}.myshopify.com/admin/api/{{api_version}}/shop.json',
    'https://api.{{region}}.acme.test.eva-online.cloud/message/GetCurrentUser',
    'https://api.hubapi.com/account-info/2026-03/details',
    'https://api.airtable.com/v0/meta/whoami',
    'https://{{region}}.odoo.com/json/2/res.users/context_get',
    'http://api.example.com/{{token}}?key={{api_key}}',
    'http://localhost:8080/me',
    '{{region}}/items',
    'not a url',
    'https://' + 'a'.repeat(260),
  ),
  fc.tuple(fc.constantFrom('https://', 'http://', '', 'ftp://'), fc.array(placeholderText, { maxLength: 4 })).map(([scheme, parts]) => scheme + parts.join('/')),
);
const variable = fc.record(
  { key: keyPool, secret: fc.boolean(), default: fc.oneof(placeholderText, fc.constant('x'.repeat(1030))), required: fc.boolean() },
  { requiredKeys: ['key'] },
);
const parameter = fc.record(
  { key: fc.oneof(fc.constantFrom('Authorization', 'X-Shopify-Access-Token', 'EVA-User-Agent', 'Host', 'X Bad', 'api_key', 'X-API-Key', 'authorization'), fragment), value: fc.oneof(placeholderText, fc.jsonValue({ maxDepth: 2 })) },
  { requiredKeys: ['key'] },
);
const methodIds = fc.constantFrom('bearer', 'admin', 'basic', 'missing', '');
const requestParts = {
  method: fc.constantFrom('GET', 'POST', 'get', 'DELETE'),
  url: urlText,
  variables: fc.array(variable, { maxLength: 4 }),
  headers: fc.array(parameter, { maxLength: 4 }),
  urlParameters: fc.array(parameter, { maxLength: 2 }),
  body: fc.array(parameter, { maxLength: 2 }),
};
const authMethod = fc.record(
  { id: methodIds, name: fc.constantFrom('A', 'B'), type: fc.constantFrom('token', 'none', 'basic', 'oauth2-authorization-code', 'tokn'), ...requestParts },
  { requiredKeys: ['id', 'type'] },
);
const endpoint = fc.record(
  { name: fc.constantFrom('Items', 'Other'), authentication: fc.array(methodIds, { maxLength: 3 }), ...requestParts },
  { requiredKeys: ['url', 'authentication'] },
);

/** A connector assembled from the pools, printed indented. */
const generatedText: fc.Arbitrary<string> = fc
  .record({ name: fc.constant('Generated'), variables: fc.array(variable, { maxLength: 3 }), authentication: fc.array(authMethod, { maxLength: 3 }), endpoints: fc.array(endpoint, { maxLength: 3 }) })
  .map((root) => JSON.stringify(root, null, 2));

/** Anything at all: random JSON, random strings. */
const arbitraryText: fc.Arbitrary<string> = fc.oneof(fc.json({ maxDepth: 4 }), fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));

const codes = new Set(allRules.map((rule) => rule.code));
let documents = 0;
let validationMs = 0;

/** Why a range is not inside the document's lines, or undefined when it is. */
function rangeProblem(lines: readonly string[], range: Range): string | undefined {
  const { start, end } = range;
  for (const p of [start, end]) {
    if (!(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length)) return `line ${p.line} outside the document (${lines.length} lines)`;
    if (!(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length)) return `character ${p.character} outside line ${p.line}`;
  }
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'range ends before it starts';
  return undefined;
}

/** Why a diagnostic is not a well-formed answer for the document, or undefined when it is. */
function diagnosticProblem(lines: readonly string[], d: Diagnostic): string | undefined {
  const problem = rangeProblem(lines, d.range);
  if (problem) return problem;
  if (!codes.has(String(d.code))) return 'unknown code';
  if (!(typeof d.message === 'string' && d.message.length > 0)) return 'empty message';
  if (d.source !== 'connector') return 'source is not "connector"';
  if (!(d.severity !== undefined && d.severity >= 1 && d.severity <= 4)) return 'no valid severity';
  // Quick fixes are part of the answer: their edits must lie inside the document too.
  if (isFixData(d.data)) {
    for (const fix of d.data.fixes) {
      for (const e of fix.edits) {
        const editProblem = rangeProblem(lines, e.range);
        if (editProblem) return `quick fix edit: ${editProblem}`;
      }
    }
  }
  return undefined;
}

/** Asserts the answer is an array of well-formed diagnostics whose ranges lie inside the text (messages built only on failure). */
function assertAnswer(text: string, diagnostics: Diagnostic[]): void {
  assert.ok(Array.isArray(diagnostics), 'validate answers an array');
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of diagnostics) {
    const problem = diagnosticProblem(lines, d);
    if (problem) assert.fail(`${problem}: ${JSON.stringify(d)}`);
  }
}

async function checkText(text: string): Promise<void> {
  documents++;
  const document = connectorDocument(text);
  const started = performance.now();
  const diagnostics = await service().validate(document);
  validationMs += performance.now() - started;
  assertAnswer(text, diagnostics);
}

/** Runs a property over `runs` documents with the configured seed (offset per property, so they differ). */
async function fuzz(name: string, offset: number, arbitrary: fc.Arbitrary<string>, runs: number): Promise<void> {
  const started = performance.now();
  const validationBefore = validationMs;
  await fc.assert(fc.asyncProperty(arbitrary, checkText), { seed: seed + offset, numRuns: runs });
  const ms = performance.now() - started;
  if (process.env.FUZZ_VERBOSE) console.log(`${name}: ${runs} documents in ${ms.toFixed(0)} ms, ${(validationMs - validationBefore).toFixed(0)} ms of it in validate`);
}

describe(`fuzz: the service never throws and always answers (seed ${seed}, ${totalRuns} documents)`, () => {
  it('the seeds are real connectors: the clean ones are clean', async () => {
    for (const text of seeds.slice(0, 6)) assert.deepEqual(await service().validate(connectorDocument(text)), []);
    // The rich connector trips many rules, so that its mutations exercise them.
    const richCodes = new Set((await service().validate(connectorDocument(richConnector))).map((d) => d.code));
    assert.ok(richCodes.size >= 18, `the rich connector trips only ${richCodes.size} rules: ${[...richCodes].join(', ')}`);
  });

  it('mutated connector texts: edits, braces, quotes, placeholders, splices, truncation', async () => {
    await fuzz('mutated', 1, mutatedText, share(0.5));
  });

  it('structurally edited connectors: arbitrary JSON values at random paths', async () => {
    await fuzz('edited', 2, editedText, share(0.2));
  });

  it('connectors generated from small pools of keys, URLs and headers', async () => {
    await fuzz('generated', 3, generatedText, share(0.2));
  });

  it('arbitrary JSON and strings', async () => {
    await fuzz('arbitrary', 4, arbitraryText, share(0.05));
  });

  it('completion, hover, navigation, rename, symbols and code actions at random positions never throw', async () => {
    const features = fc.tuple(fc.oneof(mutatedText, editedText), position).map(([text, at]) => ({ text, at }));
    const property = fc.asyncProperty(features, async ({ text, at }) => {
      documents++;
      const document = connectorDocument(text);
      const parsed = service().parse(document);
      const p = document.positionAt(at % (text.length + 1));
      await service().complete(document, p, parsed);
      await service().hover(document, p, parsed);
      service().definition(document, p, parsed);
      service().references(document, p, true, parsed);
      service().prepareRename(document, p, parsed);
      try {
        service().rename(document, p, 'renamed_key', parsed);
      } catch (error) {
        // A rename that would change which variable a placeholder uses is refused with a sentence for the user.
        if (!(error instanceof RenameError)) throw error;
      }
      service().symbols(document, parsed);
      const diagnostics = await service().validate(document, parsed);
      assert.ok(Array.isArray(service().codeActions(document, diagnostics)));
    });
    await fc.assert(property, { seed: seed + 5, numRuns: share(0.05) });
  });

  it('every prefix of the rich connector', async () => {
    const step = Math.max(1, Math.floor(richConnector.length / share(0.05)));
    for (let end = 0; end <= richConnector.length; end += step) await checkText(richConnector.slice(0, end));
  });

  it('checked at least 10,000 documents (unless FUZZ_RUNS says otherwise)', () => {
    assert.ok(documents >= Math.min(totalRuns, 10_000), `only ${documents} documents were checked`);
  });
});
