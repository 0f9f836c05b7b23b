import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFixData } from '../../server/src/service/rules/report';
import { connectorDocument, service } from '../support/service';
import { runRuleCases } from './rules/cases';
import { odoo, providerCases } from './rules/providerCases';

runRuleCases(providerCases);

describe('odoo-json2-method quick fix', () => {
  it('replaces the method\'s text with POST', async () => {
    const document = connectorDocument(odoo({ method: { method: 'GET' } }));
    const [diagnostic] = (await service().validate(document)).filter((d) => d.code === 'odoo-json2-method');
    assert.ok(isFixData(diagnostic.data));
    assert.deepEqual(diagnostic.data.fixes[0].edits.map((e) => [document.getText(e.range), e.newText]), [['GET', 'POST']]);
  });

  it('regression: an unterminated method string gets an insertion, not an edit that ends before it starts', async () => {
    // Found by the fuzz test: the edit ran from after the quote to before it.
    const clean = odoo();
    const at = clean.indexOf('"method": "POST"');
    const document = connectorDocument(clean.slice(0, at) + '"method": "' + clean.slice(at + '"method": "POST"'.length));
    const [diagnostic] = (await service().validate(document)).filter((d) => d.code === 'odoo-json2-method');
    assert.equal(document.getText(diagnostic.range), '"');
    assert.ok(isFixData(diagnostic.data));
    const [edit] = diagnostic.data.fixes[0].edits;
    assert.deepEqual([document.offsetAt(edit.range.start), document.offsetAt(edit.range.end)], [at + '"method": "'.length, at + '"method": "'.length]);
  });
});
