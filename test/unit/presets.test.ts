import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkConnectorName, connectorFileName, connectorPresets, presetConnectorText, resolveSnippetText } from '../../client/src/importers/presets';
import { atCursor } from '../support/cursor';
import { connectorDocument, loadSchema, service } from '../support/service';

describe('New Connector presets', () => {
  const presets = connectorPresets(loadSchema());

  it('are the schema\'s token auth method snippets, in the schema\'s order: one source with completion', async () => {
    assert.deepEqual(presets.map((p) => p.label), [
      'Bearer token in the Authorization header',
      'API key in a header',
      'API key in a URL parameter',
      'Shopify Admin API access token',
      'Airtable personal access token',
      'HubSpot private app token',
      'EVA (New Black) API key',
      'Odoo (19+) API key, JSON-2',
    ]);
    // Completion inside `authentication` offers the same snippets, from the same schema.
    const { document, position } = atCursor('{ "name": "X", "authentication": [ | ] }');
    const completion = await service().complete(document, position);
    const offered = new Set(completion?.items.map((item) => item.label));
    for (const preset of presets) assert.ok(offered.has(preset.label), `completion offers ${preset.label}`);
  });

  for (const preset of connectorPresets(loadSchema())) {
    it(`${preset.label}: a new connector from it has no diagnostics (but the query string warning), and no snippet syntax left`, async () => {
      const text = presetConnectorText(preset, 'My Connector');
      assert.doesNotMatch(text, /\$\{?\d/);
      const diagnostics = await service().validate(connectorDocument(text));
      // A key in the query string is what that preset is; the warning says why a header is better.
      const expected = preset.authMethod.urlParameters !== undefined ? ['secret-in-query'] : [];
      assert.deepEqual(diagnostics.map((d) => String(d.code)), expected, text);
      assert.equal(JSON.parse(text).name, 'My Connector');
    });
  }

  it('resolve snippet placeholders to plain text', () => {
    assert.equal(resolveSnippetText('${1:bearer-token}'), 'bearer-token');
    assert.equal(resolveSnippetText('Bearer {{${1:token}}}'), 'Bearer {{token}}');
    assert.equal(resolveSnippetText('{{${2:api_key}}}'), '{{api_key}}');
    assert.equal(resolveSnippetText('${1|GET,POST|} $2 ${3} a\\$b'), 'GET   a$b');
    assert.equal(resolveSnippetText('${1:outer ${2:inner}}'), 'outer inner');
  });

  it('name the file after the connector, and refuse an empty or overlong name', () => {
    assert.equal(connectorFileName('Shopify'), 'shopify.connector.json');
    assert.equal(connectorFileName('  My Shop API / EU '), 'my-shop-api-eu.connector.json');
    assert.equal(connectorFileName('Café Crème'), 'cafe-creme.connector.json');
    assert.equal(connectorFileName('../..'), 'connector.connector.json');
    assert.match(checkConnectorName('  ') ?? '', /Enter a name/);
    assert.match(checkConnectorName('x'.repeat(256)) ?? '', /at most 255/);
    assert.equal(checkConnectorName('Shopify'), undefined);
  });
});
