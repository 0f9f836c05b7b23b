import {
  getLanguageService,
  type Diagnostic,
  type JSONDocument,
  type JSONSchema,
  type LanguageService as JsonLanguageService,
  type TextDocument,
} from 'vscode-json-languageservice';
import { analyse } from './analysis';
import { rules } from './codes';
import { buildModel } from './model';
import { checkCredentials } from './rules/credentialRules';
import { checkHeaders } from './rules/headerRules';
import { checkPlaceholders } from './rules/placeholderRules';
import { checkProviders } from './rules/providerRules';
import { diagnosticSource, Reporter } from './rules/report';
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
  /** The underlying JSON language service, configured with the connector schema. */
  readonly json: JsonLanguageService;
}

const schemaUri = 'connector://schemas/connector.schema.json';
const syntaxCodes = new Set([257, 258, 259, 260, 261, 262, 513, 514, 515, 516, 517, 518, 519, 521, 528]);
const duplicateKeyCode = 520;

function toConnectorDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const code = typeof diagnostic.code === 'number' ? diagnostic.code : undefined;
  const rule = code === duplicateKeyCode ? rules.duplicateProperty : code !== undefined && syntaxCodes.has(code) ? rules.jsonSyntax : rules.schema;
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
  json.configure({ validate: true, allowComments: true, schemas: [{ uri: schemaUri, fileMatch: ['*'], schema: options.schema }] });

  const validateSemantics = (document: TextDocument, parsed: JSONDocument): Diagnostic[] => {
    const model = buildModel(parsed.root);
    if (!model) return [];
    const reporter = new Reporter(document);
    const analysis = analyse(model, document.getText());
    checkStructure(analysis, reporter);
    checkPlaceholders(analysis, reporter);
    checkUrls(analysis, reporter);
    checkHeaders(analysis, reporter);
    checkCredentials(analysis, reporter);
    checkProviders(analysis, reporter);
    return reporter.diagnostics;
  };

  return {
    json,
    parse: (document) => json.parseJSONDocument(document),
    validateSemantics,
    async validate(document, parsed) {
      const jsonDocument = parsed ?? json.parseJSONDocument(document);
      const base = await json.doValidation(document, jsonDocument, { comments: 'ignore', trailingCommas: 'warning', schemaValidation: 'error', schemaRequest: 'ignore' }, options.schema);
      const diagnostics = base.map(toConnectorDiagnostic);
      diagnostics.push(...validateSemantics(document, jsonDocument));
      return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    },
  };
}
