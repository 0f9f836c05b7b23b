import {
  CodeActionKind,
  DiagnosticSeverity,
  getLanguageService,
  type CodeAction,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type Range,
  type WorkspaceEdit,
  type JSONDocument,
  type JSONSchema,
  type LanguageService as JsonLanguageService,
  type TextDocument,
} from 'vscode-json-languageservice';
import { analyse, type Analysis } from './analysis';
import { completePlaceholder, keepSchemaOrder } from './completion';
import { findDefinition, findReferences, placeholderHover, prepareRename, rename } from './navigation';
import { documentSymbols } from './symbols';
import { placeholderTokens, type PlaceholderToken } from './semanticTokens';
import { inlayHints } from './inlayHints';
import type { InlayHint } from 'vscode-languageserver-types';
import { rules } from './codes';
import { buildModel } from './model';
import { blockingDiagnostic, planRequest, requestTargets, type PlanResult, type RequestTarget, type RequestTargets } from './plan';
import { createCredentialScanner } from './credentials';
import { checkCredentials } from './rules/credentialRules';
import { checkHeaders } from './rules/headerRules';
import { checkPlaceholders } from './rules/placeholderRules';
import { checkProviders } from './rules/providerRules';
import { diagnosticSource, isFixData, Reporter } from './rules/report';
import { checkStructure } from './rules/structureRules';
import { checkUrls } from './rules/urlRules';

/** What the connector language service needs from its host. */
export interface ConnectorServiceOptions {
  /** The connector JSON Schema (schemas/connector.schema.json), loaded by the host. */
  readonly schema: JSONSchema;
}

/** The pure connector language service: plain LSP data in and out, no I/O. */
export interface ConnectorLanguageService {
  /** Parses a document once; pass the result to the other calls to avoid parsing again. */
  parse(document: TextDocument): JSONDocument;
  /** Every diagnostic for the document: syntax, schema, semantic, security and provider rules. */
  validate(document: TextDocument, parsed?: JSONDocument): Promise<Diagnostic[]>;
  /** The semantic, security and provider diagnostics alone (no syntax or schema), synchronously. */
  validateSemantics(document: TextDocument, parsed: JSONDocument): Diagnostic[];
  /** Variables in scope inside `{{`, else schema-driven completion (keys, values, snippets). */
  complete(document: TextDocument, position: Position, parsed?: JSONDocument): Promise<CompletionList | null>;
  /** A placeholder's variable, else the schema documentation of the key under the cursor. */
  hover(document: TextDocument, position: Position, parsed?: JSONDocument): Promise<Hover | null>;
  /** Where the variable of the placeholder (or key) at the position is declared. */
  definition(document: TextDocument, position: Position, parsed?: JSONDocument): Location[];
  /** Every placeholder that uses the variable at the position. */
  references(document: TextDocument, position: Position, includeDeclaration: boolean, parsed?: JSONDocument): Location[];
  /** What a rename at the position would change, or null when nothing there can be renamed. */
  prepareRename(document: TextDocument, position: Position, parsed?: JSONDocument): { range: Range; placeholder: string } | null;
  /** Renames a variable and its placeholders; throws with a user-facing message for an invalid key. */
  rename(document: TextDocument, position: Position, newKey: string, parsed?: JSONDocument): WorkspaceEdit | null;
  /** The outline: connector variables, auth methods and endpoints. */
  symbols(document: TextDocument, parsed?: JSONDocument): DocumentSymbol[];
  /** Placeholder keys that resolve to a variable, marked when the variable is secret. */
  placeholderTokens(document: TextDocument, parsed?: JSONDocument): PlaceholderToken[];
  /** A hint after each placeholder in the range: its variable's default, `required` or `secret` (never a value). */
  inlayHints(document: TextDocument, range?: Range, parsed?: JSONDocument): InlayHint[];
  /** Every auth method's check request and every endpoint, with their ranges: what Send Test Request offers. */
  requestTargets(document: TextDocument, parsed?: JSONDocument): RequestTargets;
  /** The request for an auth method's check or an endpoint, placeholders unfilled, or why it cannot be sent. */
  planRequest(document: TextDocument, target: RequestTarget, parsed?: JSONDocument): Promise<PlanResult>;
  /** Quick fixes carried by this service's diagnostics. */
  codeActions(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[];
  /** The underlying JSON language service, configured with the connector schema. */
  readonly json: JsonLanguageService;
}

const schemaUri = 'connector://schemas/connector.schema.json';
const duplicateKeyCode = 520;

/** json-languageservice's syntax problems: the parser's own list, whatever their codes. */
function syntaxErrorsOf(parsed: JSONDocument): ReadonlySet<Diagnostic> {
  return new Set((parsed as { syntaxErrors?: Diagnostic[] }).syntaxErrors ?? []);
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** The one diagnostic for a file nested deeper than the recursive parser and validator can follow. */
function tooDeep(document: TextDocument): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: document.positionAt(1) },
    severity: rules.jsonSyntax.severity,
    source: diagnosticSource,
    code: rules.jsonSyntax.code,
    message: 'This file is nested too deeply to check: keep arrays and objects under a few thousand levels.',
  };
}

function toConnectorDiagnostic(diagnostic: Diagnostic, syntaxErrors: ReadonlySet<Diagnostic>): Diagnostic {
  const code = typeof diagnostic.code === 'number' ? diagnostic.code : undefined;
  const rule = code === duplicateKeyCode ? rules.duplicateProperty : syntaxErrors.has(diagnostic) ? rules.jsonSyntax : rules.schema;
  let message = diagnostic.message;
  if (typeof message === 'string' && !/[.!?]$/.test(message)) message += '.';
  // Trailing commas keep the severity json-languageservice gives them (a warning here); everything else takes the rule's.
  const severity = code === 519 ? diagnostic.severity : rule.severity;
  return { ...diagnostic, severity, code: rule.code, source: diagnosticSource, message };
}

/** Creates the connector language service around vscode-json-languageservice and the bundled schema. */
export function createConnectorLanguageService(options: ConnectorServiceOptions): ConnectorLanguageService {
  const json = getLanguageService({
    // The schema is bundled: nothing is ever fetched.
    schemaRequestService: (uri) => Promise.reject(new Error(`Schema ${uri} is not bundled; connector files use only the bundled schema.`)),
  });
  // Configured once: passing the schema to each doValidation call would register and resolve it again every time.
  json.configure({ validate: true, allowComments: true, schemas: [{ uri: schemaUri, fileMatch: ['*'], schema: options.schema }] });

  // Per-service, not per-module: one analysis per parse, reused by the requests that follow an edit.
  const analyses = new WeakMap<JSONDocument, Analysis | null>();
  // Per-service too: what each document's text held the last time, so that an edit rescans only the chunk it changed.
  const credentialScanner = createCredentialScanner();
  const analysisOf = (document: TextDocument, parsed: JSONDocument): Analysis | undefined => {
    let analysis = analyses.get(parsed);
    if (analysis === undefined) {
      const model = buildModel(parsed.root);
      analysis = model ? analyse(model, document.getText()) : null;
      analyses.set(parsed, analysis);
    }
    return analysis ?? undefined;
  };

  const validateSemantics = (document: TextDocument, parsed: JSONDocument): Diagnostic[] => {
    const analysis = analysisOf(document, parsed);
    if (!analysis) return [];
    const reporter = new Reporter(document);
    checkStructure(analysis, reporter);
    checkPlaceholders(analysis, reporter);
    checkUrls(analysis, reporter);
    checkHeaders(analysis, reporter);
    checkCredentials(analysis, (parsed as { comments?: Range[] }).comments ?? [], document, reporter, credentialScanner);
    checkProviders(analysis, reporter);
    return reporter.diagnostics;
  };

  const parse = (document: TextDocument): JSONDocument => {
    try {
      return json.parseJSONDocument(document);
    } catch (error) {
      // json-languageservice parses recursively: a value nested thousands deep overflows the stack.
      if (!isStackOverflow(error)) throw error;
      return json.newJSONDocument(undefined, [tooDeep(document)]);
    }
  };

  const withAnalysis = <T>(document: TextDocument, parsed: JSONDocument | undefined, empty: T, work: (analysis: Analysis, parsed: JSONDocument) => T): T => {
    const jsonDocument = parsed ?? parse(document);
    const analysis = analysisOf(document, jsonDocument);
    return analysis ? work(analysis, jsonDocument) : empty;
  };

  const validate = async (document: TextDocument, parsed?: JSONDocument): Promise<Diagnostic[]> => {
    try {
      const jsonDocument = parsed ?? parse(document);
      const base = await json.doValidation(document, jsonDocument, { comments: 'ignore', trailingCommas: 'warning', schemaValidation: 'error', schemaRequest: 'ignore' });
      const syntaxErrors = syntaxErrorsOf(jsonDocument);
      const diagnostics = base.map((diagnostic) => toConnectorDiagnostic(diagnostic, syntaxErrors));
      // A loop, not push(...): a pathological file can have more diagnostics than a call takes arguments.
      for (const diagnostic of validateSemantics(document, jsonDocument)) diagnostics.push(diagnostic);
      if (!jsonDocument.root && diagnostics.length === 0) {
        diagnostics.push({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: rules.schema.severity,
          source: diagnosticSource,
          code: rules.schema.code,
          message: 'This file holds no connector: write a JSON object with `name` and `authentication`.',
        });
      }
      return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    } catch (error) {
      if (!isStackOverflow(error)) throw error;
      return [tooDeep(document)];
    }
  };

  return {
    json,
    parse,
    validateSemantics,
    async complete(document, position, parsed) {
      const jsonDocument = parsed ?? parse(document);
      const analysis = analysisOf(document, jsonDocument);
      const placeholders = analysis && completePlaceholder(document, jsonDocument, analysis, position);
      return placeholders ?? keepSchemaOrder(await json.doComplete(document, position, jsonDocument));
    },
    async hover(document, position, parsed) {
      const jsonDocument = parsed ?? parse(document);
      const analysis = analysisOf(document, jsonDocument);
      const placeholder = analysis && placeholderHover(document, analysis, document.offsetAt(position));
      return placeholder ?? json.doHover(document, position, jsonDocument);
    },
    definition: (document, position, parsed) => withAnalysis(document, parsed, [], (analysis) => findDefinition(document, analysis, document.offsetAt(position))),
    references: (document, position, includeDeclaration, parsed) =>
      withAnalysis(document, parsed, [], (analysis) => findReferences(document, analysis, document.offsetAt(position), includeDeclaration)),
    prepareRename: (document, position, parsed) => withAnalysis(document, parsed, null, (analysis) => prepareRename(document, analysis, document.offsetAt(position)) ?? null),
    rename: (document, position, newKey, parsed) => withAnalysis(document, parsed, null, (analysis) => rename(document, analysis, document.offsetAt(position), newKey) ?? null),
    placeholderTokens: (document, parsed) => withAnalysis(document, parsed, [], (analysis) => placeholderTokens(document, analysis)),
    inlayHints: (document, range, parsed) => withAnalysis(document, parsed, [], (analysis) => inlayHints(document, analysis, range)),
    requestTargets: (document, parsed) => withAnalysis(document, parsed, { connector: '', targets: [] }, (analysis) => requestTargets(document, analysis)),
    async planRequest(document, target, parsed) {
      const jsonDocument = parsed ?? parse(document);
      const diagnostics = await validate(document, jsonDocument);
      const analysis = analysisOf(document, jsonDocument);
      if (!analysis) {
        const blocking = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(blockingDiagnostic);
        return { refusal: { message: 'The file holds no connector that can be sent: fix its errors first.', diagnostics: blocking } };
      }
      return planRequest(document, analysis, diagnostics, target);
    },
    symbols: (document, parsed) => withAnalysis(document, parsed, [], (analysis) => documentSymbols(document, analysis.model)),
    codeActions(document, diagnostics) {
      const actions: CodeAction[] = [];
      for (const diagnostic of diagnostics) {
        if (diagnostic.source !== diagnosticSource || !isFixData(diagnostic.data)) continue;
        for (const fix of diagnostic.data.fixes) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred,
            edit: { changes: { [document.uri]: [...fix.edits] } },
          });
        }
      }
      return actions;
    },
    validate,
  };
}
