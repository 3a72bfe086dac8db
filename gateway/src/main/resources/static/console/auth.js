// Login at Keycloak with the authorization code flow and PKCE S256 (RFC 7636), written by hand
// on purpose (docs/adr/0004-incident-console.md): the only keycloak-js on Maven Central is the
// WebJar 25.0.4, an ES module with bare imports (needs an inline import map, which the
// console's CSP forbids) that keeps its callback state, PKCE verifier included, in
// localStorage. The flow is three requests; this file is all of it.
//
// Tokens live only in this module's variables: never in localStorage, sessionStorage or a
// cookie. Only the one-time `state` and PKCE verifier cross the redirect to Keycloak, in
// sessionStorage, and are deleted as soon as the browser is back (with a flag that one refused
// code was already retried). A reload logs in again
// (Keycloak's own SSO cookie makes that a redirect without typing).

const PENDING = 'kama.console.login';
const RETRIED = 'kama.console.login-retried';

let tokens = null;       // { access, refresh, id, expiresAt }
let refreshTimer = null;
let settings = null;     // { issuer, clientId, redirectUri }

function endpoint(name) {
  return `${settings.issuer}/protocol/openid-connect/${name}`;
}

function randomString(bytes) {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  return base64Url(b);
}

function base64Url(bytes) {
  let s = '';
  for (const x of bytes) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

async function requestTokens(params) {
  const r = await fetch(endpoint('token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: settings.clientId, ...params }),
  });
  if (!r.ok) throw new Error(`Keycloak refused the token request (${r.status})`);
  const t = await r.json();
  tokens = {
    access: t.access_token,
    refresh: t.refresh_token,
    id: t.id_token || (tokens && tokens.id),
    expiresAt: Date.now() + t.expires_in * 1000,
  };
  clearTimeout(refreshTimer);
  // renew 30 s before the access token expires, while Keycloak's session lasts
  refreshTimer = setTimeout(() => requestTokens({ grant_type: 'refresh_token', refresh_token: tokens.refresh })
    .catch(() => redirectToLogin()), Math.max(5, t.expires_in - 30) * 1000);
}

async function redirectToLogin() {
  tokens = null;
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier }));
  const query = new URLSearchParams({
    client_id: settings.clientId,
    response_type: 'code',
    response_mode: 'fragment',   // the code never reaches a server log
    scope: 'openid',
    redirect_uri: settings.redirectUri,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  window.location.assign(`${endpoint('auth')}?${query}`);
  return new Promise(() => {});  // the page is leaving
}

/**
 * Resolves once the page holds tokens: on the way back from Keycloak it exchanges the code,
 * otherwise it sends the browser to Keycloak's login page (and never resolves).
 */
export async function login(config) {
  settings = { issuer: config.issuer, clientId: config.clientId, redirectUri: `${window.location.origin}/console/` };
  const back = new URLSearchParams(window.location.hash.slice(1));
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (back.has('state') && pending) {
    history.replaceState(null, '', window.location.pathname);
    if (back.get('state') !== pending.state) throw new Error('login answer does not belong to this page (state)');
    if (back.has('error')) throw new Error(`login failed: ${back.get('error')}`);
    try {
      await requestTokens({
        grant_type: 'authorization_code', code: back.get('code'),
        redirect_uri: settings.redirectUri, code_verifier: pending.verifier,
      });
    } catch (e) {
      // Right after a logout Keycloak can still hand out a code for the session it is ending,
      // and then refuse it (invalid_code): go round once more, which shows the login page.
      // Only once per tab, so a real refusal is shown rather than looping.
      if (sessionStorage.getItem(RETRIED)) throw e;
      sessionStorage.setItem(RETRIED, '1');
      return redirectToLogin();
    }
    sessionStorage.removeItem(RETRIED);
    return;
  }
  await redirectToLogin();
}

export function accessToken() {
  return tokens && tokens.access;
}

/** The signed-in user's name and roles, read from the access token (display only). */
export function user() {
  if (!tokens) return null;
  const payload = tokens.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), c => c.charCodeAt(0))));
  return { name: claims.preferred_username || claims.sub, roles: (claims.realm_access && claims.realm_access.roles) || [] };
}

/** Called on a 401: the session is gone, log in again. */
export function relogin() {
  return redirectToLogin();
}

/** Ends the Keycloak session (RP-initiated logout) and forgets the tokens. */
export function logout() {
  const idToken = tokens && tokens.id;
  tokens = null;
  clearTimeout(refreshTimer);
  const query = new URLSearchParams({ client_id: settings.clientId, post_logout_redirect_uri: settings.redirectUri });
  if (idToken) query.set('id_token_hint', idToken);
  window.location.assign(`${endpoint('logout')}?${query}`);
}
