import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fillRequest, renderResultText, resultJson, sendRequest, type RequestResult } from '../../client/src/request';
import type { PlannedParameter, RequestPlan } from '../../server/src/service';
import { pointAtEmulator, providers, startEmulator, type Emulator, type Provider } from '../emulators';
import { connectorDocument, repoRoot, service } from '../support/service';

/** Values for the non-secret variables an example needs against its emulator. */
const sampleValues: Readonly<Record<string, string>> = { database: 'demo' };

async function examplePlan(provider: Provider, emulator: Emulator, endpoint?: string): Promise<RequestPlan> {
  const text = pointAtEmulator(fs.readFileSync(path.join(repoRoot, 'examples', `${provider}.connector.json`), 'utf8'), emulator.origin);
  const planned = await service().planRequest(connectorDocument(text), endpoint ? { kind: 'endpoint', endpoint } : { kind: 'auth' });
  assert.equal(planned.refusal, undefined, JSON.stringify(planned.refusal));
  return planned.plan!;
}

async function sendPlan(plan: RequestPlan, token: string): Promise<RequestResult> {
  const filled = fillRequest(plan, (variable) => (variable.secret ? token : sampleValues[variable.key]));
  assert.equal(filled.error, undefined, filled.error?.message);
  const result = await sendRequest(filled.request!);
  const shown = renderResultText(result) + JSON.stringify(resultJson(result));
  assert.ok(!shown.includes(token), 'the result never shows the token');
  return result;
}

/** The plan with the token's header renamed or its scheme changed: what a wrong connector would send. */
function withHeaders(plan: RequestPlan, change: (header: PlannedParameter) => PlannedParameter): RequestPlan {
  return { ...plan, headers: plan.headers.map(change) };
}

const tokenHeader = (h: PlannedParameter): boolean => typeof h.value === 'string' && /\{\{(token|api_key)\}\}/.test(h.value);

describe('examples against their emulators', () => {
  const emulators = new Map<Provider, Emulator>();
  before(async () => {
    for (const provider of providers) emulators.set(provider, await startEmulator(provider));
  });
  after(async () => {
    await Promise.all([...emulators.values()].map((e) => e.close()));
  });

  for (const provider of providers) {
    describe(provider, () => {
      it('is Operational with the right token', async () => {
        const emulator = emulators.get(provider)!;
        const result = await sendPlan(await examplePlan(provider, emulator), emulator.token);
        assert.equal(result.classification, 'Operational', result.explanation);
        assert.equal(result.status, 200);
      });

      it('is Failed authentication with a wrong token', async () => {
        const emulator = emulators.get(provider)!;
        const result = await sendPlan(await examplePlan(provider, emulator), `${emulator.token.slice(0, -4)}XXXX`);
        assert.equal(result.classification, 'Failed authentication', result.explanation);
      });

      it('is Failed authentication with the token under the wrong header or scheme', async () => {
        const emulator = emulators.get(provider)!;
        const plan = await examplePlan(provider, emulator);
        const wrong = provider === 'shopify'
          ? withHeaders(plan, (h) => (tokenHeader(h) ? { ...h, key: 'Authorization', value: 'Bearer {{token}}' } : h))
          : withHeaders(plan, (h) => (tokenHeader(h) ? { ...h, value: String(h.value).replace(/^bearer /i, 'Token ') } : h));
        const result = await sendPlan(wrong, emulator.token);
        assert.equal(result.classification, 'Failed authentication', result.explanation);
      });
    });
  }

  it('explains HubSpot missing scopes, Shopify frozen and locked stores, and Odoo\'s "Invalid apikey"', async () => {
    const hubspot = await startEmulator('hubspot', { token: 'pat-na1-00000000-0000-4000-8000-000000000001', tokensWithoutScopes: ['pat-na1-00000000-0000-4000-8000-000000000002'] });
    const frozen = await startEmulator('shopify', { shopState: 'frozen' });
    const locked = await startEmulator('shopify', { shopState: 'locked' });
    try {
      const scopes = await sendPlan(await examplePlan('hubspot', hubspot), 'pat-na1-00000000-0000-4000-8000-000000000002');
      assert.deepEqual([scopes.classification, scopes.reason], ['Failed authentication', 'missing-scopes']);
      const frozenResult = await sendPlan(await examplePlan('shopify', frozen), frozen.token);
      assert.deepEqual([frozenResult.classification, frozenResult.reason, frozenResult.status], ['Unexpected response', 'shop-frozen', 402]);
      const lockedResult = await sendPlan(await examplePlan('shopify', locked), locked.token);
      assert.deepEqual([lockedResult.classification, lockedResult.reason, lockedResult.status], ['Unexpected response', 'shop-locked', 423]);
      const odoo = emulators.get('odoo')!;
      const invalid = await sendPlan(await examplePlan('odoo', odoo), 'not-the-key');
      assert.deepEqual([invalid.classification, invalid.reason], ['Failed authentication', 'invalid-api-key']);
      assert.match(invalid.explanation, /Invalid apikey/);
      const eva = emulators.get('eva')!;
      const forbidden = await sendPlan(await examplePlan('eva', eva), 'wrong');
      assert.match(forbidden.explanation, /^EVA refused the token \(403 Forbidden\)/);
    } finally {
      await Promise.all([hubspot.close(), frozen.close(), locked.close()]);
    }
  });

  it("sends an endpoint with its auth method's headers (Shopify customers)", async () => {
    const emulator = emulators.get('shopify')!;
    const result = await sendPlan(await examplePlan('shopify', emulator, 'Get customers'), emulator.token);
    assert.equal(result.classification, 'Operational', result.explanation);
    const last = emulator.requests.at(-1)!;
    assert.match(last.path, /^\/admin\/api\/2026-01\/customers\.json\?limit=50$/);
    assert.equal(last.headers['x-shopify-access-token'], emulator.token);
  });
});
