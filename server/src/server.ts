import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  ResponseError,
  SemanticTokensBuilder,
  ErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeResult,
  type SymbolInformation,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { JSONDocument, JSONSchema } from 'vscode-json-languageservice';
import { createConnectorLanguageService, RenameError, semanticTokenLegend, type PlanResult } from './service';
import { planRequestMethod, requestTargetsMethod, type PlanRequestParams, type RequestTargetsParams, type RequestTargetsResult } from './protocol';

/** What the host gives the server: the schema it loaded from disk. */
export interface ServerOptions {
  readonly schema: JSONSchema;
}

interface CachedParse {
  readonly version: number;
  readonly parsed: JSONDocument;
}

/** The outline as a flat list, for clients that do not announce hierarchical document symbols. */
function flattenSymbols(uri: string, symbols: readonly DocumentSymbol[], containerName?: string): SymbolInformation[] {
  return symbols.flatMap((symbol) => [
    { name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range }, containerName },
    ...flattenSymbols(uri, symbol.children ?? [], symbol.name),
  ]);
}

/** Wires the pure connector language service to an LSP connection. */
export function startServer(connection: Connection, options: ServerOptions): void {
  const service = createConnectorLanguageService({ schema: options.schema });
  const documents = new TextDocuments(TextDocument);
  const parseCache = new Map<string, CachedParse>();
  let pullDiagnostics = false;
  let hierarchicalSymbols = false;

  const parse = (document: TextDocument): JSONDocument => {
    const cached = parseCache.get(document.uri);
    if (cached && cached.version === document.version) return cached.parsed;
    const parsed = service.parse(document);
    parseCache.set(document.uri, { version: document.version, parsed });
    return parsed;
  };

  /** Runs a handler so that an exception is logged with its stack and answered with an empty result. */
  async function runSafe<T>(name: string, empty: T, token: CancellationToken | undefined, work: () => T | PromiseLike<T>): Promise<T> {
    if (token?.isCancellationRequested) return empty;
    try {
      return await work();
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return empty;
    }
  }

  const diagnose = (uri: string, token?: CancellationToken): Promise<Diagnostic[]> =>
    runSafe('Validation', [], token, () => {
      const document = documents.get(uri);
      return document ? service.validate(document, parse(document)) : [];
    });

  connection.onInitialize((params): InitializeResult => {
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    hierarchicalSymbols = params.capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        completionProvider: { triggerCharacters: ['"', ':', '{'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentSymbolProvider: true,
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenLegend.tokenTypes], tokenModifiers: [...semanticTokenLegend.tokenModifiers] }, full: true },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'connector-language-server' },
    };
  });

  connection.languages.diagnostics.on(async (params, token) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: await diagnose(params.textDocument.uri, token),
  }));

  // Clients without pull diagnostics get pushed diagnostics on every change: validation is fast enough to need no debounce.
  const push = async (document: TextDocument): Promise<void> => {
    if (pullDiagnostics) return;
    const version = document.version;
    const diagnostics = await diagnose(document.uri);
    if (documents.get(document.uri)?.version === version) await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  };
  documents.onDidChangeContent((event) => void push(event.document));
  documents.onDidClose((event) => {
    parseCache.delete(event.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  const withDocument = <T>(name: string, uri: string, empty: T, token: CancellationToken, work: (document: TextDocument) => T | PromiseLike<T>): Promise<T> =>
    runSafe(name, empty, token, () => {
      const document = documents.get(uri);
      return document ? work(document) : empty;
    });

  connection.onCompletion((params, token) =>
    withDocument('Completion', params.textDocument.uri, null, token, (document) => service.complete(document, params.position, parse(document))));
  connection.onHover((params, token) =>
    withDocument('Hover', params.textDocument.uri, null, token, (document) => service.hover(document, params.position, parse(document))));
  connection.onDefinition((params, token) =>
    withDocument('Definition', params.textDocument.uri, [], token, (document) => service.definition(document, params.position, parse(document))));
  connection.onReferences((params, token) =>
    withDocument('References', params.textDocument.uri, [], token, (document) =>
      service.references(document, params.position, params.context.includeDeclaration, parse(document))));
  connection.onPrepareRename((params, token) =>
    withDocument('Rename', params.textDocument.uri, null, token, (document) => service.prepareRename(document, params.position, parse(document))));
  connection.onRenameRequest(async (params, token) => {
    try {
      const document = documents.get(params.textDocument.uri);
      if (!document || token.isCancellationRequested) return null;
      return service.rename(document, params.position, params.newName, parse(document));
    } catch (error) {
      // A rename the user must change (invalid key, a change of meaning) is answered with the sentence the editor shows.
      if (error instanceof RenameError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
      connection.console.error(`Rename failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return null;
    }
  });
  connection.onCodeAction((params, token) =>
    withDocument('Code actions', params.textDocument.uri, [], token, (document) => service.codeActions(document, params.context.diagnostics)));
  connection.onDocumentFormatting((params, token) =>
    withDocument('Formatting', params.textDocument.uri, [], token, (document) => service.json.format(document, undefined, params.options)));
  connection.onDocumentRangeFormatting((params, token) =>
    withDocument('Formatting', params.textDocument.uri, [], token, (document) => service.json.format(document, params.range, params.options)));
  connection.onFoldingRanges((params, token) =>
    withDocument('Folding', params.textDocument.uri, [], token, (document) => service.json.getFoldingRanges(document)));
  connection.onSelectionRanges((params, token) =>
    withDocument('Selection ranges', params.textDocument.uri, [], token, (document) => service.json.getSelectionRanges(document, params.positions, parse(document))));
  connection.onDocumentSymbol((params, token) =>
    withDocument('Document symbols', params.textDocument.uri, [], token, (document): DocumentSymbol[] | SymbolInformation[] => {
      const symbols = service.symbols(document, parse(document));
      return hierarchicalSymbols ? symbols : flattenSymbols(document.uri, symbols);
    }));

  // Placeholder keys as `variable` tokens; secret ones also carry the `secret` modifier (bit 1), which the manifest maps to a distinct scope.
  connection.languages.semanticTokens.on((params, token) =>
    withDocument('Semantic tokens', params.textDocument.uri, { data: [] }, token, (document) => {
      const builder = new SemanticTokensBuilder();
      for (const t of service.placeholderTokens(document, parse(document))) builder.push(t.line, t.character, t.length, 0, t.secret ? 0b11 : 0b01);
      return builder.build();
    }));

  // After each placeholder: its variable's default, `required` or `secret`, read from the file (never a value).
  connection.languages.inlayHint.on((params, token) =>
    withDocument('Inlay hints', params.textDocument.uri, [], token, (document) => service.inlayHints(document, params.range, parse(document))));

  // Send Test Request: the targets for code lenses and the quick pick, and the plan of one. Values never cross the connection.
  connection.onRequest(requestTargetsMethod, (params: RequestTargetsParams, token) =>
    withDocument('Request targets', params.textDocument.uri, { connector: '', targets: [] } as RequestTargetsResult, token, (document) => service.requestTargets(document, parse(document))));
  const noDocument: PlanResult = { refusal: { message: 'The connector file is not open in the editor.', diagnostics: [] } };
  connection.onRequest(planRequestMethod, (params: PlanRequestParams, token) =>
    withDocument('Plan request', params.textDocument.uri, noDocument, token, (document) => service.planRequest(document, params.target, parse(document))));

  documents.listen(connection);
  connection.listen();
}
