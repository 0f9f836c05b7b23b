/**
 * The OpenAPI import at scale: GitHub's REST description (the `@octokit/openapi` package, 13 MB, about 1,200
 * operations), imported in a fresh process each round — in process (read, parse and resolve `$ref`s, map, write) and as
 * the whole `connector-check import openapi --output` command (which also lints what it wrote). Targets: at most 5 s
 * and 600 MB peak resident memory. Run with `npm run bench` (after the diagnostics benchmark).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectorText, importOpenApi, loadDescription } from '../client/src/importers';

const repoRoot = path.resolve(__dirname, '..', '..');
const description = path.join(path.dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
const rounds = 3;
const targets = { ms: 5000, megabytes: 600 };

/** What one in-process import measured, in its own process. */
interface InProcess {
  readonly readMs: number;
  readonly mapMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
  readonly peakMb: number;
  readonly endpoints: number;
  readonly skipped: number;
  readonly bytes: number;
}

/** The child's side: one import in this process, its phases timed, then its peak resident memory. */
async function importInProcess(): Promise<void> {
  const start = performance.now();
  const document = await loadDescription({ location: description, read: async (file) => fs.promises.readFile(file, 'utf8') });
  const read = performance.now();
  const result = importOpenApi(document, { name: 'GitHub' });
  const mapped = performance.now();
  const text = connectorText(result.connector);
  const written = performance.now();
  const measured: InProcess = {
    readMs: read - start,
    mapMs: mapped - read,
    writeMs: written - mapped,
    totalMs: written - start,
    // maxRSS is in kilobytes.
    peakMb: process.resourceUsage().maxRSS / 1024,
    endpoints: result.connector.endpoints.length,
    skipped: result.skipped.length,
    bytes: text.length,
  };
  process.stdout.write(JSON.stringify(measured));
}

/** Runs a node process to its end; its stdout, and its exit code. */
function run(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stdout: string; stderr: string; code: number | null; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code, ms: performance.now() - start }));
  });
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const inProcess: InProcess[] = [];
  const command: { ms: number; peakMb: number }[] = [];
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-import-bench-'));
  try {
    for (let round = 0; round < rounds; round++) {
      const child = await run([__filename, '--child']);
      if (child.code !== 0) throw new Error(`The in-process import failed: ${child.stderr}`);
      inProcess.push(JSON.parse(child.stdout) as InProcess);
      // The command as users run it; a preload reports its peak memory when it exits.
      const output = path.join(folder, `github-${round}.connector.json`);
      const report = path.join(folder, `peak-${round}.txt`);
      const cli = await run(['--require', path.join(__dirname, 'peakMemory.js'), path.join(repoRoot, 'dist', 'cli.js'), 'import', 'openapi', description, '--name', 'GitHub', '--output', output], { ...process.env, CONNECTOR_BENCH_PEAK_FILE: report });
      if (cli.code !== 0) throw new Error(`connector-check import failed (${cli.code}): ${cli.stderr}`);
      command.push({ ms: cli.ms, peakMb: Number(fs.readFileSync(report, 'utf8')) / 1024 });
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const first = inProcess[0];
  const rows = [
    ['read, parse, resolve $refs', median(inProcess.map((m) => m.readMs)).toFixed(0), ''],
    ['map to a connector', median(inProcess.map((m) => m.mapMs)).toFixed(0), ''],
    ['write the JSON', median(inProcess.map((m) => m.writeMs)).toFixed(0), ''],
    ['import, in process', median(inProcess.map((m) => m.totalMs)).toFixed(0), Math.max(...inProcess.map((m) => m.peakMb)).toFixed(0)],
    ['connector-check import openapi --output (process, with lint)', median(command.map((m) => m.ms)).toFixed(0), Math.max(...command.map((m) => m.peakMb)).toFixed(0)],
  ];
  const header = ['step', 'ms', 'peak MB'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const row of rows) console.log(line(row));
  const size = fs.statSync(description).size / 1024 / 1024;
  console.log(`\nGitHub's REST description (${size.toFixed(1)} MB, @octokit/openapi): ${first.endpoints} endpoints, ${first.skipped} operations skipped, ${(first.bytes / 1024).toFixed(0)} KiB of connector.`);
  console.log(`Node ${process.version}; medians of ${rounds} fresh processes, peak = the largest maximum resident set size; targets: ≤ ${targets.ms} ms and ≤ ${targets.megabytes} MB, in process and for the command.`);
  const missed = [inProcess.map((m) => m.totalMs), command.map((m) => m.ms)].some((times) => median(times) > targets.ms)
    || [...inProcess, ...command].some((m) => m.peakMb > targets.megabytes);
  if (missed) {
    console.log('Target missed.');
    process.exitCode = 1;
  }
}

if (require.main === module) void (process.argv.includes('--child') ? importInProcess() : main());
