export { classifyError, classifyResponse, type ResponseFacts } from './classify';
export { encodeBody, fillRequest, originOf, variableName, type CarrierKind, type FilledRequest, type FillError, type FillResult, type OmittedParameter } from './fill';
export { createRedactor, redactDeep, redactionMark, type Redactor } from './redact';
export { followRedirect, isRedirect, type Hop, type RedirectDecision } from './redirect';
export { describeWithheld, renderResultText, resultJson, summarize } from './render';
export type { Classification, Reason, ReceivedResponse, RedirectRecord, RequestResult, SentRequest, Verdict, WithheldCredential } from './result';
export { sendDefaults, sendRequest, type SendOptions } from './send';
export { createTransport, proxyFromEnvironment, type Transport, type TransportOptions } from './transport';

/** Environment variable that holds a secret variable's value on the command line: `CONNECTOR_SECRET_` and the key upper-cased, other characters as `_`. */
export function secretEnvironmentName(key: string): string {
  return `CONNECTOR_SECRET_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
