import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFixData } from '../../server/src/service/rules/report';
import { connector, connectorDocument, service } from '../support/service';
import { runRuleCases } from './rules/cases';
import { securityCases } from './rules/securityCases';

runRuleCases(securityCases);

describe('secret-default quick fix', () => {
  it('removes the default property', async () => {
    const text = connector({ method: { variables: [{ key: 'token', secret: true, default: 'changeme' }] } });
    const document = connectorDocument(text);
    const [diagnostic] = (await service().validate(document)).filter((d) => d.code === 'secret-default');
    assert.ok(isFixData(diagnostic.data));
    const [edit] = diagnostic.data.fixes[0].edits;
    assert.ok(document.offsetAt(edit.range.start) <= text.indexOf('"default"'));
    assert.ok(document.offsetAt(edit.range.end) >= text.indexOf('"changeme"') + '"changeme"'.length);
  });

  it('regression: a broken document that jsonc-parser reads differently gets the diagnostic without a fix, not an exception', async () => {
    // Found by the fuzz test: jsonc-parser's `modify` threw "Can not delete in empty document" here.
    const text = '{ "variables": [ { "advanced":#\n { "key": "a" } ], "authentication": [ { "variables": [ { "key": "token", "secret": true, "default": "x" } ] } ] }';
    const found = (await service().validate(connectorDocument(text))).filter((d) => d.code === 'secret-default');
    assert.deepEqual(found.map((d) => [connectorDocument(text).getText(d.range), d.data]), [['"default": "x"', undefined]]);
  });
});

describe('authorization-scheme-malformed with escape sequences', () => {
  it('regression: `\\u0042earer:` is underlined inside the value and gets no fix that would edit the wrong text', async () => {
    // The colon range ran one past the value (over the closing quote), and the fix replaced text by decoded offsets.
    const text = connector().replace('"Bearer {{token}}"', '"\\u0042earer:{{token}}"');
    const document = connectorDocument(text);
    const found = (await service().validate(document)).filter((d) => d.code === 'authorization-scheme-malformed');
    assert.deepEqual(found.map((d) => [document.getText(d.range), d.data]), [['\\u0042earer:{{token}}', undefined]]);
  });

  it('without escapes the colon fix replaces `Bearer: ` with `Bearer `', async () => {
    const document = connectorDocument(connector().replace('"Bearer {{token}}"', '"Bearer: {{token}}"'));
    const [diagnostic] = (await service().validate(document)).filter((d) => d.code === 'authorization-scheme-malformed');
    assert.ok(isFixData(diagnostic.data));
    assert.deepEqual(diagnostic.data.fixes[0].edits.map((e) => [document.getText(e.range), e.newText]), [['Bearer: ', 'Bearer ']]);
  });
});
