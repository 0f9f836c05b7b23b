import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Agent, fetch } from 'undici';
import type { Transport } from '../../client/src/request';

/** A request a test server received, read whole. */
export interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A loopback server a test starts and stops. */
export interface TestServer {
  readonly origin: string;
  readonly port: number;
  readonly seen: Seen[];
  close(): Promise<void>;
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse, seen: Seen, server: TestServer) => void;

async function listen(server: http.Server | https.Server, scheme: 'http' | 'https', seen: Seen[], host = '127.0.0.1'): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${scheme}://${host}:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function recording(handler: Handler, get: () => TestServer): (request: http.IncomingMessage, response: http.ServerResponse) => void {
  return (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Seen = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      get().seen.push(entry);
      handler(request, response, entry, get());
    });
  };
}

/** Starts an http server on 127.0.0.1, port 0, that records every request before `handler` answers it. */
export async function startServer(handler: Handler, host?: string): Promise<TestServer> {
  const holder: { instance?: TestServer } = {};
  const server = http.createServer(recording(handler, () => holder.instance!));
  holder.instance = await listen(server, 'http', [], host);
  return holder.instance;
}

/** Starts an https server with the given key and certificate. */
export async function startTlsServer(credentials: { key: string; cert: string }, handler: Handler): Promise<TestServer> {
  const holder: { instance?: TestServer } = {};
  const server = https.createServer(credentials, recording(handler, () => holder.instance!));
  holder.instance = await listen(server, 'https', []);
  return holder.instance;
}

/** Answers with a status, JSON body and headers. */
export function json(response: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** An origin on which nothing listens (a port just freed). */
export async function closedOrigin(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A forward proxy on loopback that tunnels CONNECT requests and records their targets. */
export async function startProxy(): Promise<TestServer & { readonly tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = http.createServer((_request, response) => {
    response.writeHead(501);
    response.end();
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const instance = await listen(server, 'http', []);
  return { ...instance, tunnels };
}

/** Certificates made with openssl for one test run: a CA, a certificate it signs for 127.0.0.1, one for another host, and a self-signed one. */
export interface TestCertificates {
  readonly folder: string;
  readonly caFile: string;
  readonly ca: string;
  readonly loopback: { key: string; cert: string };
  readonly otherHost: { key: string; cert: string };
  readonly selfSigned: { key: string; cert: string };
  remove(): void;
}

/** Makes the certificates of TestCertificates in a temporary folder (about 100 ms). */
export function makeCertificates(): TestCertificates {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'connector-tls-'));
  const file = (name: string): string => path.join(folder, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: folder, stdio: 'ignore' });
  };
  const subject = (cn: string): string[] => ['-subj', `/CN=${cn}`];
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', ...subject('Connector Test CA'), '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign');
  const signed = (name: string, san: string): { key: string; cert: string } => {
    fs.writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\n`);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, ...subject(name));
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
    return { key: fs.readFileSync(file(`${name}.key`), 'utf8'), cert: fs.readFileSync(file(`${name}.pem`), 'utf8') };
  };
  const loopback = signed('loopback', 'IP:127.0.0.1,DNS:localhost');
  const otherHost = signed('other', 'DNS:other.example');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', ...subject('127.0.0.1'), '-addext', 'subjectAltName=IP:127.0.0.1');
  return {
    folder,
    caFile: file('ca.pem'),
    ca: fs.readFileSync(file('ca.pem'), 'utf8'),
    loopback,
    otherHost,
    selfSigned: { key: fs.readFileSync(file('self.key'), 'utf8'), cert: fs.readFileSync(file('self.pem'), 'utf8') },
    remove: () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}

/** A transport like the real one, with extra options for the undici agent (a CA to trust, a failing DNS lookup). */
export function testTransport(connect: Agent.Options['connect']): Transport {
  const agent = new Agent({ connect });
  return { fetch: (url, init) => fetch(url, { ...init, dispatcher: agent }), tlsVerification: true, proxyFor: () => undefined, close: () => agent.destroy() };
}
