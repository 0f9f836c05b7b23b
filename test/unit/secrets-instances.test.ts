import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  addInstance, activate, checkInstanceName, defaultInstance, deleteInstance, instancesOf, readInstanceState, rememberValues, renameInstance, valueKey,
} from '../../client/src/instances/instanceState';
import { allowingOrigin, decideOrigin, describeSecret, readIndex, secretKey, withEntry, withoutEntries, type SecretEntry } from '../../client/src/secrets/secretIndex';
import type { PlannedVariable, RequestPlan } from '../../server/src/service';

const entry: SecretEntry = { connector: 'Shopify', instance: 'Default', method: 'admin-token', variable: 'token', origin: 'https://demo.myshopify.com', allowedOrigins: [], storedAt: '2026-12-02T10:00:00.000Z' };

describe('secret keys and index', () => {
  it('keys a secret by connector, instance, auth method and variable, so that no two collide', () => {
    assert.equal(secretKey(entry), 'connector.secret/Shopify/Default/admin-token/token');
    // A slash in a name cannot make one secret's key equal another's.
    assert.notEqual(secretKey({ ...entry, connector: 'a/b', instance: 'c' }), secretKey({ ...entry, connector: 'a', instance: 'b/c' }));
    assert.equal(describeSecret(entry), 'Shopify · Default · admin-token · token');
  });

  it('holds names, origins and times, never a value: the index is what gets written to global state', () => {
    const index = withEntry([], entry);
    assert.deepEqual(Object.keys(index[0]).sort(), ['allowedOrigins', 'connector', 'instance', 'method', 'origin', 'storedAt', 'variable']);
  });

  it('replaces the entry of the same secret and removes selected entries', () => {
    const other = { ...entry, instance: 'Staging' };
    const index = withEntry(withEntry(withEntry([], entry), other), { ...entry, origin: 'https://new.myshopify.com' });
    assert.deepEqual(index.map((e) => [e.instance, e.origin]), [['Staging', 'https://demo.myshopify.com'], ['Default', 'https://new.myshopify.com']]);
    assert.deepEqual(withoutEntries(index, (e) => e.instance === 'Staging').map((e) => e.instance), ['Default']);
  });

  it('reads only well-formed entries back from storage', () => {
    assert.deepEqual(readIndex('nonsense'), []);
    assert.deepEqual(readIndex([entry, { connector: 1 }, null, { ...entry, allowedOrigins: ['https://a.example', 3] }]), [entry, { ...entry, allowedOrigins: ['https://a.example'] }]);
  });

  it('sends a stored secret without asking only to the origin it was entered for or an always-allowed one', () => {
    assert.equal(decideOrigin(entry, 'https://demo.myshopify.com'), 'bound');
    assert.equal(decideOrigin(entry, 'https://evil.example'), 'ask');
    // Scheme and port are part of the origin: a downgrade asks.
    assert.equal(decideOrigin(entry, 'http://demo.myshopify.com'), 'ask');
    assert.equal(decideOrigin(entry, 'https://demo.myshopify.com:8443'), 'ask');
    const allowed = allowingOrigin(entry, 'https://staging.example');
    assert.equal(decideOrigin(allowed, 'https://staging.example'), 'allowed');
    assert.equal(allowingOrigin(allowed, 'https://staging.example'), allowed);
  });
});

describe('instances', () => {
  it('starts every connector with Default', () => {
    assert.deepEqual(instancesOf({}, 'Shopify'), { active: defaultInstance, instances: { Default: {} } });
  });

  it('adds, activates, renames and deletes instances, keeping one', () => {
    let state = addInstance({}, 'Shopify', 'Production');
    assert.equal(instancesOf(state, 'Shopify').active, 'Production');
    state = activate(state, 'Shopify', 'Default');
    state = rememberValues(state, 'Shopify', { 'auth:admin-token/store_name': 'demo' });
    state = renameInstance(state, 'Shopify', 'Default', 'Staging');
    assert.deepEqual(instancesOf(state, 'Shopify'), { active: 'Staging', instances: { Staging: { 'auth:admin-token/store_name': 'demo' }, Production: {} } });
    state = deleteInstance(state, 'Shopify', 'Staging');
    assert.equal(instancesOf(state, 'Shopify').active, 'Production');
    state = deleteInstance(state, 'Shopify', 'Production');
    assert.deepEqual(instancesOf(state, 'Shopify'), { active: 'Default', instances: { Default: {} } });
  });

  it('checks instance names', () => {
    const existing = instancesOf(addInstance({}, 'S', 'Production'), 'S');
    assert.equal(checkInstanceName(existing, ' '), 'Give the instance a name, for example Production or Staging.');
    assert.equal(checkInstanceName(existing, 'production'), 'There is already an instance called Production.');
    assert.equal(checkInstanceName(existing, 'Production', 'Production'), undefined);
    assert.equal(checkInstanceName(existing, 'a\u0007b'), 'The name cannot hold control characters.');
    assert.equal(checkInstanceName(existing, 'Staging'), undefined);
  });

  it('reads only well-formed state back, and an unknown active instance falls back to one that exists', () => {
    assert.deepEqual(readInstanceState({ S: { active: 'Gone', instances: { Default: { a: 'x', b: 3 } } }, T: 'nonsense' }), { S: { active: 'Default', instances: { Default: { a: 'x' } } } });
  });

  it('remembers connector values per connector, auth values per method and endpoint values per endpoint', () => {
    const plan = { authMethod: { id: 'admin-token', name: 'A', type: 'token' }, target: { kind: 'endpoint', endpoint: 'Get customers', authId: 'admin-token' } } as unknown as RequestPlan;
    const variable = (level: PlannedVariable['level']): PlannedVariable => ({ id: `${level}:k`, key: 'k', level, secret: false, required: false });
    assert.deepEqual(['connector', 'auth', 'endpoint'].map((level) => valueKey(plan, variable(level as PlannedVariable['level']))), ['connector/k', 'auth:admin-token/k', 'endpoint:Get customers/k']);
  });
});
