import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnectorLanguageService, type PlannedVariable, type RequestTarget } from '../../server/src/service';
import {
  createTransport, fillRequest, originOf, proxyFromEnvironment, renderResultText, resultJson, secretEnvironmentName, sendDefaults, sendRequest, variableName,
  type RequestResult,
} from '../../client/src/request';
import { readConnectorFile, readSchema, UsageError } from './files';

/** `connector-check request --help`. */
export const requestUsage = `Usage: connector-check request <file> [--auth ID] [--endpoint NAME] [--var key=value ...]
         [--allow-origin ORIGIN ...] [--timeout-ms N] [--max-redirects N] [--max-response-bytes N] [--format text|json]

Sends an auth method's check request (--auth; the only method when there is one) or an endpoint's request
(--endpoint, with --auth to choose among its methods), and reports Operational, Failed authentication,
Unreachable or Unexpected response. Secrets come only from environment variables CONNECTOR_SECRET_<KEY>
(the key upper-cased, other characters as _). --allow-origin (or CONNECTOR_ALLOWED_ORIGINS, comma-separated)
pins the origins secrets may be sent to. Proxies: https_proxy / HTTPS_PROXY, http_proxy / HTTP_PROXY,
all_proxy, no_proxy / NO_PROXY. A private CA: NODE_EXTRA_CA_CERTS=/path/to/ca.pem.
Exit code: 0 Operational, 1 any other outcome, 2 usage error or refusal (nothing sent), 130 cancelled.`;

/** What the request command reads from its process and writes to. */
export interface RequestIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Aborted on Ctrl+C. */
  readonly signal?: AbortSignal;
}

function positiveInteger(option: string, text: string | undefined, fallback: number, min = 1, max = 2 ** 31 - 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${option} takes a whole number from ${min} to ${max}, for example --${option} ${fallback}.`);
  }
  return value;
}

function parseVars(entries: readonly string[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    // The value is never echoed: someone may have put a token there.
    if (equals <= 0) throw new UsageError('--var takes key=value, for example --var store_name=my-store.');
    vars.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  return vars;
}

function parseOrigins(entries: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const entry of entries.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean)) {
    const origin = originOf(entry);
    if (!origin || !/^https?:/.test(origin)) throw new UsageError(`--allow-origin takes an origin such as https://api.example.com, not ${entry}.`);
    origins.add(origin);
  }
  return origins;
}

function targetOf(auth: string | undefined, endpoint: string | undefined): RequestTarget {
  return endpoint !== undefined ? { kind: 'endpoint', endpoint, authId: auth } : { kind: 'auth', authId: auth };
}

function valueFor(variable: PlannedVariable, vars: ReadonlyMap<string, string>, env: RequestIo['env']): string | undefined {
  return variable.secret ? env[secretEnvironmentName(variable.key)] : vars.get(variable.key);
}

function missingMessage(missing: readonly PlannedVariable[], title: string): string {
  const secret = missing.find((v) => v.secret);
  if (secret) return `Set ${secretEnvironmentName(secret.key)} to the value of ${variableName(secret)}, which ${title} needs: secrets come only from the environment.`;
  return `${title} needs a value for ${missing.map(variableName).join(', ')}: pass ${missing.map((v) => `--var ${v.key}=…`).join(' ')}.`;
}

/** `connector-check request`: plan, fill, check the origin, send, report. Returns the exit code. */
export async function requestCommand(argv: string[], io: RequestIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      auth: { type: 'string' },
      endpoint: { type: 'string' },
      var: { type: 'string', multiple: true, default: [] },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      'timeout-ms': { type: 'string' },
      'max-redirects': { type: 'string' },
      'max-response-bytes': { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(requestUsage + '\n');
    return 0;
  }
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown format ${format}: use --format text or --format json.`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Name the connector file: connector-check request <file> [--auth ID] [--endpoint NAME].' : 'Name one connector file: connector-check request <file> [--auth ID] [--endpoint NAME].');
  const timeoutMs = positiveInteger('timeout-ms', values['timeout-ms'], sendDefaults.timeoutMs);
  const maxRedirects = positiveInteger('max-redirects', values['max-redirects'], sendDefaults.maxRedirects, 0, 20);
  const maxResponseBytes = positiveInteger('max-response-bytes', values['max-response-bytes'], sendDefaults.maxResponseBytes);
  const vars = parseVars(values.var);
  const allowed = parseOrigins([...values['allow-origin'], ...(io.env.CONNECTOR_ALLOWED_ORIGINS ? [io.env.CONNECTOR_ALLOWED_ORIGINS] : [])]);

  const file = positionals[0];
  const text = readConnectorFile(file);
  const service = createConnectorLanguageService({ schema: readSchema() });
  const document = TextDocument.create(`file:///${encodeURIComponent(file)}`, 'connector', 1, text);
  const planned = await service.planRequest(document, targetOf(values.auth, values.endpoint));
  if (planned.refusal) {
    const lines = planned.refusal.diagnostics.map((d) => `${file}:${d.line} error ${d.code} ${d.message}`);
    throw new UsageError([planned.refusal.message, ...lines].join('\n'));
  }
  const plan = planned.plan;

  for (const key of vars.keys()) {
    const variable = plan.variables.find((v) => v.key === key);
    // A warning, not an error: scripts pass one set of --var to a connector's every request.
    if (!variable) io.stderr(`connector-check: --var ${key} is not used by ${plan.title}; its variables are ${plan.variables.map((v) => v.key).join(', ') || 'none'}.\n`);
    else if (variable.secret) throw new UsageError(`${variableName(variable)} is a secret: set ${secretEnvironmentName(key)} in the environment instead of passing it with --var.`);
  }
  const filled = fillRequest(plan, (variable) => valueFor(variable, vars, io.env));
  if (filled.error) throw new UsageError(filled.error.missing.length > 0 ? missingMessage(filled.error.missing, plan.title) : filled.error.message);
  const request = filled.request;

  let transport;
  try {
    transport = await createTransport(proxyFromEnvironment(io.env));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const origin = originOf(request.url)!;
  if (request.secrets.length > 0) {
    if (allowed.size > 0 && !allowed.has(origin)) {
      await transport.close();
      throw new UsageError(`Refusing to send secrets to ${origin}: it is not an allowed origin (${[...allowed].join(', ')}); nothing was sent.`);
    }
    if (allowed.size === 0) io.stderr(`connector-check: sending secrets to ${origin} (pin it with --allow-origin ${origin}).\n`);
  }
  let result: RequestResult;
  try {
    result = await sendRequest(request, { timeoutMs, maxRedirects, maxResponseBytes, signal: io.signal, transport, userAgent: `${sendDefaults.userAgent} (connector-check)` });
  } finally {
    await transport.close();
  }
  io.stdout(format === 'json' ? JSON.stringify(resultJson(result), null, 2) + '\n' : renderResultText(result));
  if (result.classification === 'Cancelled') return 130;
  return result.classification === 'Operational' ? 0 : 1;
}
