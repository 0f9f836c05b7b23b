/**
 * The end-to-end suite module (the @vscode/test-electron contract): `run()` runs every
 * `*.test.js` next to this file with mocha inside the extension host, against the real `vscode` API.
 * When CONNECTOR_E2E_RESULTS names a folder, the results are also written there as suite.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { resultsEnvVar, resultsFile, type SuiteResults } from './launch/results';

/** Runs the suite; rejects when a test fails. */
export function run(): Promise<void> {
  const resultsFolder = process.env[resultsEnvVar];
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: resultsFolder === undefined });
  for (const name of fs.readdirSync(__dirname).sort()) {
    if (name.endsWith('.test.js')) {
      mocha.addFile(path.join(__dirname, name));
    }
  }
  const results: SuiteResults = { passed: 0, failed: 0, tests: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (resultsFolder !== undefined) {
        fs.mkdirSync(resultsFolder, { recursive: true });
        fs.writeFileSync(resultsFile(resultsFolder), JSON.stringify(results, null, 2));
      }
      if (failures > 0) {
        reject(new Error(`${failures} end-to-end test(s) failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
    });
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? error.message });
    });
  });
}
