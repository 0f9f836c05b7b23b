/**
 * Literal credentials: vendor token formats from secretlint's maintained rules (plus the few formats its Node 20 line
 * lacks), and the text checks that tell a token from a word. Pure functions over text, shared by the rules.
 */
import { rules as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import { creator as gitlabRule } from '@secretlint/secretlint-rule-gitlab';

/** Where the knowledge of a credential format comes from. */
export type CredentialSource = 'secretlint' | 'connector';

/** A kind of literal credential the detector recognises, named the way messages name it. */
export interface CredentialKind {
  readonly id: string;
  /** What a message calls it: "an npm access token". Some findings name a narrower kind ("a Stripe restricted key"). */
  readonly label: string;
  readonly source: CredentialSource;
  /** The secretlint rule (package name) that reports it, or the documentation of the format for our own patterns. */
  readonly origin: string;
}

/** A literal credential in a text: its kind, what to call it, and its offsets [start, end) in that text. */
export interface CredentialFinding {
  readonly kind: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

function kind(id: string, label: string, source: CredentialSource, origin: string): CredentialKind {
  return { id, label, source, origin };
}

const secretlint = (rule: string): string => `@secretlint/secretlint-rule-${rule}`;

/** Every credential format the detector recognises, in the README's order. */
export const credentialKinds: readonly CredentialKind[] = [
  kind('aws-access-key-id', 'an AWS access key ID', 'secretlint', secretlint('aws')),
  kind('aws-secret-access-key', 'an AWS secret access key', 'secretlint', secretlint('aws')),
  kind('google-api-key', 'a Google Cloud API key', 'connector', 'https://cloud.google.com/docs/authentication/api-keys'),
  kind('azure-client-secret', 'an Azure client secret', 'connector', 'https://learn.microsoft.com/purview/sit-defn-azure-ad-client-secret'),
  kind('azure-storage-account-key', 'an Azure storage account key', 'connector', 'https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string'),
  kind('github-token', 'a GitHub token', 'secretlint', secretlint('github')),
  kind('github-token-in-url', 'a GitHub token in a URL', 'secretlint', secretlint('npm')),
  kind('gitlab-token', 'a GitLab personal access token', 'secretlint', secretlint('gitlab')),
  kind('npm-access-token', 'an npm access token', 'secretlint', secretlint('npm')),
  kind('openai-api-key', 'an OpenAI API key', 'secretlint', secretlint('openai')),
  kind('anthropic-api-key', 'an Anthropic API key', 'secretlint', secretlint('anthropic')),
  kind('linear-api-key', 'a Linear API key', 'secretlint', secretlint('linear')),
  kind('sendgrid-api-key', 'a SendGrid API key', 'secretlint', secretlint('sendgrid')),
  kind('slack-token', 'a Slack token', 'secretlint', secretlint('slack')),
  kind('slack-webhook', 'a Slack incoming webhook URL', 'secretlint', secretlint('slack')),
  kind('twilio-api-key', 'a Twilio API key', 'connector', 'https://www.twilio.com/docs/iam/api-keys'),
  kind('mailchimp-api-key', 'a Mailchimp API key', 'connector', 'https://mailchimp.com/developer/marketing/guides/quick-start/'),
  kind('stripe-key', 'a Stripe secret key', 'connector', 'https://docs.stripe.com/keys'),
  kind('shopify-token', 'a Shopify access token', 'secretlint', secretlint('shopify')),
  kind('hubspot-token', 'a HubSpot private app token', 'connector', 'https://developers.hubspot.com/docs/api/private-apps'),
  kind('airtable-token', 'an Airtable personal access token', 'connector', 'https://airtable.com/developers/web/guides/personal-access-tokens'),
  kind('1password-token', 'a 1Password service account token', 'secretlint', secretlint('1password')),
  kind('private-key', 'a private key', 'secretlint', secretlint('privatekey')),
  kind('database-password', 'a password in a database connection string', 'secretlint', secretlint('database-connection-string')),
  kind('url-password', 'a user name and password in a URL', 'secretlint', secretlint('basicauth')),
  kind('jwt', 'a JSON Web Token', 'connector', 'https://www.rfc-editor.org/rfc/rfc7519'),
];

const labelOf = new Map(credentialKinds.map((k) => [k.id, k.label]));

// ---- secretlint's rules, run without @secretlint/core --------------------------------------------------------------

/** The part of a secretlint rule this module uses (secretlint's `SecretLintRuleCreator`). */
interface SecretlintRule {
  readonly meta: { readonly id: string };
  create(context: SecretlintContext, options: Readonly<Record<string, unknown>>): { file?(source: SecretlintSource): unknown };
}

/** The part of secretlint's rule context the scanner rules call. */
interface SecretlintContext {
  createTranslator(messages: unknown): (messageId: string, props?: unknown) => string;
  report(descriptor: { readonly message: string; readonly range: readonly number[] }): void;
  ignore(): void;
}

/** The source a rule scans: secretlint's `SecretLintSourceCode` for a text without a file. */
interface SecretlintSource {
  readonly content: string;
  readonly contentType: 'text';
  readonly ext: string;
  readonly filePath?: string;
}

function isSecretlintRule(value: unknown): value is SecretlintRule {
  const candidate = value as Partial<SecretlintRule> | undefined;
  return typeof candidate?.create === 'function' && typeof candidate.meta?.id === 'string';
}

/**
 * The scanner rules used. The GCP rule reads only `.p12` and `.json` files as a whole (a service account key file) and
 * filter-comments handles `secretlint-disable` comments: neither applies to strings inside a connector.
 */
const scannerRules: readonly SecretlintRule[] = ([...recommendedRules, gitlabRule] as readonly unknown[])
  .filter(isSecretlintRule)
  .filter((rule) => !rule.meta.id.endsWith('-gcp') && !rule.meta.id.endsWith('-filter-comments'));

/**
 * Options per rule. The AWS rule looks for access key IDs only when asked to, and then also for account IDs (which are
 * no secret, and whose pattern costs more than all the other rules together): it is asked only when the text holds a
 * word shaped like an access key ID.
 */
function ruleOptions(ruleId: string, text: string): Readonly<Record<string, unknown>> {
  return ruleId === secretlint('aws') ? { enableIDScanRule: /\bA[A-Z0-9]{19}\b/.test(text) } : {};
}

const githubLabels: Readonly<Record<string, string>> = {
  ghp: 'a GitHub personal access token',
  gho: 'a GitHub OAuth access token',
  ghu: 'a GitHub user-to-server token',
  ghs: 'a GitHub server-to-server token',
  ghr: 'a GitHub refresh token',
  github_pat: 'a GitHub fine-grained personal access token',
};
const shopifyLabels: Readonly<Record<string, string>> = {
  shpat: 'a Shopify access token',
  shpca: 'a Shopify custom app access token',
  shppa: 'a Shopify private app password',
  shpss: 'a Shopify app shared secret',
};

type Refine = (text: string, start: number, end: number) => CredentialFinding | undefined;

function found(kindId: string, start: number, end: number, label = labelOf.get(kindId) ?? 'a credential'): CredentialFinding {
  return { kind: kindId, label, start, end };
}

/** The password of `scheme://user:password@host` inside [start, end), which is what the finding underlines. */
function userinfoPassword(kindId: string, label: string): Refine {
  return (text, start, end) => {
    const authority = text.indexOf('://', start) + 3;
    const colon = text.indexOf(':', authority);
    const at = colon < 0 ? -1 : text.indexOf('@', colon);
    return authority >= 3 && colon >= 0 && at > colon && at <= end ? found(kindId, colon + 1, at, label) : undefined;
  };
}

/** How each secretlint report becomes a finding, by rule and message id; a report not listed here is dropped. */
const secretlintReports: Readonly<Partial<Record<string, Refine>>> = {
  'aws/AWSAccessKeyID': (_text, start, end) => found('aws-access-key-id', start, end),
  // The rule reports the 40 characters from the start of `aws_secret_access_key=…`: find the key after the name.
  'aws/AWSSecretAccessKey': (text, start) => {
    const key = /(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})/y;
    for (let at = start; at < Math.min(text.length, start + 256); at++) {
      key.lastIndex = at;
      const match = key.exec(text);
      if (match) return found('aws-secret-access-key', match.index + match[0].length - 40, match.index + match[0].length);
    }
    return undefined;
  },
  'npm/NPM_ACCESS_TOKEN': (_text, start, end) => found('npm-access-token', start, end),
  // The rule reports the token's length from the start of `https://TOKEN:x-oauth-basic@github.com/`.
  'npm/PackageJSON_xOauthToken': (text, start, end) => {
    const token = text.indexOf('://', start) + 3;
    return token >= 3 ? found('github-token-in-url', token, token + (end - start)) : undefined;
  },
  'basicauth/BasicAuth': (text, start, end) => {
    const password = userinfoPassword('url-password', 'a user name and password in a URL')(text, start, end);
    // `TOKEN:x-oauth-basic@github.com` is the npm rule's GitHub token: its fixed password is no secret.
    return password && text.slice(password.start, password.end) !== 'x-oauth-basic' ? password : undefined;
  },
  'slack/SLACK_TOKEN': (_text, start, end) => found('slack-token', start, end),
  'slack/IncomingWebhook': (_text, start, end) => found('slack-webhook', start, end),
  'sendgrid/SENDGRID_KEY': (_text, start, end) => found('sendgrid-api-key', start, end),
  'shopify/SHOPIFY_KEY': (text, start, end) => found('shopify-token', start, end, shopifyLabels[text.slice(start, start + 5)]),
  'github/GITHUB_TOKEN': (text, start, end) => {
    const prefix = text.slice(start, start + 10) === 'github_pat' ? 'github_pat' : text.slice(start, start + 3);
    return found('github-token', start, end, githubLabels[prefix]);
  },
  'openai/OPENAI_TOKEN': (_text, start, end) => found('openai-api-key', start, end),
  'anthropic/ANTHROPIC_API_KEY': (_text, start, end) => found('anthropic-api-key', start, end),
  'linear/LINEAR_API_TOKEN': (_text, start, end) => found('linear-api-key', start, end),
  '1password/OPS_TOKEN': (_text, start, end) => found('1password-token', start, end),
  'privatekey/PrivateKey': (_text, start, end) => found('private-key', start, end),
  'database-connection-string/MongoDBConnection': userinfoPassword('database-password', 'a password in a MongoDB connection string'),
  'database-connection-string/MySQLConnection': userinfoPassword('database-password', 'a password in a MySQL connection string'),
  'database-connection-string/PostgreSQLConnection': userinfoPassword('database-password', 'a password in a PostgreSQL connection string'),
  'gitlab/GITLAB_PERSONAL_ACCESS_TOKEN': (_text, start, end) => found('gitlab-token', start, end),
};

/** Runs every scanner rule over the text; the rules' own messages (which quote the token) are never built. */
function secretlintFindings(text: string, findings: CredentialFinding[]): void {
  const source: SecretlintSource = { content: text, contentType: 'text', ext: '' };
  for (const rule of scannerRules) {
    const ruleName = rule.meta.id.replace('@secretlint/secretlint-rule-', '');
    const context: SecretlintContext = {
      // The translator returns the message id: it says what was found, and no message with the token is made.
      createTranslator: () => (messageId) => messageId,
      report: ({ message, range }) => {
        const refine = secretlintReports[`${ruleName}/${message}`];
        const finding = refine && typeof range[0] === 'number' && typeof range[1] === 'number' ? refine(text, range[0], range[1]) : undefined;
        if (finding) findings.push(finding);
      },
      ignore: () => undefined,
    };
    try {
      rule.create(context, ruleOptions(rule.meta.id, text)).file?.(source);
    } catch {
      // A rule that fails on odd input finds nothing there; the other rules still run.
    }
  }
}

// ---- formats secretlint's Node 20 line does not know -----------------------------------------------------------------

const stripeLabels: Readonly<Record<string, string>> = {
  sk_live: 'a Stripe live secret key',
  sk_test: 'a Stripe test secret key',
  rk_live: 'a Stripe live restricted key',
  rk_test: 'a Stripe test restricted key',
};

/**
 * Our own patterns, only for formats no secretlint rule of the 11.x line covers (Stripe and GitLab rules arrive in
 * secretlint 13, which needs Node 22): each follows the vendor's documented format (see `credentialKinds`). Each has an
 * anchor, a short literal that every such token holds `offset` characters after its start; one pass over the text
 * finds the anchors, and the whole pattern is tried only there.
 */
const ownPatterns: ReadonlyArray<{ readonly kind: string; readonly anchor: string; readonly offset: number; readonly pattern: string }> = [
  { kind: 'google-api-key', anchor: 'AIza', offset: 0, pattern: '(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])' },
  { kind: 'azure-client-secret', anchor: '\\dQ~', offset: 3, pattern: '(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])' },
  // The key alone, after its name.
  { kind: 'azure-storage-account-key', anchor: 'AccountKey=', offset: -'AccountKey='.length, pattern: '(?<=AccountKey=)[A-Za-z0-9+/]{86}==' },
  { kind: 'twilio-api-key', anchor: 'SK', offset: 0, pattern: '(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])' },
  { kind: 'mailchimp-api-key', anchor: '-us\\d', offset: 32, pattern: '(?<![A-Za-z0-9])[0-9a-f]{32}-us[0-9]{1,2}(?![A-Za-z0-9])' },
  { kind: 'stripe-key', anchor: '[sr]k_(?:live|test)_', offset: 0, pattern: '(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,99}(?![A-Za-z0-9])' },
  { kind: 'hubspot-token', anchor: 'pat-', offset: 0, pattern: '(?<![A-Za-z0-9])pat-(?:na|eu|ap)\\d{1,2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9])' },
  { kind: 'airtable-token', anchor: 'pat[A-Za-z0-9]', offset: 0, pattern: '(?<![A-Za-z0-9])pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}(?![A-Za-z0-9])' },
  // Bounded: `-` is in the class, so an unbounded part would rescan the rest of a long text from every `eyJ`.
  { kind: 'jwt', anchor: 'eyJ', offset: 0, pattern: '(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2048}\\.eyJ[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{0,2048}' },
];

function ownFindings(text: string, findings: CredentialFinding[]): void {
  // Made per call, so that no regular expression (and its position) outlives the scan.
  const formats = ownPatterns.map((format) => ({ ...format, anchorAt: new RegExp(format.anchor, 'y'), match: new RegExp(format.pattern, 'y') }));
  for (const anchor of text.matchAll(new RegExp(ownPatterns.map((format) => format.anchor).join('|'), 'g'))) {
    for (const format of formats) {
      format.anchorAt.lastIndex = anchor.index;
      const start = anchor.index - format.offset;
      if (start < 0 || !format.anchorAt.test(text)) continue;
      format.match.lastIndex = start;
      const match = format.match.exec(text);
      if (!match) continue;
      const label = format.kind === 'stripe-key' ? stripeLabels[match[0].slice(0, 7)] : undefined;
      findings.push(found(format.kind, start, start + match[0].length, label));
    }
  }
}

/** A documentation stand-in rather than a credential: the end of it is one or two characters repeated (`ghp_xxxx…`). */
function isStandIn(literal: string): boolean {
  return new Set(literal.slice(-16)).size <= 2;
}

/**
 * Every literal credential of a known format in a text, in order, without overlaps. The text is scanned as a whole
 * (secretlint's rules are written for whole files), so a finding's offsets are the text's own.
 */
export function findCredentials(text: string): CredentialFinding[] {
  const all: CredentialFinding[] = [];
  secretlintFindings(text, all);
  ownFindings(text, all);
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: CredentialFinding[] = [];
  let reached = -1;
  for (const finding of all) {
    const literal = text.slice(finding.start, finding.end);
    // A placeholder is no credential (the npm rule's `https://{{token}}:x-oauth-basic@github.com/` would count it).
    if (finding.start < reached || finding.end <= finding.start || isStandIn(literal) || literal.includes('{{')) continue;
    result.push(finding);
    reached = finding.end;
  }
  return result;
}

/** Finds credentials in documents a chunk at a time, and remembers each document's chunks for its next scan. */
export interface CredentialScanner {
  /**
   * `findCredentials(text)` for the document `key`, where the chunks of text that have not changed since the last scan of
   * that document are not scanned again: typing rescans one chunk, not the file. `multiline` are ranges (block comments)
   * that may hold a token over several lines; they are scanned whole.
   */
  scan(key: object, text: string, multiline: ReadonlyArray<readonly [number, number]>): CredentialFinding[];
}

/** Chunks end at the first line break after this many characters: tokens do not span lines, except in block comments. */
const chunkLength = 32 * 1024;

/** Creates a scanner whose memory of each document lasts as long as the document object (a WeakMap, no module state). */
export function createCredentialScanner(): CredentialScanner {
  const documents = new WeakMap<object, Map<string, readonly CredentialFinding[]>>();
  return {
    scan(key, text, multiline) {
      const previous = documents.get(key);
      const chunks = new Map<string, readonly CredentialFinding[]>();
      const all: CredentialFinding[] = [];
      const scanPart = (start: number, end: number): void => {
        const part = text.slice(start, end);
        let found = chunks.get(part) ?? previous?.get(part);
        if (!found) found = findCredentials(part);
        chunks.set(part, found);
        for (const finding of found) all.push({ ...finding, start: finding.start + start, end: finding.end + start });
      };
      // A chunk ends at a line break found from its own start, so after a keystroke the chunks that follow line up again.
      for (let start = 0; start < text.length;) {
        const lineBreak = text.indexOf('\n', start + chunkLength);
        const end = lineBreak < 0 ? text.length : lineBreak + 1;
        scanPart(start, end);
        start = end;
      }
      for (const [start, end] of multiline) scanPart(start, end);
      documents.set(key, chunks);
      if (multiline.length === 0) return all;
      // A block comment's findings are also its chunks': keep each once.
      all.sort((a, b) => a.start - b.start || b.end - a.end);
      const result: CredentialFinding[] = [];
      for (const finding of all) if (result.length === 0 || finding.start >= result[result.length - 1].end) result.push(finding);
      return result;
    },
  };
}

// ---- telling a token from a word -----------------------------------------------------------------------------------

/** A literal that looks like a token rather than a word: no spaces or braces, and letters mixed with digits or very long. */
export function looksLikeToken(literal: string): boolean {
  return /^[^\s{}]{8,}$/.test(literal) && ((/\d/.test(literal) && /[A-Za-z]/.test(literal)) || literal.length >= 24) && !isPlaceholderText(literal);
}

/** Text that stands for a credential in documentation: `<token>`, `$TOKEN`, `YOUR_API_KEY`, `xxxxxxxx`, `changeme`. */
export function isPlaceholderText(literal: string): boolean {
  return /^(?:<[^<>]*>|\$\{?\w+\}?|%\w+%|\[[^[\]]*\]|\{[^{}]*\})$/.test(literal)
    || /^(?:your|my|insert|replace|enter|put|example|sample|dummy|fake|placeholder)(?:[-_.]|$)/i.test(literal)
    || /(?:^|[-_.])(?:here|placeholder|example|redacted|changeme|goes[-_]?here)$/i.test(literal)
    || /^(?:changeme|undefined|null|none|secret|password|token|bearer)$/i.test(literal)
    || new Set(literal.replace(/[-_.]/g, '')).size <= 2;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A word of an identifier: lower, Capitalised, UPPER or camelCase letters with at most two digits, a short number, `v2`. */
const wordSegment = /^(?:[A-Za-z][a-z]*(?:[A-Z][a-z]+)*\d{0,2}|[A-Z]+\d{0,2}|\d{1,8}|[A-Za-z]\d{1,3})$/;

/** An identifier, a path or a version made of words (`refresh_token_2`, `orders/2024/q1`, `created_at_desc`): not random. */
function isMadeOfWords(literal: string): boolean {
  const segments = literal.split(/[-_.:/+]+/).filter((s) => s !== '');
  return segments.length > 0 && segments.every((segment) => wordSegment.test(segment));
}

/**
 * A literal that looks like a secret where the carrier's name only hints at one (`*key*`, `*session*` …): long, no spaces,
 * random-looking rather than made of words, and none of the things such carriers also hold — a placeholder, a UUID-like
 * request id, a URL or path, a media type, a date, a data URI (a base64 image).
 */
export function looksLikeSecret(literal: string, options: { allowUuid?: boolean; minLength?: number } = {}): boolean {
  if (literal.length < (options.minLength ?? 16) || literal.length > 8192 || /[\s{}]/.test(literal)) return false;
  if (!/[A-Za-z]/.test(literal) || !(/\d/.test(literal) || (/[a-z]/.test(literal) && /[A-Z]/.test(literal)))) return false;
  if (!options.allowUuid && uuid.test(literal)) return false;
  if (/^(?:data:|[a-z][a-z0-9+.-]*:\/\/|\/)/i.test(literal) || /^[\w.+-]+\/[\w.+-]+$/.test(literal)) return false;
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(literal)) return false;
  return !isMadeOfWords(literal) && !isPlaceholderText(literal);
}

// ---- context: what a carrier's name says ----------------------------------------------------------------------------

/** Names of headers and parameters that are a credential's own (whole names, so `token_type_hint` is not one). */
const credentialName = /^(?:x-?api-?key|api[-_]?key|apikey|key|(?:x-)?(?:auth|access|private|api|session)[-_]?token|token|(?:client[-_]?)?secret|password|passwd|x-shopify-access-token)$/i;
/** Words that make a name hint at a credential. */
const credentialWord = /key|token|secret|auth|signature|passw|pwd|session|credential/i;
/** Words that make such a name describe a credential (its type, expiry, page cursor …) rather than carry one. */
const describingWord = /type|hint|method|version|mode|scheme|algorithm|expir|ttl|timeout|length|format|url|uri|endpoint|page|cursor|next|continuation|sync|idempot|request|correlation|trace|nonce|name|header|sort|count|size|limit|author(?!i[sz])/i;

/** What a header's or parameter's name says about its value. */
export type CarrierName = 'authorization' | 'cookie' | 'credential' | 'hint' | 'other';

/** Classifies a header, URL parameter or body field name. */
export function carrierName(name: string): CarrierName {
  if (/^(?:proxy-)?authorization$/i.test(name)) return 'authorization';
  if (/^cookie$/i.test(name)) return 'cookie';
  if (credentialName.test(name)) return 'credential';
  if (!credentialWord.test(name)) return 'other';
  // `session_id` is a session; `client_id` and `key_id` name what the credential belongs to.
  const describes = describingWord.test(name) || (/(?:^|[-_])id$|[a-z]Id$/.test(name) && !/sess/i.test(name));
  return describes ? 'other' : 'hint';
}

/** Cookie names that say the cookie is a session (`PHPSESSID`, `connect.sid`, `auth_token`, `remember_me` …). */
export const sessionCookieName = /sess|(?:^|[-_.])sid$|auth|token|jwt|login|remember|identity|^__(?:Secure|Host)-/i;

/**
 * Query parameters written out in full (`?api_key=…`, `&signature=…`) whose name makes their literal value a credential,
 * anywhere in a text: in a request URL, a URL a body sends, or a description.
 */
export function findQueryCredentials(text: string): CredentialFinding[] {
  const found: CredentialFinding[] = [];
  const parameter = /([^=&#\s"'\\{}]{1,64})=([^&#\s"'\\{}<>]{1,512})/y;
  // `?` and `&` are rare in a connector: look only after them (a pattern starting with `[?&]` would try every character).
  for (const mark of ['?', '&']) {
    for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
      parameter.lastIndex = at + 1;
      const match = parameter.exec(text);
      if (!match) continue;
      const name = carrierName(match[1]);
      if ((name === 'credential' && looksLikeToken(match[2])) || (name === 'hint' && looksLikeSecret(match[2]))) {
        const start = at + 2 + match[1].length;
        found.push({ kind: 'query-credential', label: 'a literal credential in a query string', start, end: start + match[2].length });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The first literal credential in a short text, for masking text a message quotes; a scheme and literal counts only in a header. */
export function findCredential(value: string, isHeader = false): { label: string; literal: string } | undefined {
  const [format] = findCredentials(value);
  if (format) return { label: format.label, literal: value.slice(format.start, format.end) };
  const [query] = findQueryCredentials(value);
  if (query) return { label: query.label, literal: value.slice(query.start, query.end) };
  // `Basic membership` in a body is prose; a scheme followed by a literal is a credential only in a header.
  const scheme = isHeader ? /\b(Bearer|Basic|Token)\s+(?!\{\{)([A-Za-z0-9._~+/=-]{8,})/i.exec(value) : null;
  if (scheme && looksLikeToken(scheme[2])) return { label: `a literal \`${scheme[1]}\` credential`, literal: scheme[2] };
  return undefined;
}
