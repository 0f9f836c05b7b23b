import type { PlannedVariable, RequestPlan } from '../../../server/src/service/plan';

/** The instance every connector starts with. */
export const defaultInstance = 'Default';

/** One connector's instances: the active one and each one's remembered non-secret values. */
export interface ConnectorInstances {
  readonly active: string;
  readonly instances: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Every connector's instances, by connector name, as workspace state holds them. */
export type InstanceState = Readonly<Record<string, ConnectorInstances>>;

const fresh: ConnectorInstances = { active: defaultInstance, instances: { [defaultInstance]: {} } };

/** Reads the state from storage, keeping only well-formed parts; every connector has at least `Default`. */
export function readInstanceState(stored: unknown): InstanceState {
  if (typeof stored !== 'object' || stored === null) return {};
  const result: Record<string, ConnectorInstances> = {};
  for (const [connector, value] of Object.entries(stored as Record<string, unknown>)) {
    const raw = value as { active?: unknown; instances?: unknown };
    if (typeof raw !== 'object' || raw === null || typeof raw.instances !== 'object' || raw.instances === null) continue;
    const instances: Record<string, Record<string, string>> = {};
    for (const [name, values] of Object.entries(raw.instances as Record<string, unknown>)) {
      if (typeof values !== 'object' || values === null) continue;
      instances[name] = Object.fromEntries(Object.entries(values as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
    if (Object.keys(instances).length === 0) continue;
    const active = typeof raw.active === 'string' && raw.active in instances ? raw.active : Object.keys(instances)[0];
    result[connector] = { active, instances };
  }
  return result;
}

/** A connector's instances, `Default` when it has none yet. */
export function instancesOf(state: InstanceState, connector: string): ConnectorInstances {
  return state[connector] ?? fresh;
}

/** Instance names must be short, printable and unique (case-insensitively); undefined when `name` is fine. */
export function checkInstanceName(existing: ConnectorInstances, name: string, renaming?: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'Give the instance a name, for example Production or Staging.';
  if (trimmed.length > 60) return 'Keep the name under 60 characters.';
  if ([...trimmed].some((c) => c.charCodeAt(0) < 32)) return 'The name cannot hold control characters.';
  const clash = Object.keys(existing.instances).find((n) => n.toLowerCase() === trimmed.toLowerCase() && n !== renaming);
  return clash ? `There is already an instance called ${clash}.` : undefined;
}

/** The state with a new, empty instance made active. */
export function addInstance(state: InstanceState, connector: string, name: string): InstanceState {
  const current = instancesOf(state, connector);
  return { ...state, [connector]: { active: name, instances: { ...current.instances, [name]: {} } } };
}

/** The state with `name` active. */
export function activate(state: InstanceState, connector: string, name: string): InstanceState {
  const current = instancesOf(state, connector);
  return name in current.instances ? { ...state, [connector]: { ...current, active: name } } : state;
}

/** The state with an instance renamed (and still active if it was). */
export function renameInstance(state: InstanceState, connector: string, from: string, to: string): InstanceState {
  const current = instancesOf(state, connector);
  const instances = Object.fromEntries(Object.entries(current.instances).map(([name, values]) => [name === from ? to : name, values]));
  return { ...state, [connector]: { active: current.active === from ? to : current.active, instances } };
}

/** The state without an instance; the last one left is replaced by an empty `Default`. */
export function deleteInstance(state: InstanceState, connector: string, name: string): InstanceState {
  const current = instancesOf(state, connector);
  const instances: Record<string, Readonly<Record<string, string>>> = { ...current.instances };
  delete instances[name];
  if (Object.keys(instances).length === 0) instances[defaultInstance] = {};
  const active = current.active === name ? Object.keys(instances)[0] : current.active;
  return { ...state, [connector]: { active, instances } };
}

/** The state with remembered values set on the active instance. */
export function rememberValues(state: InstanceState, connector: string, values: Readonly<Record<string, string>>): InstanceState {
  const current = instancesOf(state, connector);
  const active = current.instances[current.active] ?? {};
  return { ...state, [connector]: { ...current, instances: { ...current.instances, [current.active]: { ...active, ...values } } } };
}

/**
 * Where a non-secret value is remembered: connector variables are shared by every request; an auth method's by its
 * check and its endpoints; an endpoint's by that endpoint alone.
 */
export function valueKey(plan: RequestPlan, variable: PlannedVariable): string {
  switch (variable.level) {
    case 'connector': return `connector/${variable.key}`;
    case 'auth': return `auth:${plan.authMethod?.id ?? ''}/${variable.key}`;
    case 'endpoint': return `endpoint:${plan.target.kind === 'endpoint' ? plan.target.endpoint : ''}/${variable.key}`;
  }
}
