import { connector } from '../../support/service';
import { withExtraHeaders } from './cases';
import { fake, samples } from './credentialSamples';

/** A document with a literal credential of one kind, the text the diagnostic must cover, and a key part of its message. */
export interface KindFiringCase {
  readonly name: string;
  readonly text: string;
  readonly literal: string;
  readonly message: string;
  /** Whether the diagnostic carries the quick fix that moves the literal into a new secret variable (sent values do). */
  readonly fix: boolean;
}

/** A close document in which nothing is a credential. */
export interface KindCleanCase {
  readonly name: string;
  readonly text: string;
}

/** The cases of one kind of `credentialKinds`. */
export interface KindCases {
  readonly fires: readonly KindFiringCase[];
  readonly clean: readonly KindCleanCase[];
}

/** A header whose name says nothing about its value. */
const neutralHeader = (value: string): string => withExtraHeaders({ key: 'X-Partner-Data', value });
const description = (value: string): string => connector({ endpoint: { description: `Copied from the console: ${value} (old).` } });
const bodyField = (key: string, value: unknown): string => connector({ endpoint: { method: 'POST', body: [{ key, value }] } });

/** A token of a vendor format: it fires under a header whose name gives no hint, with a fix, and in a description. */
function token(literal: string, label: string, nearMiss: string): KindCases {
  return {
    fires: [
      { name: 'under a header whose name gives no hint', text: neutralHeader(literal), literal, message: `This looks like ${label} written into the file: move it into a secret variable`, fix: true },
      { name: "in an endpoint's description", text: description(literal), literal, message: `This looks like ${label} written into the file (in a description): delete it`, fix: false },
    ],
    clean: [{ name: 'a near miss under the same header', text: neutralHeader(nearMiss) }],
  };
}

const s = samples;
const upperDigits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const publicKey = '-----BEGIN PUBLIC KEY-----\n' + fake(alnum, 64, 'public-a') + '\n' + fake(alnum, 60, 'public-b') + '\n-----END PUBLIC KEY-----';
const storage = (key: string): string => `DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey=${key};EndpointSuffix=core.windows.net`;

/** Cases by kind id; rules-credentials.test.ts checks that every kind of `credentialKinds` has both. */
export const credentialKindCases: Readonly<Record<string, KindCases>> = {
  'aws-access-key-id': token(s.awsAccessKeyId, 'an AWS access key ID', 'AKIA' + fake(upperDigits, 15, 'aws-short')),
  'aws-secret-access-key': {
    fires: [
      {
        name: 'beside its name in a body value',
        text: bodyField('credentials', { region: 'eu-west-1', aws_secret_access_key: s.awsSecretAccessKey }),
        literal: s.awsSecretAccessKey,
        message: 'This looks like an AWS secret access key written into the file',
        fix: true,
      },
      { name: "in an endpoint's description", text: description(`aws_secret_access_key=${s.awsSecretAccessKey}`), literal: s.awsSecretAccessKey, message: 'an AWS secret access key written into the file (in a description)', fix: false },
    ],
    clean: [{ name: 'forty base64 characters without the name', text: neutralHeader(s.awsSecretAccessKey) }],
  },
  'google-api-key': token(s.googleApiKey, 'a Google Cloud API key', s.googleApiKey.slice(0, -1)),
  'azure-client-secret': token(s.azureClientSecret, 'an Azure client secret', s.azureClientSecret.replace('Q~', 'Q-')),
  'azure-storage-account-key': {
    fires: [
      { name: 'in a connection string', text: bodyField('connection', storage(s.azureStorageAccountKey)), literal: s.azureStorageAccountKey, message: 'This looks like an Azure storage account key written into the file', fix: true },
      { name: "in an endpoint's description", text: description(storage(s.azureStorageAccountKey)), literal: s.azureStorageAccountKey, message: 'an Azure storage account key written into the file (in a description)', fix: false },
    ],
    clean: [{ name: 'a connection string with a placeholder for the key', text: bodyField('connection', storage('{{account_key}}')).replace('"method": "POST"', '"method": "POST", "variables": [{ "key": "account_key", "secret": true }]') }],
  },
  'github-token': token(s.githubToken, 'a GitHub personal access token', s.githubToken.slice(0, -1)),
  'github-token-in-url': {
    fires: [
      {
        name: 'in a repository URL of a body field',
        text: bodyField('repository', `https://${s.githubOAuth}:x-oauth-basic@github.com/acme/app.git`),
        literal: s.githubOAuth,
        message: 'This looks like a GitHub token in a URL written into the file',
        fix: true,
      },
      { name: "in an endpoint's description", text: description(`https://${s.githubOAuth}:x-oauth-basic@github.com/acme/app.git`), literal: s.githubOAuth, message: 'a GitHub token in a URL written into the file (in a description)', fix: false },
    ],
    clean: [{ name: 'the same URL without a token', text: bodyField('repository', 'https://github.com/acme/app.git') }],
  },
  'gitlab-token': token(s.gitlabToken, 'a GitLab personal access token', s.gitlabToken.slice(0, -2)),
  'npm-access-token': token(s.npmAccessToken, 'an npm access token', s.npmAccessToken.slice(0, -1)),
  'openai-api-key': token(s.openaiApiKey, 'an OpenAI API key', 'sk-' + fake(alnum, 48, 'openai-old')),
  'anthropic-api-key': token(s.anthropicApiKey, 'an Anthropic API key', s.anthropicApiKey.slice(0, 40)),
  'linear-api-key': token(s.linearApiKey, 'a Linear API key', s.linearApiKey.slice(0, 30)),
  'sendgrid-api-key': token(s.sendgridApiKey, 'a SendGrid API key', s.sendgridApiKey.slice(0, -1)),
  'slack-token': token(s.slackToken, 'a Slack token', s.slackToken.replace('xoxb-', 'xoxz-')),
  'slack-webhook': token(s.slackWebhook, 'a Slack incoming webhook URL', 'https://hooks.slack.com/services/'),
  'twilio-api-key': token(s.twilioApiKey, 'a Twilio API key', s.twilioApiKey.slice(0, -1)),
  'mailchimp-api-key': token(s.mailchimpApiKey, 'a Mailchimp API key', s.mailchimpApiKey.slice(1)),
  'stripe-key': token(s.stripeKey, 'a Stripe live secret key', s.stripeKey.replace('sk_', 'pk_')),
  'shopify-token': token(s.shopifyToken, 'a Shopify access token', s.shopifyToken.slice(0, -1)),
  'hubspot-token': token(s.hubspotToken, 'a HubSpot private app token', s.hubspotToken.replace('pat-na1-', 'pat-xx1-')),
  'airtable-token': token(s.airtableToken, 'an Airtable personal access token', s.airtableToken.slice(0, -1)),
  '1password-token': token(s.onePasswordToken, 'a 1Password service account token', 'ops_' + fake(alnum, 120, 'not-json')),
  'private-key': {
    fires: [
      { name: 'in a body field', text: bodyField('signing_key', s.privateKey), literal: s.privateKey.replace(/\n/g, '\\n'), message: 'This looks like a private key written into the file', fix: true },
      { name: "in an endpoint's description", text: description(s.privateKey), literal: s.privateKey.replace(/\n/g, '\\n'), message: 'a private key written into the file (in a description)', fix: false },
    ],
    clean: [{ name: 'a public key', text: bodyField('verification_key', publicKey) }],
  },
  'database-password': {
    fires: [
      {
        name: 'in a connection string of a body field',
        text: bodyField('dsn', `postgres://app:${s.password}@db.example.com:5432/app`),
        literal: s.password,
        message: 'This looks like a password in a PostgreSQL connection string written into the file: move it into a secret variable and reference it as `{{password}}`',
        fix: true,
      },
      { name: "in an endpoint's description", text: description(`mongodb://app:${s.password}@db.example.com/app`), literal: s.password, message: 'a password in a MongoDB connection string written into the file (in a description)', fix: false },
    ],
    clean: [{ name: 'a connection string whose password is a placeholder', text: bodyField('dsn', 'postgres://app:{{db_password}}@db.example.com:5432/app').replace('"method": "POST"', '"method": "POST", "variables": [{ "key": "db_password", "secret": true }]') }],
  },
  'url-password': {
    fires: [
      {
        name: 'in a URL sent in a header',
        text: withExtraHeaders({ key: 'X-Callback', value: `https://alice:${s.password}@hooks.example.com/in` }),
        literal: s.password,
        message: 'This looks like a user name and password in a URL written into the file: move it into a secret variable and reference it as `{{password}}`',
        fix: true,
      },
      { name: "in an endpoint's description", text: description(`https://alice:${s.password}@hooks.example.com/in`), literal: s.password, message: 'a user name and password in a URL written into the file (in a description)', fix: false },
    ],
    clean: [{ name: 'a URL with a user name only', text: withExtraHeaders({ key: 'X-Callback', value: 'https://alice@hooks.example.com/in' }) }],
  },
  jwt: token(s.jwt, 'a JSON Web Token', s.jwt.split('.').slice(1).join('.')),
};
