import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closedOrigin, json, makeCertificates, startProxy, startServer, startTlsServer, type Seen, type TestCertificates, type TestServer } from '../support/servers';
import { connector, repoRoot } from '../support/service';
import { tokenForms } from '../support/tokens';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const token = 'tok/en+val=ue&"x\\é-0123456789abcdef';
const forms = tokenForms(token);
const mark = '•••';
const withToken = { CONNECTOR_SECRET_TOKEN: token };

/** What one run of `connector-check request` did. */
interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** The keys of DESIGN §6, and the extra ones tests read. */
interface ResultJson {
  readonly classification: string;
  readonly reason?: string;
  readonly explanation: string;
  readonly status: number | null;
  readonly url: string;
  readonly durationMs: number;
  readonly redirects: ReadonlyArray<{ status: number; to: string; crossOrigin: boolean; withheld: ReadonlyArray<{ kind: string; name: string }> }>;
  readonly withheldCredentials: ReadonlyArray<{ kind: string; name: string }>;
  readonly request: { method: string; url: string; headers: Record<string, string>; body?: string };
  readonly response: { headers: Record<string, string>; body: string; truncated: boolean; bytes?: number } | null;
  readonly proxy?: string | null;
}

let folder: string;
let fileCount = 0;
const servers: TestServer[] = [];

/** A server that is closed after the file's tests. */
function track<T extends TestServer>(server: T): T {
  servers.push(server);
  return server;
}

before(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-request-'));
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(folder, { recursive: true, force: true });
});

/**
 * The child's whole environment: nothing inherited but PATH, so that a proxy, a CA or a secret of the machine running
 * the tests never changes a result.
 */
function environment(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  if (process.env.PATH !== undefined) env.PATH = process.env.PATH;
  if (process.env.SystemRoot !== undefined) env.SystemRoot = process.env.SystemRoot;
  return { ...env, ...extra };
}

/** Starts `node dist/cli.js request …` in the temporary folder. */
function start(args: readonly string[], env: Readonly<Record<string, string>> = {}): { child: ChildProcess; done: Promise<Run> } {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'request', ...args], { cwd: folder, env: environment(env), stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
  return { child, done };
}

/** Runs `connector-check request …` to completion. */
function request(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> {
  return start(args, env).done;
}

/** Writes a connector file into the temporary folder and returns its name relative to it (the child's cwd). */
function write(text: string): string {
  const name = `c${++fileCount}.connector.json`;
  fs.writeFileSync(path.join(folder, name), text);
  return name;
}

/** test/support/service.ts's minimal token connector, pointed at a loopback origin. */
function tokenConnector(origin: string, options: Parameters<typeof connector>[0] = {}): string {
  return connector({
    ...options,
    method: { url: `${origin}/v1/me`, ...options.method },
    endpoint: { url: `${origin}/v1/items`, ...options.endpoint },
  });
}

/** A connector whose one auth method sends the token as `carrier` says, to `url`. */
function carrierConnector(url: string, carrier: 'header' | 'urlParameter' | 'body'): string {
  return tokenConnector('http://127.0.0.1', {
    method: {
      url,
      ...(carrier === 'body' ? { method: 'POST' } : {}),
      headers: carrier === 'header' ? [{ key: 'Authorization', value: 'Bearer {{token}}' }] : [],
      urlParameters: carrier === 'urlParameter' ? [{ key: 'api_key', value: '{{token}}' }] : [],
      body: carrier === 'body' ? [{ key: 'api_key', value: '{{token}}' }, { key: 'page', value: '1' }] : [],
    },
  });
}

/** Answers 200 `{ ok: true }` when the bearer token is right, 401 otherwise. */
function bearerCheck(_request: http.IncomingMessage, response: http.ServerResponse, seen: Seen): void {
  if (seen.headers.authorization === `Bearer ${token}`) json(response, 200, { ok: true });
  else json(response, 401, { error: 'bad token' });
}

function parse(run: Run): ResultJson {
  try {
    return JSON.parse(run.stdout) as ResultJson;
  } catch {
    assert.fail(`stdout is not JSON: ${run.stdout}\nstderr: ${run.stderr}`);
  }
}

/** A refusal or usage error: exit 2, nothing on stdout, one line on stderr (no stack trace). */
function assertRefused(run: Run, pattern: RegExp): void {
  assert.equal(run.code, 2, `exit code (stdout: ${run.stdout}, stderr: ${run.stderr})`);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^connector-check: [^\n]+\n$/, 'one line on stderr');
  assert.doesNotMatch(run.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  assert.match(run.stderr, pattern);
}

/** Whether `text` holds any form of the token. */
function holdsToken(text: string): boolean {
  return Object.values(forms).some((form) => text.includes(form));
}

/** No form of the token (nor its distinctive tail, a partial leak) in `text`. */
function assertNoToken(text: string, where: string): void {
  for (const [name, form] of Object.entries(forms)) assert.ok(!text.includes(form), `${where} holds the ${name} form of the token`);
  assert.ok(!text.includes('0123456789abcdef'), `${where} holds part of the token`);
}

/** Everything a server received, decoded every way a token could hide in it. */
function received(seen: readonly Seen[]): string {
  const decode = (text: string): string => {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return text;
    }
  };
  return seen.map((s) => [s.method, s.url, decode(s.url), JSON.stringify(s.headers), ...Object.values(s.headers).flat(), s.body, decode(s.body)].join('\n')).join('\n');
}

/** The server received no request at all. */
function assertNothingSent(server: TestServer): void {
  assert.deepEqual(server.seen.map((s) => `${s.method} ${s.url}`), [], 'the server received nothing');
}

/** One sentence: ends with a full stop and holds no other sentence end. */
function assertOneSentence(text: string): void {
  assert.match(text, /^[A-Z][^\n]*[.!?]$/);
  assert.doesNotMatch(text.slice(0, -1), /[.!?] [A-Z]/, `one sentence: ${text}`);
}

describe('connector-check request: outcomes', () => {
  it('Operational: exit 0, the classification first, then the request with the token hidden and the response', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^Operational: \S.*\.$/);
    assert.equal(lines[2], "Auth method 'Bearer token'");
    const requestAt = lines.indexOf('Request');
    const responseAt = lines.indexOf('Response');
    assert.ok(requestAt > 2 && responseAt > requestAt, run.stdout);
    assert.equal(lines[requestAt + 1], `  GET ${server.origin}/v1/me`);
    assert.ok(lines.slice(requestAt, responseAt).includes(`  Authorization: Bearer ${mark}`), run.stdout);
    assert.match(lines[responseAt + 1], /^ {2}200 OK in \d+ ms$/);
    assert.ok(lines.slice(responseAt).includes('  content-type: application/json'), run.stdout);
    assert.match(run.stdout, /\{\n {4}"ok": true\n {2}\}\n$/);
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0].headers.authorization, `Bearer ${token}`);
  });

  it('--format json prints the keys of DESIGN §6, the token hidden', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--format', 'json'], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const result = parse(run);
    for (const key of ['classification', 'explanation', 'status', 'url', 'durationMs', 'redirects', 'withheldCredentials', 'request', 'response']) {
      assert.ok(key in result, `json output has ${key}`);
    }
    for (const key of ['method', 'url', 'headers']) assert.ok(key in result.request, `request has ${key}`);
    for (const key of ['headers', 'body', 'truncated']) assert.ok(key in result.response!, `response has ${key}`);
    assert.equal(result.classification, 'Operational');
    assert.equal(result.status, 200);
    assert.equal(result.url, `${server.origin}/v1/me`);
    assert.equal(typeof result.durationMs, 'number');
    assert.deepEqual(result.redirects, []);
    assert.deepEqual(result.withheldCredentials, []);
    assert.equal(result.request.method, 'GET');
    assert.equal(result.request.url, `${server.origin}/v1/me`);
    assert.equal(result.request.headers.Authorization, `Bearer ${mark}`);
    assert.equal(result.response!.truncated, false);
    assert.deepEqual(JSON.parse(result.response!.body), { ok: true });
    assert.equal(result.response!.headers['content-type'], 'application/json');
  });

  it('Failed authentication: a 401 exits 1', async () => {
    const server = track(await startServer((_request, response) => json(response, 401, { error: 'invalid token' })));
    const file = write(tokenConnector(server.origin));
    const run = await request([file], withToken);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /^Failed authentication: The server answered 401 Unauthorized: \S.*\.\n/);
    const result = parse(await request([file, '--format', 'json'], withToken));
    assert.equal(result.classification, 'Failed authentication');
    assert.equal(result.status, 401);
  });

  it('Unexpected response: a 500 exits 1', async () => {
    const server = track(await startServer((_request, response) => json(response, 500, { error: 'boom' })));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--format', 'json'], withToken);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unexpected response');
    assert.equal(result.status, 500);
    assert.deepEqual(JSON.parse(result.response!.body), { error: 'boom' });
  });

  it('Unreachable: a refused connection exits 1 with one sentence that says so', async () => {
    const origin = await closedOrigin();
    const file = write(tokenConnector(origin));
    const run = await request([file, '--format', 'json'], withToken);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unreachable');
    assert.equal(result.status, null);
    assert.equal(result.response, null);
    assert.match(result.explanation, /refused/);
    assert.ok(result.explanation.includes(new URL(origin).host), result.explanation);
    assertOneSentence(result.explanation);
    const text = await request([file], withToken);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^Unreachable: .*refused.*\n/);
  });
});

describe('connector-check request: secrets and values', () => {
  it('a missing CONNECTOR_SECRET_TOKEN: exit 2, one line naming it, nothing sent', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    assertRefused(await request([file]), /\bCONNECTOR_SECRET_TOKEN\b/);
    assertRefused(await request([file], { CONNECTOR_SECRET_TOKEN: '' }), /\bCONNECTOR_SECRET_TOKEN\b/);
    assertNothingSent(server);
  });

  it('refuses a secret given with --var and never echoes its value', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const value = 'flag-secret-7c1e9a0b52d3';
    for (const env of [{}, withToken]) {
      const run = await request([file, '--var', `token=${value}`], env);
      assertRefused(run, /secret.*CONNECTOR_SECRET_TOKEN/);
      assert.ok(!(run.stdout + run.stderr).includes(value), 'the value is not echoed');
      assert.ok(!(run.stdout + run.stderr).includes('7c1e9a0b52d3'));
    }
    assertNothingSent(server);
  });

  it('never echoes the value of a malformed --var or of an unknown --option=value', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const value = 'flag-secret-7c1e9a0b52d3';
    for (const args of [['--var', value], ['--var', `=${value}`], [`--token=${value}`], [`--var=${value}`]]) {
      const run = await request([file, ...args], withToken);
      assertRefused(run, /./);
      assert.ok(!run.stderr.includes('7c1e9a0b52d3'), `${args.join(' ')}: ${run.stderr}`);
    }
    assertNothingSent(server);
  });

  it('a required non-secret variable without a value: exit 2 naming --var key=…', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin, {
      method: {
        url: `${server.origin}/{{store}}/me`,
        variables: [{ key: 'store', label: 'Store', required: true }, { key: 'token', label: 'Access token', secret: true, required: true }],
      },
    }));
    assertRefused(await request([file], withToken), /--var store=/);
    assertNothingSent(server);
    const run = await request([file, '--var', 'store=main'], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(server.seen[0].url, '/main/me');
  });

  it('--var for a variable the request does not use: a warning naming it, and the request is still sent', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--var', 'unknown=1'], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stderr, /^connector-check: --var unknown is not used by Auth method 'Bearer token'; its variables are token\.\n/);
    assert.equal(server.seen.length, 1);
  });
});

describe('connector-check request: allowed origins', () => {
  it('--allow-origin with another origin: refuses, and the server saw no request', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--allow-origin', 'https://api.example.com'], withToken);
    assertRefused(run, /Refusing to send secrets to http:\/\/127\.0\.0\.1:\d+/);
    assertNothingSent(server);
  });

  it('--allow-origin with the same origin sends, and says nothing on stderr', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--allow-origin', server.origin], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(server.seen.length, 1);
    const withPath = await request([file, '--allow-origin', 'https://api.example.com', '--allow-origin', `${server.origin}/any/path`], withToken);
    assert.equal(withPath.code, 0, withPath.stdout + withPath.stderr);
  });

  it('CONNECTOR_ALLOWED_ORIGINS works the same, comma-separated', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const refused = await request([file], { ...withToken, CONNECTOR_ALLOWED_ORIGINS: 'https://api.example.com' });
    assertRefused(refused, /Refusing to send secrets/);
    assertNothingSent(server);
    const allowed = await request([file], { ...withToken, CONNECTOR_ALLOWED_ORIGINS: `https://api.example.com, ${server.origin}` });
    assert.equal(allowed.code, 0, allowed.stdout + allowed.stderr);
    assert.equal(allowed.stderr, '');
    assert.equal(server.seen.length, 1);
  });

  it('without either, says on stderr which origin receives the secrets', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stderr, /^connector-check: [^\n]+\n$/);
    assert.ok(run.stderr.includes(`sending secrets to ${server.origin}`), run.stderr);
  });
});

describe('connector-check request: refusals before sending', () => {
  it('a file with an error: exit 2, lists file:line error code message, nothing sent', async () => {
    const server = track(await startServer(bearerCheck));
    const text = tokenConnector(server.origin, { method: { headers: [{ key: 'Authorization', value: 'Bearer {{tokn}}' }] } });
    const file = write(text);
    const run = await request([file], withToken);
    assert.equal(run.code, 2, run.stdout + run.stderr);
    assert.equal(run.stdout, '');
    const lines = run.stderr.trimEnd().split('\n');
    assert.match(lines[0], /^connector-check: Auth method 'Bearer token' has (an error|\d+ errors) to fix before a test request can be sent\.$/);
    const line = text.split('\n').findIndex((l) => l.includes('{{tokn}}')) + 1;
    const placeholder = lines.find((l) => l.startsWith(`${file}:${line} error unknown-placeholder `));
    assert.ok(placeholder, run.stderr);
    assert.match(placeholder, /`\{\{tokn\}\}`.*Did you mean `\{\{token\}\}`\?$/);
    for (const entry of lines.slice(1)) assert.match(entry, new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+ error [a-z0-9-]+ \\S.*[.?!]$`));
    assertNothingSent(server);
  });

  it('an auth method of type basic: exit 2 with its own sentence, nothing sent', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin, {
      method: {
        id: 'basic',
        name: 'Basic login',
        type: 'basic',
        variables: [{ key: 'username', label: 'User' }, { key: 'password', label: 'Password', secret: true, required: true }],
        headers: [],
      },
      endpoint: { authentication: ['basic'] },
    }));
    const run = await request([file], { CONNECTOR_SECRET_PASSWORD: 'pw' });
    assertRefused(run, /authentication type 'basic'.*`token` and `none`/);
    assertNothingSent(server);
  });
});

describe('connector-check request: endpoints and auth methods', () => {
  /** Two auth methods, a bearer header and an API key header; the endpoint is enabled for both. */
  function twoMethods(origin: string): string {
    return JSON.stringify({
      name: 'Two methods',
      authentication: [
        {
          id: 'bearer', name: 'Bearer token', type: 'token', url: `${origin}/v1/me`,
          variables: [{ key: 'token', label: 'Access token', secret: true, required: true }],
          headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }],
        },
        {
          id: 'apikey', name: 'API key', type: 'token', url: `${origin}/v1/key`,
          variables: [{ key: 'api_key', label: 'API key', secret: true, required: true }],
          headers: [{ key: 'X-Api-Key', value: '{{api_key}}' }],
        },
      ],
      endpoints: [{ name: 'List items', method: 'GET', url: `${origin}/v1/items`, authentication: ['bearer', 'apikey'], headers: [{ key: 'Accept', value: 'application/json' }] }],
    }, null, 2);
  }

  it("--endpoint sends the endpoint's request with its auth method's headers", async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--endpoint', 'List items', '--format', 'json'], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(parse(run).request.url, `${server.origin}/v1/items`);
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0].url, '/v1/items');
    assert.equal(server.seen[0].headers.authorization, `Bearer ${token}`);
  });

  it('--auth chooses among several auth methods, for a check request and for an endpoint', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(twoMethods(server.origin));
    const apiKey = 'key-5e0d1f3a9b7c46d2';
    const env = { CONNECTOR_SECRET_API_KEY: apiKey };

    assertRefused(await request([file], env), /several auth methods.*'bearer', 'apikey'/);

    const check = await request([file, '--auth', 'apikey'], env);
    assert.equal(check.code, 1, check.stdout + check.stderr);
    assert.ok(!check.stdout.includes(apiKey));
    assert.match(check.stdout, /^Failed authentication: /);

    const endpoint = await request([file, '--endpoint', 'List items', '--auth', 'apikey', '--format', 'json'], env);
    assert.equal(endpoint.code, 1, endpoint.stdout + endpoint.stderr);
    assert.equal(parse(endpoint).request.headers['X-Api-Key'], mark);
    assert.deepEqual(server.seen.map((s) => [s.url, s.headers['x-api-key'], s.headers.authorization, s.headers.accept]), [
      ['/v1/key', apiKey, undefined, '*/*'],
      ['/v1/items', apiKey, undefined, 'application/json'],
    ]);

    const bearer = await request([file, '--endpoint', 'List items', '--auth', 'bearer'], withToken);
    assert.equal(bearer.code, 0, bearer.stdout + bearer.stderr);
    assert.equal(server.seen[2].headers.authorization, `Bearer ${token}`);
    assert.equal(server.seen[2].headers['x-api-key'], undefined);
  });

  it('an unknown endpoint or auth method: exit 2, nothing sent', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    assertRefused(await request([file, '--endpoint', 'Nope'], withToken), /no endpoint named 'Nope'.*'List items'/);
    assertRefused(await request([file, '--auth', 'nope'], withToken), /no auth method with id 'nope'.*'bearer'/);
    assertRefused(await request([file, '--endpoint', 'List items', '--auth', 'nope'], withToken), /not enabled for auth method 'nope'/);
    assertNothingSent(server);
  });
});

describe('connector-check request: the token never shows', () => {
  const formsEchoed = Object.entries(forms);
  /** The forms as fields of a JSON text: the two escaped forms are already JSON string contents, written as they are. */
  const jsonFields = formsEchoed.map(([name, form]) => `${JSON.stringify(name)}: ${['unicodeEscaped', 'jsonEscaped', 'doubleJsonEscaped'].includes(name) ? `"${form}"` : JSON.stringify(form)}`);

  /** Runs the request in both formats and checks stdout and stderr of each. */
  async function assertNeverShown(file: string): Promise<Run[]> {
    const runs = [await request([file], withToken), await request([file, '--format', 'json'], withToken)];
    for (const [index, run] of runs.entries()) {
      const format = index === 0 ? 'text' : 'json';
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assertNoToken(run.stdout, `stdout (${format})`);
      assertNoToken(run.stderr, `stderr (${format})`);
      assert.ok(run.stdout.includes(mark), `stdout (${format}) shows ${mark}`);
    }
    return runs;
  }

  it('never prints the token in any form a server echoes in a JSON body or in response headers, in text, json or on stderr', async () => {
    const server = track(await startServer((_request, response) => {
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
      for (const [name, form] of formsEchoed) headers[`x-echo-${name.toLowerCase()}`] = form;
      response.writeHead(200, headers);
      response.end(`{ ${jsonFields.join(', ')}, "auth": ${JSON.stringify(`Bearer ${token}`)} }`);
    }));
    const [text, jsonRun] = await assertNeverShown(write(tokenConnector(server.origin)));
    for (const [name] of formsEchoed) assert.ok(text.stdout.includes(`x-echo-${name.toLowerCase()}: ${mark}`), `header ${name}: ${text.stdout}`);
    const result = parse(jsonRun);
    const body = JSON.parse(result.response!.body) as Record<string, string>;
    for (const [name] of formsEchoed) assert.equal(body[name], mark, name);
    assert.equal(body.auth, `Bearer ${mark}`);
  });

  it('never prints the token in any form a server echoes in a text body', async () => {
    const server = track(await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(formsEchoed.map(([name, form]) => `${name}: ${form}`).join('\n'));
    }));
    await assertNeverShown(write(tokenConnector(server.origin)));
  });

  it('never prints the token in any form a server echoes in a body cut at the size limit', async () => {
    const server = track(await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{ ${jsonFields.join(', ')}, "padding": "${'x'.repeat(5000)}" }`);
    }));
    const file = write(tokenConnector(server.origin));
    const runs = [await request([file, '--max-response-bytes', '2000'], withToken), await request([file, '--max-response-bytes', '2000', '--format', 'json'], withToken)];
    for (const run of runs) {
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assertNoToken(run.stdout + run.stderr, 'the output');
    }
    assert.equal(parse(runs[1]).response!.truncated, true);
  });

  it('never prints a token a server echoes inside JSON text held in a JSON string (an echo service such as httpbin)', async () => {
    const server = track(await startServer((_request, response, seen) => json(response, 200, { data: seen.body, headers: { Authorization: seen.headers.authorization ?? '' } })));
    const file = write(carrierConnector(`${server.origin}/anything`, 'body'));
    for (const args of [[file], [file, '--format', 'json'], [file, '--max-response-bytes', '100']]) {
      const run = await request(args, withToken);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assertNoToken(run.stdout + run.stderr, args.join(' '));
    }
  });

  it('never prints a non-ASCII token a server echoes as UTF-8 bytes in a response header', async () => {
    const server = track(await startServer((_request, response) => {
      // Node writes a header string byte by byte (Latin-1): this string puts the token's UTF-8 bytes on the wire.
      response.writeHead(200, { 'content-type': 'application/json', 'x-echo-utf8': Buffer.from(token, 'utf8').toString('latin1') });
      response.end('{}');
    }));
    const file = write(tokenConnector(server.origin));
    for (const args of [[file], [file, '--format', 'json']]) {
      const run = await request(args, withToken);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assertNoToken(run.stdout + run.stderr, 'the output');
    }
  });

  it('never prints a token read with a trailing carriage return (a CRLF file) that the server echoes as it received it', async () => {
    // fetch trims a header value's leading and trailing whitespace: the server receives the token without the \r.
    const server = track(await startServer((_request, response, seen) => json(response, 200, { received: seen.headers.authorization })));
    const file = write(tokenConnector(server.origin));
    for (const ending of ['\r', '\n', '\r\n']) {
      const run = await request([file, '--format', 'json'], { CONNECTOR_SECRET_TOKEN: `${token}${ending}` });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assertNoToken(run.stdout + run.stderr, JSON.stringify(ending));
    }
  });

  it('never prints a token with a line break inside, which no header can carry, and sends nothing', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    for (const format of ['text', 'json']) {
      const run = await request([file, '--format', format], { CONNECTOR_SECRET_TOKEN: 'first-half-7d3c9a\nsecond-half-4b2e8f' });
      assert.notEqual(run.code, 0, run.stdout + run.stderr);
      for (const half of ['7d3c9a', '4b2e8f']) assert.ok(!(run.stdout + run.stderr).includes(half), `${format}: ${run.stdout}${run.stderr}`);
    }
    assertNothingSent(server);
  });

  it('never prints the token when the file cannot be sent, nor in a refusal', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    for (const args of [[file, '--allow-origin', 'https://api.example.com'], [file, '--endpoint', 'Nope'], [file, '--timeout-ms', token]]) {
      const run = await request(args, withToken);
      assert.equal(run.code, 2, run.stderr);
      assertNoToken(run.stdout + run.stderr, args.join(' '));
    }
  });
});

describe('connector-check request: redirects', () => {
  /** Server B records what arrives; server A (another port) redirects every request to the same path and query on B. */
  async function pair(): Promise<{ a: TestServer; b: TestServer }> {
    const b = track(await startServer((_request, response) => json(response, 200, { at: 'b' })));
    const a = track(await startServer((request, response) => {
      response.writeHead(request.url!.startsWith('/r307') ? 307 : 302, { location: `${b.origin}${request.url}` });
      response.end();
    }));
    return { a, b };
  }

  const cases = [
    { carrier: 'header', status: 302, path: '/r302/me', withheld: { kind: 'header', name: 'Authorization' } },
    { carrier: 'urlParameter', status: 302, path: '/r302/me', withheld: { kind: 'urlParameter', name: 'api_key' } },
    { carrier: 'body', status: 307, path: '/r307/me', withheld: { kind: 'body', name: 'api_key' } },
  ] as const;

  for (const { carrier, status, path: urlPath, withheld } of cases) {
    it(`regression: never sends the token in a ${carrier} to another origin after a ${status}, and names what was withheld`, async () => {
      const { a, b } = await pair();
      const file = write(carrierConnector(`${a.origin}${urlPath}`, carrier));
      const run = await request([file, '--format', 'json'], withToken);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const result = parse(run);
      assert.equal(result.classification, 'Operational');
      assert.deepEqual(result.withheldCredentials, [withheld]);
      assert.equal(result.redirects.length, 1);
      assert.equal(result.redirects[0].status, status);
      assert.equal(result.redirects[0].crossOrigin, true);
      assert.deepEqual(result.redirects[0].withheld, [withheld]);
      assert.ok(result.url.startsWith(`${b.origin}${urlPath}`), result.url);
      assertNoToken(run.stdout + run.stderr, 'the output');

      // A got the token; B got the request without it.
      assert.ok(holdsToken(received(a.seen)), 'the first origin received the token');
      assert.equal(b.seen.length, 1);
      assertNoToken(received(b.seen), 'what the other origin received');
      assert.equal(b.seen[0].url, urlPath);
      if (carrier === 'body') {
        assert.equal(b.seen[0].method, 'POST');
        assert.deepEqual(JSON.parse(b.seen[0].body), { page: '1' });
      }
    });
  }

  it('says in the text output what was withheld', async () => {
    const { a } = await pair();
    const file = write(carrierConnector(`${a.origin}/r302/me`, 'header'));
    const run = await request([file], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /\n {2}1\. 302 → GET http:\/\/127\.0\.0\.1:\d+\/r302\/me \(another origin; withheld: header Authorization\)\n/);
  });

  it('a redirect loop: exit 1, the explanation says it is a loop', async () => {
    const server = track(await startServer((_request, response) => {
      response.writeHead(302, { location: '/loop' });
      response.end();
    }));
    const file = write(tokenConnector(server.origin, { method: { url: `${server.origin}/loop` } }));
    const run = await request([file, '--format', 'json'], withToken);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unexpected response');
    assert.match(result.explanation, /loop/);
    assert.equal(result.redirects.length, 5);
    assert.equal(server.seen.length, 6);
  });

  it('--max-redirects 0 stops at the first redirect', async () => {
    const { a, b } = await pair();
    const file = write(carrierConnector(`${a.origin}/r302/me`, 'header'));
    const run = await request([file, '--max-redirects', '0', '--format', 'json'], withToken);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unexpected response');
    assert.equal(result.status, 302);
    assert.deepEqual(result.redirects, []);
    assert.equal(a.seen.length, 1);
    assertNothingSent(b);
  });
});

describe('connector-check request: limits', () => {
  it('--timeout-ms 200 against a server that never answers: Unreachable, exit 1, quickly', async () => {
    const server = track(await startServer(() => undefined));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--timeout-ms', '200', '--format', 'json'], withToken);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unreachable');
    assert.match(result.explanation, /200 ms/);
    assert.ok(run.ms < 5000, `took ${Math.round(run.ms)} ms`);
    assert.equal(server.seen.length, 1);
  });

  it('--timeout-ms above what a timer can hold does not time out at once', async () => {
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--timeout-ms', '3000000000', '--format', 'json'], withToken);
    assert.doesNotMatch(run.stderr, /TimeoutOverflowWarning/);
    if (run.code === 2) assertRefused(run, /--timeout-ms/);
    else assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  it('--max-response-bytes 1000 cuts a 100 KB body and marks it truncated', async () => {
    const server = track(await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('a'.repeat(100_000));
    }));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--max-response-bytes', '1000', '--format', 'json'], withToken);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const response = parse(run).response!;
    assert.equal(response.truncated, true);
    assert.equal(response.body, 'a'.repeat(1000));
    const text = await request([file, '--max-response-bytes', '1000'], withToken);
    assert.match(text.stdout, /\(The body was cut at 1000 bytes, the response-size limit\.\)\n$/);
  });
});

describe('connector-check request: TLS', () => {
  let certificates: TestCertificates;
  before(() => {
    certificates = makeCertificates();
  });
  after(() => certificates.remove());

  const ok = (_request: http.IncomingMessage, response: http.ServerResponse): void => json(response, 200, { ok: true });

  it('regression: never sends a request to a self-signed server, and names self-signed and NODE_EXTRA_CA_CERTS', async () => {
    const server = track(await startTlsServer(certificates.selfSigned, ok));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--format', 'json'], withToken);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unreachable');
    assert.match(result.explanation, /self-signed/);
    assert.match(result.explanation, /NODE_EXTRA_CA_CERTS/);
    assertOneSentence(result.explanation);
    assertNothingSent(server);
  });

  it('Operational with a private CA trusted through NODE_EXTRA_CA_CERTS', async () => {
    const server = track(await startTlsServer(certificates.loopback, ok));
    const file = write(tokenConnector(server.origin));
    const untrusted = parse(await request([file, '--format', 'json'], withToken));
    assert.equal(untrusted.classification, 'Unreachable');
    assert.match(untrusted.explanation, /NODE_EXTRA_CA_CERTS/);
    assertNothingSent(server);
    const run = await request([file], { ...withToken, NODE_EXTRA_CA_CERTS: certificates.caFile });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Operational: /);
    assert.equal(server.seen.length, 1);
  });

  it('a trusted certificate for another host name: Unreachable, naming the host', async () => {
    const server = track(await startTlsServer(certificates.otherHost, ok));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--format', 'json'], { ...withToken, NODE_EXTRA_CA_CERTS: certificates.caFile });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unreachable');
    assert.ok(result.explanation.includes(`127.0.0.1:${server.port}`), result.explanation);
    assert.match(result.explanation, /host name/);
    assertNothingSent(server);
  });
});

describe('connector-check request: proxies', () => {
  it('HTTP_PROXY and http_proxy send an http request through the proxy, still Operational', async () => {
    for (const variable of ['HTTP_PROXY', 'http_proxy']) {
      const proxy = track(await startProxy());
      const server = track(await startServer(bearerCheck));
      const file = write(tokenConnector(server.origin));
      const run = await request([file], { ...withToken, [variable]: proxy.origin });
      assert.equal(run.code, 0, `${variable}: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /^Operational: /);
      assert.ok(run.stdout.includes(`Sent through the proxy ${proxy.origin}.`), run.stdout);
      assert.deepEqual(proxy.tunnels, [`127.0.0.1:${server.port}`], variable);
      assert.equal(server.seen.length, 1);
    }
  });

  it('NO_PROXY=127.0.0.1 bypasses the proxy', async () => {
    const proxy = track(await startProxy());
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--format', 'json'], { ...withToken, HTTP_PROXY: proxy.origin, NO_PROXY: '127.0.0.1' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(parse(run).proxy ?? null, null);
    assert.deepEqual(proxy.tunnels, []);
    assert.equal(server.seen.length, 1);
  });

  it('a proxy that refuses connections is named, not the server behind it', async () => {
    const proxyOrigin = await closedOrigin();
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file, '--format', 'json'], { ...withToken, HTTP_PROXY: proxyOrigin });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const result = parse(run);
    assert.equal(result.classification, 'Unreachable');
    assert.match(result.explanation, /proxy/i);
    assert.ok(result.explanation.includes(new URL(proxyOrigin).host), result.explanation);
    assertNothingSent(server);
  });

  it('HTTPS_PROXY alone does not proxy an http URL', async () => {
    const proxy = track(await startProxy());
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    const run = await request([file], { ...withToken, HTTPS_PROXY: proxy.origin });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.ok(!run.stdout.includes('Sent through the proxy'), run.stdout);
    assert.deepEqual(proxy.tunnels, []);
    assert.equal(server.seen.length, 1);
  });
});

describe('connector-check request: usage', () => {
  it('no file, a bad --timeout-ms, an unknown --format: exit 2, one line', async () => {
    assertRefused(await request([], withToken), /Name the connector file/);
    const server = track(await startServer(bearerCheck));
    const file = write(tokenConnector(server.origin));
    assertRefused(await request([file, '--timeout-ms', 'abc'], withToken), /--timeout-ms takes a whole number/);
    assertRefused(await request([file, '--max-redirects', '-1'], withToken), /--max-redirects/);
    assertRefused(await request([file, '--format', 'xml'], withToken), /Unknown format xml/);
    assertRefused(await request(['missing.connector.json'], withToken), /Cannot read missing\.connector\.json: no such file\./);
    assertNothingSent(server);
  });

  it('a reader that stops early (| head -1) ends the command without a stack trace', async () => {
    const server = track(await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('line\n'.repeat(200_000));
    }));
    const file = write(tokenConnector(server.origin));
    const { child, done } = start([file], withToken);
    child.stdout!.once('data', () => child.stdout!.destroy());
    const run = await done;
    assert.doesNotMatch(run.stderr, /\bat .+:\d+:\d+|Unhandled 'error' event/, run.stderr);
  });

  it('--help: exit 0, the usage on stdout', async () => {
    const run = await request(['--help']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Usage: connector-check request <file> /);
    assert.match(run.stdout, /CONNECTOR_SECRET_/);
  });
});

describe('connector-check request: Ctrl+C', () => {
  it('cancels the request in flight: exit 130, the output starts with Cancelled:', async () => {
    let arrived!: () => void;
    const requestSeen = new Promise<void>((resolve) => (arrived = resolve));
    const server = track(await startServer(() => arrived()));
    const file = write(tokenConnector(server.origin));
    const { child, done } = start([file], withToken);
    const first = await Promise.race([requestSeen.then(() => 'seen' as const), done]);
    assert.equal(first, 'seen', `the command ended before its request arrived: ${JSON.stringify(first)}`);
    child.kill('SIGINT');
    const run = await done;
    assert.equal(run.code, 130, run.stdout + run.stderr);
    assert.match(run.stdout, /^Cancelled: /);
    assertNoToken(run.stdout + run.stderr, 'the output');
  });
});
