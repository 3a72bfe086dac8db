// Calls to the hub's API through this gateway, with the in-memory bearer token.
import { accessToken, relogin } from './auth.js';

/** An answer that was not 2xx; `problem` is its RFC 9457 body when it has one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/geo+json, application/problem+json', ...headers } };
  init.headers.Authorization = `Bearer ${accessToken()}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const r = await fetch(path, init);
  if (r.status === 401) {
    await relogin();
  }
  const type = r.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await r.json() : null;
  if (!r.ok) throw new ApiError(r.status, data);
  return { data, etag: r.headers.get('ETag') };
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== '' && v !== null && v !== undefined && v !== false) q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * An image (a photo or its thumbnail) read with the bearer token, as a Blob for a blob: URL:
 * an <img src> cannot send the Authorization header, and the token never goes in a URL.
 */
export async function apiBlob(path) {
  const r = await fetch(path, { headers: { Accept: 'image/jpeg, image/png, application/problem+json', Authorization: `Bearer ${accessToken()}` } });
  if (r.status === 401) {
    await relogin();
  }
  if (!r.ok) {
    const type = r.headers.get('Content-Type') || '';
    throw new ApiError(r.status, type.includes('json') ? await r.json() : null);
  }
  return r.blob();
}
