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

  it('regression: a URL message quotes neither a secret default, a literal token nor a credential query value', async () => {
    const text = connector({
      root: { variables: [{ key: 'base', label: 'Base', default: `api.example.com/v1?access_token=${tokens.apiKey}` }] },
      method: {
        url: '{{base}}/me',
        variables: [{ key: 'token', label: 'Token', secret: true, default: tokens.secretDefault }],
      },
      endpoints: [
        { name: 'Secret in path', method: 'GET', url: 'api.example.com/{{token}}/items', authentication: ['bearer'] },
        { name: 'Literal', method: 'GET', url: `api.example.com/v1/items?key=${tokens.shopify}`, authentication: ['bearer'] },
      ],
    });
    const diagnostics = await service().validate(connectorDocument(text));
    assert.ok(diagnostics.filter((d) => d.code === 'invalid-url').length >= 3, 'each URL is reported as not absolute');
    const messages = diagnostics.map((d) => d.message).join('\n');
    for (const [name, token] of Object.entries(tokens)) assert.ok(!messages.includes(token), `${name} token quoted in a message:\n${messages}`);
  });
});

describe('literal credentials are found wherever they are written', () => {
  it('in a comment, a description, a variable label and alias, without a quick fix that would move them', async () => {
    const text = [
      '{',
      `  // old token: ${tokens.shopify}`,
      '  "name": "Example",',
      `  "description": "Uses ${tokens.jwt}",`,
      `  "variables": [{ "key": "region", "label": "Region ${tokens.shopify.replace('shpat', 'shpca')}", "alias": "${tokens.jwt}", "default": "eu" }],`,
      '  "authentication": [{ "id": "bearer", "name": "Bearer token", "type": "token", "url": "https://{{region}}.example.com/me",',
      '    "variables": [{ "key": "token", "label": "Access token", "secret": true }],',
      '    "headers": [{ "key": "Authorization", "value": "Bearer {{token}}" }] }],',
      '  "endpoints": [{ "name": "List", "method": "GET", "url": "https://{{region}}.example.com/items", "authentication": ["bearer"] }]',
      '}',
    ].join('\n');
    const document = connectorDocument(text);
    const diagnostics = await service().validate(document);
    const found = diagnostics.filter((d) => d.code === 'hardcoded-credential').map((d) => [d.range.start.line, document.getText(d.range).slice(0, 9)]);
    assert.deepEqual(found, [[1, 'shpat_012'], [3, 'eyJhbGciO'], [4, 'shpca_012'], [4, 'eyJhbGciO']]);
    assert.deepEqual(service().codeActions(document, diagnostics), []);
  });
});
