import { createHash, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as an emulator received it. */
export interface RecordedRequest {
  readonly method: string;
  /** The path and query string, as sent. */
  readonly path: string;
  /** Header names in lower case; the values of a repeated header joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What an emulator answers: a status, a JSON body (none when undefined) and extra headers. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Decides the reply to one recorded request; pure, so each provider's rules read as data in, data out. */
export type Handler = (request: RecordedRequest) => Reply;

/** A running loopback server with the requests it has received. */
export interface RunningServer {
  readonly origin: string;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 with an ephemeral port that records every request in full before `handler` answers it. */
export async function serve(handler: Handler): Promise<RunningServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: incoming.url ?? '/',
        headers: joinedHeaders(incoming.rawHeaders),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      let reply: Reply;
      try {
        reply = handler(request);
      } catch (error) {
        reply = { status: 500, body: { error: 'emulator failure', detail: String(error) } };
      }
      send(outgoing, reply);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive connections would otherwise hold the server open until they time out.
        server.closeAllConnections();
      })),
  };
}

/** Node drops repeated `Authorization`, `Content-Type` and similar headers from `headers`; the raw list keeps every one. */
function joinedHeaders(raw: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    headers[name] = name in headers ? `${headers[name]}, ${raw[i + 1]}` : raw[i + 1];
  }
  return headers;
}

function send(outgoing: http.ServerResponse, reply: Reply): void {
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const headers: Record<string, string | number> = { ...reply.headers, 'content-length': Buffer.byteLength(body) };
  if (reply.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  outgoing.writeHead(reply.status, headers);
  outgoing.end(body);
}

/** The path and the query parameters of a recorded request. */
export function splitPath(request: RecordedRequest): { pathname: string; query: URLSearchParams } {
  const url = new URL(request.path, 'http://emulator.invalid');
  return { pathname: url.pathname, query: url.searchParams };
}

/** The credential of an `Authorization: <scheme> <credential>` header when the scheme matches case-insensitively (RFC 9110 §11.1). */
export function schemeCredential(request: RecordedRequest, scheme: string): string | undefined {
  const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) +(\S.*)$/.exec(request.headers.authorization ?? '');
  return match && match[1].toLowerCase() === scheme.toLowerCase() ? match[2].trim() : undefined;
}

/** The request body as JSON; `{}` for an empty body, `undefined` when it is not JSON. */
export function jsonBody(request: RecordedRequest): unknown {
  if (request.body.trim() === '') return {};
  try {
    return JSON.parse(request.body) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A whole number from a JSON number or a numeric string (placeholders are filled as strings), else `fallback`. */
export function wholeNumber(value: unknown, fallback: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : fallback;
}

/** Hex digits derived from a seed: fixed across runs, yet never written out in the source for a secret scanner to flag. */
export function seededHex(seed: string, length: number): string {
  let hex = '';
  for (let round = 0; hex.length < length; round++) hex += createHash('sha256').update(`${seed}:${round}`).digest('hex');
  return hex.slice(0, length);
}

/** A fresh request id, as the providers put in error bodies. */
export function requestId(): string {
  return randomUUID();
}
