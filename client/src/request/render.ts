import type { CarrierKind } from './fill';
import type { RequestResult, WithheldCredential } from './result';

const carrierNames: Readonly<Record<CarrierKind, string>> = { header: 'header', urlParameter: 'URL parameter', body: 'body field', userinfo: 'URL userinfo for' };

/** "header Authorization, URL parameter api_key": what was withheld, by kind and name. */
export function describeWithheld(withheld: readonly WithheldCredential[]): string {
  return withheld.map((w) => `${carrierNames[w.kind]} ${w.name}`).join(', ');
}

function indent(text: string, prefix = '  '): string {
  return text.split('\n').map((line) => (line === '' ? line : prefix + line)).join('\n');
}

/** "Operational · 200 · 143 ms": the one-line summary for code lenses, logs and titles. */
export function summarize(result: RequestResult): string {
  return [result.classification, result.status !== undefined ? String(result.status) : undefined, `${result.durationMs} ms`].filter(Boolean).join(' · ');
}

/**
 * The result as a report (the command line's text output and the VS Code result document): the classification and
 * its sentence first, then the request, redirects with what was withheld, status, timing, response headers and body.
 * Every string in `result` has already been redacted by the request core.
 */
export function renderResultText(result: RequestResult): string {
  const lines: string[] = [];
  lines.push(`${result.classification}: ${result.explanation}`, '');
  lines.push(`${result.title}`);
  if (!result.tlsVerification) lines.push('TLS certificate verification was OFF for this request (http.proxyStrictSSL is false).');
  if (result.proxy) lines.push(`Sent through the proxy ${result.proxy}.`);
  lines.push('', 'Request');
  lines.push(`  ${result.request.method} ${result.request.url}`);
  for (const [name, value] of Object.entries(result.request.headers)) lines.push(`  ${name}: ${value}`);
  if (result.request.body !== undefined && result.request.body !== '') lines.push('', indent(result.request.body, '  '));
  for (const omitted of result.omitted) lines.push(`  (${carrierNames[omitted.kind]} ${omitted.name} left out: ${omitted.variable} has no value)`);

  if (result.redirects.length > 0) {
    lines.push('', 'Redirects');
    result.redirects.forEach((redirect, index) => {
      const withheld = redirect.withheld.length > 0 ? `; withheld: ${describeWithheld(redirect.withheld)}` : '';
      lines.push(`  ${index + 1}. ${redirect.status} → ${redirect.method} ${redirect.to}${redirect.crossOrigin ? ` (another origin${withheld})` : withheld}`);
    });
  }

  lines.push('', 'Response');
  const statusText = result.statusText ? ` ${result.statusText}` : '';
  lines.push(result.status !== undefined ? `  ${result.status}${statusText} in ${result.durationMs} ms` : `  No response (${result.durationMs} ms)`);
  if (result.url !== result.request.url) lines.push(`  Final URL: ${result.url}`);
  const response = result.response;
  if (response) {
    for (const [name, value] of Object.entries(response.headers)) lines.push(`  ${name}: ${value}`);
    if (response.note) lines.push('', `  ${response.note}`);
    if (response.body !== '') lines.push('', indent(response.body));
    if (response.truncated) lines.push('', `  (The body was cut at ${response.bytes} bytes, the response-size limit.)`);
  }
  return lines.join('\n') + '\n';
}

/** The result as `connector-check request --format json` prints it (DESIGN §6). */
export function resultJson(result: RequestResult): object {
  return {
    classification: result.classification,
    reason: result.reason,
    explanation: result.explanation,
    status: result.status ?? null,
    url: result.url,
    durationMs: result.durationMs,
    redirects: result.redirects,
    withheldCredentials: result.withheldCredentials,
    omitted: result.omitted,
    tlsVerification: result.tlsVerification,
    proxy: result.proxy ?? null,
    request: result.request,
    response: result.response ?? null,
  };
}
