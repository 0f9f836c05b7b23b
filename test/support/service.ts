import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-json-languageservice';
import { createConnectorLanguageService, type ConnectorLanguageService } from '../../server/src/service';

/** The repository root (tests run from out/test/...). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The bundled connector schema. */
export function loadSchema(): object {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'connector.schema.json'), 'utf8')) as object;
}

let shared: ConnectorLanguageService | undefined;

/** One language service for all tests of a process (it holds no per-document state). */
export function service(): ConnectorLanguageService {
  shared ??= createConnectorLanguageService({ schema: loadSchema() });
  return shared;
}

/** A connector document from inline text. */
export function connectorDocument(text: string, uri = 'file:///test.connector.jsonc'): TextDocument {
  return TextDocument.create(uri, 'connector', 1, text);
}

/** A diagnostic reduced to what tests compare: code, the text it covers, and its message. */
export interface DiagnosticSummary {
  readonly code: string;
  readonly text: string;
  readonly message: string;
  readonly severity: number;
  readonly line: number;
}

/** Validates inline text and returns each diagnostic with the exact text its range covers. */
export async function diagnose(text: string): Promise<DiagnosticSummary[]> {
  const document = connectorDocument(text);
  const diagnostics: Diagnostic[] = await service().validate(document);
  return diagnostics.map((d) => ({
    code: String(d.code),
    text: document.getText(d.range),
    message: typeof d.message === 'string' ? d.message : d.message,
    severity: d.severity ?? 0,
    line: d.range.start.line,
  }));
}

/** Diagnostics of one code only. */
export async function diagnoseCode(text: string, code: string): Promise<DiagnosticSummary[]> {
  return (await diagnose(text)).filter((d) => d.code === code);
}

/**
 * A minimal clean token connector, for tests to vary one thing at a time. `overrides` replace or add top-level
 * properties; `method` and `endpoint` replace or add properties of the one auth method and endpoint.
 */
export function connector(options: { method?: Record<string, unknown>; endpoint?: Record<string, unknown>; root?: Record<string, unknown>; endpoints?: unknown[] } = {}): string {
  const method = {
    id: 'bearer',
    name: 'Bearer token',
    type: 'token',
    url: 'https://api.example.com/v1/me',
    variables: [{ key: 'token', label: 'Access token', secret: true, required: true }],
    headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }],
    ...options.method,
  };
  const endpoint = {
    name: 'List items',
    method: 'GET',
    url: 'https://api.example.com/v1/items',
    authentication: ['bearer'],
    ...options.endpoint,
  };
  const root = { name: 'Example', authentication: [method], endpoints: options.endpoints ?? [endpoint], ...options.root };
  return JSON.stringify(root, null, 2);
}
