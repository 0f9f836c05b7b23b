import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { allRules } from '../../server/src/service';
import { escapeData, escapeProperty } from '../../cli/src/lint';
import { connector, repoRoot } from '../support/service';
import { samples } from '../unit/rules/credentialSamples';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const examplesDir = path.join(repoRoot, 'examples');
const broken = 'test/fixtures/broken.connector.json';
const warningsOnly = 'test/fixtures/warnings.connector.json';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion and reports its exit code and output; a non-zero exit is a result, not a failure. */
function runFile(file: string, args: readonly string[], cwd = repoRoot): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Runs the built `dist/cli.js` with Node. */
function connectorCheck(args: readonly string[], cwd = repoRoot): Promise<Run> {
  return runFile(process.execPath, [cli, ...args], cwd);
}

function exampleArgs(): string[] {
  return fs.readdirSync(examplesDir).filter((name) => /\.connector\.jsonc?$/.test(name)).sort().map((name) => `examples/${name}`);
}

/** A usage error: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function assertUsageError(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^connector-check: [^\n]+\n$/, 'one line on stderr');
  assert.doesNotMatch(run.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  assert.match(run.stderr, pattern);
}

describe('connector-check lint', () => {
  it('exits 0 with a clean summary for every example', async () => {
    const files = exampleArgs();
    const run = await connectorCheck(['lint', ...files]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `0 errors, 0 warnings in ${files.length} files.\n`);
    assert.equal(run.stderr, '');
  });

  it('expands a quoted glob itself', async () => {
    const run = await connectorCheck(['lint', 'examples/*.connector.json*']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `0 errors, 0 warnings in ${exampleArgs().length} files.\n`);
  });

  it('lints every connector file below the current folder when given no files', async () => {
    const run = await connectorCheck(['lint'], examplesDir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `0 errors, 0 warnings in ${exampleArgs().length} files.\n`);
  });

  it('prints compiler-like lines and a summary, and exits 1 on errors (text format)', async () => {
    const run = await connectorCheck(['lint', broken]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((line) => line.split(' ').slice(0, 3).join(' ')), [
      `${broken}:13:64 error unknown-placeholder`,
      `${broken}:22:60 error hardcoded-credential`,
    ]);
    assert.equal(lines[0], `${broken}:13:64 error unknown-placeholder Placeholder \`{{tokn}}\` matches no connector or auth method variable. Did you mean \`{{token}}\`?`);
    assert.equal(lines.at(-1), '2 errors, 0 warnings in 1 file.');
    for (const line of lines.slice(0, -1)) assert.match(line, /^[^:]+:\d+:\d+ (error|warning|information|hint) [a-z0-9-]+ \S.*[.?!]$/);
  });

  it('prints one JSON array of {file, range, severity, code, message} (json format)', async () => {
    const run = await connectorCheck(['lint', broken, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    const results: unknown = JSON.parse(run.stdout);
    assert.ok(Array.isArray(results));
    for (const result of results) {
      assert.deepEqual(Object.keys(result as object).sort(), ['code', 'file', 'message', 'range', 'severity']);
    }
    const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });
    const withoutMessage = (results as Array<{ message: string }>).map(({ message: _message, ...rest }) => rest);
    assert.deepEqual(withoutMessage, [
      { file: broken, range: range(12, 63, 71), severity: 'error', code: 'unknown-placeholder' },
      { file: broken, range: range(21, 59, 97), severity: 'error', code: 'hardcoded-credential' },
    ]);
    const messages = (results as Array<{ message: string }>).map((r) => r.message);
    assert.equal(messages[0], 'Placeholder `{{tokn}}` matches no connector or auth method variable. Did you mean `{{token}}`?');
    assert.match(messages[1], /Shopify access token/);
    // The ranges cover the offending text itself.
    const lines = fs.readFileSync(path.join(repoRoot, broken), 'utf8').split('\n');
    assert.equal(lines[12].slice(63, 71), '{{tokn}}');
    assert.equal(lines[21].slice(59, 97), 'shpat_0123456789abcdef0123456789abcdef');
  });

  it('prints [] for clean files (json format)', async () => {
    const run = await connectorCheck(['lint', '--format', 'json', ...exampleArgs()]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  it('exits 0 when there are only warnings', async () => {
    const run = await connectorCheck(['lint', warningsOnly]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${warningsOnly}:4:14 warning unused-variable Variable \`region\` is never used: reference it as \`{{region}}\` or remove it.\n0 errors, 1 warning in 1 file.\n`);
  });

  it('exits 1 on a JSON syntax error (a readable file with an error, not a usage error)', async () => {
    const run = await connectorCheck(['lint', 'test/fixtures/syntax-error.connector.json']);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^test\/fixtures\/syntax-error\.connector\.json:4:3 error json-syntax /);
  });

  it('reads a file that starts with a UTF-8 byte order mark as editors do', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-check-'));
    try {
      const file = path.join(folder, 'bom.connector.json');
      fs.writeFileSync(file, '\uFEFF' + fs.readFileSync(path.join(repoRoot, 'examples', 'shopify.connector.json'), 'utf8'));
      const run = await connectorCheck(['lint', file]);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.stdout, '0 errors, 0 warnings in 1 file.\n');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits 1 for an empty file, which holds no connector', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-check-'));
    try {
      const file = path.join(folder, 'empty.connector.json');
      fs.writeFileSync(file, '');
      const run = await connectorCheck(['lint', file]);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /:1:1 error schema This file holds no connector/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits 1 when one of several files has errors, and counts every file', async () => {
    const run = await connectorCheck(['lint', 'examples/shopify.connector.json', broken, warningsOnly]);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /\n2 errors, 1 warning in 3 files\.\n$/);
  });

  describe('usage errors exit 2 with one line on stderr', () => {
    it('an unknown option', async () => {
      assertUsageError(await connectorCheck(['lint', '--bogus', broken]), /--bogus/);
    });

    it('an unknown --format', async () => {
      assertUsageError(await connectorCheck(['lint', '--format', 'xml', broken]), /format xml/i);
    });

    it('--format without a value', async () => {
      assertUsageError(await connectorCheck(['lint', broken, '--format']), /--format/);
    });

    it('a missing file', async () => {
      assertUsageError(await connectorCheck(['lint', 'test/fixtures/missing.connector.json']), /missing\.connector\.json/);
    });

    it('a folder given as a file', async () => {
      assertUsageError(await connectorCheck(['lint', 'test/fixtures']), /test\/fixtures.*folder/);
    });

    it('a glob that matches nothing', async () => {
      assertUsageError(await connectorCheck(['lint', 'test/fixtures/*.nothing.json']), /No file matches test\/fixtures\/\*\.nothing\.json/);
    });

    it('an unknown command', async () => {
      assertUsageError(await connectorCheck(['frobnicate']), /frobnicate/);
    });

    it('no command', async () => {
      assertUsageError(await connectorCheck([]), /lint/);
    });

    it('a missing file among good ones lints nothing', async () => {
      assertUsageError(await connectorCheck(['lint', 'examples/odoo.connector.json', 'nope.connector.json']), /nope\.connector\.json/);
    });
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const run = await connectorCheck(['lint', '--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: connector-check lint/);
    assert.equal(run.stderr, '');
  });

  it('runs as the package bin through npx (connector-check lint examples/*)', async () => {
    // --no: never fall back to downloading a package of that name from the registry.
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const run = await runFile(npx, ['--no', 'connector-check', 'lint', ...exampleArgs()]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, `0 errors, 0 warnings in ${exampleArgs().length} files.\n`);
  });
});

/** A connector with a literal credential of each rule that reports one, in a temporary folder named `folderName`. */
function withSecretsFile<T>(folderName: string, use: (file: string) => Promise<T>): Promise<T> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), folderName));
  const file = path.join(folder, 'secrets.connector.json');
  fs.writeFileSync(file, connector({
    endpoint: {
      description: `Rotated the old key ${samples.npmAccessToken} on Monday.`,
      url: 'https://alice:Vx8kQ2mL9pZ4@api.example.com/v1/items',
      headers: [{ key: 'X-Partner-Data', value: samples.stripeKey }, { key: 'Cookie', value: 'PHPSESSID=k3v9q2l8x7c4m1n6b5z0a9s8d7' }],
    },
  }));
  return use(file).finally(() => fs.rmSync(folder, { recursive: true, force: true }));
}

const literals = [samples.npmAccessToken, 'Vx8kQ2mL9pZ4', samples.stripeKey, 'k3v9q2l8x7c4m1n6b5z0a9s8d7'];

interface SarifLog {
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string; markdown: string }; shortDescription: { text: string }; defaultConfiguration: { level: string }; properties: { tags: string[]; 'security-severity'?: string } }> } };
    results: Array<{ ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }> }>;
  }>;
}

/** The official SARIF 2.1.0 schema (test/fixtures/sarif, see its NOTICE.md), compiled by a real JSON Schema validator. */
function sarifValidator(): (log: unknown) => string[] {
  // Ajv's default strict mode: the schema's own `required` lists (under anyOf) are not Ajv's business.
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

describe('connector-check lint --format sarif', () => {
  const validate = sarifValidator();

  it('the validator rejects what the schema forbids (so a pass means something)', () => {
    assert.deepEqual(validate({ version: '2.1.0', runs: [] }), []);
    assert.notDeepEqual(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), []);
    assert.notDeepEqual(validate({ version: '2.0.0', runs: [] }), []);
  });

  it('prints a valid SARIF 2.1.0 log whose results match the json format, region for region', async () => {
    await withSecretsFile('connector-check-', async (file) => {
      const relative = path.relative(repoRoot, file);
      const sarif = await connectorCheck(['lint', relative, broken, '--format', 'sarif']);
      assert.equal(sarif.code, 1, sarif.stderr);
      assert.equal(sarif.stderr, '');
      const log = JSON.parse(sarif.stdout) as SarifLog;
      assert.deepEqual(validate(log), [], 'valid against the official SARIF 2.1.0 schema');
      const json = JSON.parse((await connectorCheck(['lint', relative, broken, '--format', 'json'])).stdout) as Array<{ file: string; code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
      const [run] = log.runs;
      assert.deepEqual(run.results.map((r) => {
        const { artifactLocation, region } = r.locations[0].physicalLocation;
        return [artifactLocation.uri, artifactLocation.uriBaseId, r.ruleId, r.level, r.message.text, region.startLine, region.startColumn, region.endLine, region.endColumn];
      }), json.map((r) => [r.file.split(path.sep).join('/'), '%SRCROOT%', r.code, r.severity === 'warning' ? 'warning' : r.severity === 'error' ? 'error' : 'note', r.message, r.range.start.line + 1, r.range.start.character + 1, r.range.end.line + 1, r.range.end.character + 1]));
      assert.deepEqual([...new Set(run.results.map((r) => r.ruleId))].sort(), ['hardcoded-credential', 'session-cookie', 'unknown-placeholder', 'url-credentials']);
      for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      for (const literal of literals) assert.ok(!sarif.stdout.includes(literal), 'the log never quotes a credential');
    });
  });

  it('lists the whole rule table with help text, and a security-severity for each security rule', async () => {
    const log = JSON.parse((await connectorCheck(['lint', '--format', 'sarif', ...exampleArgs()])).stdout) as SarifLog;
    assert.deepEqual(validate(log), []);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'connector-check');
    assert.deepEqual(run.results, []);
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), allRules.map((r) => r.code));
    for (const [index, rule] of run.tool.driver.rules.entries()) {
      const source = allRules[index];
      assert.equal(rule.shortDescription.text, source.summary);
      assert.equal(rule.help.text, source.help);
      assert.ok(rule.help.markdown.includes(source.help));
      assert.equal(rule.defaultConfiguration.level, ['error', 'error', 'warning', 'note', 'note'][source.severity]);
      if (source.group === 'security') {
        assert.match(rule.properties['security-severity'] ?? '', /^\d{1,2}\.\d$/, `${rule.id} has a security-severity`);
        assert.ok(rule.properties.tags.includes('security'));
      } else {
        assert.equal(rule.properties['security-severity'], undefined, `${rule.id} is no security rule`);
      }
    }
    const severity = (id: string): number => Number(run.tool.driver.rules.find((r) => r.id === id)?.properties['security-severity']);
    assert.ok(severity('hardcoded-credential') >= 9, 'a committed credential is critical');
  });
});

describe('connector-check lint --format github', () => {
  it('prints one workflow command a diagnostic, then the summary', async () => {
    const run = await connectorCheck(['lint', broken, warningsOnly, '--format', 'github']);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, [
      `::error file=${broken},line=13,endLine=13,col=64,endColumn=72,title=connector unknown-placeholder::Placeholder \`{{tokn}}\` matches no connector or auth method variable. Did you mean \`{{token}}\`?`,
      `::error file=${broken},line=22,endLine=22,col=60,endColumn=98,title=connector hardcoded-credential::This looks like a Shopify access token written into the file: move it into a secret variable and reference it as \`{{token_2}}\`.`,
      `::warning file=${warningsOnly},line=4,endLine=4,col=14,endColumn=22,title=connector unused-variable::Variable \`region\` is never used: reference it as \`{{region}}\` or remove it.`,
      '2 errors, 1 warning in 2 files.',
      '',
    ].join('\n'));
  });

  it('escapes file names as GitHub requires, and never prints a credential', async () => {
    await withSecretsFile('a,b:c%d-', async (file) => {
      const run = await connectorCheck(['lint', file, '--format', 'github']);
      assert.equal(run.code, 1, run.stderr);
      const commands = run.stdout.trimEnd().split('\n').slice(0, -1);
      assert.deepEqual(commands.map((line) => /^::(\w+) /.exec(line)?.[1]), ['error', 'error', 'error', 'warning']);
      for (const line of commands) {
        const file = /file=([^,]*),/.exec(line)?.[1] ?? '';
        assert.ok(file.includes('a%2Cb%3Ac%25d-'), line);
        assert.ok(!/[,:]/.test(file), line);
      }
      for (const literal of literals) assert.ok(!run.stdout.includes(literal), 'no credential in the annotations');
    });
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('dir,x:y%z\nw'), 'dir%2Cx%3Ay%25z%0Aw');
  });
});

