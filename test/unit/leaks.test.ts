import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connector, connectorDocument, service } from '../support/service';

const tokens = {
  shopify: 'shpat_0123456789abcdef0123456789abcdef',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl',
  bearer: 'a1b2c3d4e5f6a7b8c9d0',
  apiKey: 'k9x8y7w6v5u4t3s2',
  secretDefault: 'my-secret-default-value-42',
};

describe('diagnostics never copy a credential', () => {
  it('regression: no message, related text or quick-fix data of any diagnostic holds a literal token from the file', async () => {
    const text = connector({
      root: { variables: [{ key: 'signing_key', label: 'Signing key', default: tokens.jwt }] },
      method: {
        variables: [{ key: 'token', label: 'Access token', secret: true, default: tokens.secretDefault }],
        headers: [
          { key: 'Authorization', value: `Bearer ${tokens.bearer}` },
          { key: 'X-Shopify-Access-Token', value: tokens.shopify },
          { key: 'X-API-Key', value: tokens.apiKey },
        ],
      },
    });
    const document = connectorDocument(text);
    const diagnostics = await service().validate(document);
    assert.ok(diagnostics.filter((d) => d.code === 'hardcoded-credential').length >= 4, 'each literal is reported');
    assert.ok(diagnostics.some((d) => d.code === 'secret-default'));
    const actions = service().codeActions(document, diagnostics);
    const sent = JSON.stringify({ diagnostics: diagnostics.map(({ range: _range, ...rest }) => rest), actions });
    for (const [name, token] of Object.entries(tokens)) assert.ok(!sent.includes(token), `${name} token copied into a diagnostic or code action`);
  });
});
