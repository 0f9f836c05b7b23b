import { parse } from 'jsonc-parser';

interface Variable {
  readonly key: string;
  readonly default?: unknown;
  readonly required?: boolean;
  readonly secret?: boolean;
}

interface Scoped {
  readonly variables?: readonly Variable[];
}

interface AuthMethod extends Scoped {
  readonly id: string;
  readonly type: string;
}

interface Endpoint extends Scoped {
  readonly name: string;
  readonly authentication?: readonly string[];
}

interface Connector extends Scoped {
  readonly authentication?: readonly AuthMethod[];
  readonly endpoints?: readonly Endpoint[];
}

/** A `connector-check request` command line for one request of a connector. */
export interface RequestCommand {
  /** `check` for an auth method's check request, else the endpoint's name. */
  readonly label: string;
  readonly command: string;
}

/** Values for the required variables of the examples that match the emulators' data; any other key gets `example`. */
export const sampleValues: Readonly<Record<string, string>> = {
  store_name: 'demo',
  region: 'euw',
  company: 'demo',
  host: 'mycompany.odoo.com',
  order_id: '1001',
  query: 'shirt',
  base_id: 'appK8dx2Qm4Rt7VwZ',
  table: 'Products',
  contact_id: '101',
  email: 'new.contact@example.com',
};

/** The environment variable `connector-check` reads a secret variable from: `CONNECTOR_SECRET_` and the key upper-cased, other characters as `_`. */
export function secretEnvironmentVariable(key: string): string {
  return `CONNECTOR_SECRET_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** A word as a POSIX shell reads it back unchanged. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_\-.,/:=@%+]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command lines that send each token method's check request and then each endpoint's request of a connector file, with every
 * secret variable in an environment variable holding `token` and a `--var` for each required variable without a default.
 */
export function requestCommands(connectorText: string, file: string, token: string): RequestCommand[] {
  const connector = parse(connectorText) as Connector;
  const methods = (connector.authentication ?? []).filter((method) => method.type === 'token');
  const several = (connector.authentication ?? []).length > 1;
  const command = (method: AuthMethod, endpoint?: Endpoint) => {
    const variables = [...(connector.variables ?? []), ...(method.variables ?? []), ...(endpoint?.variables ?? [])];
    const secrets = [...new Set(variables.filter((v) => v.secret).map((v) => secretEnvironmentVariable(v.key)))];
    const words = [...secrets.map((name) => `${name}=${shellQuote(token)}`), 'npx', 'connector-check', 'request', shellQuote(file)];
    if (several) words.push('--auth', shellQuote(method.id));
    if (endpoint) words.push('--endpoint', shellQuote(endpoint.name));
    const needed = variables.filter((v) => v.required && !v.secret && v.default === undefined).map((v) => v.key);
    for (const key of new Set(needed)) words.push('--var', shellQuote(`${key}=${sampleValues[key] ?? 'example'}`));
    return words.join(' ');
  };
  const checks = methods.map((method) => ({ label: several ? `check ${method.id}` : 'check', command: command(method) }));
  const endpoints = (connector.endpoints ?? []).flatMap((endpoint) => {
    const method = methods.find((m) => endpoint.authentication?.includes(m.id));
    return method ? [{ label: endpoint.name, command: command(method, endpoint) }] : [];
  });
  return [...checks, ...endpoints];
}
