/**
 * Import from curl: a command pasted from API documentation or a terminal becomes a connector with one auth method,
 * whose check request is the command's request, and one endpoint. Whatever carries the credential becomes a secret
 * variable placeholder; a literal token is returned apart (for SecretStorage) and never written into the connector.
 *
 * Words are split by shell-quote (POSIX quoting, `'"$VAR"'` concatenation, `$VAR` kept as written). Before that, line
 * continuations (`\` and, for Windows cmd, `^` at the end of a line) are joined, and cmd's `^` escapes are removed when
 * the command is in the Windows form (Chrome's "Copy as cURL (cmd)").
 */
import { parse as parseShell } from 'shell-quote';
import { findCredential } from '../../../server/src/service/credentials';
import { looksLikeSecretName } from '../../../server/src/service/secretNames';
import { labelForKey } from '../../../server/src/service/rules/declareVariable';
import { ImportError, unique, type AuthMethodJson, type BodyFieldJson, type ConnectorJson, type EndpointJson, type ImportedSecret, type ParameterJson, type VariableJson } from './connector';
import { findDocPlaceholders, isRedactedValue, keyForPlaceholder, type PlaceholderContext } from './docPlaceholders';

/** What an import of a curl command gives: the connector, the secrets it declared, and notes on what was left out. */
export interface CurlImport {
  readonly connector: ConnectorJson;
  readonly secrets: readonly ImportedSecret[];
  /** One sentence each; never a value from the command. */
  readonly notes: readonly string[];
}

/** Options of an import. */
export interface CurlImportOptions {
  /** The connector's name; by default one made from the URL's host. */
  readonly name?: string;
}

const notCurl = 'This is not a curl command: paste a command that starts with curl, as API documentation shows it.';

/** Options that take a value (long names), from curl's manual; any other option is a flag. */
const valueOptions = new Set([
  'abstract-unix-socket', 'alt-svc', 'aws-sigv4', 'cacert', 'capath', 'cert', 'cert-type', 'ciphers', 'config', 'connect-timeout', 'connect-to',
  'continue-at', 'cookie', 'cookie-jar', 'create-file-mode', 'crlfile', 'curves', 'data', 'data-ascii', 'data-binary', 'data-raw', 'data-urlencode',
  'delegation', 'dns-interface', 'dns-ipv4-addr', 'dns-ipv6-addr', 'dns-servers', 'doh-url', 'dump-header', 'ech', 'egd-file', 'engine', 'etag-compare',
  'etag-save', 'expect100-timeout', 'form', 'form-string', 'ftp-account', 'ftp-alternative-to-user', 'ftp-method', 'ftp-port', 'ftp-ssl-ccc-mode',
  'happy-eyeballs-timeout-ms', 'haproxy-clientip', 'header', 'hostpubmd5', 'hostpubsha256', 'hsts', 'interface', 'ip-tos', 'ipfs-gateway', 'json',
  'keepalive-cnt', 'keepalive-time', 'key', 'key-type', 'krb', 'libcurl', 'limit-rate', 'local-port', 'login-options', 'mail-auth', 'mail-from',
  'mail-rcpt', 'max-filesize', 'max-redirs', 'max-time', 'netrc-file', 'noproxy', 'oauth2-bearer', 'output', 'output-dir', 'parallel-max', 'pass',
  'pinnedpubkey', 'preproxy', 'proto', 'proto-default', 'proto-redir', 'proxy', 'proxy-cacert', 'proxy-capath', 'proxy-cert', 'proxy-cert-type',
  'proxy-ciphers', 'proxy-crlfile', 'proxy-header', 'proxy-key', 'proxy-key-type', 'proxy-pass', 'proxy-pinnedpubkey', 'proxy-service-name',
  'proxy-tls13-ciphers', 'proxy-tlsauthtype', 'proxy-tlspassword', 'proxy-tlsuser', 'proxy-user', 'proxy1.0', 'pubkey', 'quote', 'random-file', 'range',
  'rate', 'referer', 'request', 'request-target', 'resolve', 'retry', 'retry-delay', 'retry-max-time', 'sasl-authzid', 'service-name', 'socks4',
  'socks4a', 'socks5', 'socks5-gssapi-service', 'socks5-hostname', 'speed-limit', 'speed-time', 'stderr', 'telnet-option', 'tftp-blksize', 'time-cond',
  'tls-max', 'tls13-ciphers', 'tlsauthtype', 'tlspassword', 'tlsuser', 'trace', 'trace-ascii', 'trace-config', 'unix-socket', 'upload-file', 'url',
  'url-query', 'user', 'user-agent', 'variable', 'vlan-priority', 'write-out',
]);

/** Short options and the long option each stands for (the ones the import reads, and those that take a value). */
const shortOptions: Readonly<Record<string, string>> = {
  A: 'user-agent', b: 'cookie', c: 'cookie-jar', C: 'continue-at', d: 'data', D: 'dump-header', e: 'referer', E: 'cert', F: 'form', G: 'get', H: 'header',
  I: 'head', K: 'config', m: 'max-time', o: 'output', P: 'ftp-port', Q: 'quote', r: 'range', T: 'upload-file', t: 'telnet-option', u: 'user', U: 'proxy-user',
  w: 'write-out', x: 'proxy', X: 'request', y: 'speed-time', Y: 'speed-limit', z: 'time-cond',
};

/** User-and-password and signing options: not token authentication. */
const passwordOptions = new Set(['user', 'basic', 'digest', 'ntlm', 'ntlm-wb', 'negotiate', 'anyauth', 'aws-sigv4']);
/** Options that change nothing the connector holds (transfer, output, TLS, proxy …), read silently. */
const silentOptions = /^(?:silent|show-error|location|location-trusted|fail|fail-with-body|include|verbose|compressed|insecure|http1\.[01]|http2|http2-prior-knowledge|http3|http3-only|ipv4|ipv6|globoff|no-buffer|progress-bar|no-progress-meter|output|output-dir|remote-name|remote-name-all|remote-header-name|max-time|connect-timeout|retry|retry-delay|retry-max-time|retry-all-errors|retry-connrefused|max-redirs|write-out|dump-header|stderr|trace|trace-ascii|trace-config|cacert|capath|proxy|noproxy|proxy-user|proxy-pass|proxy-header|preproxy|resolve|connect-to|cookie-jar|create-dirs|limit-rate|keepalive-time|tcp-nodelay|path-as-is|raw|styled-output|no-keepalive|no-sessionid|disable|ssl-no-revoke|ssl-revoke-best-effort|tlsv1(?:\.[0-3])?|proto|proto-redir|proto-default|parallel|parallel-max|parallel-immediate|fail-early|tr-encoding|no-alpn|no-npn|sslv[23]|http0\.9)$/;

/** A value a connector string holds, with the variables its placeholders need. */
interface Filled {
  readonly text: string;
  readonly variables: readonly string[];
}

/** What the import builds while it reads the command. */
class Builder {
  readonly notes: string[] = [];
  readonly secrets: ImportedSecret[] = [];
  /** Every variable by key: secret or not, whether the auth method's strings use it, and a label. */
  readonly variables = new Map<string, { secret: boolean; label: string }>();
  private readonly literals = new Map<string, string>();
  private readonly keys = new Set<string>();

  /** `assigned`: the shell variables the text sets before curl, whose values are the literals of `$NAME`. */
  constructor(readonly assigned: ReadonlyMap<string, string>) {}

  note(sentence: string): void {
    if (!this.notes.includes(sentence)) this.notes.push(sentence);
  }

  /** A non-secret variable for a documentation placeholder (one per key). */
  plain(key: string): string {
    if (!this.variables.has(key)) {
      this.keys.add(key);
      this.variables.set(key, { secret: false, label: labelForKey(key) });
    }
    return key;
  }

  /** A secret variable, for a documentation placeholder (no literal) or a literal token (the same literal, the same variable). */
  secret(preferredKey: string, literal?: string): string {
    if (literal !== undefined) {
      const known = this.literals.get(literal);
      if (known) return known;
    } else if (this.variables.get(preferredKey)?.secret) {
      return preferredKey;
    }
    const key = unique(preferredKey, this.keys);
    this.variables.set(key, { secret: true, label: labelForKey(key) });
    if (literal !== undefined) this.literals.set(literal, key);
    this.secrets.push({ method: '', key, literal });
    return key;
  }
}

/**
 * Walks a command's characters outside quotes: `unquoted` may replace one (returning the replacement and how many
 * characters it consumed); quoted text is kept as it is, except that `quotedNewline` replaces its line breaks.
 */
function mapUnquoted(command: string, unquoted: (rest: string) => [string, number] | undefined, quotedNewline?: string): string {
  let result = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') {
        result += c + (command[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
      result += (c === '\n' || c === '\r') && quotedNewline !== undefined ? quotedNewline : c;
    } else if (c === '\\') {
      result += c + (command[i + 1] ?? '');
      i++;
    } else if (c === "'" || c === '"') {
      quote = c;
      result += c;
    } else {
      const replaced = unquoted(command.slice(i, i + 256));
      if (replaced) {
        result += replaced[0];
        i += replaced[1] - 1;
      } else {
        result += c;
      }
    }
  }
  return result;
}

/**
 * The command on one line, as an input box holds it: line continuations joined (`\` and, for Windows cmd, `^` at the
 * end of a line), a line break between commands turned into `;`, and one inside quotes into a space.
 */
export function singleLineCommand(text: string): string {
  const joined = text.replace(/[\u201C\u201D]/g, '"').replace(/[\u2018\u2019]/g, "'").replace(/[ \t]*\^\r?\n/g, ' ^ ').replace(/\\\r?\n/g, ' ');
  return mapUnquoted(joined, (rest) => (/^\r?\n/.test(rest) ? [' ; ', rest.startsWith('\r') ? 2 : 1] : undefined), ' ').trim();
}

/**
 * The command as POSIX words can be read from it: on one line; cmd's `^` escapes removed when it is in the Windows form
 * (Chrome's "Copy as cURL (cmd)"); a prompt before curl dropped; a documentation placeholder in angle brackets
 * (`/users/<user_id>`, `<<API_KEY>>`) escaped so that the shell parser does not read a redirection.
 */
function normaliseCommand(text: string): string {
  let command = singleLineCommand(text);
  if (/ \^ |\^"/.test(command)) command = command.replace(/ \^ /g, ' ').replace(/\^(.)/g, '$1');
  command = command.replace(/(^|;\s*)(?:\$|%|>|PS[^>]*>)\s+(?=curl\b)/gi, '$1');
  return mapUnquoted(command, (rest) => {
    const placeholder = /^<{1,2}[A-Za-z_][\w.-]*>{1,2}/.exec(rest);
    return placeholder ? [placeholder[0].replace(/[<>]/g, '\\$&'), placeholder[0].length] : undefined;
  });
}

/** The words of the curl command, and the shell variables the text assigns before it (`TOKEN=… curl`, `export TOKEN=…`). */
interface CurlWords {
  readonly words: readonly string[];
  readonly assigned: ReadonlyMap<string, string>;
}

const controlOperator = /^(?:;|;;|&&|\|\||\||&|\|&)$/;

/** The words of the curl command in the text: from `curl` to the first `|`, `;`, `&&` …, redirections dropped. */
function curlWords(text: string): CurlWords {
  // Each `$VAR` stays as written: it is the documentation's placeholder for a value.
  const entries = parseShell(normaliseCommand(text), (name) => `$${name}`);
  const words: (string | { op: string })[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') words.push(entry);
    else if ('comment' in entry) continue;
    else if ('op' in entry && entry.op === 'glob') words.push((entry as { pattern: string }).pattern);
    else if ('op' in entry) words.push({ op: entry.op });
  }
  // `https://host/path?a=1&b=2` unquoted: a shell would run it in the background; documentation means one URL.
  for (let i = 1; i + 1 < words.length; i++) {
    const before = words[i - 1];
    const after = words[i + 1];
    const op = words[i];
    if (typeof op === 'object' && op.op === '&' && typeof before === 'string' && before.includes('?') && typeof after === 'string' && /^[^=\s-][^=\s]*=/.test(after)) {
      words.splice(i - 1, 3, `${before}&${after}`);
      i--;
    }
  }
  const assigned = new Map<string, string>();
  const assignment = /^([A-Za-z_]\w*)=(.*)$/s;
  let start = -1;
  let end = words.length;
  let commandStart = true;
  for (let i = 0; i < words.length && start < 0; i++) {
    const word = words[i];
    if (typeof word === 'object') {
      commandStart = controlOperator.test(word.op);
      continue;
    }
    if (!commandStart) continue;
    if (/^(?:curl|curl\.exe)$/i.test(word)) {
      start = i + 1;
    } else if (/^(?:export|set|declare|local|readonly)$/.test(word)) {
      continue;
    } else {
      const match = assignment.exec(word);
      if (match) assigned.set(match[1], match[2]);
      // Only assignments may come before curl in its own command; any other word starts another command.
      else commandStart = false;
    }
  }
  if (start < 0) throw new ImportError(notCurl);
  for (let i = start; i < words.length; i++) {
    const word = words[i];
    if (typeof word === 'object' && controlOperator.test(word.op)) {
      end = i;
      break;
    }
  }
  const result: string[] = [];
  for (let i = start; i < end; i++) {
    const word = words[i];
    if (typeof word === 'object') {
      // A redirection and its target (`> out.json`, `2>&1`): not part of the request.
      i++;
      continue;
    }
    const next = words[i + 1];
    if (/^\d$/.test(word) && typeof next === 'object') continue;
    result.push(word);
  }
  return { words: result, assigned };
}

/** What the command says, read option by option. */
interface CurlRequest {
  method?: string;
  urls: string[];
  headers: [string, string][];
  data: { kind: 'data' | 'raw' | 'urlencode' | 'json'; value: string }[];
  queryParts: string[];
  get: boolean;
  head: boolean;
  upload: boolean;
  bearer?: string;
}

function readOptions(words: readonly string[], builder: Builder): CurlRequest {
  const request: CurlRequest = { urls: [], headers: [], data: [], queryParts: [], get: false, head: false, upload: false };
  const use = (option: string, value: string | undefined): void => {
    if (passwordOptions.has(option)) {
      throw new ImportError(`curl's --${option} is user-and-password or signed authentication, not token authentication: this tool imports commands that send a token (for example -H "Authorization: Bearer …").`);
    }
    switch (option) {
      case 'url': request.urls.push(value!); break;
      case 'request': request.method = value!.toUpperCase(); break;
      case 'header': {
        if (value!.startsWith('@')) {
          builder.note('Headers read from a file (-H @file) are not imported.');
          break;
        }
        const colon = value!.indexOf(':');
        const semicolon = value!.indexOf(';');
        if (colon > 0) {
          const name = value!.slice(0, colon).trim();
          const headerValue = value!.slice(colon + 1).trim();
          // `-H "Name:"` removes a header curl would send: nothing to import.
          if (headerValue !== '') request.headers.push([name, headerValue]);
        } else if (semicolon > 0 && semicolon === value!.length - 1) {
          request.headers.push([value!.slice(0, semicolon).trim(), '']);
        }
        break;
      }
      case 'user-agent': request.headers.push(['User-Agent', value!]); break;
      case 'referer': request.headers.push(['Referer', value!.replace(/;auto$/, '')]); break;
      case 'cookie':
        if (value!.includes('=')) request.headers.push(['Cookie', value!]);
        else builder.note('Cookies read from a file (-b file) are not imported.');
        break;
      case 'data': case 'data-ascii': case 'data-binary':
        if (value!.startsWith('@')) builder.note('A body read from a file (-d @file) is not imported: add its fields to the endpoint\'s body.');
        else request.data.push({ kind: 'data', value: option === 'data-binary' ? value! : value!.replace(/[\r\n]/g, '') });
        break;
      case 'data-raw': request.data.push({ kind: 'raw', value: value! }); break;
      case 'data-urlencode': request.data.push({ kind: 'urlencode', value: value! }); break;
      case 'json':
        if (value!.startsWith('@')) builder.note('A body read from a file (--json @file) is not imported: add its fields to the endpoint\'s body.');
        else request.data.push({ kind: 'json', value: value! });
        break;
      case 'url-query': request.queryParts.push(value!); break;
      case 'get': request.get = true; break;
      case 'head': request.head = true; break;
      case 'upload-file': request.upload = true; builder.note('An uploaded file (-T) is not imported.'); break;
      case 'oauth2-bearer': request.bearer = value!; break;
      case 'form': case 'form-string': builder.note('Multipart form fields (-F) are not imported: the connector sends a JSON or form-encoded body.'); break;
      case 'config': builder.note('A curl config file (-K) is not read.'); break;
      case 'cert': case 'key': case 'cert-type': case 'key-type': case 'pass':
        builder.note('Client certificates (--cert, --key) are not imported: this tool sends a token, not a certificate.');
        break;
      default:
        if (!silentOptions.test(option)) builder.note(/^[a-z0-9][a-z0-9.-]{0,40}$/.test(option) ? `The option --${option} is not imported.` : 'An unknown option is not imported.');
    }
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.startsWith('--') && word.length > 2) {
      let option = word.slice(2);
      let inline: string | undefined;
      const equals = option.indexOf('=');
      // curl takes no `--option=value`, but people write it; only known value options are split.
      if (equals > 0 && valueOptions.has(option.slice(0, equals))) {
        inline = option.slice(equals + 1);
        option = option.slice(0, equals);
      }
      // curl 8.3's --expand-data and friends: the same option, with {{variables}} expanded by curl.
      if (option.startsWith('expand-') && valueOptions.has(option.slice(7))) option = option.slice(7);
      if (option.startsWith('no-') && !valueOptions.has(option)) continue;
      if (valueOptions.has(option)) {
        const value = inline ?? words[++i];
        if (value === undefined) throw new ImportError(`The option --${option} has no value: complete the command.`);
        use(option, value);
      } else {
        use(option, undefined);
      }
    } else if (word.startsWith('-') && word.length > 1 && word !== '-') {
      // Short options may be grouped (`-sSL`); one that takes a value takes the rest of the word, or the next word.
      for (let j = 1; j < word.length; j++) {
        const option = shortOptions[word[j]];
        if (option && valueOptions.has(option)) {
          const value = j + 1 < word.length ? word.slice(j + 1) : words[++i];
          if (value === undefined) throw new ImportError(`The option -${word[j]} has no value: complete the command.`);
          use(option, value);
          break;
        }
        if (option) use(option, undefined);
      }
    } else {
      request.urls.push(word);
    }
  }
  return request;
}

// ---- values ---------------------------------------------------------------------------------------------------------

/** Replaces the documentation placeholders of a non-credential value with `{{key}}` variables (secret when the name says so). */
function fillPlaceholders(value: string, context: PlaceholderContext, builder: Builder): Filled {
  const placeholders = findDocPlaceholders(value, context);
  if (placeholders.length === 0) return { text: value, variables: [] };
  let text = '';
  let from = 0;
  const variables: string[] = [];
  for (const placeholder of placeholders) {
    const key = keyForPlaceholder(placeholder.name);
    const variable = looksLikeSecretName(key) ? builder.secret(key) : builder.plain(key);
    variables.push(variable);
    text += value.slice(from, placeholder.start) + `{{${variable}}}`;
    from = placeholder.end;
  }
  return { text: text + value.slice(from), variables };
}

/** The secret key a carrier's literal token gets: `token` for Authorization and `*token`, `api_key` for `*key` … */
function carrierKey(name: string): string {
  const lower = name.toLowerCase();
  if (/authorization$|token$|bearer$/.test(lower)) return 'token';
  if (/key$/.test(lower)) return 'api_key';
  if (/secret$/.test(lower)) return 'secret';
  if (/password$|passwd$/.test(lower)) return 'password';
  return 'token';
}

/**
 * A credential: a documentation placeholder (`YOUR_TOKEN`, `$TOKEN`, `$(command)`, `xxxx`) becomes a secret variable of
 * that name; anything else is a literal token, kept apart for SecretStorage and replaced by a secret variable.
 */
function credential(value: string, preferredKey: string, builder: Builder): string {
  const trimmed = value.trim();
  const [placeholder] = findDocPlaceholders(trimmed, { singleBraces: true, pathSegments: false });
  if (placeholder && placeholder.start === 0 && placeholder.end === trimmed.length) {
    const key = keyForPlaceholder(placeholder.name);
    // `TOKEN=… curl -H "Authorization: Bearer $TOKEN"`: the value assigned is the literal token.
    const assignedValue = /^[$%]/.test(trimmed) ? builder.assigned.get(placeholder.name) : undefined;
    const literal = assignedValue !== undefined && assignedValue !== '' && !/^[$`]/.test(assignedValue) ? assignedValue : undefined;
    return `{{${builder.secret(looksLikeSecretName(key) || key === preferredKey ? key : preferredKey, literal)}}}`;
  }
  if (/^(?:\$\(.*\)|`.*`)$/s.test(trimmed) || isRedactedValue(trimmed) || trimmed === '') return `{{${builder.secret(preferredKey)}}}`;
  return `{{${builder.secret(preferredKey, trimmed)}}}`;
}

/** Replaces every literal token of a known format in a value with a secret variable. */
function hideLiteralTokens(value: string, isHeader: boolean, builder: Builder): { text: string; hidden: boolean } {
  let text = value;
  let hidden = false;
  for (let found = findCredential(text, isHeader); found && found.literal !== '' && !found.literal.includes('{{'); found = findCredential(text, isHeader)) {
    text = text.split(found.literal).join(`{{${builder.secret('token', found.literal)}}}`);
    hidden = true;
  }
  return { text, hidden };
}

const refusedSchemes = /^(?:basic|digest|ntlm|negotiate|hoba|mutual|aws4-hmac-sha256|scram-sha-1|scram-sha-256|vapid)$/i;

/** An Authorization value: the scheme is kept, the credentials become a secret; password schemes are refused. */
function authorizationValue(value: string, builder: Builder): string {
  const match = /^([A-Za-z][\w.-]*)\s+(\S.*)$/s.exec(value.trim());
  if (match && refusedSchemes.test(match[1])) {
    throw new ImportError(`The command sends Authorization: ${match[1]}, which is not token authentication: this tool imports commands that send a token (for example Authorization: Bearer …).`);
  }
  if (match) return `${match[1]} ${credential(match[2], 'token', builder)}`;
  return credential(value, 'token', builder);
}

/** Cookie names that say the cookie is a session or a credential (`PHPSESSID`, `connect.sid`, `auth_token`). */
const sessionCookieName = /sess|(?:^|[-_.])sid$|auth|token|jwt|login|remember|identity|key|secret|^__(?:Secure|Host)-/i;

/** A Cookie header: each session or credential cookie's value becomes a secret variable named after the cookie. */
function cookieValue(value: string, builder: Builder): { text: string; secret: boolean } {
  let secret = false;
  const text = value.split(';').map((pair) => pair.trim()).filter((pair) => pair !== '').map((pair) => {
    const equals = pair.indexOf('=');
    if (equals <= 0) return pair;
    const name = pair.slice(0, equals).trim();
    const cookie = pair.slice(equals + 1).trim();
    if (!sessionCookieName.test(name) && !looksLikeUnknownKey(name, cookie) && findCredential(cookie) === undefined) return pair;
    secret = true;
    return `${name}=${credential(cookie, keyForPlaceholder(name), builder)}`;
  }).join('; ');
  return { text, secret };
}

/** Whether a header, URL parameter or body field name carries a credential by its name (`appid`: OpenWeather's key). */
function isCredentialName(name: string): boolean {
  return looksLikeSecretName(name) || /^(?:x-)?(?:api-?key|apikey|auth|access-token|auth-token|private-token|appid|hapikey|sig|signature)$/i.test(name);
}

/**
 * A long random-looking value (a key of no known format, `0123456789abcdef…`) under a name that does not say it is an
 * id, a cursor or a page: better a secret variable too many than a key written into the file.
 */
function looksLikeUnknownKey(name: string, value: string): boolean {
  if (/(?:^|[-_.])(?:ids?|cursor|page|next|after|before|etag|hash|sha|version|date|since|until)$|[a-z]Ids?$/i.test(name)) return false;
  const text = value.trim();
  if (text.length < 32 || !/^[A-Za-z0-9._~+/=-]+$/.test(text) || !/\d/.test(text) || !/[A-Za-z]/.test(text)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) || /[a-z]{12}/i.test(text)) return false;
  return true;
}

// ---- URL ----------------------------------------------------------------------------------------------------------

/** The parts of a URL as written (placeholders may stand anywhere, so no WHATWG parsing until they are filled). */
interface UrlText {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
}

function splitUrl(raw: string, builder: Builder): UrlText {
  let url = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    builder.note('The URL has no scheme: the connector uses https://.');
    url = `https://${url.replace(/^\/+/, '')}`;
  }
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i.exec(url)!;
  const scheme = match[1].toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new ImportError(`The command's URL is not http or https: this tool imports HTTP APIs.`);
  if (match[2].includes('@')) {
    throw new ImportError('The URL holds a user name and password, which is not token authentication: this tool imports commands that send a token (for example -H "Authorization: Bearer …").');
  }
  return { scheme, authority: match[2], path: match[3], query: match[4] ?? '' };
}

function isLoopbackHost(authority: string): boolean {
  const host = authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

function decodeQueryComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `a=1&b=2` as key/value pairs, decoded as a form. */
function formPairs(text: string): [string, string][] {
  return text.split('&').filter((part) => part !== '').map((part) => {
    const equals = part.indexOf('=');
    return equals < 0 ? [decodeQueryComponent(part), ''] : [decodeQueryComponent(part.slice(0, equals)), decodeQueryComponent(part.slice(equals + 1))];
  });
}

/** curl's --data-urlencode forms: `content`, `=content`, `name=content`, `@file`, `name@file`. */
function urlencodeData(value: string, builder: Builder): string | undefined {
  const equals = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (equals < 0 || at < equals)) {
    builder.note('A value read from a file (--data-urlencode @file) is not imported.');
    return undefined;
  }
  if (equals < 0) return encodeURIComponent(value);
  const name = value.slice(0, equals);
  const content = encodeURIComponent(value.slice(equals + 1));
  return name === '' ? content : `${name}=${content}`;
}

// ---- naming --------------------------------------------------------------------------------------------------------

const knownHosts: Readonly<Record<string, string>> = {
  airtable: 'Airtable', hubapi: 'HubSpot', hubspot: 'HubSpot', myshopify: 'Shopify', shopify: 'Shopify', 'eva-online': 'EVA', github: 'GitHub',
  notion: 'Notion', stripe: 'Stripe', odoo: 'Odoo', openai: 'OpenAI', gitlab: 'GitLab', slack: 'Slack',
};

/** A connector name from a URL's host: `api.airtable.com` → Airtable. */
function nameFromHost(authority: string): string {
  const labels = authority.replace(/:\d+$/, '').split('.').filter((label) => label !== '' && !label.includes('{{'));
  const meaningful = labels.slice(0, -1).filter((label) => !/^(?:api|www|rest|app|v\d+|gateway|developer|developers|platform)$/i.test(label));
  const label = meaningful[meaningful.length - 1] ?? labels[0] ?? 'API';
  return knownHosts[label.toLowerCase()] ?? label.charAt(0).toUpperCase() + label.slice(1);
}

// ---- the import ---------------------------------------------------------------------------------------------------

const forbiddenHeaders = /^(?:host|content-length|transfer-encoding|connection)$/i;
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const formType = 'application/x-www-form-urlencoded';

/** Imports a curl command as a connector; throws an ImportError (one sentence, no value quoted) when it cannot. */
export function importCurl(command: string, options: CurlImportOptions = {}): CurlImport {
  if (command.trim() === '') throw new ImportError('Give a curl command to import, for example curl https://api.example.com/v1/me -H "Authorization: Bearer YOUR_TOKEN".');
  const { words, assigned } = curlWords(command);
  const builder = new Builder(assigned);
  const request = readOptions(words, builder);
  if (request.urls.length === 0) throw new ImportError('The curl command has no URL: add the URL of the request.');
  if (request.urls.length > 1) builder.note('The command names several URLs: the first one is imported.');
  const url = splitUrl(request.urls[0], builder);

  // Headers: each credential carrier becomes a secret; everything else keeps its value, with documentation placeholders as variables.
  const authHeaders: ParameterJson[] = [];
  const endpointHeaders: ParameterJson[] = [];
  const seenHeaders = new Set<string>();
  let contentType: string | undefined;
  let carrier: 'authorization' | 'header' | 'query' | 'body' | 'cookie' | undefined;
  const noteCarrier = (kind: NonNullable<typeof carrier>): void => {
    carrier ??= kind;
  };
  if (request.bearer !== undefined) {
    authHeaders.push({ key: 'Authorization', value: `Bearer ${credential(request.bearer, 'token', builder)}` });
    seenHeaders.add('authorization');
    noteCarrier('authorization');
  }
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (!headerName.test(name)) {
      builder.note('A header whose name is not a valid HTTP header name is not imported.');
      continue;
    }
    if (forbiddenHeaders.test(name)) {
      builder.note(`The ${name} header is set by the HTTP client itself: it is not imported.`);
      continue;
    }
    if (seenHeaders.has(lower)) {
      builder.note(`The ${name} header is given twice: the first one is imported.`);
      continue;
    }
    seenHeaders.add(lower);
    if (lower === 'content-type') {
      contentType = value;
      continue;
    }
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      authHeaders.push({ key: name, value: authorizationValue(value, builder) });
      noteCarrier('authorization');
    } else if (lower === 'cookie') {
      const cookie = cookieValue(value, builder);
      authHeaders.push({ key: name, value: cookie.text });
      if (cookie.secret) noteCarrier('cookie');
    } else if (isCredentialName(name) || looksLikeUnknownKey(name, value)) {
      authHeaders.push({ key: name, value: credential(value, carrierKey(name), builder) });
      noteCarrier('header');
    } else {
      const hidden = hideLiteralTokens(value, true, builder);
      if (hidden.hidden) noteCarrier('header');
      authHeaders.push({ key: name, value: fillPlaceholders(hidden.text, { singleBraces: true, pathSegments: false }, builder).text });
    }
  }

  // The body: JSON object fields, or form fields; with -G they are URL parameters instead.
  const parts: string[] = [];
  let json = request.data.some((d) => d.kind === 'json');
  for (const data of request.data) {
    if (data.kind === 'urlencode') {
      const encoded = urlencodeData(data.value, builder);
      if (encoded !== undefined) parts.push(encoded);
    } else {
      parts.push(data.value);
    }
  }
  const bodyText = json ? request.data.filter((d) => d.kind === 'json').map((d) => d.value).join('') : parts.join('&');
  const queryText = [url.query, ...request.queryParts, ...(request.get ? [bodyText] : [])].filter((part) => part !== '').join('&');
  const hasBody = request.data.length > 0 && !request.get;
  const authBody: BodyFieldJson[] = [];
  const endpointBody: BodyFieldJson[] = [];
  if (hasBody) {
    const declared = contentType?.split(';')[0].trim().toLowerCase();
    const trimmed = bodyText.trim();
    json ||= declared === 'application/json' || declared?.endsWith('+json') === true || (declared === undefined || declared === formType) && /^[{[]/.test(trimmed);
    if (declared !== undefined && declared !== formType && !json) {
      builder.note(`A ${declared} body is not imported: the connector sends a JSON or form-encoded body.`);
      endpointHeaders.push({ key: 'Content-Type', value: contentType! });
    } else if (json) {
      let parsed: unknown;
      try {
        parsed = trimmed === '' ? {} : JSON.parse(trimmed);
      } catch {
        parsed = undefined;
        builder.note('The request body is not valid JSON: it is not imported; add its fields to the endpoint\'s body.');
      }
      if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
        builder.note('The request body is not a JSON object: it is not imported, since the connector sends body fields.');
      } else if (parsed !== undefined) {
        for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
          const field = bodyField(key, value, builder);
          (field.secret ? authBody : endpointBody).push({ key, value: field.value });
          if (field.secret) noteCarrier('body');
        }
      }
    } else {
      for (const [key, value] of formPairs(bodyText)) {
        const field = bodyField(key, value, builder);
        (field.secret ? authBody : endpointBody).push({ key, value: field.value });
        if (field.secret) noteCarrier('body');
      }
      (authBody.length > 0 ? authHeaders : endpointHeaders).push({ key: 'Content-Type', value: formType });
    }
  }

  // URL parameters: credentials go with the auth method (sent with every request); the rest belong to the endpoint.
  const authParameters: ParameterJson[] = [];
  const endpointParameters: ParameterJson[] = [];
  for (const [key, value] of formPairs(queryText)) {
    if (isCredentialName(key) || looksLikeUnknownKey(key, value)) {
      authParameters.push({ key, value: credential(value, carrierKey(key), builder) });
      noteCarrier('query');
      continue;
    }
    const hidden = hideLiteralTokens(value, false, builder);
    if (hidden.hidden) {
      authParameters.push({ key, value: hidden.text });
      noteCarrier('query');
      continue;
    }
    endpointParameters.push({ key, value: fillPlaceholders(value, { singleBraces: false, pathSegments: false }, builder).text });
  }

  // The URL's host and path: placeholders become variables; a credential there cannot be sent safely.
  const authority = fillPlaceholders(url.authority, { singleBraces: true, pathSegments: false }, builder);
  const path = fillPlaceholders(url.path, { singleBraces: true, pathSegments: true }, builder);
  const inUrl = [...authority.variables, ...path.variables];
  const tokenInPath = url.path.split('/').some((segment) => segment.length >= 24 && /\d/.test(segment) && /[a-z]/.test(segment) && /[A-Z]/.test(segment) && !/[a-z]{12}/i.test(segment));
  if (inUrl.some((key) => builder.variables.get(key)?.secret) || tokenInPath || findCredential(`${url.authority}${url.path}`) !== undefined) {
    throw new ImportError('The URL\'s host or path carries the token, where logs keep it: this tool imports APIs that take the token in a header, URL parameter or body field.');
  }
  let scheme = url.scheme;
  const method = request.method ?? (request.head ? 'HEAD' : request.upload ? 'PUT' : hasBody ? 'POST' : 'GET');
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].includes(method)) {
    throw new ImportError(`The method ${/^[A-Z]{1,16}$/.test(method) ? method : 'of the command'} is not one a connector holds: use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.`);
  }
  const sendsSecret = builder.secrets.length > 0;
  if (scheme === 'http' && sendsSecret && !isLoopbackHost(authority.text)) {
    scheme = 'https';
    builder.note('The command uses http://: the connector uses https://, since a token must not travel in clear text.');
  }
  const base = `${scheme}://${authority.text}${path.text}`;
  if (base.length > 255) throw new ImportError('The URL is longer than the 255 characters a connector URL may have.');

  const name = options.name?.trim() || nameFromHost(url.authority);
  const methodId = carrier === 'header' || carrier === 'query' ? 'api-key' : carrier === 'body' ? 'token-in-body' : carrier === 'cookie' ? 'session-cookie' : 'token';
  const methodName = carrier === 'header' ? 'API key' : carrier === 'query' ? 'API key (query)' : carrier === 'body' ? 'Token in the body' : carrier === 'cookie' ? 'Session cookie' : 'Access token';
  const authStrings = JSON.stringify([base, authHeaders, authParameters, authBody]);
  const endpointStrings = JSON.stringify([endpointHeaders, endpointParameters, endpointBody]);
  const authVariables: VariableJson[] = [];
  const endpointVariables: VariableJson[] = [];
  for (const [key, variable] of builder.variables) {
    const declared: VariableJson = { key, label: variable.label, ...(variable.secret ? { secret: true } : {}), required: true };
    if (authStrings.includes(`{{${key}}}`) || variable.secret) authVariables.push(declared);
    else if (endpointStrings.includes(`{{${key}}}`)) endpointVariables.push(declared);
  }
  // The URL's variables first, as a reader meets them (the store name before the token).
  authVariables.sort((a, b) => Number(!base.includes(`{{${a.key}}}`)) - Number(!base.includes(`{{${b.key}}}`)));

  const authMethod: AuthMethodJson = sendsSecret
    ? {
      id: methodId,
      name: methodName,
      type: 'token',
      ...(method !== 'GET' ? { method } : {}),
      url: base,
      variables: authVariables,
      ...(authHeaders.length > 0 ? { headers: authHeaders } : {}),
      ...(authParameters.length > 0 ? { urlParameters: authParameters } : {}),
      ...(authBody.length > 0 ? { body: authBody } : {}),
    }
    : {
      id: 'public',
      name: 'No authentication',
      type: 'none',
      ...(method !== 'GET' ? { method } : {}),
      url: base,
      ...(authVariables.length > 0 ? { variables: authVariables } : {}),
      ...(authHeaders.length > 0 ? { headers: authHeaders } : {}),
    };
  if (!sendsSecret) builder.note('The command sends no token: the connector has a "none" auth method; add a token method if the API needs one.');
  const endpoint: EndpointJson = {
    name: `${method} ${path.text || '/'}`.slice(0, 255),
    method,
    url: base,
    authentication: [authMethod.id],
    ...(endpointVariables.length > 0 ? { variables: endpointVariables } : {}),
    ...(endpointHeaders.length > 0 ? { headers: endpointHeaders } : {}),
    ...(endpointParameters.length > 0 ? { urlParameters: endpointParameters } : {}),
    ...(endpointBody.length > 0 ? { body: endpointBody } : {}),
  };
  const secrets = builder.secrets.map((secret) => ({ ...secret, method: authMethod.id }));
  return { connector: { name, authentication: [authMethod], endpoints: [endpoint] }, secrets, notes: builder.notes };
}

/** A body field: a credential by its name, else its strings with placeholders as variables and literal tokens hidden. */
function bodyField(key: string, value: unknown, builder: Builder): { value: unknown; secret: boolean } {
  if (typeof value === 'string' && isCredentialName(key)) return { value: credential(value, carrierKey(key), builder), secret: true };
  let secret = false;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const hidden = hideLiteralTokens(node, false, builder);
      secret ||= hidden.hidden;
      return fillPlaceholders(hidden.text, { singleBraces: false, pathSegments: false }, builder).text;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    return node;
  };
  return { value: visit(value), secret };
}
