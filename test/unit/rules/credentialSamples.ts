import { createHash, generateKeyPairSync } from 'node:crypto';

/**
 * Fake credentials of every recognised format, made at run time: the repository holds no string a secret scanner (or a
 * push protection) would take for a real token. Each is random-looking and deterministic, except the private key.
 */

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const digits = '0123456789';
const alnum = upper + upper.toLowerCase() + digits;
const hex = '0123456789abcdef';

/** `length` characters of `alphabet`, derived from `seed`. */
export function fake(alphabet: string, length: number, seed: string): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    for (const byte of createHash('sha256').update(`${seed}:${i}`).digest()) if (out.length < length) out += alphabet[byte % alphabet.length];
  }
  return out;
}

const join = (...parts: string[]): string => parts.join('');

function onePasswordToken(): string {
  const account = {
    signInAddress: 'my.1password.com',
    userAuth: { method: 'SRPg-4096', alg: 'PBES2g-HS256', iterations: 650000, salt: fake(alnum, 22, 'op-salt') },
    email: 'ops@example.com',
    srpX: fake(hex, 64, 'op-srp'),
    muk: { alg: 'A256GCM', ext: true, k: fake(alnum, 43, 'op-k'), key_ops: ['encrypt', 'decrypt'], kty: 'oct', kid: 'mp' },
    secretKey: 'A3-' + fake(upper + digits, 30, 'op-secret'),
    deviceUuid: fake(hex, 26, 'op-device'),
  };
  // A real token's base64 ends on the closing brace alone (`fQ`): pad the JSON until it does.
  let json = JSON.stringify(account);
  while (json.length % 3 !== 1) json = json.replace(/}$/, ' }');
  return join('ops', '_', Buffer.from(json).toString('base64').replace(/=+$/, ''));
}

/** A real private key in PEM, new on each run. */
function privateKey(): string {
  const { privateKey: key } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return key.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
}

/** One fake credential per kind of `credentialKinds`, keyed by kind id. */
export const samples = {
  awsAccessKeyId: join('AK', 'IA', fake(upper + digits, 16, 'aws-id')),
  awsSecretAccessKey: fake(alnum + '+/', 40, 'aws-secret'),
  googleApiKey: join('AI', 'za', fake(alnum + '_-', 35, 'google')),
  azureClientSecret: join(fake(alnum, 3, 'azure-a'), '8Q', '~', fake(alnum + '_~.-', 34, 'azure-b')),
  azureStorageAccountKey: fake(alnum + '+/', 86, 'azure-storage') + '==',
  githubToken: join('gh', 'p_', fake(alnum, 36, 'github')),
  gitlabToken: join('gl', 'pat-', fake(alnum + '_-', 20, 'gitlab')),
  npmAccessToken: join('np', 'm_', fake(alnum, 36, 'npm')),
  openaiApiKey: join('sk-', 'proj-', fake(alnum + '_-', 74, 'openai-a'), 'T3Blbk', 'FJ', fake(alnum + '_-', 74, 'openai-b')),
  anthropicApiKey: join('sk-', 'ant-', 'api03-', fake(alnum + '_-', 93, 'anthropic'), 'AA'),
  linearApiKey: join('lin', '_api_', fake(alnum, 40, 'linear')),
  sendgridApiKey: join('SG', '.', fake(alnum, 22, 'sendgrid-a'), '.', fake(alnum, 43, 'sendgrid-b')),
  slackToken: join('xo', 'xb-', fake(digits, 12, 'slack-a'), '-', fake(digits, 13, 'slack-b'), '-', fake(alnum, 24, 'slack-c')),
  slackWebhook: join('https://hooks.', 'slack.com/services/T', fake(upper + digits, 10, 'hook-a'), '/B', fake(upper + digits, 10, 'hook-b'), '/', fake(alnum, 24, 'hook-c')),
  twilioApiKey: join('S', 'K', fake(hex, 32, 'twilio')),
  mailchimpApiKey: join(fake(hex, 32, 'mailchimp'), '-us', '14'),
  stripeKey: join('sk', '_live_', fake(alnum, 24, 'stripe')),
  shopifyToken: join('shp', 'at_', fake(hex, 32, 'shopify')),
  hubspotToken: join('pat-', 'na1-', fake(hex, 8, 'hs-a'), '-', fake(hex, 4, 'hs-b'), '-', fake(hex, 4, 'hs-c'), '-', fake(hex, 4, 'hs-d'), '-', fake(hex, 12, 'hs-e')),
  airtableToken: join('pat', fake(alnum, 14, 'airtable-a'), '.', fake(hex, 64, 'airtable-b')),
  onePasswordToken: onePasswordToken(),
  privateKey: privateKey(),
  password: fake(alnum, 16, 'password'),
  jwt: join('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0In0', '.', fake(alnum + '_-', 43, 'jwt')),
  githubOAuth: fake(hex, 40, 'x-oauth'),
} as const;
