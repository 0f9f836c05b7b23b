export { connectorText, ImportError, type ConnectorJson, type ImportedSecret } from './connector';
export { importCurl, singleLineCommand, type CurlImport, type CurlImportOptions } from './curl';
export { declaresSecuritySchemes, descriptionTitle, importOpenApi, parseFallbackAuth, type FallbackAuth, type OpenApiImport, type OpenApiImportOptions } from './openapi';
export { loadDescription, type DescriptionSource } from './openapiDocument';
export { checkDescriptionUrl, fetchDescription, maxDescriptionBytes, type FetchDescriptionOptions } from './fetchDescription';
