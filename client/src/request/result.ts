import type { CarrierKind, OmittedParameter } from './fill';

/** The four connector states (Patchworks' three plus one for everything else), and a send the user cancelled. */
export type Classification = 'Operational' | 'Failed authentication' | 'Unreachable' | 'Unexpected response' | 'Cancelled';

/** Why a result has its classification: a stable code for tools and tests. */
export type Reason =
  | 'expected-status' | 'success-status'
  | 'unauthorized' | 'forbidden' | 'missing-scopes' | 'invalid-api-key'
  | 'unexpected-success' | 'shop-frozen' | 'shop-locked' | 'rate-limited' | 'not-found' | 'client-error' | 'server-error'
  | 'redirect-limit' | 'redirect-invalid' | 'redirect-leak' | 'headers-too-large' | 'proxy-auth'
  | 'timeout' | 'dns' | 'refused' | 'reset' | 'tls-self-signed' | 'tls-expired' | 'tls-hostname' | 'tls-untrusted' | 'tls' | 'proxy' | 'network'
  | 'cancelled';

/** A classification with its one-sentence explanation. */
export interface Verdict {
  readonly classification: Classification;
  readonly reason: Reason;
  readonly explanation: string;
}

/** A secret carrier left out of a request after a redirect to another origin: its kind and name, never its value. */
export interface WithheldCredential {
  readonly kind: CarrierKind;
  readonly name: string;
}

/** One redirect that was followed. */
export interface RedirectRecord {
  readonly status: number;
  readonly from: string;
  readonly to: string;
  /** The method of the request sent to `to`. */
  readonly method: string;
  readonly crossOrigin: boolean;
  readonly withheld: readonly WithheldCredential[];
}

/** The request as it was first sent, secrets redacted. */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The final response, secrets redacted; a JSON body is pretty-printed. */
export interface ReceivedResponse {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Bytes read; when truncated, the limit. */
  readonly bytes: number;
  readonly truncated: boolean;
  readonly contentType?: string;
  /** How the body was shown when it is not plain UTF-8 text (binary, another charset). */
  readonly note?: string;
}

/** Everything a test request produced: plain data, every string already through the redactor. */
export interface RequestResult extends Verdict {
  readonly title: string;
  readonly status?: number;
  readonly statusText?: string;
  /** The last URL requested. */
  readonly url: string;
  readonly durationMs: number;
  readonly redirects: readonly RedirectRecord[];
  /** Every carrier withheld on any redirect. */
  readonly withheldCredentials: readonly WithheldCredential[];
  /** Parameters left out because their optional variable had no value. */
  readonly omitted: readonly OmittedParameter[];
  readonly request: SentRequest;
  readonly response?: ReceivedResponse;
  /** False only when the caller turned TLS certificate verification off (VS Code's `http.proxyStrictSSL`). */
  readonly tlsVerification: boolean;
  /** The proxy's origin, when the request went through one (its credentials are never shown). */
  readonly proxy?: string;
}
