import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-json-languageservice';
import { connector, connectorDocument, repoRoot, service } from '../support/service';

const ls = service();

/** What applying one quick fix did. */
interface Fixed {
  readonly action: CodeAction;
  readonly text: string;
  readonly before: readonly Diagnostic[];
  readonly after: readonly Diagnostic[];
}

const describeAll = (diagnostics: readonly Diagnostic[]): string => diagnostics.map((d) => `${String(d.code)}: ${d.message}`).join('\n') || '(none)';

/** Parses JSON with comments and fails on any syntax error, so a fix can never leave a broken file. */
function parseStrict(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  assert.deepEqual(errors, [], `the fixed document is valid JSON:\n${text}`);
  return value;
}

/**
 * Validates `text`, asks for the code actions of all its diagnostics (the context an editor sends), applies the one
 * fixing the first diagnostic of `code` (the first action, or the one whose title matches), then validates again.
 * Asserts the fixed document is valid JSON, that a diagnostic of `code` is gone, and that no diagnostic is new.
 */
async function applyFix(text: string, code: string, options: { title?: RegExp; allowNew?: readonly string[] } = {}): Promise<Fixed> {
  const document = connectorDocument(text);
  const before = await ls.validate(document);
  const target = before.find((d) => d.code === code);
  assert.ok(target, `a ${code} diagnostic in:\n${describeAll(before)}`);
  const actions = ls.codeActions(document, before).filter((a) => a.diagnostics?.[0] === target);
  const action = options.title ? actions.find((a) => options.title!.test(a.title)) : actions[0];
  assert.ok(action, `a quick fix for ${code}: ${target.message}; actions: ${actions.map((a) => a.title).join(', ') || '(none)'}`);
  assert.equal(action.kind, CodeActionKind.QuickFix);
  assert.equal(action.isPreferred, true);
  const edits = action.edit?.changes?.[document.uri];
  assert.ok(edits && edits.length > 0, 'the action edits this document');
  const fixed = TextDocument.applyEdits(document, edits);
  parseStrict(fixed);
  const after = await ls.validate(connectorDocument(fixed));
  assert.ok(after.filter((d) => d.code === code).length < before.filter((d) => d.code === code).length, `fewer ${code}; after:\n${describeAll(after)}\n${fixed}`);
  const known = new Set(before.map((d) => `${String(d.code)}: ${d.message}`));
  const added = after.filter((d) => !known.has(`${String(d.code)}: ${d.message}`) && !options.allowNew?.includes(String(d.code)));
  assert.deepEqual(describeAll(added), '(none)', `no new diagnostic; fixed text:\n${fixed}`);
  return { action, text: fixed, before, after };
}

/** The same JSON value, whatever the layout. */
function assertSameJson(actual: string, expected: string): void {
  assert.deepEqual(parseStrict(actual), parseStrict(expected));
}

const errorsOf = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => String(d.code));

const example = (name: string): string => fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8');

/** Replaces exactly one occurrence, so a test cannot silently change nothing. */
function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `${JSON.stringify(from)} occurs once`);
  return text.replace(from, to);
}

const clean = connector();
const withAuthorization = (value: string): string => connector({ method: { headers: [{ key: 'Authorization', value }] } });

describe('codeActions', () => {
  it('turns each fix a diagnostic carries into a preferred quickfix linked to that diagnostic', async () => {
    const document = connectorDocument(withAuthorization('Bearer {{tokn}}'));
    const diagnostics = await ls.validate(document);
    const actions = ls.codeActions(document, diagnostics);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics?.map((d) => d.code)]), [
      ['Change to {{token}}', CodeActionKind.QuickFix, true, ['unknown-placeholder']],
    ]);
  });

  it('works on diagnostics that went through JSON, as they come back from an editor', async () => {
    const document = connectorDocument(withAuthorization('Bearer {{tokn}}'));
    const roundTripped = JSON.parse(JSON.stringify(await ls.validate(document))) as Diagnostic[];
    assert.deepEqual(ls.codeActions(document, roundTripped).map((a) => a.title), ['Change to {{token}}']);
  });

  it('ignores diagnostics of other sources and diagnostics without fixes', async () => {
    const document = connectorDocument(withAuthorization('Bearer {{tokn}}'));
    const [typo] = await ls.validate(document);
    assert.deepEqual(ls.codeActions(document, [{ ...typo, source: 'json' }]), []);
    assert.deepEqual(ls.codeActions(document, [{ ...typo, data: undefined }]), []);
    assert.deepEqual(ls.codeActions(document, [{ ...typo, data: { fixes: 'none' } }]), []);
    assert.deepEqual(ls.codeActions(document, []), []);
  });
});

describe('quick fixes', () => {
  describe('unknown-placeholder', () => {
    it('changes the key to the one it probably means', async () => {
      const { action, text } = await applyFix(withAuthorization('Bearer {{tokn}}'), 'unknown-placeholder');
      assert.equal(action.title, 'Change to {{token}}');
      assert.equal(text, clean);
    });

    it('in an endpoint, suggests an auth variable', async () => {
      const { text } = await applyFix(connector({ endpoint: { headers: [{ key: 'X-Token', value: '{{Token}}' }] } }), 'unknown-placeholder');
      assert.equal(text, connector({ endpoint: { headers: [{ key: 'X-Token', value: '{{token}}' }] } }));
    });
  });

  it('malformed-placeholder: removes the spaces around a key', async () => {
    const { action, text } = await applyFix(withAuthorization('Bearer {{ token }}'), 'malformed-placeholder');
    assert.equal(action.title, 'Change to {{token}}');
    assert.equal(text, clean);
  });

  it('single-brace-placeholder: doubles the braces', async () => {
    const { action, text } = await applyFix(withAuthorization('Bearer {token}'), 'single-brace-placeholder');
    assert.equal(action.title, 'Change to {{token}}');
    assert.equal(text, clean);
  });

  describe('authorization-scheme-missing', () => {
    it('adds Bearer before a bare placeholder', async () => {
      const { text } = await applyFix(withAuthorization('{{token}}'), 'authorization-scheme-missing');
      assert.equal(text, clean);
    });
  });

  describe('authorization-scheme-malformed', () => {
    for (const [name, value] of [
      ['a colon after the scheme', 'Bearer: {{token}}'],
      ['a colon and no space', 'Bearer:{{token}}'],
      ['no space before the token', 'Bearer{{token}}'],
      ['a misspelled scheme', 'Baerer {{token}}'],
      ['a misspelled scheme in lower case', 'beraer {{token}}'],
    ]) {
      it(`fixes ${name}: ${value}`, async () => {
        const { text } = await applyFix(withAuthorization(value), 'authorization-scheme-malformed');
        assert.match(text, /"value": "(Bearer|bearer) \{\{token\}\}"/);
      });
    }
  });

  describe('insecure-http', () => {
    it('switches a literal http:// URL to https://', async () => {
      const { action, text } = await applyFix(connector({ method: { url: 'http://api.example.com/v1/me' } }), 'insecure-http');
      assert.equal(action.title, 'Use https://');
      assert.equal(text, clean);
    });

    it('switches an endpoint URL, through its auth method', async () => {
      const { text } = await applyFix(connector({ endpoint: { url: 'http://api.example.com/v1/items' } }), 'insecure-http');
      assert.equal(text, clean);
    });

    it('regression: a URL that takes http:// from a variable\'s default is fixed in the default, never by overwriting the placeholder', async () => {
      const withBase = (base: string): string => connector({
        root: { variables: [{ key: 'base_url', label: 'API base URL', default: base }] },
        method: { url: '{{base_url}}/v1/me' },
        endpoint: { url: '{{base_url}}/v1/items' },
      });
      const document = connectorDocument(withBase('http://api.example.com'));
      const diagnostics = (await ls.validate(document)).filter((d) => d.code === 'insecure-http');
      assert.deepEqual(diagnostics.map((d) => document.getText(d.range)), ['{{base_url}}', '{{base_url}}']);
      const { text, after } = await applyFix(withBase('http://api.example.com'), 'insecure-http');
      assert.equal(text, withBase('https://api.example.com'));
      assert.deepEqual(after, [], 'one fix in the default fixes both requests');
    });
  });

  describe('secret-default', () => {
    const secret = (variable: Record<string, unknown>): string => connector({ method: { variables: [variable] } });
    for (const [name, variable] of [
      ['as the last property', { key: 'token', label: 'Access token', secret: true, required: true, default: 'abc' }],
      ['as the first property', { default: 'abc', key: 'token', label: 'Access token', secret: true, required: true }],
      ['in the middle', { key: 'token', label: 'Access token', default: 'abc', secret: true, required: true }],
    ] as const) {
      it(`removes the default ${name}`, async () => {
        const { action, text } = await applyFix(secret(variable), 'secret-default');
        assert.equal(action.title, 'Remove the default');
        assertSameJson(text, clean);
      });
    }

    it('keeps the layout of a variable written on one line', async () => {
      const hubspot = example('hubspot.connector.json');
      const line = '{ "key": "token", "label": "Private app access token", "secret": true, "required": true }';
      for (const withDefault of [
        '{ "key": "token", "label": "Private app access token", "secret": true, "required": true, "default": "abc" }',
        '{ "key": "token", "label": "Private app access token", "default": "abc", "secret": true, "required": true }',
      ]) {
        const { text } = await applyFix(replaceOnce(hubspot, line, withDefault), 'secret-default');
        assert.equal(text, hubspot);
      }
    });

    it('regression: removing a default that holds a token leaves no copy of it in the file', async () => {
      const literal = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
      const text = secret({ key: 'token', label: 'Access token', secret: true, required: true, default: literal });
      const { text: fixed } = await applyFix(text, 'secret-default');
      assert.ok(!fixed.includes(literal), fixed);
    });
  });

  describe('hardcoded-credential', () => {
    const github = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
    const shopify = 'shpat_0123456789abcdef0123456789abcdef';

    it('moves a token out of an auth method without variables into a new secret variable', async () => {
      const text = connector({ method: { type: 'none', variables: undefined, headers: [{ key: 'Authorization', value: `Bearer ${github}` }] } });
      assert.ok(!text.includes('"variables"'));
      const { action, text: fixed } = await applyFix(text, 'hardcoded-credential');
      assert.equal(action.title, 'Move the credential into a new secret variable');
      assertSameJson(fixed, connector({ method: { type: 'none' } }));
    });

    it('moves a token out of a token method without variables, fixing its schema error too', async () => {
      const text = connector({ method: { variables: undefined, headers: [{ key: 'Authorization', value: `Bearer ${github}` }] } });
      const { before, text: fixed, after } = await applyFix(text, 'hardcoded-credential');
      assert.ok(errorsOf(before).includes('schema'), describeAll(before));
      assert.deepEqual(after, []);
      assertSameJson(fixed, clean);
    });

    it('moves a token into the existing variables under a key not yet taken', async () => {
      const text = connector({
        method: {
          headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Api-Key', value: shopify }],
        },
      });
      const { text: fixed, after } = await applyFix(text, 'hardcoded-credential');
      assert.deepEqual(after, []);
      assertSameJson(fixed, connector({
        method: {
          variables: [{ key: 'token', label: 'Access token', secret: true, required: true }, { key: 'token_2', label: 'Access token', secret: true, required: true }],
          headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Api-Key', value: '{{token_2}}' }],
        },
      }));
    });

    it('moves a token out of an endpoint header into a new endpoint variable', async () => {
      const text = connector({ endpoint: { headers: [{ key: 'X-Api-Key', value: shopify }] } });
      const { text: fixed, after } = await applyFix(text, 'hardcoded-credential');
      assert.deepEqual(after, []);
      assertSameJson(fixed, connector({
        endpoint: {
          headers: [{ key: 'X-Api-Key', value: '{{token_2}}' }],
          variables: [{ key: 'token_2', label: 'Access token', secret: true, required: true }],
        },
      }));
    });

    it('moves a token out of a URL parameter, which leaves the warning that the secret is in the query string', async () => {
      const text = connector({ endpoint: { urlParameters: [{ key: 'access_token', value: shopify }] } });
      const { text: fixed, after } = await applyFix(text, 'hardcoded-credential', { allowNew: ['secret-in-query'] });
      assert.deepEqual(after.map((d) => d.code), ['secret-in-query']);
      assert.ok(fixed.includes('"value": "{{token_2}}"'), fixed);
    });

    it('adds the variable in the style of the ones before it, changing no other line', async () => {
      const hubspot = example('hubspot.connector.json');
      const contact = '        { "key": "contact_id", "label": "Contact ID", "required": true }\n';
      const parameters = '"urlParameters": [{ "key": "properties", "value": "email,firstname,lastname,phone" }]';
      const broken = replaceOnce(hubspot, parameters, `"headers": [{ "key": "X-Api-Key", "value": "${shopify}" }],\n      ${parameters}`);
      const { text } = await applyFix(broken, 'hardcoded-credential');
      const expected = replaceOnce(
        replaceOnce(broken, shopify, '{{token_2}}'),
        contact,
        `${contact.slice(0, -1)},\n        { "key": "token_2", "label": "Access token", "secret": true, "required": true }\n`,
      );
      assert.equal(text, expected);
    });

    it('keeps a variables array written on one line on one line', async () => {
      const shopifyExample = example('shopify.connector.json');
      const parameters = '"urlParameters": [{ "key": "limit", "value": "{{limit}}" }]';
      const variables = '"variables": [{ "key": "limit", "label": "Page size", "default": "50" }]';
      const broken = replaceOnce(shopifyExample, parameters, `"headers": [{ "key": "X-Api-Key", "value": "${shopify}" }],\n      ${parameters}`);
      const { text } = await applyFix(broken, 'hardcoded-credential');
      const expected = replaceOnce(
        replaceOnce(broken, shopify, '{{token_2}}'),
        variables,
        `${variables.slice(0, -1)}, { "key": "token_2", "label": "Access token", "secret": true, "required": true }]`,
      );
      assert.equal(text, expected);
    });

    it('keeps the file\'s indentation and line ends (tabs, CRLF)', async () => {
      const text = connector({ method: { type: 'none', variables: undefined, headers: [{ key: 'Authorization', value: `Bearer ${github}` }] } })
        .replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2))
        .replace(/\n/g, '\r\n');
      const { text: fixed } = await applyFix(text, 'hardcoded-credential');
      assert.ok(!/(^|[^\r])\n/.test(fixed), 'only CRLF line ends');
      assert.ok(!/^ /m.test(fixed), 'no space indentation');
      assertSameJson(fixed, connector({ method: { type: 'none' } }));
    });

    it('works in a JSONC file with comments', async () => {
      const text = connector({ method: { type: 'none', variables: undefined, headers: [{ key: 'Authorization', value: `Bearer ${github}` }] } })
        .replace('"headers": [', '// sent with every request\n      "headers": [');
      const { text: fixed } = await applyFix(text, 'hardcoded-credential');
      assert.ok(fixed.includes('// sent with every request'));
      assertSameJson(fixed, connector({ method: { type: 'none' } }));
    });

    it('makes a non-secret variable holding a token secret, without a default', async () => {
      const withOther = (other: Record<string, unknown>): string => connector({
        method: {
          variables: [{ key: 'token', label: 'Access token', secret: true, required: true }, other],
          headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Other', value: '{{other}}' }],
        },
      });
      const { action, text } = await applyFix(withOther({ key: 'other', label: 'Other', default: shopify }), 'hardcoded-credential');
      assert.equal(action.title, 'Make other a secret variable without a default');
      assertSameJson(text, withOther({ key: 'other', label: 'Other', secret: true }));
    });

    it('makes a variable with "secret": false secret, without writing "secret" twice', async () => {
      const withOther = (other: Record<string, unknown>): string => connector({
        method: {
          variables: [{ key: 'token', label: 'Access token', secret: true, required: true }, other],
          headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Other', value: '{{other}}' }],
        },
      });
      for (const other of [
        { key: 'other', label: 'Other', secret: false, default: shopify },
        { key: 'other', label: 'Other', default: shopify, secret: false },
        { key: 'other', default: shopify, label: 'Other', secret: false },
      ]) {
        const { text } = await applyFix(withOther(other), 'hardcoded-credential');
        assertSameJson(text, withOther({ key: 'other', label: 'Other', secret: true }));
        assert.equal(text.split('"secret"').length - 1, 2, text);
      }
    });

    it('makes a one-line variable secret on its line', async () => {
      const hubspot = example('hubspot.connector.json');
      const email = '{ "key": "email", "label": "Email", "required": true }';
      for (const broken of [
        `{ "key": "email", "label": "Email", "secret": false, "default": "${shopify}", "required": true }`,
        `{ "key": "email", "label": "Email", "default": "${shopify}", "secret": false, "required": true }`,
      ]) {
        const { text } = await applyFix(replaceOnce(hubspot, email, broken), 'hardcoded-credential');
        assert.equal(text, replaceOnce(hubspot, email, '{ "key": "email", "label": "Email", "secret": true, "required": true }'));
      }
    });

    describe('security', () => {
      const cases: ReadonlyArray<readonly [string, string, string]> = [
        ['an auth method without variables', connector({ method: { type: 'none', variables: undefined, headers: [{ key: 'Authorization', value: `Bearer ${github}` }] } }), github],
        ['an auth method with variables', connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Api-Key', value: shopify }] } }), shopify],
        ['an endpoint body', connector({ endpoint: { method: 'POST', body: [{ key: 'token', value: shopify }] } }), shopify],
        ['a literal Bearer credential', connector({ method: { type: 'none', variables: undefined, headers: [{ key: 'Authorization', value: 'Bearer abcdef0123456789' }] } }), 'abcdef0123456789'],
        ['a variable default', connector({ root: { variables: [{ key: 'api_key', default: shopify }] }, method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Api-Key', value: '{{api_key}}' }] } }), shopify],
      ];
      for (const [name, text, literal] of cases) {
        it(`regression: the quick fix leaves no copy of the literal token in the file (${name})`, async () => {
          assert.ok(text.includes(literal));
          const { text: fixed, after } = await applyFix(text, 'hardcoded-credential', { allowNew: ['secret-in-query'] });
          assert.ok(!fixed.includes(literal), fixed);
          assert.deepEqual(after.filter((d) => d.code === 'hardcoded-credential'), []);
        });
      }

      it('regression: the fix never sends the moved token through a URL parameter it was not in', async () => {
        const text = connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'X-Api-Key', value: shopify }] } });
        const { after } = await applyFix(text, 'hardcoded-credential');
        assert.deepEqual(after.filter((d) => d.code === 'secret-in-query' || d.code === 'secret-in-url'), []);
      });
    });
  });

  describe('shopify-token-header', () => {
    const shopify = example('shopify.connector.json');

    it('moves the token from Authorization: Bearer to X-Shopify-Access-Token', async () => {
      const broken = replaceOnce(shopify, '{ "key": "X-Shopify-Access-Token", "value": "{{token}}" }', '{ "key": "Authorization", "value": "Bearer {{token}}" }');
      const { action, text } = await applyFix(broken, 'shopify-token-header');
      assert.equal(action.title, 'Use X-Shopify-Access-Token');
      assert.equal(text, shopify);
    });

    it('removes Bearer from X-Shopify-Access-Token', async () => {
      const broken = replaceOnce(shopify, '"value": "{{token}}"', '"value": "Bearer {{token}}"');
      const { action, text } = await applyFix(broken, 'shopify-token-header');
      assert.equal(action.title, 'Remove Bearer');
      assert.equal(text, shopify);
    });

    it('regression: offers no edit that would land on the wrong text when Bearer is written with an escape', async () => {
      const broken = replaceOnce(shopify, '"value": "{{token}}"', '"value": "\\u0042earer {{token}}"');
      const document = connectorDocument(broken);
      const diagnostics = await ls.validate(document);
      const target = diagnostics.find((d) => d.code === 'shopify-token-header');
      assert.ok(target, 'the escaped Bearer is still reported');
      assert.deepEqual(ls.codeActions(document, [target]), []);
    });
  });

  describe('bearer-required', () => {
    it('adds Bearer to a HubSpot token', async () => {
      const hubspot = example('hubspot.connector.json');
      const broken = replaceOnce(hubspot, '"value": "Bearer {{token}}"', '"value": "{{token}}"');
      const { action, text, after } = await applyFix(broken, 'bearer-required');
      assert.equal(action.title, 'Add the Bearer scheme');
      assert.equal(text, hubspot);
      assert.deepEqual(after, [], 'the missing-scheme warning goes with it');
    });

    it('adds Bearer to an Airtable token', async () => {
      const airtable = example('airtable.connector.json');
      const broken = replaceOnce(airtable, '"value": "Bearer {{token}}"', '"value": "{{token}}"');
      const { text } = await applyFix(broken, 'bearer-required');
      assert.equal(text, airtable);
    });
  });

  it('odoo-json2-method: uses POST', async () => {
    const odoo = example('odoo.connector.json');
    const broken = replaceOnce(odoo, '"method": "POST",\n      "url": "https://{{host}}/json/2/res.partner/read"', '"method": "GET",\n      "url": "https://{{host}}/json/2/res.partner/read"');
    const { action, text } = await applyFix(broken, 'odoo-json2-method');
    assert.equal(action.title, 'Use POST');
    assert.equal(text, odoo);
  });

  it('odoo-json2-method: adds "method": "POST" to an auth method whose check request is the implied GET', async () => {
    const odoo = example('odoo.connector.json');
    const broken = replaceOnce(odoo, '"method": "POST",\n      "url": "https://{{host}}/json/2/res.users/context_get"', '"url": "https://{{host}}/json/2/res.users/context_get"');
    const { action, text } = await applyFix(broken, 'odoo-json2-method');
    assert.equal(action.title, 'Use POST');
    assertSameJson(text, odoo);
  });
});
