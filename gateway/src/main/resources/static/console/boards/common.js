// Small DOM helpers shared by the boards. Text always goes in as text nodes or textContent;
// no HTML string is ever parsed, no style attribute is ever written (the console's CSP).
import { accessToken } from '../auth.js';
import { t, label, formatTime } from '../i18n.js';

/**
 * Builds an element. `text` → textContent, `i18n` → a label key relabelled by setLang,
 * `cls` → className, `data` → dataset, `on` → event listeners; any other key is an attribute
 * (false/null/undefined leave it out). Children may be nodes or strings (appended as text).
 */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else if (k === 'i18n') { e.dataset.i18n = v; e.textContent = t(v); }
    else if (k === 'cls') e.className = v;
    else if (k === 'data') Object.assign(e.dataset, v);
    else if (k === 'on') for (const [name, fn] of Object.entries(v)) e.addEventListener(name, fn);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/** A table with a caption and column headers (label keys); returns it with its tbody. */
export function table(captionKey, headerKeys, cls = 'board-table') {
  const body = el('tbody');
  const tbl = el('table', { cls },
    el('caption', { i18n: captionKey }),
    el('thead', {}, el('tr', {}, headerKeys.map((k) => el('th', { scope: 'col', i18n: k })))),
    body);
  return { table: tbl, body };
}

export function td(text, cls) {
  return el('td', { text: text ?? '', cls });
}

/** A problem+json answer as one line for a person: status, detail, each bad field, request id. */
export function problemText(err) {
  const p = (err && err.problem) || {};
  const parts = [];
  if (err && err.status) parts.push(`${err.status}`);
  parts.push(p.detail || p.title || (err && err.message) || String(err));
  if (Array.isArray(p.errors)) for (const e of p.errors) parts.push(`${e.field}: ${e.message}`);
  if (p.requestId) parts.push(`requestId ${p.requestId}`);
  return parts.join(' — ');
}

/** The board's one-line state: when it last read the API, or why it could not. */
export function statusLine() {
  const p = el('p', { cls: 'board-status', role: 'status' });
  return {
    node: p,
    ok() { p.textContent = `${t('boardUpdated')} ${new Date().toLocaleTimeString()}`; p.classList.remove('stale'); },
    failed(err) { p.textContent = `${t('liveFailed')}: ${problemText(err)}`; p.classList.add('stale'); },
  };
}

/** A box for the answer to an action: red (role=alert) for a refusal, plain for a success. */
export function messageBox() {
  const box = el('p', { cls: 'board-message', role: 'alert', hidden: true });
  return {
    node: box,
    error(err) { box.textContent = problemText(err); box.classList.add('refused'); box.hidden = false; },
    info(text) { box.textContent = text; box.classList.remove('refused'); box.hidden = false; },
    clear() { box.hidden = true; box.textContent = ''; },
  };
}

/** The signed-in user's subject, name and roles, read from the access token (display only). */
export function me() {
  const token = accessToken();
  if (!token) return { sub: null, name: '', roles: [], shelters: [] };
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  // shelters: a shelter-staff member's own shelters (Keycloak user attribute, one string or a list)
  const shelters = claims.shelters == null ? [] : [].concat(claims.shelters);
  return { sub: claims.sub, name: claims.preferred_username || claims.sub,
    roles: (claims.realm_access && claims.realm_access.roles) || [], shelters };
}

export function hasRole(role) {
  return me().roles.includes(role);
}

export { formatTime };

/**
 * Re-renders part of a board without losing the keyboard focus: a control with
 * data-focus-key that had the focus gets it back in the new rows (the boards re-read every
 * few seconds; a keyboard user must not be thrown out of the table each time).
 */
export function keepFocus(container, render) {
  const focused = document.activeElement;
  const key = focused && container.contains(focused) && focused.dataset ? focused.dataset.focusKey : null;
  render();
  if (key) {
    const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (again) again.focus();
  }
}

/**
 * Fills a "what will be sent" section: a title, the rows ([label key, text] pairs, text set as
 * textContent) and the two buttons, "send the draft" (confirm) and "back to the form" (back).
 * Used by the evacuation and CAP alert drafts, both under the two-person rule.
 */
export function fillPreview(section, titleId, rows, { confirm, back }) {
  const dl = el('dl', {});
  for (const [key, value] of rows) dl.append(el('dt', { i18n: key }), el('dd', { text: value ?? '' }));
  section.replaceChildren(
    el('h3', { id: titleId, i18n: 'previewTitle' }),
    dl,
    el('button', { type: 'button', cls: 'confirm', i18n: 'confirmDraft', on: { click: confirm } }),
    ' ',
    el('button', { type: 'button', cls: 'back', i18n: 'backToEdit', on: { click: back } }));
}

/** Kama City's four districts (山田, 稲築, 碓井, 嘉穂), in the order the boards list them. */
export const DISTRICTS = ['YAMADA', 'INATSUKI', 'USUI', 'KAHO'];

/** A choice list whose options are `values`, labelled by `label(kind, value)`; relabelled on a language switch through data-kind. */
export function labelledSelect(name, values, kind, extra = {}) {
  const s = el('select', { name, data: { kind }, ...extra });
  for (const v of values) s.append(new Option(label(kind, v), v));
  return s;
}
