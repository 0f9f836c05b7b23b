import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-json-languageservice';
import { connector, connectorDocument, diagnose, service } from '../support/service';
import { runRuleCases } from './rules/cases';
import { syntaxSchemaCases } from './rules/syntaxSchemaCases';

const { Error, Warning } = DiagnosticSeverity;

runRuleCases(syntaxSchemaCases);

describe('a whole document', () => {
  it('a clean connector() has no diagnostics', async () => {
    assert.deepEqual(await diagnose(connector()), []);
  });

  it('accepts JSONC comments anywhere', async () => {
    const text = `// Example connector
{
  "name": "Example", // the name shown in the builder
  /* methods */
  "authentication": [
    {
      "id": "bearer", "name": "Bearer token", "type": "token",
      "url": "https://api.example.com/v1/me", // the check request
      "variables": [{ "key": "token", "secret": true /* entered once */ }],
      "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }]
    }
  ]
}
// end
`;
    assert.deepEqual(await diagnose(text), []);
  });

  it('a trailing comma is a warning, not an error', async () => {
    const text = connector().replace('"Bearer {{token}}"\n', '"Bearer {{token}}",\n');
    assert.notEqual(text, connector());
    assert.deepEqual(await diagnose(text), [{ code: 'json-syntax', text: ',', message: 'Trailing comma.', severity: Warning, line: 19 }]);
  });

  it('the schema names an unknown property', async () => {
    assert.deepEqual(await diagnose(connector({ root: { colour: 'red' } })), [
      { code: 'schema', text: '"colour"', message: 'Property colour is not allowed.', severity: Error, line: 34 },
    ]);
  });

  it('the schema lists the valid values of a wrong `type`', async () => {
    assert.deepEqual(await diagnose(connector({ method: { type: 'tokn' } })), [
      { code: 'schema', text: '"tokn"', message: 'Value is not accepted. Valid values: "token", "none", "basic", "oauth2-client-credentials", "oauth2-authorization-code".', severity: Error, line: 6 },
    ]);
  });

  it('the schema requires `url` on a token method, at the method\'s opening brace', async () => {
    assert.deepEqual(await diagnose(connector({ method: { url: undefined } })), [
      { code: 'schema', text: '{', message: 'Missing property "url".', severity: Error, line: 3 },
    ]);
    // A `none` method needs no check request.
    assert.deepEqual(await diagnose(connector({ method: { url: undefined, type: 'none', variables: [], headers: [] } })), []);
  });

  it('every diagnostic carries source "connector" and a string code', async () => {
    const document = connectorDocument('{ "name": "x", "name": "y", "authentication": [ { "id": "a", "type": "tokn" } ], }');
    const diagnostics = await service().validate(document);
    assert.ok(diagnostics.length >= 3);
    for (const d of diagnostics) {
      assert.equal(d.source, 'connector');
      assert.equal(typeof d.code, 'string');
    }
  });

  it('an empty, blank or comment-only document is an error, so that a truncated file cannot pass CI', async () => {
    for (const text of ['', '  \n\t', '// nothing here\n/* at all */']) {
      const diagnostics = await diagnose(text);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.line]), [['schema', 1, 0]], JSON.stringify(text));
      assert.match(diagnostics[0].message, /holds no connector.*`name` and `authentication`/);
    }
  });

  it('text after the root value and a stray character are json-syntax errors, not schema ones', async () => {
    for (const text of ['{ "name": "x", "authentication": [] } xyz', '#']) {
      const codes = (await diagnose(text)).map((d) => d.code);
      assert.ok(codes.includes('json-syntax'), `${JSON.stringify(text)}: ${codes.join(', ')}`);
      assert.ok(!codes.includes('schema'), `${JSON.stringify(text)}: ${codes.join(', ')}`);
    }
  });

  it('a value nested deeper than the parser can follow gets one json-syntax error instead of an exception', async () => {
    const depth = 20_000;
    const text = `{ "name": "x", "authentication": [], "endpoints": [{ "body": [{ "key": "k", "value": ${'['.repeat(depth)}${']'.repeat(depth)} }] }] }`;
    const diagnostics = await diagnose(text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['json-syntax', 0]]);
    assert.match(diagnostics[0].message, /nested too deeply/);
  });
});
