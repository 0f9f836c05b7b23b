/**
 * Runs the end-to-end suite with @vscode/test-electron, for machines that can download VS Code
 * (it needs internet, and a display: on Linux CI, run it under `xvfb-run -a`). The extension is
 * loaded from the development folder. Prints `N passed, N failed` as its last line.
 *
 * Environment: CONNECTOR_E2E_VSCODE_VERSION (default 1.100.3, the oldest version engines.vscode
 * accepts; `stable` for the newest).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { readSuiteResults, resultsEnvVar } from './results';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

async function main(): Promise<number> {
  const runFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-e2e-'));
  const workspace = path.join(runFolder, 'workspace');
  const results = path.join(runFolder, 'results');
  // The tests edit the fixtures (without saving): each run gets its own copy.
  fs.cpSync(path.join(repoRoot, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  let exitCode: number;
  try {
    exitCode = await runTests({
      version: process.env.CONNECTOR_E2E_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'e2e', 'index.js'),
      extensionTestsEnv: { [resultsEnvVar]: results },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(runFolder, 'user-data'),
      ],
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    exitCode = 1;
  }
  const suite = readSuiteResults(results);
  const passed = suite?.passed ?? 0;
  const failed = (suite?.failed ?? 0) + (suite === undefined || (exitCode !== 0 && suite.failed === 0) ? 1 : 0);
  if (suite === undefined) {
    console.error('The suite wrote no results: it did not load, or VS Code did not start.');
  }
  fs.rmSync(runFolder, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
