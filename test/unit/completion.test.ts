import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-json-languageservice';
import { atCursor } from '../support/cursor';
import { repoRoot, service } from '../support/service';

/**
 * A connector with a variable at each level; `AUTH` and `ENDPOINT` mark a header value of the auth method and of the
 * endpoint, where a test puts its text with the `|` cursor.
 */
function connectorWith(auth: string, endpoint: string): string {
  return `{
  "name": "Example",
  "variables": [
    { "key": "base_url", "label": "API base URL", "default": "https://api.example.com" }
  ],
  "authentication": [
    {
      "id": "bearer",
      "name": "Bearer token",
      "type": "token",
      "url": "{{base_url}}/v1/me",
      "variables": [
        { "key": "token", "label": "Access token", "secret": true, "required": true },
        { "key": "tenant", "label": "Tenant", "default": "acme" }
      ],
      "headers": [
        { "key": "Authorization", "value": "Bearer {{token}}" },
        { "key": "X-Tenant", "value": "${auth}" }
      ]
    }
  ],
  "endpoints": [
    {
      "name": "List items",
      "method": "GET",
      "url": "{{base_url}}/v1/items",
      "authentication": ["bearer"],
      "variables": [{ "key": "page_size", "label": "Page size", "default": "50" }],
      "headers": [{ "key": "X-Page-Size", "value": "${endpoint}" }]
    }
  ]
}`;
}

async function complete(textWithCursor: string): Promise<{ list: CompletionList; document: TextDocument }> {
  const { document, position } = atCursor(textWithCursor);
  const list = await service().complete(document, position);
  assert.ok(list, 'a completion list');
  return { list, document };
}

/** Items in the order an editor shows them before the user types: by sortText, else by label. */
function sorted(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

function edit(item: CompletionItem): TextEdit {
  assert.ok(item.textEdit && 'range' in item.textEdit, `${item.label} has a plain textEdit`);
  return item.textEdit;
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  const contents = hover.contents as MarkupContent | string | Array<MarkupContent | string>;
  const parts = Array.isArray(contents) ? contents : [contents];
  return parts.map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'connector.schema.json'), 'utf8')) as {
  properties: Record<string, { markdownDescription: string }>;
  definitions: Record<string, { properties: Record<string, { markdownDescription: string }> }>;
};

describe('completion inside {{', () => {
  it('offers the endpoint, auth and connector variables in that order, with their level and secrecy', async () => {
    const { list } = await complete(connectorWith('{{tenant}}', '{{|'));
    const items = sorted(list.items);
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [
      ['page_size', 'Endpoint variable'],
      ['tenant', 'Auth variable'],
      ['token', 'Auth variable · secret'],
      ['base_url', 'Connector variable'],
    ]);
    assert.equal(list.isIncomplete, false);
  });

  it('inserts the key and the closing braces', async () => {
    const { list, document } = await complete(connectorWith('{{tenant}}', '{{|'));
    const token = list.items.find((i) => i.label === 'token')!;
    assert.equal(edit(token).newText, 'token}}');
    assert.equal(TextDocument.applyEdits(document, [edit(token)]).includes('"value": "{{token}}"'), true);
  });

  it('replaces the typed part of the key', async () => {
    const { list, document } = await complete(connectorWith('{{tenant}}', 'x-{{pa|'));
    const pageSize = list.items.find((i) => i.label === 'page_size')!;
    assert.equal(document.getText(edit(pageSize).range), 'pa');
    assert.ok(TextDocument.applyEdits(document, [edit(pageSize)]).includes('"value": "x-{{page_size}}"'));
  });

  it('does not double the closing braces when they already follow the key', async () => {
    const { list, document } = await complete(connectorWith('{{tenant}}', '{{to|ken}} more'));
    const token = list.items.find((i) => i.label === 'token')!;
    assert.equal(document.getText(edit(token).range), 'token}}');
    assert.ok(TextDocument.applyEdits(document, [edit(token)]).includes('"value": "{{token}} more"'));
  });

  it('does not double the closing braces right after {{ either', async () => {
    const { list, document } = await complete(connectorWith('{{tenant}}', '{{|}}'));
    const token = list.items.find((i) => i.label === 'token')!;
    assert.ok(TextDocument.applyEdits(document, [edit(token)]).includes('"value": "{{token}}"'));
  });

  it('works while the value\'s closing quote is not typed yet', async () => {
    const { list } = await complete(connectorWith('{{tenant}}', 'MARK').replace('"MARK"', '"{{|'));
    assert.deepEqual(sorted(list.items).map((i) => i.label), ['page_size', 'tenant', 'token', 'base_url']);
  });

  it('in an auth method, offers its own and the connector variables but never an endpoint variable', async () => {
    const { list } = await complete(connectorWith('{{|', '{{page_size}}'));
    assert.deepEqual(sorted(list.items).map((i) => [i.label, i.detail]), [
      ['tenant', 'Auth variable'],
      ['token', 'Auth variable · secret'],
      ['base_url', 'Connector variable'],
    ]);
  });

  it('works in a URL as well as in a header value', async () => {
    const text = connectorWith('{{tenant}}', '{{page_size}}').replace('"{{base_url}}/v1/items"', '"{{base_url}}/v1/items?size={{|"');
    const { list } = await complete(text);
    assert.deepEqual(sorted(list.items).map((i) => i.label), ['page_size', 'tenant', 'token', 'base_url']);
  });

  it('documents a variable without ever showing a secret\'s value', async () => {
    const { list } = await complete(connectorWith('{{tenant}}', '{{|'));
    const doc = (label: string): string => (list.items.find((i) => i.label === label)!.documentation as MarkupContent).value;
    assert.match(doc('token'), /Access token/);
    assert.match(doc('token'), /never written in this file/);
    assert.match(doc('page_size'), /Default: `50`/);
  });

  it('offers no variable whose key could not be a placeholder (empty while typed, or with a space)', async () => {
    const text = connectorWith('{{tenant}}', '{{|').replace('"variables": [{ "key": "page_size"', '"variables": [{ "key": "" }, { "key": "page size" }, { "key": "page_size"');
    const { list } = await complete(text);
    assert.deepEqual(sorted(list.items).map((i) => i.label), ['page_size', 'tenant', 'token', 'base_url']);
  });

  it('offers no variables outside {{', async () => {
    const { list } = await complete(connectorWith('{{tenant}}', 'plain |'));
    assert.ok(!list.items.some((i) => i.label === 'token'), list.items.map((i) => i.label).join(', '));
  });
});

describe('schema completion', () => {
  it('offers endpoints among the keys of the root object', async () => {
    const { list } = await complete('{\n  "name": "Example",\n  |\n}\n');
    const labels = list.items.map((i) => i.label);
    for (const key of ['endpoints', 'authentication', 'variables']) assert.ok(labels.includes(key), labels.join(', '));
    assert.ok(!labels.includes('name'), 'a key already present is not offered again');
  });

  it('offers the provider presets and generic snippets for an item of authentication', async () => {
    const { list } = await complete('{\n  "name": "Example",\n  "authentication": [\n    |\n  ]\n}\n');
    const labels = list.items.map((i) => i.label);
    for (const preset of [
      'Shopify Admin API access token',
      'Airtable personal access token',
      'HubSpot private app token',
      'EVA (New Black) API key',
      'Odoo (19+) API key, JSON-2',
      'Bearer token in the Authorization header',
      'API key in a header',
      'API key in a URL parameter',
    ]) {
      assert.ok(labels.includes(preset), `${preset} in ${labels.join(', ')}`);
    }
  });

  it('inserts presets that are clean connectors once the snippet placeholders are filled', async () => {
    const { list, document } = await complete('{\n  "name": "Example",\n  "authentication": [\n    |\n  ]\n}\n');
    for (const item of list.items) {
      const snippet = item.insertText ?? (item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '');
      // Fill each ${n:default} with its default and drop bare tab stops, as accepting the snippet unchanged would.
      const body = snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
      const text = document.getText().replace(/\[\n {4}\n {2}\]/, `[${body}]`);
      const diagnostics = await service().validate(TextDocument.create('file:///preset.connector.json', 'connector', 1, text));
      // The query-parameter preset is there for APIs that take nothing else, and says so with its warning.
      const expected = item.label === 'API key in a URL parameter' ? ['secret-in-query'] : [];
      assert.deepEqual(diagnostics.map((d) => String(d.code)), expected, `${item.label}: ${diagnostics.map((d) => d.message).join(' ')}`);
    }
  });

  for (const [where, text, expected] of [
    ['an item of headers', '{ "authentication": [{ "headers": [|] }] }', ['Authorization: Bearer {{token}}', 'X-API-Key: {{api_key}}', 'Header']],
    ['an item of variables', '{ "authentication": [{ "variables": [|] }] }', ['Variable', 'Secret variable (token)']],
    ['an item of connector variables', '{ "variables": [|] }', ['Variable', 'Secret variable (token)']],
    ['an item of endpoints', '{ "endpoints": [|] }', ['Endpoint']],
    ['an item of urlParameters', '{ "endpoints": [{ "urlParameters": [|] }] }', ['URL parameter']],
    ['an item of body', '{ "endpoints": [{ "body": [|] }] }', ['Body field']],
  ] as const) {
    it(`offers the snippets of ${where}`, async () => {
      const { list } = await complete(text);
      const labels = list.items.map((i) => i.label);
      for (const label of expected) assert.ok(labels.includes(label), `${label} in ${labels.join(', ')}`);
    });
  }

  it('offers Authorization first among header names', async () => {
    const { list } = await complete('{\n  "name": "Example",\n  "authentication": [\n    { "headers": [{ "key": "|" }] }\n  ]\n}\n');
    const labels = sorted(list.items).map((i) => i.label);
    assert.equal(labels[0], '"Authorization"', labels.join(', '));
    for (const name of ['"X-API-Key"', '"X-Shopify-Access-Token"', '"EVA-User-Agent"']) assert.ok(labels.includes(name), labels.join(', '));
  });

  it('offers the HTTP methods in the schema\'s order, GET first', async () => {
    const { list } = await complete('{ "endpoints": [{ "method": | }] }');
    assert.deepEqual(sorted(list.items).map((i) => i.label).slice(0, 3), ['"GET"', '"POST"', '"PUT"']);
  });

  it('offers the auth types with token first', async () => {
    const { list } = await complete('{\n  "name": "Example",\n  "authentication": [\n    { "type": | }\n  ]\n}\n');
    assert.equal(sorted(list.items)[0].label, '"token"');
  });
});

describe('hover', () => {
  const text = connectorWith('{{tenant}}', '{{page_size}}');

  it('on a secret placeholder shows the variable\'s level, label and secrecy', async () => {
    const { document, position } = atCursor(text.replace('Bearer {{token}}', 'Bearer {{to|ken}}'));
    const hover = await service().hover(document, position);
    const value = markdown(hover);
    assert.match(value, /\*\*Auth variable\*\* `token` — secret/);
    assert.match(value, /Access token/);
    assert.match(value, /Declared by auth method `bearer`/);
    assert.equal(document.getText(hover!.range), '{{token}}');
  });

  it('on a plain placeholder shows its default', async () => {
    const { document, position } = atCursor(text.replace('"{{page_size}}"', '"{{page_|size}}"'));
    const value = markdown(await service().hover(document, position));
    assert.match(value, /\*\*Endpoint variable\*\* `page_size`/);
    assert.match(value, /Page size/);
    assert.match(value, /Default: `50`/);
  });

  it('regression: hover on a secret placeholder never shows its value, even a default written into the file', async () => {
    const literal = 'shpat_0123456789abcdef0123456789abcdef';
    const withDefault = text.replace('"secret": true, "required": true', `"secret": true, "default": "${literal}"`);
    assert.notEqual(withDefault, text);
    const { document, position } = atCursor(withDefault.replace('Bearer {{token}}', 'Bearer {{|token}}'));
    const value = markdown(await service().hover(document, position));
    assert.match(value, /secret/);
    assert.ok(!value.includes(literal), value);
    assert.ok(!value.includes('shpat_'), value);
  });

  it('on an unknown placeholder says it matches no variable', async () => {
    const { document, position } = atCursor(text.replace('"{{page_size}}"', '"{{pag|e}}"'));
    assert.match(markdown(await service().hover(document, position)), /`\{\{page\}\}` matches no variable in scope/);
  });

  it('on a key shows the schema documentation', async () => {
    const { document, position } = atCursor(text.replace('"authentication": [\n', '"authent|ication": [\n'));
    assert.ok(markdown(await service().hover(document, position)).includes(schema.properties.authentication.markdownDescription));
  });

  it('on a variable\'s "secret" key shows what it means', async () => {
    const { document, position } = atCursor(text.replace('"secret": true', '"sec|ret": true'));
    const expected = schema.definitions.variable.properties.secret.markdownDescription;
    assert.ok(markdown(await service().hover(document, position)).includes(expected));
  });
});
