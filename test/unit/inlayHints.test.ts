import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { connector, connectorDocument, repoRoot, service } from '../support/service';

/** Each hint as `placeholder label`: the text just before the hint's position, and what it says. */
function hintsOf(document: TextDocument, range?: Parameters<ReturnType<typeof service>['inlayHints']>[1]): string[] {
  const text = document.getText();
  return service().inlayHints(document, range).map((hint) => {
    const offset = document.offsetAt(hint.position);
    assert.equal(hint.paddingLeft, true);
    return `${text.slice(text.lastIndexOf('{{', offset), offset)} ${String(hint.label)}`;
  });
}

describe('inlay hints after placeholders', () => {
  const shopify = connectorDocument(fs.readFileSync(path.join(repoRoot, 'examples', 'shopify.connector.json'), 'utf8'));

  it('say the default, `required` or `secret` of each placeholder\'s variable, in document order', () => {
    assert.deepEqual(hintsOf(shopify).slice(0, 7), [
      '{{store_name}} required',
      '{{api_version}} = 2026-01',
      '{{token}} secret',
      '{{store_name}} required',
      '{{api_version}} = 2026-01',
      '{{limit}} = 50',
      '{{store_name}} required',
    ]);
  });

  it('answer only for the range asked', () => {
    const line = shopify.getText().split('\n').findIndex((l) => l.includes('"key": "X-Shopify-Access-Token"'));
    assert.deepEqual(hintsOf(shopify, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }), ['{{token}} secret']);
  });

  it('say what the variable is in the tooltip, and never a secret\'s value, even a default written by mistake', () => {
    const document = connectorDocument(connector({ method: { variables: [{ key: 'token', label: 'Token', secret: true, default: 'do-not-show-me' }] } }));
    const [hint] = service().inlayHints(document);
    assert.equal(hint.label, 'secret');
    assert.equal(hint.tooltip, 'Auth variable `token`: its value is never written in this file.');
    assert.ok(!JSON.stringify(service().inlayHints(document)).includes('do-not-show-me'));
  });

  it('give nothing for an optional variable without a default, or an unknown placeholder; cut a long default', () => {
    const document = connectorDocument(connector({
      endpoint: {
        variables: [{ key: 'cursor' }, { key: 'fields', default: 'id,name,email,phone,created_at,updated_at,tags,notes' }],
        urlParameters: [{ key: 'cursor', value: '{{cursor}}' }, { key: 'fields', value: '{{fields}}' }, { key: 'x', value: '{{nothing_here}}' }],
      },
    }));
    assert.deepEqual(hintsOf(document).slice(1), ['{{fields}} = id,name,email,phone,created_at,updated_…']);
  });

  it('list each resolution when an endpoint\'s auth methods resolve a placeholder differently', () => {
    const base = JSON.parse(connector({ endpoint: { url: 'https://api.example.com/{{version}}/items', authentication: ['bearer', 'other'] } })) as { authentication: Record<string, unknown>[] };
    base.authentication[0].variables = [...(base.authentication[0].variables as unknown[]), { key: 'version', default: 'v1' }];
    base.authentication[0].url = 'https://api.example.com/{{version}}/me';
    base.authentication.push({ ...base.authentication[0], id: 'other', name: 'Other', variables: [{ key: 'token', secret: true }, { key: 'version', required: true }] });
    const hints = hintsOf(connectorDocument(JSON.stringify(base, null, 2)));
    assert.ok(hints.includes('{{version}} = v1 | required'), hints.join('\n'));
  });
});
