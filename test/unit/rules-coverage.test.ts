import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules, type RuleGroup } from '../../server/src/service/codes';
import type { CaseTable } from './rules/cases';
import { providerCases } from './rules/providerCases';
import { securityCases } from './rules/securityCases';
import { semanticCases } from './rules/semanticCases';
import { syntaxSchemaCases } from './rules/syntaxSchemaCases';

/** Each case table with the rule groups it covers (rules-*.test.ts run them). */
const tables: ReadonlyArray<readonly [CaseTable, readonly RuleGroup[]]> = [
  [syntaxSchemaCases, ['syntax', 'schema']],
  [semanticCases, ['semantic']],
  [securityCases, ['security']],
  [providerCases, ['provider']],
];

describe('rule test coverage', () => {
  it('every rule in codes.ts has a case that fires and a close case that does not', () => {
    const missing: string[] = [];
    for (const rule of allRules) {
      const table = tables.find(([, groups]) => groups.includes(rule.group))?.[0];
      const cases = table?.[rule.code];
      if (!cases || cases.fires.length === 0 || cases.clean.length === 0) missing.push(`${rule.code} (${rule.group})`);
    }
    assert.deepEqual(missing, [], 'rules without a firing and a clean case in the table of their group');
  });

  it('every case table names only rules of codes.ts, with their severity', () => {
    const byCode = new Map(allRules.map((rule) => [rule.code, rule]));
    for (const [table, groups] of tables) {
      for (const [code, cases] of Object.entries(table)) {
        const rule = byCode.get(code);
        assert.ok(rule, `${code} is not a rule of codes.ts`);
        assert.ok(groups.includes(rule.group), `${code} belongs to group ${rule.group}`);
        assert.equal(cases.severity, rule.severity, `severity of ${code}`);
      }
    }
  });
});
