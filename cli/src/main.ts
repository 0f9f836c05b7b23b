import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { glob, isDynamicPattern } from 'tinyglobby';
import { allRules, createConnectorLanguageService } from '../../server/src/service';
import { readConnectorFile, readSchema, UsageError } from './files';
import { formatGithub, formatSarif, formatText, hasErrors, isLintFormat, lintFormats, lintText, readToolVersion, type LintFormat, type LintResult } from './lint';
import { requestCommand, requestUsage } from './request';
import { importCommand, importUsage } from './import';
import { createRedactor } from '../../client/src/request/redact';

const lintUsage = `Usage: connector-check lint [files or globs ...] [--format text|json|sarif|github]

Lints connector files (*.connector.json, *.connector.jsonc) with the same rules as the editor.
With no files, lints every connector file below the current folder.
--format text (default) compiler-like lines; json one array of results; sarif a SARIF 2.1.0 log
(GitHub code scanning); github GitHub Actions annotations.
Exit code: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

const usage = `${lintUsage}

${requestUsage}

${importUsage}`;
const commandsHint = 'use connector-check lint [files], connector-check request <file> or connector-check import curl|openapi';

const defaultPatterns = ['**/*.connector.json', '**/*.connector.jsonc'];

async function expandFiles(patterns: readonly string[]): Promise<string[]> {
  if (patterns.length === 0) return glob(defaultPatterns, { ignore: ['**/node_modules/**'], dot: false, expandDirectories: false });
  const files: string[] = [];
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const matches = await glob(pattern, { ignore: ['**/node_modules/**'], expandDirectories: false, absolute: path.isAbsolute(pattern) });
      if (matches.length === 0) throw new UsageError(`No file matches ${pattern}.`);
      files.push(...matches.sort());
    } else {
      files.push(pattern);
    }
  }
  return [...new Set(files)];
}

async function lint(argv: string[], stdout: (text: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    stdout(lintUsage + '\n');
    return 0;
  }
  const format = values.format;
  if (!isLintFormat(format)) throw new UsageError(`Unknown format ${format}: use --format ${lintFormats.join(', ').replace(/, (?=[^,]*$)/, ' or ')}.`);
  const files = await expandFiles(positionals);
  if (files.length === 0) throw new UsageError('No connector files found: name files or globs, for example examples/*.connector.json.');
  const texts = files.map((file) => [file, readConnectorFile(file)] as const);
  const service = createConnectorLanguageService({ schema: readSchema() });
  const results: LintResult[] = [];
  for (const [file, text] of texts) {
    let fileResults: LintResult[];
    try {
      fileResults = await lintText(service, file, text);
    } catch (error) {
      throw new UsageError(`Cannot check ${file}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    // A loop, not push(...): one pathological file can have more results than a call takes arguments.
    for (const result of fileResults) results.push(result);
  }
  stdout(formatLint(format, results, files.length));
  return hasErrors(results) ? 1 : 0;
}

function formatLint(format: LintFormat, results: readonly LintResult[], fileCount: number): string {
  switch (format) {
    case 'json': return JSON.stringify(results, null, 2) + '\n';
    case 'sarif': return formatSarif(results, allRules, readToolVersion());
    case 'github': return formatGithub(results, fileCount);
    case 'text': return formatText(results, fileCount);
  }
}

/** One sentence for node:util parseArgs errors, whose own messages are long and unpunctuated. */
function parseArgsMessage(error: unknown, syntax: string): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // Only the option's name: whatever follows `=` may be a token.
  const option = /'(-[^' =]+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? 'this option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}: use ${syntax}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Option ${option} needs a value: for example --format json.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument: use ${syntax}.`;
  return undefined;
}

const syntaxOf: Readonly<Record<string, string>> = {
  lint: 'connector-check lint [files or globs] [--format text|json|sarif|github]',
  request: 'connector-check request <file> [--auth ID] [--endpoint NAME] [--var key=value ...] [--format text|json]',
};

/** Runs `connector-check` with the given arguments and returns its exit code. Everything it prints passes through a redactor of the environment's secrets. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<number> {
  // Defence in depth behind the request core's own redaction. A value of a few characters would also match our own
  // words and JSON keys; the core redacts those in what it returns, and no real token is that short.
  const secrets = Object.entries(env).flatMap(([name, value]) => (name.startsWith('CONNECTOR_SECRET_') && value && value.trim().length >= 6 ? [value, value.trim()] : []));
  const redactor = createRedactor(secrets);
  const stdout = (text: string): boolean => process.stdout.write(redactor.redact(text));
  const stderr = (text: string): boolean => process.stderr.write(redactor.redact(text));
  const [command, ...rest] = argv;
  try {
    if (command === 'lint') return await lint(rest, stdout);
    if (command === 'request') return await requestCommand(rest, { env, stdout, stderr, signal });
    if (command === 'import') return await importCommand(rest, { stdout, stderr });
    if (command === undefined) throw new UsageError(`Name a command: ${commandsHint}.`);
    if (command === '--help' || command === '-h' || command === 'help') {
      stdout(usage + '\n');
      return 0;
    }
    throw new UsageError(`Unknown command ${command}: ${commandsHint}.`);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : parseArgsMessage(error, syntaxOf[command] ?? syntaxOf.lint) ?? `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    stderr(`connector-check: ${message}\n`);
    return 2;
  }
}

const interrupt = new AbortController();
// The first Ctrl+C cancels the request in flight (its result is printed); a second one ends the process at once.
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});
// A reader that stops early (`| head`) closes the pipe: that ends the output, it is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
void main(process.argv.slice(2), process.env, interrupt.signal).then((code) => {
  process.exitCode = code;
  // Exit once the output is flushed, rather than when the event loop drains: V8 would first finish optimising
  // undici's HTTP parser in the background, which costs a short run tens of milliseconds.
  process.stdout.write('', () => process.exit(code));
});
