/**
 * New Connector's presets: the auth method snippets of the connector schema (`definitions.authMethod.defaultSnippets`),
 * the same ones completion offers, so that there is one source. A snippet's placeholders become plain text for a file.
 */
import { connectorText, type AuthMethodJson, type ConnectorJson } from './connector';

/** A preset: the snippet's label and description, and its auth method with plain values. */
export interface ConnectorPreset {
  readonly label: string;
  readonly description: string;
  readonly authMethod: AuthMethodJson;
}

/**
 * A snippet string as plain text: `${1:default}` → `default`, `${1|a,b|}` → `a`, `$1` and `${1}` → nothing, `\$` and
 * `\}` → `$` and `}` (nested placeholders resolve from the inside out).
 */
export function resolveSnippetText(snippet: string): string {
  let text = snippet;
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(/\$\{\d+:((?:[^{}\\]|\\.)*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)(?:,[^|]*)?\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  return text.replace(/\\([$}\\])/g, '$1');
}

/** A snippet body with every string resolved. */
export function resolveSnippet(body: unknown): unknown {
  if (typeof body === 'string') return resolveSnippetText(body);
  if (Array.isArray(body)) return body.map(resolveSnippet);
  if (typeof body === 'object' && body !== null) return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, resolveSnippet(value)]));
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema's token auth method snippets as presets, in the schema's order (the generic ones first). */
export function connectorPresets(schema: unknown): ConnectorPreset[] {
  const definitions = isRecord(schema) ? schema.definitions : undefined;
  const authMethod = isRecord(definitions) ? definitions.authMethod : undefined;
  const snippets = isRecord(authMethod) && Array.isArray(authMethod.defaultSnippets) ? authMethod.defaultSnippets : [];
  const presets: ConnectorPreset[] = [];
  for (const snippet of snippets) {
    if (!isRecord(snippet) || typeof snippet.label !== 'string' || !isRecord(snippet.body) || snippet.body.type !== 'token') continue;
    const description = typeof snippet.description === 'string' ? resolveSnippetText(snippet.description) : '';
    presets.push({ label: snippet.label, description, authMethod: resolveSnippet(snippet.body) as AuthMethodJson });
  }
  return presets;
}

/** A new connector from a preset: its auth method, and an empty list of endpoints for completion to fill. */
export function presetConnector(preset: ConnectorPreset, name: string): ConnectorJson {
  return { name: name.trim(), authentication: [preset.authMethod], endpoints: [] };
}

/** The text of a new connector file from a preset. */
export function presetConnectorText(preset: ConnectorPreset, name: string): string {
  return connectorText(presetConnector(preset, name));
}

/** `My Shop API` → `my-shop-api.connector.json`: a file name from a connector's name. */
export function connectorFileName(name: string): string {
  const base = name.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return `${base || 'connector'}.connector.json`;
}

/** Why a connector name cannot be used, or undefined when it can. */
export function checkConnectorName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name for the connector, for example Shopify.';
  if (trimmed.length > 255) return 'A connector name has at most 255 characters.';
  return undefined;
}
