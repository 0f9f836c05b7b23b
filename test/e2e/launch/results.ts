/** The results file that the suite writes and both launchers read. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Environment variable naming the folder the suite writes `suite.json` into. */
export const resultsEnvVar = 'CONNECTOR_E2E_RESULTS';

/** One finished test. */
export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

/** What the suite reports when mocha ends. */
export interface SuiteResults {
  passed: number;
  failed: number;
  tests: TestResult[];
}

/** Path of the results file inside a results folder. */
export function resultsFile(folder: string): string {
  return path.join(folder, 'suite.json');
}

/** Reads the suite's results, or undefined when the suite wrote none (it did not load or it hung). */
export function readSuiteResults(folder: string): SuiteResults | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(resultsFile(folder), 'utf8'));
    if (typeof value === 'object' && value !== null && Array.isArray((value as SuiteResults).tests)) {
      return value as SuiteResults;
    }
  } catch {
    // Missing or half-written.
  }
  return undefined;
}
