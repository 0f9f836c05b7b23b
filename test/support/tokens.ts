/** Every form of the token a server might echo. */
export function tokenForms(secret: string, user = 'user'): Record<string, string> {
  const base64 = Buffer.from(secret).toString('base64');
  return {
    raw: secret,
    encodeURIComponent: encodeURIComponent(secret),
    lowerCasePercent: encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    form: new URLSearchParams({ v: secret }).toString().slice(2),
    base64,
    base64url: Buffer.from(secret).toString('base64url'),
    userColonSecret: Buffer.from(`${user}:${secret}`).toString('base64'),
    otherUserColonSecret: Buffer.from(`someone-else:${secret}`).toString('base64'),
    jsonEscaped: JSON.stringify(secret).slice(1, -1),
    doubleJsonEscaped: JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
    latin1: Buffer.from(secret, 'utf8').toString('latin1'),
    unicodeEscaped: secret.split('').map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  };
}
