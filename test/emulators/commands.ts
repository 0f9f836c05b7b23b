import type { RequestTarget } from '../../server/src/service';
import { secretEnvironmentName, shellQuote } from '../../client/src/request';
import { connectorDocument, service } from '../support/service';

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

/**
 * The command lines that send each token method's check request and then each endpoint's request of a connector file, as the
 * language service plans them: every secret variable in an environment variable holding `token`, and a `--var` for each variable
 * the request needs that has no default.
 */
export async function requestCommands(connectorText: string, file: string, token: string): Promise<RequestCommand[]> {
  const document = connectorDocument(connectorText);
  const { targets } = service().requestTargets(document);
  const several = targets.filter((t) => t.kind === 'auth').length > 1;
  const commands: RequestCommand[] = [];
  for (const target of targets) {
    if (target.kind === 'auth' && target.authType !== 'token') continue;
    const request: RequestTarget = target.kind === 'auth' ? { kind: 'auth', authId: target.id } : { kind: 'endpoint', endpoint: target.id };
    const { plan } = await service().planRequest(document, request);
    if (!plan) continue;
    const secrets = [...new Set(plan.variables.filter((v) => v.secret).map((v) => secretEnvironmentName(v.key)))];
    const words = [...secrets.map((name) => `${name}=${shellQuote(token)}`), 'npx', 'connector-check', 'request', shellQuote(file)];
    if (several && plan.authMethod) words.push('--auth', shellQuote(plan.authMethod.id));
    if (target.kind === 'endpoint') words.push('--endpoint', shellQuote(target.id));
    const needed = plan.variables.filter((v) => !v.secret && v.default === undefined && (v.required || plan.url.includes(`{{${v.key}}}`)));
    for (const key of new Set(needed.map((v) => v.key))) words.push('--var', shellQuote(`${key}=${sampleValues[key] ?? 'example'}`));
    commands.push({ label: target.kind === 'auth' ? (several ? `check ${target.id}` : 'check') : target.id, command: words.join(' ') });
  }
  return commands;
}
