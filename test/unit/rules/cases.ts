import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiagnosticSeverity } from 'vscode-json-languageservice';
import { connector, diagnose, type DiagnosticSummary } from '../../support/service';

/** One diagnostic a case expects of its rule: the exact text its range covers and a key part of its message. */
export interface Expected {
  readonly text: string;
  readonly message: string;
}

/** A document on which the rule must fire, with every diagnostic of that rule in document order. */
export interface FiringCase {
  readonly name: string;
  readonly text: string;
  readonly expect: readonly Expected[];
  /** The other codes the document has (most cases vary one thing, so usually none). */
  readonly also?: readonly string[];
}

/** A close document on which the rule must not fire. */
export interface CleanCase {
  readonly name: string;
  readonly text: string;
  /** The codes the document does have (usually none: a close case is a clean document). */
  readonly also?: readonly string[];
}

/** The cases of one rule. */
export interface RuleCases {
  readonly severity: DiagnosticSeverity;
  readonly fires: readonly FiringCase[];
  readonly clean: readonly CleanCase[];
}

/** Cases by rule code. */
export type CaseTable = Readonly<Record<string, RuleCases>>;

function otherCodes(diagnostics: readonly DiagnosticSummary[], code: string): string[] {
  return [...new Set(diagnostics.map((d) => d.code).filter((c) => c !== code))].sort();
}

function describeAll(diagnostics: readonly DiagnosticSummary[]): string {
  return diagnostics.map((d) => `${d.line}: ${d.code} ${JSON.stringify(d.text)} ${d.message}`).join('\n') || '(none)';
}

/** Registers a test for every firing and clean case of the table. */
export function runRuleCases(table: CaseTable): void {
  for (const [code, cases] of Object.entries(table)) {
    describe(code, () => {
      for (const c of cases.fires) {
        it(`fires: ${c.name}`, async () => {
          const all = await diagnose(c.text);
          const found = all.filter((d) => d.code === code);
          assert.deepEqual(found.map((d) => d.text), c.expect.map((e) => e.text), `ranges of ${code}; all diagnostics:\n${describeAll(all)}`);
          found.forEach((d, i) => {
            assert.equal(d.severity, cases.severity, `severity of ${code}`);
            assert.ok(d.message.includes(c.expect[i].message), `message ${JSON.stringify(d.message)} should include ${JSON.stringify(c.expect[i].message)}`);
          });
          assert.deepEqual(otherCodes(all, code), [...(c.also ?? [])].sort(), `other codes; all diagnostics:\n${describeAll(all)}`);
        });
      }
      for (const c of cases.clean) {
        it(`does not fire: ${c.name}`, async () => {
          const all = await diagnose(c.text);
          assert.deepEqual(all.filter((d) => d.code === code), [], `${code} must not fire`);
          assert.deepEqual(otherCodes(all, code), [...(c.also ?? [])].sort(), `other codes; all diagnostics:\n${describeAll(all)}`);
        });
      }
    });
  }
}

/** The auth method `connector()` builds, to derive variants from. */
export function baseMethod(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(connector()) as { authentication: Record<string, unknown>[] }).authentication[0], ...overrides };
}

/** The endpoint `connector()` builds, to derive variants from. */
export function baseEndpoint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(JSON.parse(connector()) as { endpoints: Record<string, unknown>[] }).endpoints[0], ...overrides };
}

/** A clean connector whose auth method sends these headers. */
export function withHeaders(...headers: Array<{ key: string; value: string }>): string {
  return connector({ method: { headers } });
}

/** A clean connector whose auth method sends the token in `Authorization` and these extra headers. */
export function withExtraHeaders(...headers: Array<{ key: string; value: string }>): string {
  return withHeaders({ key: 'Authorization', value: 'Bearer {{token}}' }, ...headers);
}
