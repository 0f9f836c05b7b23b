import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedactor, secretEnvironmentName } from '../../client/src/request';
import type { ConnectorJson, ImportedSecret } from '../../client/src/importers';
import { createConnectorLanguageService } from '../../server/src/service';
import { readSchema, UsageError } from './files';
import { hasErrors, lintText } from './lint';

/** `connector-check import --help`. */
export const importUsage = `Usage: connector-check import curl [COMMAND] [--name NAME] [--output FILE]
       connector-check import openapi FILE [--name NAME] [--output FILE] [--auth bearer|header:NAME|query:NAME]

Writes a new connector, on stdout or to --output FILE (never over an existing file), from a curl command (one
argument in quotes, or on stdin) or from an OpenAPI 3.x or Swagger 2.0 description (JSON or YAML). A token in the
input becomes a secret variable and is never written or printed: stderr says which CONNECTOR_SECRET_<KEY> to set
for connector-check request. --auth chooses the auth method of a description that declares no security scheme
(default bearer). Exit code: 0 written, 1 written but the connector has lint errors, 2 the input cannot be
imported (one line on stderr; nothing written).`;

/** What the import command reads from its process and writes to. */
export interface ImportIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of standard input, or undefined when it is a terminal. */
  readonly stdin?: () => Promise<string | undefined>;
}

const syntax = 'connector-check import curl [COMMAND] [--name NAME] [--output FILE] or connector-check import openapi FILE [--name NAME] [--output FILE] [--auth bearer|header:NAME|query:NAME]';

/** Standard input as text; undefined when it is a terminal (nobody is piping a command in). */
export async function readStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

interface ImportArguments {
  readonly positionals: string[];
  readonly name?: string;
  readonly output?: string;
  readonly auth?: string;
  readonly help: boolean;
}

/**
 * The import's own options, read by hand: a curl command is one argument that may itself start with `-`, and an
 * unknown option is named without its value (which may be a token).
 */
function readArguments(argv: readonly string[], kind: 'curl' | 'openapi'): ImportArguments {
  const allowed = ['name', 'output', 'auth'];
  const values: Record<string, string> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--help' || word === '-h') {
      help = true;
      continue;
    }
    if (!word.startsWith('-') || word === '-' || /^curl\s/i.test(word)) {
      positionals.push(word);
      continue;
    }
    const [flag, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const option = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !allowed.includes(option)) {
      const named = /^-{1,2}[A-Za-z0-9][A-Za-z0-9-]{0,30}$/.test(flag) ? flag : 'an option';
      throw new UsageError(kind === 'curl'
        ? `Unknown option ${named}: give the curl command as one argument in quotes, or on stdin.`
        : `Unknown option ${named}: use connector-check import openapi FILE [--name NAME] [--output FILE] [--auth bearer|header:NAME|query:NAME].`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`Option --${option} needs a value: for example --${option} ${option === 'auth' ? 'header:X-API-Key' : option === 'output' ? 'api.connector.json' : 'Shopify'}.`);
    values[option] = value;
  }
  return { positionals, name: values.name, output: values.output, auth: values.auth, help };
}

/** The importers, loaded on demand: the command line's other commands never load the OpenAPI parser. */
async function importers(): Promise<typeof import('../../client/src/importers')> {
  return import('../../client/src/importers/index.js');
}

/** The text of a description or a file it refers to: local files only; a `$ref` to a URL is refused. */
async function readDescriptionFile(url: string, shown: (file: string) => string): Promise<string> {
  const { ImportError } = await importers();
  if (/^https?:/i.test(url)) throw new ImportError('The description refers to a file on the web: the command line reads local files only; download it next to the description.');
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  try {
    if (fs.statSync(file).isDirectory()) throw new ImportError(`${shown(file)} is a folder: name the description's file.`);
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(code === 'ENOENT' ? `Cannot read ${shown(file)}: no such file.` : `Cannot read ${shown(file)}: ${code ?? String(error)}.`);
  }
}

interface Imported {
  readonly connector: ConnectorJson;
  readonly secrets: readonly ImportedSecret[];
  readonly lines: readonly string[];
}

async function importCurlCommand(args: ImportArguments, io: ImportIo): Promise<Imported> {
  if (args.auth !== undefined) throw new UsageError('--auth is for import openapi: a curl command names its own credential.');
  if (args.positionals.length > 1) throw new UsageError('Give the curl command as one argument in quotes, or on stdin.');
  const command = args.positionals[0] ?? (await (io.stdin ?? readStdin)());
  if (command === undefined) throw new UsageError('Give a curl command as one argument in quotes, or pipe it on stdin: connector-check import curl "curl https://api.example.com/v1/me -H \'Authorization: Bearer $TOKEN\'".');
  const { importCurl } = await importers();
  const result = importCurl(command, { name: args.name });
  return { connector: result.connector, secrets: result.secrets, lines: result.notes };
}

async function importOpenApiFile(args: ImportArguments): Promise<Imported> {
  if (args.positionals.length !== 1) throw new UsageError('Name one OpenAPI or Swagger description: connector-check import openapi openapi.yaml.');
  const { importOpenApi, loadDescription, parseFallbackAuth } = await importers();
  const auth = args.auth !== undefined ? parseFallbackAuth(args.auth) : undefined;
  const file = args.positionals[0];
  const shown = (absolute: string): string => (absolute === path.resolve(file) ? file : path.relative(process.cwd(), absolute) || absolute);
  const document = await loadDescription({ location: path.resolve(file), read: (url) => readDescriptionFile(url, shown) });
  const result = importOpenApi(document, { name: args.name, auth });
  return { connector: result.connector, secrets: result.secrets, lines: [...result.notes, ...result.skipped] };
}

/** What to tell the user about each secret: the environment variable that holds it for connector-check request. */
function secretLines(secrets: readonly ImportedSecret[]): string[] {
  const lines: string[] = [];
  const named = new Set<string>();
  for (const secret of secrets) {
    const variable = secretEnvironmentName(secret.key);
    if (named.has(variable)) continue;
    named.add(variable);
    lines.push(secret.literal !== undefined
      ? `The command's token is not written to the connector: set ${variable} to it to send requests with connector-check request.`
      : `Set ${variable} to the ${secret.key} to send requests with connector-check request.`);
  }
  return lines;
}

/** `connector-check import curl|openapi …`: returns the exit code. Literal tokens of the input are redacted from everything printed. */
export async function importCommand(argv: readonly string[], io: ImportIo): Promise<number> {
  const [kind, ...rest] = argv;
  if (kind === '--help' || kind === '-h' || kind === undefined) {
    if (kind === undefined) throw new UsageError(`Name what to import: ${syntax}.`);
    io.stdout(importUsage + '\n');
    return 0;
  }
  if (kind !== 'curl' && kind !== 'openapi') throw new UsageError(`Unknown import${/^[\w-]{1,20}$/.test(kind) ? ` ${kind}` : ''}: use ${syntax}.`);
  const args = readArguments(rest, kind);
  if (args.help) {
    io.stdout(importUsage + '\n');
    return 0;
  }
  const { ImportError, connectorText } = await importers();
  let imported: Imported;
  try {
    imported = kind === 'curl' ? await importCurlCommand(args, io) : await importOpenApiFile(args);
  } catch (error) {
    if (error instanceof ImportError) throw new UsageError(error.message);
    throw error;
  }
  const literals = imported.secrets.flatMap((secret) => (secret.literal !== undefined ? [secret.literal] : []));
  const redactor = createRedactor(literals);
  const stderr = (line: string): void => io.stderr(redactor.redact(`connector-check: ${line}\n`));
  const text = connectorText(imported.connector);
  // Belt and braces: a literal token must never reach the file, whatever the importer missed.
  if (literals.some((literal) => text.includes(literal) || text.includes(JSON.stringify(literal).slice(1, -1)))) {
    throw new UsageError('The token of the command could not be kept out of the connector: nothing was written. Replace it with $TOKEN and import again.');
  }
  const service = createConnectorLanguageService({ schema: readSchema() });
  const target = args.output ?? 'imported.connector.json';
  const results = await lintText(service, target, text);
  if (args.output !== undefined) {
    try {
      fs.writeFileSync(args.output, text, { flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'EEXIST' ? `${args.output} exists: choose another file with --output, or delete it first.` : `Cannot write ${args.output}: ${code ?? String(error)}.`);
    }
  } else {
    io.stdout(redactor.redact(text));
  }
  for (const line of imported.lines) stderr(line);
  const endpoints = imported.connector.endpoints.length;
  if (args.output !== undefined) stderr(`Wrote ${args.output}: ${imported.connector.authentication.length} auth method${imported.connector.authentication.length === 1 ? '' : 's'}, ${endpoints} endpoint${endpoints === 1 ? '' : 's'}.`);
  for (const line of secretLines(imported.secrets)) stderr(line);
  if (hasErrors(results)) {
    const errors = results.filter((r) => r.severity === 'error').length;
    stderr(`The connector has ${errors} lint error${errors === 1 ? '' : 's'}: run connector-check lint on it and fix ${errors === 1 ? 'it' : 'them'}.`);
    return 1;
  }
  return 0;
}
