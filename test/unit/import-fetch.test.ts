import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkDescriptionUrl, fetchDescription, ImportError, importOpenApi, loadDescription } from '../../client/src/importers';
import { createTransport, type Transport } from '../../client/src/request';
import { startServer, type TestServer } from '../support/servers';

const description = 'openapi: 3.0.3\ninfo: { title: Fetched, version: "1" }\nservers: [{ url: /v1 }]\npaths:\n  /me:\n    get: { summary: Me, responses: {} }\n';

describe('fetching a description by URL (New Connector from OpenAPI)', () => {
  let server: TestServer;
  let transport: Transport;
  const options = (): Parameters<typeof fetchDescription>[1] => ({ transport, maxBytes: 4096, timeoutMs: 2000 });

  before(async () => {
    transport = await createTransport();
    server = await startServer((request, response) => {
      switch (request.url) {
        case '/openapi.yaml': response.writeHead(200, { 'content-type': 'application/yaml' }).end(description); break;
        case '/moved': response.writeHead(302, { location: '/openapi.yaml' }).end(); break;
        case '/elsewhere': response.writeHead(301, { location: 'ftp://files.example.com/openapi.yaml' }).end(); break;
        case '/loop': response.writeHead(302, { location: '/loop' }).end(); break;
        case '/big': response.writeHead(200, { 'content-length': '100000' }).end('x'.repeat(100000)); break;
        case '/streamed': response.writeHead(200).end('y'.repeat(100000)); break;
        case '/slow': setTimeout(() => response.writeHead(200).end(description), 5000).unref(); break;
        default: response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      }
    });
  });

  after(async () => {
    await server.close();
    await transport.close();
  });

  it('returns the text, following a redirect, and sends no credential', async () => {
    assert.equal(await fetchDescription(`${server.origin}/moved`, options()), description);
    const headers = server.seen.at(-1)!.headers;
    assert.equal(headers.authorization, undefined);
    assert.equal(headers.cookie, undefined);
  });

  it('imports what it fetched, a relative server resolved against the URL', async () => {
    const url = `${server.origin}/openapi.yaml`;
    const text = await fetchDescription(url, options());
    const document = await loadDescription({ location: url, read: async () => text });
    const result = importOpenApi(document, { documentUrl: url, auth: { kind: 'bearer' } });
    assert.equal(result.connector.endpoints[0].url, `${server.origin}/v1/me`);
  });

  for (const [name, path, pattern] of [
    ['a status other than 2xx', '/missing', /answered 404 Not Found for the description/],
    ['a redirect to something other than http(s)', '/elsewhere', /redirects to something that is not http or https/],
    ['a redirect loop', '/loop', /redirects more than 5 times/],
    ['a declared size over the limit', '/big', /larger than 4 KB: download it and import the file/],
    ['a body that grows over the limit', '/streamed', /larger than 4 KB: download it and import the file/],
    ['a server that does not answer in time', '/slow', /did not arrive within 2 seconds/],
  ] as const) {
    it(`refuses ${name} in one sentence`, async () => {
      await assert.rejects(fetchDescription(`${server.origin}${path}`, options()), (error: unknown) => error instanceof ImportError && pattern.test(error.message));
    });
  }

  it('refuses a URL that is not http(s) or that holds credentials, before anything is sent', async () => {
    assert.match(checkDescriptionUrl('file:///etc/passwd') ?? '', /http:\/\/ or https:\/\//);
    assert.match(checkDescriptionUrl('not a url') ?? '', /http:\/\/ or https:\/\//);
    assert.match(checkDescriptionUrl('https://user:secret@api.example.com/openapi.json') ?? '', /without a user name or password/);
    assert.equal(checkDescriptionUrl(' https://api.example.com/openapi.json '), undefined);
    const before = server.seen.length;
    await assert.rejects(fetchDescription('javascript:alert(1)', options()), ImportError);
    assert.equal(server.seen.length, before);
  });
});
