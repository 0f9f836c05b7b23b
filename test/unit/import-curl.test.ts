import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { connectorText, ImportError, importCurl, singleLineCommand, type CurlImport } from '../../client/src/importers';
import { connectorDocument, service } from '../support/service';
import { tokenForms } from '../support/tokens';

// Literal tokens are built at run time, so that no scanner takes this file for a leak.
const hubspotToken = ['pat', 'na1', 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'].join('-');
const stripeKey = ['sk', 'test', '51HxYzAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFGH'].join('_');
const githubToken = ['ghp', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'].join('_');
const slackToken = ['xoxb', '1234567890', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const odooKey = '6578616d706c65206a736f6e20617069206b6579';
const weatherKey = '0123456789abcdef0123456789abcdef';
const plainKey = 'k3y-Zq81mPx4Lr2Vw9Ts6Yb0Nc7Hd5Jf';

/** Imports a command and checks what every import must be: lint clean, and no literal token in any output. */
async function imported(command: string, name?: string): Promise<CurlImport & { text: string }> {
  const result = importCurl(command, { name });
  const text = connectorText(result.connector);
  const diagnostics = await service().validate(connectorDocument(text));
  assert.deepEqual(diagnostics.filter((d) => d.severity === 1).map((d) => `${String(d.code)}: ${d.message}`), [], `lint errors in:\n${text}`);
  for (const secret of result.secrets) {
    if (secret.literal === undefined) continue;
    for (const [form, value] of Object.entries(tokenForms(secret.literal))) {
      if (value.length < 8) continue;
      assert.ok(!text.includes(value), `the ${form} form of a literal token is in the connector:\n${text}`);
      assert.ok(!result.notes.join('\n').includes(value), `the ${form} form of a literal token is in a note`);
    }
  }
  return { ...result, text };
}

/** The one auth method and endpoint of an import. */
function parts(result: CurlImport): { method: CurlImport['connector']['authentication'][number]; endpoint: CurlImport['connector']['endpoints'][number] } {
  assert.equal(result.connector.authentication.length, 1);
  assert.equal(result.connector.endpoints.length, 1);
  return { method: result.connector.authentication[0], endpoint: result.connector.endpoints[0] };
}

function refusal(command: string): string {
  try {
    importCurl(command);
  } catch (error) {
    assert.ok(error instanceof ImportError, `an ImportError, not ${String(error)}`);
    assert.match(error.message, /^[^\n]+[.)]$/, 'one sentence');
    return error.message;
  }
  assert.fail('the command was imported');
}

describe('import curl: documentation examples', () => {
  it('Airtable: a bearer placeholder becomes a secret variable, the command is the check and the endpoint', async () => {
    const result = await imported(`curl https://api.airtable.com/v0/meta/whoami \\
-H "Authorization: Bearer YOUR_TOKEN"`);
    assert.deepEqual(result.connector, {
      name: 'Airtable',
      authentication: [{
        id: 'token',
        name: 'Access token',
        type: 'token',
        url: 'https://api.airtable.com/v0/meta/whoami',
        variables: [{ key: 'token', label: 'Token', secret: true, required: true }],
        headers: [{ key: 'Authorization', value: 'Bearer {{token}}' }],
      }],
      endpoints: [{ name: 'GET /v0/meta/whoami', method: 'GET', url: 'https://api.airtable.com/v0/meta/whoami', authentication: ['token'] }],
    });
    assert.deepEqual(result.secrets, [{ method: 'token', key: 'token', literal: undefined }]);
    assert.deepEqual(result.notes, []);
    assert.deepEqual(await service().validate(connectorDocument(result.text)), [], 'not even a warning');
  });

  it('HubSpot: a literal private app token is kept apart for SecretStorage, never in the connector', async () => {
    const result = await imported(`curl --request GET \\
  --url 'https://api.hubapi.com/account-info/2026-03/details' \\
  --header 'authorization: Bearer ${hubspotToken}'`);
    const { method } = parts(result);
    assert.deepEqual(method.headers, [{ key: 'authorization', value: 'Bearer {{token}}' }]);
    assert.deepEqual(result.secrets, [{ method: 'token', key: 'token', literal: hubspotToken }]);
    assert.equal(result.connector.name, 'HubSpot');
  });

  it('Shopify: {shop} in the host becomes a variable, {access_token} a secret; X-Shopify-Access-Token keeps no Bearer', async () => {
    const result = await imported(`curl -X GET \\
  https://{shop}.myshopify.com/admin/api/2026-01/shop.json \\
  -H 'Content-Type: application/json' \\
  -H 'X-Shopify-Access-Token: {access_token}'`);
    const { method, endpoint } = parts(result);
    assert.equal(method.url, 'https://{{shop}}.myshopify.com/admin/api/2026-01/shop.json');
    assert.deepEqual(method.headers, [{ key: 'X-Shopify-Access-Token', value: '{{access_token}}' }]);
    assert.deepEqual(method.variables, [
      { key: 'shop', label: 'Shop', required: true },
      { key: 'access_token', label: 'Access token', secret: true, required: true },
    ]);
    assert.equal(endpoint.url, method.url);
    assert.equal(result.connector.name, 'Shopify');
  });

  it('Odoo 19 JSON-2: lower-case bearer kept, the body\'s fields go to the endpoint, `%deco%` stays a LIKE pattern', async () => {
    const result = await imported(`curl -X POST https://mycompany.example.com/json/2/res.partner/search_read \\
    -H "Authorization: bearer ${odooKey}" \\
    -H "X-Odoo-Database: mycompany" \\
    -H "Content-Type: application/json; charset=utf-8" \\
    -d '{"context": {"lang": "en_US"}, "domain": [["name", "ilike", "%deco%"], ["is_company", "=", true]], "fields": ["name"]}'`, 'Odoo');
    const { method, endpoint } = parts(result);
    assert.equal(method.method, 'POST');
    assert.deepEqual(method.headers, [{ key: 'Authorization', value: 'bearer {{token}}' }, { key: 'X-Odoo-Database', value: 'mycompany' }]);
    assert.deepEqual(endpoint.body, [
      { key: 'context', value: { lang: 'en_US' } },
      { key: 'domain', value: [['name', 'ilike', '%deco%'], ['is_company', '=', true]] },
      { key: 'fields', value: ['name'] },
    ]);
    assert.deepEqual(result.secrets, [{ method: 'token', key: 'token', literal: odooKey }]);
  });

  it('EVA: `<token>` becomes a secret; EVA-User-Agent stays with the auth method; the POST check sends {}', async () => {
    const result = await imported(`curl -X POST 'https://api.euw.newblack.test.eva-online.cloud/message/GetCurrentUser' \\
  -H 'Authorization: Bearer <token>' \\
  -H 'EVA-User-Agent: MyConnector/1.0' \\
  -H 'Content-Type: application/json' \\
  -d '{}'`, 'EVA');
    const { method, endpoint } = parts(result);
    assert.equal(method.method, 'POST');
    assert.deepEqual(method.headers, [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'EVA-User-Agent', value: 'MyConnector/1.0' }]);
    assert.equal(endpoint.body, undefined);
  });

  it('GitHub: <YOUR-TOKEN> is the secret; OWNER and REPO in the path become variables', async () => {
    const result = await imported(`curl -L \\
  -H "Accept: application/vnd.github+json" \\
  -H "Authorization: Bearer <YOUR-TOKEN>" \\
  -H "X-GitHub-Api-Version: 2022-11-28" \\
  https://api.github.com/repos/OWNER/REPO/issues`);
    const { method } = parts(result);
    assert.equal(method.url, 'https://api.github.com/repos/{{owner}}/{{repo}}/issues');
    assert.deepEqual(method.variables?.map((v) => [v.key, v.secret === true]), [['owner', false], ['repo', false], ['token', true]]);
    assert.equal(result.connector.name, 'GitHub');
  });

  it('GitHub: --oauth2-bearer with a literal token is a bearer token like any other', async () => {
    const result = await imported(`curl --oauth2-bearer ${githubToken} https://api.github.com/user`);
    assert.deepEqual(parts(result).method.headers, [{ key: 'Authorization', value: 'Bearer {{token}}' }]);
    assert.equal(result.secrets[0].literal, githubToken);
  });

  it('Notion: the \'"$NOTION_API_KEY"\' concatenation is one word and one secret named after the variable', async () => {
    const result = await imported(`curl 'https://api.notion.com/v1/users' \\
  -H 'Authorization: Bearer '"$NOTION_API_KEY"'' \\
  -H "Notion-Version: 2026-03-11"`);
    const { method } = parts(result);
    assert.deepEqual(method.headers, [{ key: 'Authorization', value: 'Bearer {{notion_api_key}}' }, { key: 'Notion-Version', value: '2026-03-11' }]);
    assert.deepEqual(result.secrets, [{ method: 'token', key: 'notion_api_key', literal: undefined }]);
  });

  it('Stripe-style: a literal secret key in Bearer, form fields with -d in the endpoint\'s form-encoded body', async () => {
    const result = await imported(`curl https://api.stripe.com/v1/customers \\
  -H "Authorization: Bearer ${stripeKey}" \\
  -d email="jenny.rosen@example.com" \\
  -d name="Jenny Rosen"`);
    const { method, endpoint } = parts(result);
    assert.equal(method.method, 'POST');
    assert.deepEqual(endpoint.headers, [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }]);
    assert.deepEqual(endpoint.body, [{ key: 'email', value: 'jenny.rosen@example.com' }, { key: 'name', value: 'Jenny Rosen' }]);
    assert.equal(result.secrets[0].literal, stripeKey);
  });

  it('Stripe\'s own -u sk_test_…: is user-and-password authentication, refused without echoing the key', () => {
    const message = refusal(`curl https://api.stripe.com/v1/charges -u ${stripeKey}:`);
    assert.match(message, /--user .*not token authentication/);
    assert.ok(!message.includes(stripeKey));
  });

  it('OpenWeather: a key in the query string (appid) becomes a secret URL parameter of the auth method', async () => {
    const result = await imported(`curl "https://api.openweathermap.org/data/2.5/weather?q=London&appid=${weatherKey}"`, 'OpenWeather');
    const { method, endpoint } = parts(result);
    assert.deepEqual(method.urlParameters, [{ key: 'appid', value: '{{token}}' }]);
    assert.deepEqual(endpoint.urlParameters, [{ key: 'q', value: 'London' }]);
    assert.equal(result.secrets[0].literal, weatherKey);
  });

  it('Slack: a token in a form body field becomes a secret body field of the auth method, form-encoded', async () => {
    const result = await imported(`curl -X POST https://slack.com/api/auth.test -d token=${slackToken}`);
    const { method } = parts(result);
    assert.deepEqual(method.body, [{ key: 'token', value: '{{token}}' }]);
    assert.deepEqual(method.headers, [{ key: 'Content-Type', value: 'application/x-www-form-urlencoded' }]);
  });

  it('an API key header, and a secret field of a --json body', async () => {
    const result = await imported(`curl --json '{"name": "Widget", "client_secret": "${plainKey}"}' https://api.example.com/v1/items -H "X-API-Key: ${plainKey}"`);
    const { method, endpoint } = parts(result);
    assert.deepEqual(method.headers, [{ key: 'X-API-Key', value: '{{api_key}}' }]);
    // The same literal twice is one secret.
    assert.deepEqual(method.body, [{ key: 'client_secret', value: '{{api_key}}' }]);
    assert.deepEqual(endpoint.body, [{ key: 'name', value: 'Widget' }]);
    assert.equal(result.secrets.length, 1);
  });
});

describe('import curl: documentation placeholders', () => {
  for (const [written, key] of [
    ['YOUR_TOKEN', 'token'], ['<token>', 'token'], ['<<API_KEY>>', 'api_key'], ['{access_token}', 'access_token'], ['$TOKEN', 'token'],
    ['${TOKEN}', 'token'], ['%TOKEN%', 'token'], ['{{token}}', 'token'], ['<your API key>', 'api_key'], ['xxxxxxxxxx', 'token'],
    ['$(gcloud auth print-access-token)', 'token'],
  ] as const) {
    it(`${written} in Authorization is a secret variable ${key}, with no literal`, async () => {
      const result = await imported(`curl https://api.example.com/v1/me -H "Authorization: Bearer ${written.replace(/\$/g, '\\$')}"`);
      assert.deepEqual(parts(result).method.headers, [{ key: 'Authorization', value: `Bearer {{${key}}}` }]);
      assert.deepEqual(result.secrets, [{ method: 'token', key, literal: undefined }]);
    });
  }

  it('a $TOKEN assigned before curl gives the literal, which is stored apart', async () => {
    const result = await imported(`export TOKEN=${plainKey}\ncurl -H "Authorization: token $TOKEN" https://api.example.com/me`);
    assert.deepEqual(parts(result).method.headers, [{ key: 'Authorization', value: 'token {{token}}' }]);
    assert.equal(result.secrets[0].literal, plainKey);
  });

  it('path placeholders :id, <user_id> and {id} become required variables', async () => {
    for (const path of ['/users/:id/posts', '/users/<id>/posts', '/users/{id}/posts']) {
      const result = await imported(`curl https://api.example.com${path} -H "Authorization: Bearer $TOKEN"`);
      assert.equal(parts(result).method.url, 'https://api.example.com/users/{{id}}/posts', path);
    }
  });

  it('an Airtable formula in the query ({Status}) is text, not a placeholder', async () => {
    const result = await imported(`curl "https://api.airtable.com/v0/appAbc/Tasks?filterByFormula=%7BStatus%7D%3D%27Done%27" -H "Authorization: Bearer YOUR_TOKEN"`);
    assert.deepEqual(parts(result).endpoint.urlParameters, [{ key: 'filterByFormula', value: "{Status}='Done'" }]);
  });
});

describe('import curl: shell forms', () => {
  it('reads short options grouped or glued (-sSL, -XPOST, -H\'…\'), a prompt, redirections and a pipe', async () => {
    const result = await imported(`$ curl.exe -sSL -XPOST -H'Content-Type: application/json' -H 'Authorization: Bearer $TOKEN' https://api.example.com/v1/things -d'{"a":1}' 2>&1 | jq .`);
    const { method, endpoint } = parts(result);
    assert.equal(method.method, 'POST');
    assert.deepEqual(endpoint.body, [{ key: 'a', value: 1 }]);
  });

  it('reads Windows cmd\'s ^ continuations and ^" quotes (Chrome\'s Copy as cURL (cmd))', async () => {
    const result = await imported('curl ^"https://api.example.com/v1/me^" ^\r\n  -H ^"Authorization: Bearer %TOKEN%^" ^\r\n  -H ^"Accept: application/json^"');
    assert.deepEqual(parts(result).method.headers, [{ key: 'Authorization', value: 'Bearer {{token}}' }, { key: 'Accept', value: 'application/json' }]);
    assert.equal(parts(result).method.url, 'https://api.example.com/v1/me');
  });

  it('reads an unquoted query string with & as one URL, and -G with --data-urlencode as URL parameters', async () => {
    const result = await imported('curl https://api.example.com/search?q=one&page=2 -G --data-urlencode "text=a b" -H "X-API-Key: YOUR_API_KEY"');
    assert.deepEqual(parts(result).endpoint.urlParameters, [{ key: 'q', value: 'one' }, { key: 'page', value: '2' }, { key: 'text', value: 'a b' }]);
    assert.equal(parts(result).method.method, undefined);
  });

  it('gives the input box one line: continuations joined, line breaks between commands as ;', () => {
    assert.equal(singleLineCommand('curl https://x.example \\\n  -H "A: b"'), 'curl https://x.example    -H "A: b"');
    assert.equal(singleLineCommand('export T=1\ncurl -d \'{\n"a": 1}\' https://x'), 'export T=1 ; curl -d \'{ "a": 1}\' https://x');
  });

  it('upgrades http:// to https:// when a token is sent, except to a loopback host', async () => {
    const remote = await imported('curl http://api.example.com/v1/me -H "Authorization: Bearer YOUR_TOKEN"');
    assert.equal(parts(remote).method.url, 'https://api.example.com/v1/me');
    assert.match(remote.notes.join('\n'), /uses https:\/\//);
    const local = await imported('curl http://127.0.0.1:8080/v1/me -H "Authorization: Bearer YOUR_TOKEN"');
    assert.equal(parts(local).method.url, 'http://127.0.0.1:8080/v1/me');
  });

  it('a command without a token gives a none method and says so', async () => {
    const result = await imported('curl https://api.example.com/v1/status');
    assert.equal(parts(result).method.type, 'none');
    assert.match(result.notes.join('\n'), /sends no token/);
  });
});

describe('import curl: refusals (one sentence, no literal echoed)', () => {
  for (const [name, command, pattern] of [
    ['-u', `curl -u admin:${plainKey} https://api.example.com`, /--user/],
    ['--basic', 'curl --basic https://api.example.com', /--basic/],
    ['--digest', 'curl --digest https://api.example.com', /--digest/],
    ['--ntlm', 'curl --ntlm https://api.example.com', /--ntlm/],
    ['--negotiate', 'curl --negotiate https://api.example.com', /--negotiate/],
    ['--aws-sigv4', `curl --aws-sigv4 "aws:amz:us-east-1:s3" https://s3.example.com -H "X: ${plainKey}"`, /--aws-sigv4/],
    ['Authorization: Basic', `curl -H "Authorization: Basic ${Buffer.from(`u:${plainKey}`).toString('base64')}" https://api.example.com`, /Basic/],
    ['user info in the URL', `curl https://admin:${plainKey}@api.example.com/v1`, /user name and password/],
    ['a token in the path', `curl https://api.telegram.org/bot123456:${plainKey}ABCdef/getMe`, /host or path carries the token/],
    ['wget', `wget --header "Authorization: Bearer ${plainKey}" https://api.example.com`, /not a curl command/],
    ['prose', 'Send a GET request to the users endpoint', /not a curl command/],
    ['an empty text', '   ', /Give a curl command/],
    ['no URL', 'curl -H "Authorization: Bearer YOUR_TOKEN"', /no URL/],
    ['a method the format lacks', 'curl -X PURGE https://api.example.com', /PURGE is not one a connector holds/],
  ] as const) {
    it(name, () => {
      const message = refusal(command);
      assert.match(message, pattern);
      assert.ok(!message.includes(plainKey), 'the literal is not echoed');
    });
  }
});
