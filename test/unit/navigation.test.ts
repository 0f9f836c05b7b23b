import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol, type Location, type Range, type WorkspaceEdit } from 'vscode-json-languageservice';
import { positionOf } from '../support/cursor';
import { connectorDocument, service } from '../support/service';

/**
 * Variables used across the file: `token` by the auth method and the first endpoint; `page` declared by the auth
 * method and shadowed by the second endpoint's own `page`; `base_url` at the connector level.
 */
const text = `{
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
        { "key": "page", "label": "First page", "default": "1" }
      ],
      "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }],
      "urlParameters": [{ "key": "page", "value": "{{page}}" }]
    }
  ],
  "endpoints": [
    {
      "name": "List items",
      "method": "GET",
      "url": "{{base_url}}/v1/items?page={{page}}",
      "authentication": ["bearer"],
      "headers": [{ "key": "X-Request-Token", "value": "{{token}}" }]
    },
    {
      "name": "List pages",
      "method": "GET",
      "url": "{{base_url}}/v1/pages?page={{page}}",
      "authentication": ["bearer"],
      "variables": [{ "key": "page", "label": "Page", "default": "2" }]
    }
  ]
}`;

const document = connectorDocument(text);
const ls = service();

/** Where `needle`'s `occurrence`-th match starts, `delta` characters in. */
const at = (needle: string, occurrence = 0, delta = 2): ReturnType<typeof positionOf> => positionOf(document, needle, occurrence, delta);

/** Each range as the text it covers and its line, in document order. */
function covered(ranges: readonly Range[]): string[] {
  return ranges.map((r) => `${r.start.line}:${document.getText(r)}`);
}

function locations(found: readonly Location[]): string[] {
  for (const location of found) assert.equal(location.uri, document.uri);
  return covered(found.map((l) => l.range));
}

/** Line numbers (0-based) of the declarations and uses the tests refer to. */
const line = (needle: string, occurrence = 0): number => at(needle, occurrence, 0).line;
const tokenKey = line('"key": "token"');
const authPageKey = line('"key": "page", "label": "First page"');
const endpointPageKey = line('"key": "page", "label": "Page"');

function applyRename(edit: WorkspaceEdit | null): string {
  assert.ok(edit?.changes, 'a WorkspaceEdit with changes');
  assert.deepEqual(Object.keys(edit.changes), [document.uri]);
  return TextDocument.applyEdits(document, edit.changes[document.uri]);
}

describe('the document the navigation tests use', () => {
  it('is a clean connector', async () => {
    assert.deepEqual(await ls.validate(document), []);
  });
});

describe('definition', () => {
  it('of a placeholder in an auth method is the key of its variable, without quotes', () => {
    assert.deepEqual(locations(ls.definition(document, at('Bearer {{token}}', 0, 9))), [`${tokenKey}:token`]);
  });

  it('of a placeholder in an endpoint is the auth method variable it resolves to', () => {
    assert.deepEqual(locations(ls.definition(document, at('"{{token}}"', 0, 4))), [`${tokenKey}:token`]);
  });

  it('of a connector variable used in a URL is its declaration', () => {
    assert.deepEqual(locations(ls.definition(document, at('{{base_url}}/v1/items'))), [`${line('"key": "base_url"')}:base_url`]);
  });

  it('follows shadowing: an endpoint variable wins over the auth variable of the same key', () => {
    assert.deepEqual(locations(ls.definition(document, at('{{page}}', 1))), [`${authPageKey}:page`]);
    assert.deepEqual(locations(ls.definition(document, at('{{page}}', 2))), [`${endpointPageKey}:page`]);
  });

  it('lists one declaration per auth method for an endpoint enabled for two', () => {
    const two = connectorDocument(`{
  "name": "Two",
  "authentication": [
    { "id": "a", "name": "A", "type": "token", "url": "https://a.example.com/me", "variables": [{ "key": "token", "secret": true }], "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }] },
    { "id": "b", "name": "B", "type": "token", "url": "https://b.example.com/me", "variables": [{ "key": "token", "secret": true }], "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }] }
  ],
  "endpoints": [{ "name": "E", "url": "https://a.example.com/items", "authentication": ["a", "b"], "headers": [{ "key": "X-Token", "value": "{{token}}" }] }]
}`);
    const found = ls.definition(two, positionOf(two, '"{{token}}"', 0, 4));
    assert.deepEqual(found.map((l) => l.range.start.line), [3, 4]);
  });

  it('finds nothing outside a placeholder or variable key', () => {
    assert.deepEqual(ls.definition(document, at('"name": "Example"')), []);
  });
});

describe('references', () => {
  it('of a variable key are its placeholders, in the auth method and in endpoints', () => {
    assert.deepEqual(locations(ls.references(document, at('"key": "token"', 0, 9), false)), [
      `${line('Bearer {{token}}')}:token`,
      `${line('"{{token}}"')}:token`,
    ]);
  });

  it('include the declaration when asked', () => {
    assert.deepEqual(locations(ls.references(document, at('"key": "token"', 0, 9), true)), [
      `${tokenKey}:token`,
      `${line('Bearer {{token}}')}:token`,
      `${line('"{{token}}"')}:token`,
    ]);
  });

  it('from a placeholder are the same as from its declaration', () => {
    assert.deepEqual(ls.references(document, at('Bearer {{token}}', 0, 10), true), ls.references(document, at('"key": "token"', 0, 9), true));
  });

  it('of a shadowed auth variable leave out the endpoint that shadows it', () => {
    assert.deepEqual(locations(ls.references(document, at('"key": "page", "label": "First page"', 0, 9), true)), [
      `${authPageKey}:page`,
      `${line('"{{page}}"')}:page`,
      `${line('/v1/items?page={{page}}')}:page`,
    ]);
  });

  it('of the shadowing endpoint variable are its own uses only', () => {
    assert.deepEqual(locations(ls.references(document, at('"key": "page", "label": "Page"', 0, 9), true)), [
      `${endpointPageKey}:page`,
      `${line('/v1/pages?page={{page}}')}:page`,
    ]);
  });
});

describe('rename', () => {
  it('prepares on a placeholder with the key inside the braces', () => {
    const prepared = ls.prepareRename(document, at('Bearer {{token}}', 0, 10));
    assert.ok(prepared);
    assert.equal(prepared.placeholder, 'token');
    assert.deepEqual(covered([prepared.range]), [`${line('Bearer {{token}}')}:token`]);
  });

  it('prepares on a variable key with the key without quotes', () => {
    const prepared = ls.prepareRename(document, at('"key": "token"', 0, 8));
    assert.ok(prepared);
    assert.deepEqual(covered([prepared.range]), [`${tokenKey}:token`]);
  });

  it('refuses to prepare where there is no variable', () => {
    assert.equal(ls.prepareRename(document, at('"name": "Example"', 0, 10)), null);
    const unknown = connectorDocument(text.replace('Bearer {{token}}', 'Bearer {{tokn}}'));
    assert.equal(ls.prepareRename(unknown, positionOf(unknown, '{{tokn}}', 0, 3)), null);
  });

  it('renames a variable and every placeholder that uses it, leaving a clean file', async () => {
    const renamed = applyRename(ls.rename(document, at('Bearer {{token}}', 0, 10), 'access_token'));
    assert.equal(renamed, text.replace('"key": "token"', '"key": "access_token"').replaceAll('{{token}}', '{{access_token}}'));
    assert.deepEqual(await ls.validate(connectorDocument(renamed)), []);
  });

  it('renames the same from the declaration', () => {
    assert.deepEqual(ls.rename(document, at('"key": "token"', 0, 9), 'access_token'), ls.rename(document, at('"{{token}}"', 0, 4), 'access_token'));
  });

  it('renames a connector variable in every request', () => {
    const renamed = applyRename(ls.rename(document, at('"key": "base_url"', 0, 9), 'api_root'));
    assert.equal(renamed, text.replace('"key": "base_url"', '"key": "api_root"').replaceAll('{{base_url}}', '{{api_root}}'));
  });

  it('renames a shadowing endpoint variable and its own references only', async () => {
    const renamed = applyRename(ls.rename(document, at('/v1/pages?page={{page}}', 0, 17), 'page_number'));
    const expected = text
      .replace('{ "key": "page", "label": "Page"', '{ "key": "page_number", "label": "Page"')
      .replace('/v1/pages?page={{page}}', '/v1/pages?page={{page_number}}');
    assert.equal(renamed, expected);
    assert.deepEqual(await ls.validate(connectorDocument(renamed)), []);
  });

  it('renames a shadowed auth variable without touching the endpoint that shadows it', async () => {
    const renamed = applyRename(ls.rename(document, at('"key": "page", "label": "First page"', 0, 9), 'start_page'));
    const expected = text
      .replace('{ "key": "page", "label": "First page"', '{ "key": "start_page", "label": "First page"')
      .replace('"value": "{{page}}"', '"value": "{{start_page}}"')
      .replace('/v1/items?page={{page}}', '/v1/items?page={{start_page}}');
    assert.equal(renamed, expected);
    assert.deepEqual(await ls.validate(connectorDocument(renamed)), []);
  });

  for (const invalid of ['my token', '1st', '', 'a}}b', '{{token}}']) {
    it(`to the invalid key ${JSON.stringify(invalid)} throws a message the user can act on`, () => {
      assert.throws(() => ls.rename(document, at('Bearer {{token}}', 0, 10), invalid), {
        message: `${JSON.stringify(invalid)} is not a valid variable key: start with a letter or underscore and use letters, digits, _, . and -.`,
      });
    });
  }

  it('regression: refuses a rename that would make a placeholder use another variable (a secret token renamed to the URL\'s host)', () => {
    // Renaming the secret `token` to `base_url` would put the token where `{{base_url}}` fills each URL.
    assert.throws(() => ls.rename(document, at('Bearer {{token}}', 0, 10), 'base_url'), {
      message: `Renaming to "base_url" would change which variable {{base_url}} on line ${line('"url": "{{base_url}}/v1/me"') + 1} uses: choose another key.`,
    });
  });

  it('refuses a rename that would capture the renamed placeholders with an inner variable', () => {
    // The connector's `base_url` renamed to `page`: in endpoints, `{{page}}` would be their own or the auth method's `page`.
    assert.throws(() => ls.rename(document, at('"key": "base_url"', 0, 9), 'page'), /would change which variable \{\{base_url\}\} on line \d+ uses/);
  });

  it('refuses a rename to a key already declared in the same list', () => {
    assert.throws(() => ls.rename(document, at('"key": "token"', 0, 9), 'page'), {
      message: 'Variable "page" already exists next to the one you are renaming: choose another key.',
    });
  });

  it('allows a key declared at another level when no placeholder changes meaning', async () => {
    // The second endpoint sends no `{{token}}`: its own `page` may take that key, shadowing the auth method's for itself only.
    const renamed = applyRename(ls.rename(document, at('"key": "page", "label": "Page"', 0, 9), 'token'));
    assert.deepEqual(await ls.validate(connectorDocument(renamed)), []);
  });

  it('refuses to rename one auth method\'s variable when an endpoint enabled for two methods shares the placeholder', () => {
    const two = connectorDocument(`{
  "name": "Two",
  "authentication": [
    { "id": "a", "name": "A", "type": "token", "url": "https://a.example.com/me", "variables": [{ "key": "token", "secret": true }], "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }] },
    { "id": "b", "name": "B", "type": "token", "url": "https://b.example.com/me", "variables": [{ "key": "token", "secret": true }], "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }] }
  ],
  "endpoints": [{ "name": "E", "method": "GET", "url": "https://a.example.com/items", "authentication": ["a", "b"], "headers": [{ "key": "X-Token", "value": "{{token}}" }] }]
}`);
    assert.throws(() => ls.rename(two, positionOf(two, '"key": "token"', 0, 9), 'a_token'), /would change which variable \{\{token\}\} on line 7 uses/);
    // From the endpoint's placeholder, both declarations and every use are renamed together.
    const edit = ls.rename(two, positionOf(two, '"{{token}}"', 0, 4), 'api_token');
    assert.equal(edit?.changes?.[two.uri].length, 5);
  });

  it('returns null where there is nothing to rename', () => {
    assert.equal(ls.rename(document, at('"name": "Example"', 0, 10), 'other'), null);
  });
});

describe('document symbols', () => {
  interface Outline {
    readonly name: string;
    readonly kind: SymbolKind;
    readonly detail?: string;
    readonly children?: Outline[];
  }
  const outline = (symbols: readonly DocumentSymbol[]): Outline[] =>
    symbols.map((s) => ({ name: s.name, kind: s.kind, ...(s.detail ? { detail: s.detail } : {}), ...(s.children?.length ? { children: outline(s.children) } : {}) }));

  it('lists connector variables, then auth methods and endpoints with their variables', () => {
    assert.deepEqual(outline(ls.symbols(document)), [
      { name: 'base_url', kind: SymbolKind.Variable },
      {
        name: 'Bearer token',
        kind: SymbolKind.Interface,
        detail: 'bearer · token',
        children: [
          { name: 'token', kind: SymbolKind.Key, detail: 'secret' },
          { name: 'page', kind: SymbolKind.Variable },
        ],
      },
      { name: 'List items', kind: SymbolKind.Method, detail: 'GET {{base_url}}/v1/items?page={{page}}' },
      { name: 'List pages', kind: SymbolKind.Method, detail: 'GET {{base_url}}/v1/pages?page={{page}}', children: [{ name: 'page', kind: SymbolKind.Variable }] },
    ]);
  });

  it('gives each symbol a range that contains its selection range', () => {
    const check = (symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): void => {
      for (const symbol of symbols) {
        const contains = (outer: Range, inner: Range): boolean =>
          document.offsetAt(outer.start) <= document.offsetAt(inner.start) && document.offsetAt(inner.end) <= document.offsetAt(outer.end);
        assert.ok(contains(symbol.range, symbol.selectionRange), symbol.name);
        if (parent) assert.ok(contains(parent.range, symbol.range), `${symbol.name} inside ${parent.name}`);
        check(symbol.children ?? [], symbol);
      }
    };
    check(ls.symbols(document));
    const method = ls.symbols(document)[1];
    assert.equal(document.getText(method.selectionRange), '"Bearer token"');
    assert.equal(document.getText(method.children![0].selectionRange), '"token"');
  });

  it('names an auth method without a name by its id, and an endpoint without a name generically', () => {
    const bare = connectorDocument('{ "authentication": [{ "id": "key", "type": "none" }], "endpoints": [{ "url": "https://x.example.com" }] }');
    assert.deepEqual(outline(ls.symbols(bare)).map((s) => [s.name, s.kind]), [['key', SymbolKind.Interface], ['Endpoint', SymbolKind.Method]]);
  });

  it('never gives a symbol an empty name, which editors reject, while a variable\'s key is still being typed', () => {
    const typing = connectorDocument('{ "variables": [{ "key": "" }], "authentication": [{ "id": "", "name": "", "type": "none", "variables": [{ "key": "" }] }], "endpoints": [{ "name": "" }] }');
    const names = (symbols: readonly DocumentSymbol[]): string[] => symbols.flatMap((s) => [s.name, ...names(s.children ?? [])]);
    const all = names(ls.symbols(typing));
    assert.equal(all.length, 4);
    for (const name of all) assert.ok(name.trim().length > 0, JSON.stringify(all));
  });

  it('is empty for a document whose root is not an object', () => {
    assert.deepEqual(ls.symbols(connectorDocument('[]')), []);
  });
});
