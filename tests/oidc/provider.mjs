// A real OpenID provider on loopback for the tests, configured as ProConnect is (ProConnect's own test identity
// provider is built on the same library, npm oidc-provider): discovery, the authorization code flow with the
// client's secret in the body, ProConnect's scopes and claims, `acr` asked for with `claims`, the userinfo as a
// signed JWT (application/jwt), RP-initiated logout at end_session_endpoint.
//
// Started by tests/oidc_provider.py: it prints {"issuer": ...} once listening. Environment: CLIENT_ID,
// CLIENT_SECRET, REDIRECT_URIS and POST_LOGOUT_REDIRECT_URIS (comma-separated).
//
// A provider that misbehaves is what the relying party must refuse; POST /__test/mode (mode=...) makes this one
// do so on the next answers: an expired ID token, a badly signed one, one with another nonce, a userinfo signed
// by another key. The essential-acr check is left to the relying party (as a provider that ignores it would):
// the login form's "Niveau" is the acr the tokens carry.
import crypto from 'node:crypto';
import http from 'node:http';
import Provider, { interactionPolicy } from 'oidc-provider';

const list = (name) => (process.env[name] || '').split(',').filter(Boolean);
const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'cle-de-test';
const accounts = new Map(); // accountId -> email
let mode = '';

const b64 = (value) => Buffer.from(value).toString('base64url');
const sign = (payload, key) => {
  const data = `${b64(JSON.stringify({ alg: 'RS256', kid: KID }))}.${b64(JSON.stringify(payload))}`;
  return `${data}.${crypto.sign('sha256', Buffer.from(data), key.privateKey).toString('base64url')}`;
};
const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'));

function tamperedIdToken(idToken) {
  const claims = claimsOf(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'id-token-expired') return sign({ ...claims, iat: now - 7200, exp: now - 3600 }, signingKey);
  if (mode === 'id-token-wrong-nonce') return sign({ ...claims, nonce: 'n'.repeat(43) }, signingKey);
  if (mode === 'id-token-bad-signature') return sign(claims, otherKey);
  return idToken;
}

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

function start(server, port) {
  const issuer = `http://127.0.0.1:${port}`;
  const policy = interactionPolicy.base();
  for (const check of ['essential_acrs', 'essential_acr']) policy.get('login').checks.remove(check);
  const scopes = { email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'], uid: ['uid'],
                   siret: ['siret'], organization_label: ['organization_label'] };
  const provider = new Provider(issuer, {
    clients: [{
      client_id: process.env.CLIENT_ID, client_secret: process.env.CLIENT_SECRET,
      redirect_uris: list('REDIRECT_URIS'), post_logout_redirect_uris: list('POST_LOGOUT_REDIRECT_URIS'),
      response_types: ['code'], grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'RS256',
    }],
    jwks: { keys: [{ ...signingKey.privateKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] },
    scopes: ['openid', ...Object.keys(scopes)],
    claims: { openid: ['sub'], acr: null, ...scopes },
    acrValues: ['eidas0', 'eidas1', 'eidas1-mfa', 'eidas2', 'eidas3'],
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Déconnexion', `${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Se déconnecter du fournisseur</button>`);
        },
      },
    },
    interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // ProConnect asks no consent: every scope and claim asked for is granted.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope);
      grant.addOIDCClaims(['acr', 'email', 'given_name', 'usual_name', 'uid', 'siret', 'organization_label']);
      await grant.save();
      return grant;
    },
    findAccount: async (ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, email: accounts.get(id), given_name: 'Camille', usual_name: 'Martin',
                             uid: id, siret: '13002526500013', organization_label: 'DINUM' }),
    }),
    ttl: { Session: 3600, Interaction: 600 },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: tamperedIdToken(ctx.body.id_token) };
    }
    if (ctx.path === '/me' && ctx.status === 200 && mode === 'userinfo-other-key') {
      ctx.body = sign(claimsOf(ctx.body), otherKey);
      ctx.type = 'application/jwt';
    }
  });
  const oidc = provider.callback();
  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, issuer);
      const interaction = url.pathname.match(/^\/interaction\/([\w-]+)$/);
      if (url.pathname === '/__test/mode' && req.method === 'POST') {
        mode = new URLSearchParams(await body(req)).get('mode') || '';
        res.end('ok');
      } else if (interaction && req.method === 'GET') {
        await provider.interactionDetails(req, res);
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(page('Connexion au fournisseur d’identité de test', `<form method="post">
<label for="email">Adresse électronique</label> <input id="email" name="email" type="email" required>
<label for="sub">Identifiant (sub)</label> <input id="sub" name="sub">
<label for="acr">Niveau</label> <select id="acr" name="acr"><option>eidas1</option><option>eidas0</option><option>eidas2</option></select>
<button type="submit">Se connecter au fournisseur</button></form>`));
      } else if (interaction && req.method === 'POST') {
        await provider.interactionDetails(req, res);
        const form = new URLSearchParams(await body(req));
        const accountId = form.get('sub') || `sub-${form.get('email')}`;
        accounts.set(accountId, form.get('email'));
        await provider.interactionFinished(req, res, { login: { accountId, acr: form.get('acr') || 'eidas1' } },
                                           { mergeWithLastSubmission: false });
      } else {
        oidc(req, res);
      }
    } catch (error) {
      res.statusCode = 400;
      res.end(escape(error.message));
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
}

function body(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => start(server, server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
