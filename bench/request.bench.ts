/**
 * The cost of a test request on loopback, beside the bare `fetch` it wraps: `connector-check request` as a whole
 * process against a bare node script, and the request core in process against a bare undici fetch on the same kind of
 * dispatcher. Run with `npm run bench:request`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTransport, fillRequest, sendRequest } from '../client/src/request';
import { createConnectorLanguageService, type RequestPlan } from '../server/src/service';

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'connector.schema.json'), 'utf8')) as object;
const token = 'bench-token-0123456789abcdef0123456789abcdef';
const processRounds = 30;
const requestRounds = 500;
const planRounds = 200;
const targets = { processRatio: 1.3, overheadMs: 1 };

/** Medians of several measured tasks, run interleaved round by round so that load changes hit every task alike. */
async function interleavedMedians(tasks: ReadonlyArray<() => unknown>, rounds: number): Promise<number[]> {
  for (const task of tasks) await task();
  const samples: number[][] = tasks.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round, so that garbage one task leaves behind is collected during each of the others alike.
    for (let step = 0; step < tasks.length; step++) {
      const index = (round + step) % tasks.length;
      const start = performance.now();
      await tasks[index]();
      samples[index].push(performance.now() - start);
    }
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

/** A loopback API that answers 200 JSON to the right bearer token and 401 to anything else. */
async function startApi(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const ok = request.headers.authorization === `Bearer ${token}`;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ok ? { id: 42, name: 'Bench account', plan: 'pro' } : { error: 'invalid token' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function connectorText(origin: string): string {
  return JSON.stringify({
    name: 'Bench',
    authentication: [{
      id: 'bearer', name: 'Bearer token', type: 'token', url: `${origin}/v1/me`,
      variables: [{ key: 'token', label: 'Access token', secret: true, required: true }],
      headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'Accept', value: 'application/json' }],
    }],
    endpoints: [],
  }, null, 2);
}

/** Runs a node process to its end; rejects unless it exits 0 and prints `expected`. */
function runNode(args: readonly string[], env: NodeJS.ProcessEnv, expected: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && expected.test(output) ? resolve() : reject(new Error(`node ${args.join(' ')} exited ${code}: ${output}`))));
  });
}

function table(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first.`);
  const api = await startApi();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-bench-'));
  try {
    const connectorFile = path.join(folder, 'bench.connector.json');
    fs.writeFileSync(connectorFile, connectorText(api.origin));
    const url = `${api.origin}/v1/me`;
    const bareScript = path.join(folder, 'bare.js');
    // The same request as the CLI sends, with the same header from the same variable, and its status printed.
    fs.writeFileSync(bareScript, [
      `fetch(${JSON.stringify(url)}, { headers: { Authorization: 'Bearer ' + process.env.CONNECTOR_SECRET_TOKEN, Accept: 'application/json' } })`,
      '  .then(async (response) => { await response.text(); console.log(response.status); })',
      '  .catch((error) => { console.error(error); process.exitCode = 1; });',
      '',
    ].join('\n'));
    // Planned first, while the process is cold, as the command line plans: the schema is compiled on this first call.
    const coldStart = performance.now();
    const service = createConnectorLanguageService({ schema });
    const text = connectorText(api.origin);
    let version = 1;
    const document = (): TextDocument => TextDocument.create(`file://${connectorFile}`, 'connector', version++, text);
    const planned = await service.planRequest(document(), { kind: 'auth' });
    const coldPlanMs = performance.now() - coldStart;
    if (planned.refusal) throw new Error(`The bench connector is refused: ${planned.refusal.message}`);
    const plan: RequestPlan = planned.plan;

    const env: NodeJS.ProcessEnv = { CONNECTOR_SECRET_TOKEN: token, NO_COLOR: '1' };
    if (process.env.PATH !== undefined) env.PATH = process.env.PATH;

    // (a) Whole processes. For the breakdown: `node -e 0` is node's start, `connector-check --help` adds loading the bundle.
    const requestArgs = [cli, 'request', connectorFile, '--allow-origin', api.origin];
    const [cliMs, bareMs, nodeMs, helpMs] = await interleavedMedians([
      () => runNode(requestArgs, env, /^Operational: /),
      () => runNode([bareScript], env, /^200\n$/),
      () => runNode(['-e', '0'], env, /^$/),
      () => runNode([cli, '--help'], env, /^Usage: /),
    ], processRounds);

    // (b) In process: the core with one shared direct transport (Node's fetch), against the same bare fetch.
    const transport = await createTransport();
    const core = async (): Promise<void> => {
      const filled = fillRequest(plan, (variable) => (variable.secret ? token : undefined));
      if (filled.error) throw new Error(filled.error.message);
      const result = await sendRequest(filled.request, { transport });
      if (result.classification !== 'Operational') throw new Error(`The core request was ${result.classification}: ${result.explanation}`);
    };
    const bare = async (): Promise<void> => {
      const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
      await response.text();
      if (response.status !== 200) throw new Error(`The bare request answered ${response.status}.`);
    };
    const plan1 = async (): Promise<void> => {
      // A new document each time: parsed, validated and planned, as for a file just read.
      const result = await service.planRequest(document(), { kind: 'auth' });
      if (result.refusal) throw new Error(result.refusal.message);
    };
    const [coreMs, fetchMs] = await interleavedMedians([core, bare], requestRounds);
    const [planMs] = await interleavedMedians([plan1], planRounds);
    await transport.close();

    const ratio = cliMs / bareMs;
    const overhead = coreMs - fetchMs;
    const processOk = ratio <= targets.processRatio;
    const coreOk = overhead <= targets.overheadMs;
    const ms = (value: number): string => value.toFixed(value < 10 ? 3 : 1);
    console.log(table(['measure (median)', 'connector-check', 'bare', 'ratio / overhead', 'target', 'result'], [
      [`(a) whole process, ${processRounds} rounds, ms`, ms(cliMs), ms(bareMs), `${ratio.toFixed(2)}×`, `≤ ${targets.processRatio}×`, processOk ? 'met' : 'MISSED'],
      ['    node start alone (`node -e 0`), ms', '', ms(nodeMs), '', 'info', ''],
      ['    start + load the bundle (`connector-check --help`), ms', ms(helpMs), '', `+${ms(helpMs - nodeMs)}`, 'info', ''],
      [`(b) per request in process, ${requestRounds} rounds, ms`, ms(coreMs), ms(fetchMs), `+${ms(overhead)} ms`, `≤ +${targets.overheadMs} ms`, coreOk ? 'met' : 'MISSED'],
      ['    planRequest, first call in a cold process (schema compiled), ms', ms(coldPlanMs), '', '', 'info', ''],
      [`    planRequest, warm, ${planRounds} rounds, ms`, ms(planMs), '', '', 'info', ''],
    ]));
    console.log(`\nNode ${process.version}, ${os.cpus().length} CPUs; loopback http; (a) bare = a node script doing the same fetch and printing the status; (b) bare = Node's fetch, core = fillRequest + sendRequest on a shared direct createTransport(), which sends with Node's fetch.`);
    if (!processOk || !coreOk) {
      console.log('Target missed.');
      process.exitCode = 1;
    }
  } finally {
    await api.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
