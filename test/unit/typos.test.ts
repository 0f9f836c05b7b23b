import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connector, diagnose } from '../support/service';

describe('one typo, one diagnostic', () => {
  it('a misspelt secret placeholder is reported once, not also as an unused variable and a token never sent', async () => {
    const diagnostics = await diagnose(connector({ method: { headers: [{ key: 'Authorization', value: 'Bearer {{tokn}}' }] } }));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.text]), [['unknown-placeholder', '{{tokn}}']]);
  });

  it('a misspelt endpoint placeholder counts as a use of the variable it probably means', async () => {
    const diagnostics = await diagnose(connector({ endpoint: { url: 'https://api.example.com/v1/{{ressource}}', variables: [{ key: 'resource', label: 'Resource', default: 'items' }] } }));
    assert.deepEqual(diagnostics.map((d) => [d.code, d.text]), [['unknown-placeholder', '{{ressource}}']]);
  });

  it('a placeholder with no close match leaves the unused variable reported', async () => {
    const diagnostics = await diagnose(connector({ endpoint: { url: 'https://api.example.com/v1/{{zzz}}', variables: [{ key: 'resource', label: 'Resource', default: 'items' }] } }));
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['unknown-placeholder', 'unused-variable']);
  });
});
