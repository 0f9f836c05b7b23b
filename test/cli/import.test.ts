import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectorDocument, repoRoot, service } from '../support/service';
import { tokenForms } from '../support/tokens';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const github = path.join(repoRoot, 'node_modules', '@octokit', 'openapi', 'generated', 'api.github.com.json');
// Built at run time, so that no scanner takes this file for a leak.
const token = ['pat', 'na1', 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'].join('-');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `dist/cli.js` with these arguments and this standard input (closed at once when absent). */
function connectorCheck(args: readonly string[], input = '', cwd = repoRoot): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A usage error or a refusal: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function assertRefused(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^connector-check: [^\n]+\n$/, 'one line on stderr');
  assert.doesNotMatch(run.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  assert.match(run.stderr, pattern);
}

/** No form of the token anywhere in these texts. */
function assertNoToken(...texts: string[]): void {
  for (const [form, value] of Object.entries(tokenForms(token))) {
    for (const text of texts) assert.ok(!text.includes(value), `the ${form} form of the token was printed or written`);
  }
}

async function assertLintClean(text: string): Promise<void> {
  const diagnostics = await service().validate(connectorDocument(text));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => `${String(d.code)}: ${d.message}`), []);
}

let folder: string;
before(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-import-'));
});
after(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('connector-check import curl', () => {
  const command = `curl --request GET --url 'https://api.hubapi.com/account-info/2026-03/details' --header 'authorization: Bearer ${token}'`;

  it('prints a lint-clean connector for a command given as one argument, and names the variable to set — never the token', async () => {
    const run = await connectorCheck(['import', 'curl', command]);
    assert.equal(run.code, 0, run.stderr);
    const connector = JSON.parse(run.stdout) as { name: string; authentication: { headers: unknown }[] };
    assert.equal(connector.name, 'HubSpot');
    assert.deepEqual(connector.authentication[0].headers, [{ key: 'authorization', value: 'Bearer {{token}}' }]);
    assert.equal(run.stderr, 'connector-check: The command\'s token is not written to the connector: set CONNECTOR_SECRET_TOKEN to it to send requests with connector-check request.\n');
    await assertLintClean(run.stdout);
    assertNoToken(run.stdout, run.stderr);
  });

  it('reads the command from stdin, line continuations and all', async () => {
    const run = await connectorCheck(['import', 'curl', '--name', 'Notion'], `curl 'https://api.notion.com/v1/users' \\\n  -H 'Authorization: Bearer '"$NOTION_API_KEY"'' \\\n  -H "Notion-Version: 2026-03-11"\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { name: string }).name, 'Notion');
    assert.equal(run.stderr, 'connector-check: Set CONNECTOR_SECRET_NOTION_API_KEY to the notion_api_key to send requests with connector-check request.\n');
  });

  it('writes --output, never over an existing file', async () => {
    const file = path.join(folder, 'hubspot.connector.json');
    const run = await connectorCheck(['import', 'curl', command, '--output', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^connector-check: Wrote .*hubspot\.connector\.json: 1 auth method, 1 endpoint\.$/m);
    const written = fs.readFileSync(file, 'utf8');
    await assertLintClean(written);
    assertNoToken(written, run.stderr);
    const again = await connectorCheck(['import', 'curl', command, '--output', file]);
    assertRefused(again, /hubspot\.connector\.json exists: choose another file with --output/);
    assert.equal(fs.readFileSync(file, 'utf8'), written);
    const lint = await connectorCheck(['lint', file]);
    assert.equal(lint.code, 0, lint.stdout);
  });

  for (const [name, args, input, pattern] of [
    ['user and password (-u)', ['import', 'curl', `curl -u admin:${token} https://api.example.com`], '', /--user is user-and-password .*not token authentication/],
    ['Authorization: Basic', ['import', 'curl', `curl -H "Authorization: Basic ${Buffer.from(`u:${token}`).toString('base64')}" https://api.example.com`], '', /Authorization: Basic, which is not token authentication/],
    ['text that is not a curl command', ['import', 'curl', `wget --header "Authorization: Bearer ${token}" https://api.example.com`], '', /not a curl command/],
    ['a command given as several words', ['import', 'curl', 'curl', '-H', `Authorization: Bearer ${token}`, 'https://api.example.com'], '', /Unknown option -H: give the curl command as one argument in quotes/],
    ['an empty stdin', ['import', 'curl'], '', /Give a curl command to import/],
    ['--auth, which is for OpenAPI', ['import', 'curl', 'curl https://api.example.com', '--auth', 'bearer'], '', /--auth is for import openapi/],
    ['an option without a value', ['import', 'curl', 'curl https://api.example.com', '--output'], '', /Option --output needs a value/],
    ['an unknown import', ['import', 'postman', 'x.json'], '', /Unknown import postman: use connector-check import curl/],
  ] as const) {
    it(`refuses ${name}: exit 2, one line, nothing written, no token echoed`, async () => {
      const run = await connectorCheck([...args], input);
      assertRefused(run, pattern);
      assertNoToken(run.stderr);
    });
  }

  it('prints its usage with --help', async () => {
    const run = await connectorCheck(['import', 'curl', '--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: connector-check import curl \[COMMAND\]/);
  });
});

describe('connector-check import openapi', () => {
  it('imports a YAML description, and names each operation it left out on stderr, one line each', async () => {
    const run = await connectorCheck(['import', 'openapi', 'test/fixtures/openapi/petstore3.yaml']);
    assert.equal(run.code, 0, run.stderr);
    await assertLintClean(run.stdout);
    const lines = run.stderr.trimEnd().split('\n');
    assert.equal(lines.filter((line) => /^connector-check: Skipped [A-Z]+ \/\S* \(\w+\): it accepts only OAuth 2 implicit flow \(petstore_auth\), which a connector cannot hold\.$/.test(line)).length, 7);
    assert.equal(lines.at(-1), 'connector-check: Set CONNECTOR_SECRET_API_KEY to the api_key to send requests with connector-check request.');
  });

  it('imports a description split over several files, from another folder', async () => {
    const run = await connectorCheck(['import', 'openapi', path.join('spec', 'swagger.yaml'), '--name', 'Petstore'], '', path.join(repoRoot, 'test', 'fixtures', 'openapi', 'petstore-separate'));
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { name: string }).name, 'Petstore');
  });

  it('uses --auth for a description without security schemes', async () => {
    const run = await connectorCheck(['import', 'openapi', 'test/fixtures/openapi/uspto.yaml', '--auth', 'header:X-API-Key']);
    assert.equal(run.code, 0, run.stderr);
    const connector = JSON.parse(run.stdout) as { authentication: { headers: unknown }[] };
    assert.deepEqual(connector.authentication[0].headers, [{ key: 'X-API-Key', value: '{{api_key}}' }]);
    assert.match(run.stderr, /every endpoint uses an API key in the X-API-Key header\./);
  });

  it('imports GitHub\'s REST description (@octokit/openapi, 13 MB) into a connector that lints without errors', async () => {
    const file = path.join(folder, 'github.connector.json');
    const run = await connectorCheck(['import', 'openapi', github, '--name', 'GitHub', '--output', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Wrote .*github\.connector\.json: 1 auth method, 1\d{3} endpoints\./);
    const lint = await connectorCheck(['lint', file, '--format', 'json']);
    assert.equal(lint.code, 0, lint.stdout.slice(0, 2000));
    assert.deepEqual((JSON.parse(lint.stdout) as { severity: string }[]).filter((r) => r.severity === 'error'), []);
  });

  for (const [name, args, pattern] of [
    ['a missing file', ['import', 'openapi', 'nowhere.yaml'], /^connector-check: Cannot read nowhere\.yaml: no such file\.\n$/],
    ['a folder', ['import', 'openapi', 'test/fixtures'], /test\/fixtures is a folder/],
    ['a JSON file that is not a description', ['import', 'openapi', 'package.json'], /not an OpenAPI or Swagger description/],
    ['a connector file', ['import', 'openapi', 'examples/shopify.connector.json'], /not an OpenAPI or Swagger description/],
    ['no file', ['import', 'openapi'], /Name one OpenAPI or Swagger description/],
    ['a wrong --auth', ['import', 'openapi', 'test/fixtures/openapi/uspto.yaml', '--auth', 'cookie:sid'], /Use --auth bearer, --auth header:NAME/],
  ] as const) {
    it(`refuses ${name}: exit 2, one line`, async () => {
      assertRefused(await connectorCheck([...args]), pattern);
    });
  }

  it('refuses text that is neither JSON nor YAML', async () => {
    const file = path.join(folder, 'broken.yaml');
    fs.writeFileSync(file, 'openapi: [3.0\n  paths: {');
    assertRefused(await connectorCheck(['import', 'openapi', file]), /neither valid JSON nor valid YAML/);
  });
});
