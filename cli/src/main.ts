import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { glob, isDynamicPattern } from 'tinyglobby';
import { createConnectorLanguageService } from '../../server/src/service';
import { formatText, hasErrors, lintText, type LintResult } from './lint';

const usage = `Usage: connector-check lint [files or globs ...] [--format text|json]

Lints connector files (*.connector.json, *.connector.jsonc) with the same rules as the editor.
With no files, lints every connector file below the current folder.
Exit code: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

/** A problem with the command line or a file: printed as one line, exit code 2. */
class UsageError extends Error {}

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

function readSchema(): object {
  const schemaPath = path.join(__dirname, '..', 'schemas', 'connector.schema.json');
  try {
    return JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
  } catch {
    throw new UsageError(`Cannot read the connector schema at ${schemaPath}; reinstall connector-check.`);
  }
}

function readFile(file: string): string {
  try {
    if (fs.statSync(file).isDirectory()) throw new UsageError(`${file} is a folder: name connector files or a glob such as ${path.join(file, '**/*.connector.json')}.`);
    // Editors drop a UTF-8 byte order mark before parsing; so does the command line, so that both agree.
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `Cannot read ${file}: no such file.` : `Cannot read ${file}: ${code ?? String(error)}.`);
  }
}

async function lint(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown format ${format}: use --format text or --format json.`);
  const files = await expandFiles(positionals);
  if (files.length === 0) throw new UsageError('No connector files found: name files or globs, for example examples/*.connector.json.');
  const texts = files.map((file) => [file, readFile(file)] as const);
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
  process.stdout.write(format === 'json' ? JSON.stringify(results, null, 2) + '\n' : formatText(results, files.length));
  return hasErrors(results) ? 1 : 0;
}

/** One sentence for node:util parseArgs errors, whose own messages are long and unpunctuated. */
function parseArgsMessage(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const option = /'(-[^' ]+)/.exec(error instanceof Error ? error.message : '')?.[1] ?? 'this option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}: use connector-check lint [files or globs] [--format text|json].`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Option ${option.replace(/ .*/, '')} needs a value: for example --format json.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'Unexpected argument: use connector-check lint [files or globs] [--format text|json].';
  return undefined;
}

/** Runs `connector-check` with the given arguments and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'lint') return await lint(rest);
    if (command === undefined) throw new UsageError('Name a command: connector-check lint [files or globs] [--format text|json].');
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(usage + '\n');
      return 0;
    }
    throw new UsageError(`Unknown command ${command}: use connector-check lint [files] [--format text|json].`);
  } catch (error) {
    const message = error instanceof UsageError ? error.message : parseArgsMessage(error) ?? `Unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`connector-check: ${message}\n`);
    return 2;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
