import type { PlannedVariable, RequestPlan } from '../../../server/src/service/plan';
import { encodeBody, fillRequest } from './fill';
import { secretEnvironmentName } from './names';

const markerPrefix = 'CONNECTORSECRETMARKER';

/** A word as a POSIX shell reads it back unchanged: as it is when that is safe (or `always` is false), else single-quoted. */
export function shellQuote(word: string, always = false): string {
  return /^[A-Za-z0-9_\-.,/:=@%+]+$/.test(word) && !always ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Quoted always when it holds a secret's marker, which then becomes a variable outside the quotes. */
function quote(word: string): string {
  return shellQuote(word, word.includes(markerPrefix));
}

/**
 * The request as a curl command, each secret as `$CONNECTOR_SECRET_<KEY>` (the value never): the plan is filled with
 * a marker for each secret that every encoding leaves alone, and the marker becomes the variable, outside quotes.
 * URL parameters use `--url-query` (curl 7.87+), which encodes them; a secret inside a JSON body is not JSON-escaped.
 * Undefined when the plan cannot be filled with `valueOf` (a value is missing).
 */
export function curlCommand(plan: RequestPlan, valueOf: (variable: PlannedVariable) => string | undefined): string | undefined {
  const markers = new Map<string, string>();
  plan.variables.forEach((variable, index) => {
    if (variable.secret) markers.set(`${markerPrefix}${index}X`, secretEnvironmentName(variable.key));
  });
  const markerOf = new Map([...markers].map(([marker, name]) => [name, marker]));
  const valueFor = (variable: PlannedVariable): string | undefined => (variable.secret ? markerOf.get(secretEnvironmentName(variable.key)) : valueOf(variable));
  const filled = fillRequest(plan, valueFor);
  // The URL without the URL parameters, which go in --url-query: curl URL-encodes them, a secret from the shell included.
  const base = fillRequest({ ...plan, urlParameters: [] }, valueFor);
  if (!filled.request || !base.request) return undefined;
  const request = filled.request;
  const words = ['curl'];
  if (request.method !== 'GET') words.push('-X', request.method);
  words.push(quote(base.request.url));
  for (const parameter of request.urlParameters) words.push('--url-query', quote(`${parameter.key}=${parameter.value}`));
  for (const header of request.headers) words.push('-H', quote(`${header.key}: ${header.value}`));
  if (request.body) words.push('--data-raw', quote(encodeBody(request.body)));
  let command = words.join(' ');
  for (const [marker, name] of markers) {
    // Close the single quotes around the marker, so that the shell expands the variable: 'Bearer '"$CONNECTOR_SECRET_TOKEN"''.
    command = command.split(marker).join(`'"$${name}"'`);
  }
  // A word that is only the variable reads '' "$X" '': drop the empty quotes.
  return command.replace(/(^| )''"/g, '$1"').replace(/"''( |$)/g, '"$1');
}
