/**
 * Diagnostics time for generated connectors of 10 to 2,500 endpoints, beside the bare jsonc-parser parse and
 * vscode-json-languageservice schema validation alone of the same text. Run with `npm run bench`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseTree } from 'jsonc-parser';
import { getLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnectorLanguageService } from '../server/src/service';

const sizes = [10, 100, 1000, 2500];
const repoRoot = path.resolve(__dirname, '..', '..');
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'connector.schema.json'), 'utf8')) as JSONSchema;

/** A realistic connector: two token methods, connector variables, and `endpoints` endpoints with parameters. */
export function generateConnector(endpoints: number): string {
  const lines: string[] = [];
  lines.push('{', '  // generated for the benchmark', '  "name": "Generated",', '  "variables": [', '    { "key": "api_version", "label": "API version", "default": "2024-10" }', '  ],');
  lines.push('  "authentication": [');
  for (const [index, id] of ['primary', 'secondary'].entries()) {
    lines.push(
      '    {',
      `      "id": "${id}", "name": "Token ${index + 1}", "type": "token",`,
      '      "url": "https://{{store_name}}.example.com/api/{{api_version}}/me",',
      '      "variables": [',
      '        { "key": "store_name", "label": "Store name", "required": true },',
      '        { "key": "token", "label": "Access token", "secret": true, "required": true }',
      '      ],',
      '      "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }, { "key": "Accept", "value": "application/json" }],',
      '      "expect": { "status": [200] }',
      `    }${index === 0 ? ',' : ''}`,
    );
  }
  lines.push('  ],', '  "endpoints": [');
  for (let i = 0; i < endpoints; i++) {
    lines.push(
      '    {',
      `      "name": "Endpoint ${i}", "method": "${i % 3 === 0 ? 'POST' : 'GET'}",`,
      `      "url": "https://{{store_name}}.example.com/api/{{api_version}}/resource-${i}.json",`,
      '      "authentication": ["primary", "secondary"],',
      '      "variables": [{ "key": "limit", "label": "Page size", "default": "50" }, { "key": "cursor", "label": "Cursor" }],',
      '      "headers": [{ "key": "X-Request-Source", "value": "connector" }],',
      '      "urlParameters": [{ "key": "limit", "value": "{{limit}}" }, { "key": "page_info", "value": "{{cursor}}" }],',
      `      "body": [{ "key": "filter", "value": { "ids": [${i}, ${i + 1}], "active": true } }]`,
      `    }${i < endpoints - 1 ? ',' : ''}`,
    );
  }
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

/** Medians of several measured tasks, run interleaved round by round so that load changes hit every task alike. */
async function interleavedMedians(tasks: ReadonlyArray<() => unknown>, rounds: number, budgetMs: number): Promise<number[]> {
  for (const task of tasks) await task();
  const samples: number[][] = tasks.map(() => []);
  const deadline = performance.now() + budgetMs;
  for (let round = 0; round < rounds || (performance.now() < deadline && round < 100); round++) {
    // Rotate the order each round, so that garbage one task leaves behind is collected during each of the others alike.
    for (let step = 0; step < tasks.length; step++) {
      const index = (round + step) % tasks.length;
      const task = tasks[index];
      const start = performance.now();
      await task();
      samples[index].push(performance.now() - start);
    }
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

async function main(): Promise<void> {
  const service = createConnectorLanguageService({ schema });
  const json = getLanguageService({});
  // Configured the way the connector service configures it: the schema registered once for every document.
  json.configure({ validate: true, allowComments: true, schemas: [{ uri: 'bench://connector.schema.json', fileMatch: ['*'], schema }] });
  const rows: string[][] = [];
  let failed = false;
  for (const size of sizes) {
    const text = generateConnector(size);
    const document = TextDocument.create(`file:///bench-${size}.connector.jsonc`, 'connector', 1, text);
    const diagnostics = await service.validate(document);
    if (diagnostics.length > 0) throw new Error(`The generated connector of ${size} endpoints is not clean: ${diagnostics[0].code} ${diagnostics[0].message}`);
    const budget = size >= 1000 ? 15000 : 3000;
    const runs = size >= 1000 ? 15 : 40;
    const [parse, schemaOnly, full] = await interleavedMedians([
      () => parseTree(text, [], { allowTrailingComma: true }),
      () => json.doValidation(document, json.parseJSONDocument(document), { comments: 'ignore', schemaValidation: 'error' }),
      () => service.validate(document),
    ], runs, budget);
    rows.push([
      String(size),
      (text.length / 1024).toFixed(0),
      parse.toFixed(2),
      schemaOnly.toFixed(2),
      full.toFixed(2),
      (full / schemaOnly).toFixed(2),
      (full / parse).toFixed(2),
      ((full * 1000) / size).toFixed(1),
    ]);
    if (size === sizes[sizes.length - 1] && (full > 1.25 * schemaOnly || full > 5 * parse)) failed = true;
  }
  const header = ['endpoints', 'KiB', 'parse ms', 'schema ms', 'full ms', 'full/schema', 'full/parse', 'µs/endpoint'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 1) + ':').join('|') + '|');
  for (const row of rows) console.log(line(row));
  console.log(`\nNode ${process.version}; medians; "schema" = vscode-json-languageservice parse + schema validation; targets on ${sizes[sizes.length - 1]}: full ≤ 1.25× schema and ≤ 5× parse.`);
  if (failed) {
    console.log('Target missed.');
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
