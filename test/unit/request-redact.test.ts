import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { createRedactor, redactDeep } from '../../client/src/request';
import { tokenForms } from '../support/tokens';

const token = 'tok/en+val=ue&"x\\é-0123456789abcdef';

describe('redactor', () => {
  const redactor = createRedactor([token], ['user']);

  for (const [form, text] of Object.entries(tokenForms(token))) {
    it(`never lets the ${form} form of a secret through`, () => {
      const redacted = redactor.redact(`before ${text} after`);
      assert.ok(!redacted.includes(text), redacted);
      assert.match(redacted, /^before .*•••.* after$/);
      assert.equal(redactor.contains(text), true);
    });
  }

  it('catches the secret inside a longer base64 text at every alignment', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', '{"token":"']) {
      const encoded = Buffer.from(`${prefix}${token}" and more`).toString('base64');
      assert.equal(redactor.redact(`x ${encoded} y`), 'x ••• y', prefix);
    }
  });

  it('never leaves the start of a secret at the end of a text cut at a size limit', () => {
    // The base64 of `user:secret` starts with the user's name, which is no secret: its forms are left out here.
    for (const [name, form] of Object.entries(tokenForms(token))) {
      if (/ColonSecret/.test(name)) continue;
      const cut = `{"echo":"${form}"}`.slice(0, 10 + Math.floor(form.length / 2));
      const redacted = redactor.redactCut(cut);
      assert.ok(redacted.endsWith('•••'), redacted);
      assert.ok(!redacted.includes(form.slice(0, 6)), redacted);
    }
    assert.equal(redactor.redactCut('a cut text with nothing secret'), 'a cut text with nothing secret');
  });

  it('regression: never lets a secret through when a server escapes only some of its characters', () => {
    const secret = 'Ab3/dEf+GhIjKlMn0pQrStUvWxYz==';
    const r = createRedactor([secret]);
    const echoes = {
      pythonQuote: 'Ab3/dEf%2BGhIjKlMn0pQrStUvWxYz%3D%3D',
      phpJson: 'Ab3\\/dEf+GhIjKlMn0pQrStUvWxYz==',
      gson: 'Ab3/dEf+GhIjKlMn0pQrStUvWxYz\\u003d\\u003d',
      oneUnicodeEscape: 'Ab3/dE\\u0066+GhIjKlMn0pQrStUvWxYz==',
      htmlEntities: 'Ab3&#x2F;dEf&#43;GhIjKlMn0pQrStUvWxYz&#61;&#61;',
      doublePercent: encodeURIComponent(encodeURIComponent(secret)),
    };
    for (const [name, echo] of Object.entries(echoes)) assert.equal(r.redact(`<p>${echo}</p>`), '<p>•••</p>', name);
  });

  it('regression: a cut inside a multi-byte character of the secret takes the start of the secret with it', () => {
    const secret = 'sk_0123456789é-abcdef';
    const r = createRedactor([secret]);
    assert.equal(r.redactCut('t=sk_0123456789\uFFFD'), 't=•••');
  });

  it('regression: two secrets, one inside the other\'s base64, are both redacted', () => {
    const long = 'a-long-secret-value-0123456789';
    const short = Buffer.from(long).toString('base64').slice(8, 16);
    const r = createRedactor([long, short]);
    assert.equal(r.redact(`x ${Buffer.from(long).toString('base64')} y`), 'x ••• y');
  });

  it('leaves text without a secret alone', () => {
    assert.equal(redactor.redact('nothing to see: dXNlcg== tok/en'), 'nothing to see: dXNlcg== tok/en');
    assert.equal(createRedactor([]).redact('anything'), 'anything');
  });

  it('redacts every string of a plain value, keys included', () => {
    const value = { [token]: [token, { deep: `Bearer ${token}` }], n: 1, ok: true, none: null };
    assert.deepEqual(redactDeep(value, redactor), { '•••': ['•••', { deep: 'Bearer •••' }], n: 1, ok: true, none: null });
  });

  it('never leaves a short secret in a user:secret base64 pair with a value in play', () => {
    const short = createRedactor(['pw1'], ['alice']);
    assert.equal(short.redact(`Basic ${Buffer.from('alice:pw1').toString('base64')}`), 'Basic •••');
  });
});
