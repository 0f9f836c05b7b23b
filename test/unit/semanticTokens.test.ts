import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connector, connectorDocument, service } from '../support/service';

describe('semantic tokens', () => {
  it('marks the keys of placeholders that resolve to a secret variable, and only those', () => {
    const text = connector({
      method: { url: 'https://{{host}}/v1/me', variables: [{ key: 'host', label: 'Host' }, { key: 'token', label: 'Token', secret: true }] },
      endpoint: { url: 'https://{{host}}/v1/items/{{missing}}' },
    });
    const document = connectorDocument(text);
    const tokens = service().placeholderTokens(document);
    const described = tokens.map((t) => ({ text: document.getText({ start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }), secret: t.secret }));
    assert.deepEqual(described, [
      { text: 'host', secret: false },
      { text: 'token', secret: true },
      { text: 'host', secret: false },
    ]);
  });

  it('is empty for a document that is not a connector object', () => {
    assert.deepEqual(service().placeholderTokens(connectorDocument('[1, 2')), []);
  });
});
