// The drafts kept on this device (IndexedDB, so they survive a reload, a closed tab and a
// restarted phone) and their sending. Each draft gets its Idempotency-Key when it is made and
// keeps it: however often it is sent (a lost answer, a second tab, the online event and the
// timer at once), case-service files it once and answers every send with the same report.
//
// A draft is one of
//   waiting  - not yet answered; sent again on load, on the online event and every RETRY_MS
//   sent     - case-service answered 201: reportId is the report number
//   refused  - a 4xx about the report itself (400, 413, 422: e.g. a place outside Kama City): the
//              reason is shown, never resent
const DB_NAME = 'kama-report';
const STORE = 'drafts';
const SEND_URL = '/report/requests.json';
export const RETRY_MS = 15000;

let dbPromise;

function db() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'key' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }
  return dbPromise;
}

async function tx(mode, work) {
  const database = await db();
  return new Promise((resolve, reject) => {
    const transaction = database.transaction(STORE, mode);
    const result = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** Every draft, oldest first. */
export async function all() {
  const drafts = await tx('readonly', (store) => store.getAll());
  return drafts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function put(draft) {
  return tx('readwrite', (store) => store.put(draft));
}

export function remove(key) {
  return tx('readwrite', (store) => store.delete(key));
}

/** Keeps a new draft (before any attempt to send it). fields: service_code, lat, long, description. */
export async function keep(fields) {
  const draft = { key: crypto.randomUUID(), createdAt: new Date().toISOString(), fields, state: 'waiting' };
  await put(draft);
  return draft;
}

/**
 * Sends every waiting draft, one at a time. Only one sender runs in this page, and, where the
 * browser has Web Locks, in all of this form's tabs together; if two ran anyway, the
 * Idempotency-Key would still make their sends one report.
 */
let running = null;
export function sendWaiting(onChange) {
  if (!running) {
    const work = () => sendAll(onChange);
    running = (navigator.locks ? navigator.locks.request('kama-report-send', work) : work())
      .finally(() => { running = null; });
  }
  return running;
}

async function sendAll(onChange) {
  for (const draft of await all()) {
    if (draft.state !== 'waiting') {
      continue;
    }
    const outcome = await send(draft);
    if (outcome) {
      await put({ ...draft, ...outcome });
      onChange();
    } else {
      return; // no connection, or the hub is busy: the rest waits too
    }
  }
}

/**
 * The new state of a draft, or null if it must wait: no answer, 429, a 5xx, and also 401, 403
 * and 404, which say the hub is not set up to take the form's reports (its key or its route),
 * not that this report is wrong; the draft is kept until the hub takes it.
 */
async function send(draft) {
  let response;
  try {
    response = await fetch(SEND_URL, {
      method: 'POST',
      headers: { 'Idempotency-Key': draft.key, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(draft.fields),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (offline) {
    return null;
  }
  if (response.status === 201 || response.status === 200) {
    const body = await response.json();
    return { state: 'sent', reportId: body[0].service_request_id, sentAt: new Date().toISOString() };
  }
  if ([401, 403, 404, 408, 429].includes(response.status) || response.status >= 500) {
    return null;
  }
  return { state: 'refused', status: response.status, reason: await reason(response) };
}

/** The description of an Open311 error list, or the detail of a problem+json answer. */
async function reason(response) {
  try {
    const body = await response.json();
    if (Array.isArray(body) && body[0] && body[0].description) {
      return body[0].description;
    }
    return body.detail || body.title || String(response.status);
  } catch (notJson) {
    return String(response.status);
  }
}
