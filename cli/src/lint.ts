import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConnectorLanguageService, Rule } from '../../server/src/service';

/** A diagnostic as `connector-check lint --format json` prints it. */
export interface LintResult {
  readonly file: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly code: string;
  readonly message: string;
}

const severityNames = ['error', 'error', 'warning', 'information', 'hint'] as const;

/** Converts a service diagnostic for one file into the command line's shape. */
export function toLintResult(file: string, diagnostic: Diagnostic): LintResult {
  return {
    file,
    range: { start: { ...diagnostic.range.start }, end: { ...diagnostic.range.end } },
    severity: severityNames[diagnostic.severity ?? 1] ?? 'error',
    code: String(diagnostic.code ?? ''),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message),
  };
}

/** Lints one file's text with the same service the editor uses. */
export async function lintText(service: ConnectorLanguageService, file: string, text: string): Promise<LintResult[]> {
  const document = TextDocument.create(`file:///${encodeURIComponent(file)}`, 'connector', 1, text);
  const diagnostics = await service.validate(document);
  return diagnostics.map((diagnostic) => toLintResult(file, diagnostic));
}

/** Formats results like a compiler: `file:line:col severity code message`, then a summary line. */
export function formatText(results: readonly LintResult[], fileCount: number): string {
  const lines = results.map((r) => `${r.file}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.severity} ${r.code} ${r.message}`);
  lines.push(summaryLine(results, fileCount));
  return lines.join('\n') + '\n';
}

/** Whether any result is an error (the command then exits 1). */
export function hasErrors(results: readonly LintResult[]): boolean {
  return results.some((r) => r.severity === 'error');
}

/** The output formats of `connector-check lint`. */
export const lintFormats = ['text', 'json', 'sarif', 'github'] as const;

/** One of `lintFormats`. */
export type LintFormat = (typeof lintFormats)[number];

/** Whether a `--format` value is one of `lintFormats`. */
export function isLintFormat(value: string): value is LintFormat {
  return (lintFormats as readonly string[]).includes(value);
}

/** The version in the package.json beside dist/, for SARIF's tool.driver; undefined when it cannot be read. */
export function readToolVersion(): string | undefined {
  try {
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * GitHub code scanning's `security-severity` (0.0–10.0: critical from 9.0, high from 7.0, medium from 4.0) of each
 * security rule: a credential in the repository is critical, one sent where it can be read is high.
 */
export const securitySeverity: Readonly<Record<string, string>> = {
  'hardcoded-credential': '9.1',
  'url-credentials': '9.1',
  'secret-default': '8.2',
  'insecure-http': '7.5',
  'header-injection': '7.2',
  'session-cookie': '6.8',
  'secret-in-url': '6.5',
  'secret-in-query': '5.3',
  'token-never-sent': '3.1',
  'authorization-scheme-malformed': '3.1',
  'authorization-scheme-missing': '2.6',
  'forbidden-header': '2.6',
  'invalid-header-name': '2.6',
  'duplicate-header': '2.0',
};

const sarifLevels = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
const ruleLevels = ['error', 'error', 'warning', 'note', 'note'] as const;

/** A file argument as a SARIF artifact URI: a relative path stays relative (to the checkout), an absolute one is a file URL. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]+/).filter((segment) => segment !== '.' && segment !== '').map(encodeURIComponent).join('/');
}

function pascalCase(code: string): string {
  return code.replace(/(?:^|-)([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The results as a SARIF 2.1.0 log with one run: the whole rule table as `tool.driver.rules` (help text,
 * `security-severity` for the security rules, as GitHub code scanning reads them) and one result per diagnostic.
 */
export function formatSarif(results: readonly LintResult[], rules: readonly Rule[], version?: string): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.code, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'connector-check',
            ...(version ? { version, semanticVersion: version } : {}),
            rules: rules.map((rule) => ({
              id: rule.code,
              name: pascalCase(rule.code),
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.summary },
              help: { text: rule.help, markdown: `${rule.summary}\n\n**What to do:** ${rule.help}` },
              defaultConfiguration: { level: ruleLevels[rule.severity] ?? 'error' },
              properties: {
                tags: rule.group === 'security' ? ['security', 'connector'] : [rule.group, 'connector'],
                precision: 'high',
                ...(securitySeverity[rule.code] ? { 'security-severity': securitySeverity[rule.code] } : {}),
              },
            })),
          },
        },
        // Columns count UTF-16 code units, as LSP positions (and JavaScript strings) do.
        columnKind: 'utf16CodeUnits',
        results: results.map((result) => ({
          ruleId: result.code,
          ...(ruleIndex.has(result.code) ? { ruleIndex: ruleIndex.get(result.code) } : {}),
          level: sarifLevels[result.severity],
          message: { text: result.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: path.isAbsolute(result.file) ? { uri: artifactUri(result.file) } : { uri: artifactUri(result.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: result.range.start.line + 1,
                  startColumn: result.range.start.character + 1,
                  endLine: result.range.end.line + 1,
                  endColumn: result.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A workflow command's message, escaped as GitHub Actions requires (`%`, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value, escaped as GitHub Actions requires (also `:` and `,`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const githubCommands = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

/**
 * GitHub Actions workflow commands, one annotation a diagnostic (`::error file=…,line=…,endLine=…,col=…,endColumn=…,title=…::message`),
 * then the summary line.
 */
export function formatGithub(results: readonly LintResult[], fileCount: number): string {
  const lines = results.map((r) => {
    const properties = [
      `file=${escapeProperty(r.file.split(path.sep).join('/'))}`,
      `line=${r.range.start.line + 1}`,
      `endLine=${r.range.end.line + 1}`,
      `col=${r.range.start.character + 1}`,
      `endColumn=${r.range.end.character + 1}`,
      `title=${escapeProperty(`connector ${r.code}`)}`,
    ];
    return `::${githubCommands[r.severity]} ${properties.join(',')}::${escapeData(r.message)}`;
  });
  lines.push(summaryLine(results, fileCount));
  return lines.join('\n') + '\n';
}

/** `2 errors, 1 warning in 3 files.` */
function summaryLine(results: readonly LintResult[], fileCount: number): string {
  const count = (severity: LintResult['severity']): number => results.filter((r) => r.severity === severity).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')} in ${plural(fileCount, 'file')}.`;
}
