import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-json-languageservice';
import { createCredentialScanner, credentialKinds, findCredentials } from '../../server/src/service/credentials';
import { connector, connectorDocument, repoRoot, service } from '../support/service';
import { credentialKindCases } from './rules/credentialCases';
import { samples } from './rules/credentialSamples';

const credentialCodes = new Set(['hardcoded-credential', 'url-credentials', 'session-cookie']);
const describeAll = (document: TextDocument, diagnostics: readonly Diagnostic[]): string =>
  diagnostics.map((d) => `${d.range.start.line}: ${String(d.code)} ${JSON.stringify(document.getText(d.range).slice(0, 40))} ${d.message}`).join('\n') || '(none)';

/** Applies the quick fix a diagnostic carries and validates the result. */
async function applyFix(document: TextDocument, diagnostic: Diagnostic): Promise<{ text: string; after: Diagnostic[] }> {
  const [action] = service().codeActions(document, [diagnostic]);
  assert.ok(action, `a quick fix for: ${diagnostic.message}`);
  assert.equal(action.title, 'Move the credential into a new secret variable');
  const text = TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []);
  return { text, after: await service().validate(connectorDocument(text)) };
}

describe('hardcoded-credential: every recognised format', () => {
  for (const kind of credentialKinds) {
    const cases = credentialKindCases[kind.id];
    if (!cases) continue;
    describe(kind.id, () => {
      for (const c of cases.fires) {
        it(`fires: ${c.name}`, async () => {
          const document = connectorDocument(c.text);
          const all = await service().validate(document);
          const found = all.filter((d) => credentialCodes.has(String(d.code)));
          assert.deepEqual(found.map((d) => [d.code, document.getText(d.range)]), [['hardcoded-credential', c.literal]], describeAll(document, all));
          assert.ok(found[0].message.includes(c.message), `message ${JSON.stringify(found[0].message)} should include ${JSON.stringify(c.message)}`);
          assert.ok(!found[0].message.includes(c.literal.slice(0, 12)), 'the message never quotes the credential');
          assert.deepEqual(all.filter((d) => d !== found[0]).map((d) => d.code), [], describeAll(document, all));
          if (!c.fix) {
            assert.deepEqual(service().codeActions(document, found), [], 'text nothing sends gets no fix');
            return;
          }
          const { text, after } = await applyFix(document, found[0]);
          assert.ok(!text.includes(c.literal), `the fix leaves no copy of the credential:\n${text}`);
          assert.deepEqual(after.map((d) => d.code), [], `the fixed file is clean:\n${describeAll(connectorDocument(text), after)}\n${text}`);
        });
      }
      for (const c of cases.clean) {
        it(`does not fire: ${c.name}`, async () => {
          const document = connectorDocument(c.text);
          const all = await service().validate(document);
          assert.deepEqual(all.map((d) => d.code), [], describeAll(document, all));
        });
      }
    });
  }

  it('every kind the detector recognises has a firing and a clean case', () => {
    const missing = credentialKinds.filter((kind) => !credentialKindCases[kind.id]?.fires.length || !credentialKindCases[kind.id]?.clean.length).map((kind) => kind.id);
    assert.deepEqual(missing, []);
    assert.deepEqual(Object.keys(credentialKindCases).filter((id) => !credentialKinds.some((kind) => kind.id === id)), [], 'cases only for known kinds');
  });

  it('the README names every recognised format and where its pattern comes from', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const kind of credentialKinds) {
      const name = kind.label.replace(/^an? /, '');
      assert.ok(readme.includes(name), `README lacks ${name}`);
      const source = kind.source === 'secretlint' ? `secretlint \`${kind.origin.replace('@secretlint/secretlint-rule-', '')}\`` : kind.origin;
      assert.ok(readme.includes(source), `README lacks where ${kind.id} comes from (${source})`);
    }
  });
});

describe('hardcoded-credential: where credentials are found', () => {
  const token = samples.npmAccessToken;

  it('in a header name and an endpoint name, which nothing else reads', async () => {
    const text = connector({ endpoint: { name: `Sync ${token}`, headers: [{ key: token, value: '1' }] } });
    const document = connectorDocument(text);
    const found = (await service().validate(document)).filter((d) => d.code === 'hardcoded-credential');
    assert.deepEqual(found.map((d) => [document.getText(d.range), /\(in (.+?)\)/.exec(d.message)?.[1]]), [[token, "an endpoint's name"], [token, 'a header name']]);
    assert.deepEqual(service().codeActions(document, found), []);
  });

  it('regression: a token written with a JSON escape is still underlined on its own text', async () => {
    const text = connector({ endpoint: { headers: [{ key: 'X-Note', value: 'a\tb' }, { key: 'X-Partner-Data', value: `${token}` }] } });
    const document = connectorDocument(text);
    const [found] = (await service().validate(document)).filter((d) => d.code === 'hardcoded-credential');
    assert.equal(document.getText(found.range), token);
  });

  it('a URL password moves into a new secret variable and stays in the user info, with no other diagnostic', async () => {
    const text = connector({ endpoint: { url: 'https://alice:Vx8kQ2mL9pZ4@api.example.com/v1/items' } });
    const document = connectorDocument(text);
    const [diagnostic] = (await service().validate(document)).filter((d) => d.code === 'url-credentials');
    const [action] = service().codeActions(document, [diagnostic]);
    assert.equal(action.title, 'Move it into a new secret variable password');
    const fixed = TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []);
    assert.ok(fixed.includes('"url": "https://alice:{{password}}@api.example.com/v1/items"'), fixed);
    assert.ok(!fixed.includes('Vx8kQ2mL9pZ4'));
    assert.deepEqual((await service().validate(connectorDocument(fixed))).map((d) => d.code), []);
  });

  it('a session cookie moves into a new secret variable', async () => {
    const text = connector({ endpoint: { headers: [{ key: 'Cookie', value: 'theme=dark; PHPSESSID=k3v9q2l8x7c4m1n6b5z0a9s8d7' }] } });
    const document = connectorDocument(text);
    const [diagnostic] = (await service().validate(document)).filter((d) => d.code === 'session-cookie');
    const [action] = service().codeActions(document, [diagnostic]);
    const fixed = TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []);
    assert.ok(fixed.includes('"value": "theme=dark; PHPSESSID={{session}}"'), fixed);
    assert.deepEqual((await service().validate(connectorDocument(fixed))).map((d) => d.code), []);
  });

  it('regression: a fix per literal does not parse the whole file again (3,000 literals in seconds, not minutes)', async () => {
    // Each fix used jsonc-parser's modify, which parses the whole file: 1,000 literals took 8 s, 5,000 ran out of memory.
    const endpoints = Array.from({ length: 3000 }, (_, i) => ({ name: `E${i}`, method: 'GET', url: 'https://api.example.com/x', authentication: ['bearer'], headers: [{ key: 'X-Partner-Data', value: samples.stripeKey }] }));
    const document = connectorDocument(connector({ endpoints }));
    const started = performance.now();
    const found = (await service().validate(document)).filter((d) => d.code === 'hardcoded-credential');
    assert.equal(found.length, 3000);
    assert.ok(performance.now() - started < 10_000, `took ${(performance.now() - started).toFixed(0)} ms`);
    assert.ok(found.every((d) => service().codeActions(document, [d]).length === 1), 'each keeps its quick fix');
  });

  it('the examples stay clean', async () => {
    for (const name of fs.readdirSync(path.join(repoRoot, 'examples')).filter((n) => /\.connector\.jsonc?$/.test(n))) {
      const document = connectorDocument(fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8'));
      assert.deepEqual((await service().validate(document)).map((d) => d.code), [], name);
    }
  });
});

describe('findCredentials', () => {
  it('finds nothing in a long text of identifiers, URLs, hashes and base64', () => {
    const lines = [];
    for (let i = 0; i < 200; i++) {
      lines.push(`https://api.example.com/v1/repos/acme/commits/${samples.githubOAuth} "etag": "W/\\"${samples.githubOAuth.slice(0, 32)}\\"" request-${i}`);
    }
    assert.deepEqual(findCredentials(lines.join('\n')), []);
  });

  it('reports offsets of the text it was given, and never the same characters twice', () => {
    const text = `x ${samples.stripeKey} y ${samples.jwt}`;
    const found = findCredentials(text);
    assert.deepEqual(found.map((f) => [f.kind, text.slice(f.start, f.end)]), [['stripe-key', samples.stripeKey], ['jwt', samples.jwt]]);
  });
});

describe('CredentialScanner: a chunk at a time, remembered per document', () => {
  /** About 200 KB of lines, with a token at the start, the end and the middle of lines all through it. */
  function longText(): string {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 97 === 0) lines.push(`${samples.githubToken} starts a line`);
      else if (i % 89 === 0) lines.push(`"ends a line": "${samples.npmAccessToken}"`);
      else lines.push(`    { "key": "line-${i}", "value": "https://api.example.com/v1/items/${i}" },`);
    }
    return lines.join('\n');
  }

  it('finds what a scan of the whole text finds, at the same offsets', () => {
    const text = longText();
    const whole = findCredentials(text);
    assert.ok(whole.length > 100);
    assert.deepEqual(createCredentialScanner().scan({}, text, []), whole);
  });

  it('after an edit, finds what a scan of the new text finds (the chunks after it line up again)', () => {
    const scanner = createCredentialScanner();
    const document = {};
    let text = longText();
    scanner.scan(document, text, []);
    for (const at of [10, 70_000, 150_000, text.length - 5]) {
      text = text.slice(0, at) + `\n${samples.stripeKey}\n` + text.slice(at);
      assert.deepEqual(scanner.scan(document, text, []), findCredentials(text));
      text = text.slice(0, at) + text.slice(at + 2 + samples.stripeKey.length);
      assert.deepEqual(scanner.scan(document, text, []), findCredentials(text));
    }
  });

  it('finds a private key in a block comment that spans chunks', () => {
    // One long line, so that the first chunk ends at a line break inside the key (chunks are 32 KiB and end at a line).
    const before = ' '.repeat(32 * 1024 - 100);
    const text = `${before}\n/*\n${samples.privateKey}\n*/\n${before}`;
    const chunkEnd = text.indexOf('\n', 32 * 1024) + 1;
    assert.ok(chunkEnd > before.length + 4 && chunkEnd < before.length + 4 + samples.privateKey.length, 'a chunk ends inside the key');
    assert.deepEqual(createCredentialScanner().scan({}, text, []).map((f) => f.kind), [], 'split, the key is not whole in either chunk');
    const comment: [number, number] = [before.length + 1, before.length + 1 + 3 + samples.privateKey.length + 3];
    const found = createCredentialScanner().scan({}, text, [comment]);
    assert.deepEqual(found.map((f) => [f.kind, text.slice(f.start, f.end)]), [['private-key', samples.privateKey]]);
  });
});

