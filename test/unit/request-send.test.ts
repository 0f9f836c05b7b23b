import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { createTransport, fillRequest, renderResultText, resultJson, sendRequest, type FilledRequest, type RequestResult, type SendOptions } from '../../client/src/request';
import { connectorDocument, service } from '../support/service';
import { closedOrigin, json, makeCertificates, startProxy, startServer, startTlsServer, testTransport, type Seen, type TestCertificates, type TestServer } from '../support/servers';
import { tokenForms } from '../support/tokens';

const token = 'tok/en+val=ue&"x\\é-0123456789abcdef';
const forms = Object.values(tokenForms(token));

interface Carriers {
  header?: boolean;
  query?: boolean;
  body?: boolean;
}

/** A token connector for a loopback URL; the token goes where `carriers` says (a header by default). */
function connectorFor(url: string, carriers: Carriers = { header: true }, method = 'GET', expect?: number[]): string {
  return JSON.stringify({
    name: 'Loopback',
    authentication: [{
      id: 'token',
      name: 'Token',
      type: 'token',
      method,
      url,
      variables: [{ key: 'token', label: 'Token', secret: true, required: true }],
      headers: carriers.header ? [{ key: 'Authorization', value: 'Bearer {{token}}' }] : [],
      urlParameters: carriers.query ? [{ key: 'api_key', value: '{{token}}' }] : [],
      body: carriers.body ? [{ key: 'access_token', value: '{{token}}' }, { key: 'keep', value: 'me' }] : [],
      ...(expect ? { expect: { status: expect } } : {}),
    }],
  });
}

async function prepare(text: string, secret = token): Promise<FilledRequest> {
  const planned = await service().planRequest(connectorDocument(text), { kind: 'auth' });
  assert.equal(planned.refusal, undefined, JSON.stringify(planned.refusal));
  const filled = fillRequest(planned.plan!, (variable) => (variable.secret ? secret : undefined));
  assert.equal(filled.error, undefined, filled.error?.message);
  return filled.request!;
}

async function send(url: string, carriers?: Carriers, options?: SendOptions, method?: string): Promise<RequestResult> {
  return sendRequest(await prepare(connectorFor(url, carriers, method)), options);
}

/** Every form of the token absent from what a server received. */
function assertNoToken(seen: readonly Seen[]): void {
  for (const request of seen) {
    const text = `${request.method} ${request.url}\n${JSON.stringify(request.headers)}\n${request.body}`;
    for (const form of forms) assert.ok(!text.includes(form), `a form of the token reached the second server: ${form}`);
    assert.ok(!decodeURIComponent(request.url).includes(token));
  }
}

/** Every form of the token absent from everything the result shows. */
function assertRedacted(result: RequestResult): void {
  const shown = JSON.stringify(resultJson(result)) + renderResultText(result);
  for (const form of forms) assert.ok(!shown.includes(form), `the result shows a form of the token: ${form}`);
}

const authorized = (request: http.IncomingMessage): boolean => request.headers.authorization === `Bearer ${token}`;

describe('sendRequest', () => {
  const servers: TestServer[] = [];
  const track = <T extends TestServer>(server: T): T => {
    servers.push(server);
    return server;
  };
  let certificates: TestCertificates;
  before(() => {
    certificates = makeCertificates();
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
    certificates.remove();
  });

  describe('classifies', () => {
    it('Operational: a 2xx, or a status in expect.status', async () => {
      const server = track(await startServer((request, response) => json(response, authorized(request) ? 200 : 401, { ok: true })));
      const result = await send(`${server.origin}/me`);
      assert.equal(result.classification, 'Operational');
      assert.equal(result.explanation, 'The server answered 200 OK: the credentials work.');
      assert.equal(result.status, 200);
      assert.equal(result.request.headers.Authorization, 'Bearer •••');
      assert.equal(result.response?.body, '{\n  "ok": true\n}');
      const expecting = await sendRequest(await prepare(connectorFor(`${server.origin}/me`, { header: true }, 'GET', [201])));
      assert.equal(expecting.classification, 'Unexpected response');
      assert.equal(expecting.reason, 'unexpected-success');
    });

    it('Failed authentication: 401 and 403', async () => {
      const server = track(await startServer((request, response) => json(response, request.url === '/401' ? 401 : 403, {})));
      const unauthorized = await send(`${server.origin}/401`);
      assert.deepEqual([unauthorized.classification, unauthorized.reason], ['Failed authentication', 'unauthorized']);
      const forbidden = await send(`${server.origin}/403`);
      assert.deepEqual([forbidden.classification, forbidden.reason], ['Failed authentication', 'forbidden']);
    });

    it('Unexpected response: 404, 429 with Retry-After, 500, each with its sentence', async () => {
      const server = track(await startServer((request, response) => {
        const status = Number(request.url?.slice(1));
        json(response, status, {}, status === 429 ? { 'retry-after': '30' } : {});
      }));
      const results = await Promise.all([404, 429, 500].map((status) => send(`${server.origin}/${status}`)));
      assert.deepEqual(results.map((r) => [r.classification, r.reason]), [
        ['Unexpected response', 'not-found'],
        ['Unexpected response', 'rate-limited'],
        ['Unexpected response', 'server-error'],
      ]);
      assert.match(results[1].explanation, /Retry-After: 30/);
    });

    it('Unreachable: connection refused', async () => {
      const result = await send(`${await closedOrigin()}/me`);
      assert.deepEqual([result.classification, result.reason], ['Unreachable', 'refused']);
      assert.match(result.explanation, /^Nothing accepts connections at 127\.0\.0\.1:\d+ \(connection refused\)/);
    });

    it('Unreachable: a host name that does not resolve (DNS)', async () => {
      const transport = testTransport({
        lookup: (_hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException) => void) =>
          callback(Object.assign(new Error('getaddrinfo ENOTFOUND api.nowhere.example'), { code: 'ENOTFOUND' })),
      } as never);
      const result = await sendRequest(await prepare(connectorFor('https://api.nowhere.example/me')), { transport });
      await transport.close();
      assert.deepEqual([result.classification, result.reason], ['Unreachable', 'dns']);
      assert.equal(result.explanation, 'The host name api.nowhere.example could not be resolved (DNS): check the host in the URL and your network.');
    });

    it('Unreachable: a timeout, with the limit named', async () => {
      const server = track(await startServer(() => undefined));
      const started = Date.now();
      const result = await send(`${server.origin}/never`, undefined, { timeoutMs: 200 });
      assert.deepEqual([result.classification, result.reason], ['Unreachable', 'timeout']);
      assert.match(result.explanation, /within 200 ms/);
      assert.ok(Date.now() - started < 5000);
    });

    it('Unreachable: a slow body that outlasts the timeout', async () => {
      const server = track(await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('first part');
      }));
      const result = await send(`${server.origin}/slow`, undefined, { timeoutMs: 300 });
      assert.deepEqual([result.classification, result.reason, result.status], ['Unreachable', 'timeout', 200]);
    });

    it('Unreachable: a connection reset in the middle of the body', async () => {
      const server = track(await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"partial":', () => response.socket?.destroy());
      }));
      const result = await send(`${server.origin}/reset`);
      assert.deepEqual([result.classification, result.reason], ['Unreachable', 'reset']);
    });

    it('Cancelled: the caller aborts, and the request ends at once', async () => {
      let seen!: () => void;
      const arrived = new Promise<void>((resolve) => (seen = resolve));
      const server = track(await startServer(() => seen()));
      const controller = new AbortController();
      const pending = send(`${server.origin}/hang`, undefined, { signal: controller.signal });
      await arrived;
      controller.abort();
      const result = await pending;
      assert.deepEqual([result.classification, result.reason], ['Cancelled', 'cancelled']);
    });
  });

  describe('responses', () => {
    it('cuts a body over the limit and marks it truncated', async () => {
      const server = track(await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('x'.repeat(100_000));
      }));
      const result = await send(`${server.origin}/big`, undefined, { maxResponseBytes: 1000 });
      assert.equal(result.response?.truncated, true);
      assert.equal(result.response?.body.length, 1000);
      assert.match(renderResultText(result), /cut at 1000 bytes/);
    });

    it('shows a non-UTF-8 body as Windows-1252 and says so', async () => {
      const server = track(await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
      }));
      const result = await send(`${server.origin}/latin`);
      assert.equal(result.response?.body, 'café');
      assert.match(result.response?.note ?? '', /not valid UTF-8/);
    });

    it('shows a non-JSON body as it came, and an empty 204 as empty', async () => {
      const server = track(await startServer((request, response) => {
        if (request.url === '/204') {
          response.writeHead(204);
          response.end();
        } else {
          response.writeHead(200, { 'content-type': 'text/html' });
          response.end('<h1>{not json</h1>');
        }
      }));
      assert.equal((await send(`${server.origin}/html`)).response?.body, '<h1>{not json</h1>');
      const empty = await send(`${server.origin}/204`);
      assert.deepEqual([empty.classification, empty.status, empty.response?.body], ['Operational', 204, '']);
    });

    it('does not show binary content', async () => {
      const server = track(await startServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
      }));
      const result = await send(`${server.origin}/png`);
      assert.equal(result.response?.body, '');
      assert.equal(result.response?.note, '7 bytes of binary content (image/png), not shown.');
    });

    it('reports a huge response header in one sentence', async () => {
      const server = track(await startServer((_request, response) => {
        response.writeHead(200, { 'x-huge': 'h'.repeat(64 * 1024) });
        response.end();
      }));
      const result = await send(`${server.origin}/huge`);
      assert.deepEqual([result.classification, result.reason], ['Unexpected response', 'headers-too-large']);
    });
  });

  describe('redaction', () => {
    it('never shows a token the server echoes back raw, URL-encoded, base64 or JSON-escaped, in the body or a header', async () => {
      const server = track(await startServer((_request, response) => {
        const echo = tokenForms(token);
        response.writeHead(200, { 'content-type': 'application/json', 'x-echo': echo.base64, 'x-echo-url': echo.encodeURIComponent });
        // The unicode-escaped form is valid JSON: the display unescapes it, and the redactor then sees it plain.
        response.end(`{"echo":${JSON.stringify(echo)},"escaped":"${echo.unicodeEscaped}"}`);
      }));
      const result = await send(`${server.origin}/echo`);
      assert.equal(result.classification, 'Operational');
      assertRedacted(result);
      assert.match(result.response!.body, /•••/);
      assert.equal(result.response!.headers['x-echo'], '•••');
    });
  });

  describe('short secrets', () => {
    it('regression: never shows Basic authorization made from URL user info with a short password', async () => {
      const server = track(await startServer((_request, response) => json(response, 200, {})));
      const text = JSON.stringify({
        name: 'Basic', authentication: [{ id: 'b', name: 'B', type: 'token', url: `http://apiuser:{{token}}@127.0.0.1:${server.port}/me`, variables: [{ key: 'token', secret: true, required: true }] }],
      });
      const result = await sendRequest(await prepare(text, 'hunter'));
      assert.equal(server.seen[0].headers.authorization, `Basic ${Buffer.from('apiuser:hunter').toString('base64')}`);
      assert.equal(result.request.headers.Authorization, 'Basic •••');
      assert.ok(!JSON.stringify(result).includes(Buffer.from('apiuser:hunter').toString('base64')));
    });

    it('keeps the shape of the result with a one-character secret', async () => {
      const server = track(await startServer((_request, response) => json(response, 200, { echo: 'e' })));
      const result = await sendRequest(await prepare(connectorFor(`${server.origin}/me`), 'e'));
      assert.equal(result.request.method, 'GET');
      assert.equal(result.classification, 'Operational');
      assert.ok(!JSON.stringify(resultJson(result)).includes('"echo": "e"'));
    });
  });

  describe('redirects', () => {
    /** Server A redirects to B with `status`; B records what arrives. */
    async function pair(status: number, location: (b: TestServer) => string): Promise<{ a: TestServer; b: TestServer }> {
      const b = track(await startServer((_request, response) => json(response, 200, { at: 'b' })));
      const a = track(await startServer((request, response) => {
        if (request.url?.startsWith('/start')) {
          response.writeHead(status, { location: location(b) });
          response.end();
        } else json(response, 200, { at: 'a' });
      }));
      return { a, b };
    }

    it('regression: never sends a secret header to another origin after a redirect', async () => {
      const { a, b } = await pair(302, (b) => `${b.origin}/landing`);
      const result = await send(`${a.origin}/start`);
      assert.equal(b.seen.length, 1);
      assert.equal(b.seen[0].headers.authorization, undefined);
      assertNoToken(b.seen);
      assert.deepEqual(result.withheldCredentials, [{ kind: 'header', name: 'Authorization' }]);
      assert.deepEqual(result.redirects.map((r) => [r.status, r.crossOrigin, r.method]), [[302, true, 'GET']]);
    });

    it('regression: never sends a secret URL parameter to another origin, even when the Location echoes it', async () => {
      const { a, b } = await pair(302, (b) => `${b.origin}/landing?api_key=${encodeURIComponent(token)}&page=2`);
      const result = await send(`${a.origin}/start`, { query: true });
      assert.equal(b.seen[0].url, '/landing?page=2');
      assertNoToken(b.seen);
      assert.deepEqual(result.withheldCredentials, [{ kind: 'urlParameter', name: 'api_key' }]);
    });

    it('regression: never sends a secret body field to another origin after a 307', async () => {
      const { a, b } = await pair(307, (b) => `${b.origin}/landing`);
      const result = await send(`${a.origin}/start`, { body: true }, {}, 'POST');
      assert.equal(b.seen[0].method, 'POST');
      assert.deepEqual(JSON.parse(b.seen[0].body), { keep: 'me' });
      assertNoToken(b.seen);
      assert.deepEqual(result.withheldCredentials, [{ kind: 'body', name: 'access_token' }]);
    });

    it('regression: never sends URL userinfo holding a secret to another origin', async () => {
      const { a, b } = await pair(302, (b) => `http://user:${encodeURIComponent(token)}@127.0.0.1:${b.port}/landing`);
      const result = await send(`${a.origin}/start`, { header: true });
      assert.equal(b.seen[0].headers.authorization, undefined);
      assertNoToken(b.seen);
      assert.deepEqual(result.withheldCredentials.map((w) => w.kind).sort(), ['header', 'userinfo']);
      assertRedacted(result);
    });

    it('keeps every carrier on a redirect within the same origin', async () => {
      const { a } = await pair(302, () => '/same');
      const result = await send(`${a.origin}/start`);
      assert.equal(a.seen[1].url, '/same');
      assert.equal(a.seen[1].headers.authorization, `Bearer ${token}`);
      assert.deepEqual(result.withheldCredentials, []);
      assert.equal(result.redirects[0].crossOrigin, false);
    });

    it('regression: never sends a secret over plain http after an https→http downgrade on the same host and port number', async () => {
      // The same host but another scheme is another origin.
      const plain = track(await startServer((_request, response) => json(response, 200, {})));
      const secure = track(await startTlsServer(certificates.loopback, (_request, response) => {
        response.writeHead(301, { location: `http://127.0.0.1:${plain.port}/insecure` });
        response.end();
      }));
      const transport = testTransport({ ca: certificates.ca });
      const result = await sendRequest(await prepare(connectorFor(`${secure.origin}/start`)), { transport });
      await transport.close();
      assert.equal(secure.seen[0].headers.authorization, `Bearer ${token}`);
      assert.equal(plain.seen[0].headers.authorization, undefined);
      assertNoToken(plain.seen);
      assert.equal(result.redirects[0].crossOrigin, true);
    });

    for (const status of [301, 302, 303]) {
      it(`${status} becomes a GET without a body`, async () => {
        const { a } = await pair(status, () => '/next');
        const result = await send(`${a.origin}/start`, { header: true, body: true }, {}, 'POST');
        assert.equal(a.seen[1].method, 'GET');
        assert.equal(a.seen[1].body, '');
        assert.equal(a.seen[1].headers['content-type'], undefined);
        assert.equal(result.redirects[0].method, 'GET');
      });
    }

    for (const status of [307, 308]) {
      it(`${status} keeps the method and the body`, async () => {
        const { a } = await pair(status, () => '/next');
        await send(`${a.origin}/start`, { header: true, body: true }, {}, 'POST');
        assert.equal(a.seen[1].method, 'POST');
        assert.deepEqual(JSON.parse(a.seen[1].body), { access_token: token, keep: 'me' });
      });
    }

    it('ends a redirect loop at the limit with a clear sentence', async () => {
      const server = track(await startServer((_request, response) => {
        response.writeHead(302, { location: '/loop' });
        response.end();
      }));
      const result = await send(`${server.origin}/loop`, undefined, { maxRedirects: 5 });
      assert.deepEqual([result.classification, result.reason], ['Unexpected response', 'redirect-limit']);
      assert.equal(result.explanation, 'The server kept redirecting in a loop: 5 redirects were followed, the limit, and the next was not; check the URL.');
      assert.equal(server.seen.length, 6);
    });

    it('does not follow a redirect to another origin that carries the token in its path', async () => {
      const { a, b } = await pair(302, (b) => `${b.origin}/leak/${encodeURIComponent(token)}`);
      const result = await send(`${a.origin}/start`);
      assert.equal(result.reason, 'redirect-leak');
      assert.equal(b.seen.length, 0);
      assertRedacted(result);
    });

    it('says that credentials were withheld when the other origin then refuses the request', async () => {
      const b = track(await startServer((_request, response) => json(response, 401, {})));
      const a = track(await startServer((_request, response) => {
        response.writeHead(302, { location: `${b.origin}/` });
        response.end();
      }));
      const result = await send(`${a.origin}/`);
      assert.equal(result.classification, 'Failed authentication');
      assert.match(result.explanation, /so the credentials were withheld from it/);
    });
  });

  describe('TLS and proxies', () => {
    it('regression: never sends a request to a self-signed server, and says how to trust a private CA', async () => {
      const server = track(await startTlsServer(certificates.selfSigned, (_request, response) => json(response, 200, {})));
      const result = await send(`${server.origin}/me`);
      assert.deepEqual([result.classification, result.reason], ['Unreachable', 'tls-self-signed']);
      assert.match(result.explanation, /self-signed.*NODE_EXTRA_CA_CERTS/);
      assert.equal(server.seen.length, 0);
      assert.equal(result.tlsVerification, true);
    });

    it('names a certificate for another host name', async () => {
      const server = track(await startTlsServer(certificates.otherHost, (_request, response) => json(response, 200, {})));
      const transport = testTransport({ ca: certificates.ca });
      const result = await send(`${server.origin}/me`, undefined, { transport });
      await transport.close();
      assert.deepEqual([result.classification, result.reason], ['Unreachable', 'tls-hostname']);
      assert.equal(server.seen.length, 0);
    });

    it('sends through the configured proxy, and says so', async () => {
      const proxy = track(await startProxy());
      const server = track(await startServer((request, response) => json(response, authorized(request) ? 200 : 401, {})));
      const transport = await createTransport({ proxy: proxy.origin });
      const result = await send(`${server.origin}/me`, undefined, { transport });
      await transport.close();
      assert.equal(result.classification, 'Operational');
      assert.deepEqual(proxy.tunnels, [`127.0.0.1:${server.port}`]);
      assert.equal(result.proxy, proxy.origin);
    });

    it('bypasses the proxy for NO_PROXY hosts', async () => {
      const proxy = track(await startProxy());
      const server = track(await startServer((_request, response) => json(response, 200, {})));
      const transport = await createTransport({ proxy: proxy.origin, noProxy: 'localhost,127.0.0.1' });
      const result = await send(`${server.origin}/me`, undefined, { transport });
      await transport.close();
      assert.equal(result.classification, 'Operational');
      assert.deepEqual(proxy.tunnels, []);
      assert.equal(result.proxy, undefined);
    });

    it('says when certificate verification was turned off by the caller', async () => {
      const server = track(await startTlsServer(certificates.selfSigned, (_request, response) => json(response, 200, {})));
      const transport = await createTransport({ rejectUnauthorized: false });
      const result = await send(`${server.origin}/me`, undefined, { transport });
      await transport.close();
      assert.equal(result.classification, 'Operational');
      assert.equal(result.tlsVerification, false);
      assert.match(renderResultText(result), /TLS certificate verification was OFF/);
    });
  });
});
