// Live updates over Server-Sent Events (docs/console.md, "Live updates").
//
// The stream GET /api/console/events is read with fetch() and a ReadableStream, not
// EventSource: EventSource cannot send the Authorization header, and the token must stay in
// this page's memory (never in the URL, a cookie or Web Storage). The events name only which
// case, shelter or delivery changed; the caller re-reads them through the normal API, which
// applies the user's visibility. After a lost connection the stream is opened again with
// Last-Event-ID (backoff 1 s doubling to 30 s); the server replays what was missed, or sends
// `resync` and everything is read again. While the stream is down the console polls instead.
import { accessToken } from './auth.js';

const PATH = '/api/console/events';
const DEBOUNCE_MS = 300;          // events within this window cause one refresh
const QUIET_LIMIT_MS = 45000;     // three missed heartbeats: the connection is dead
const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30000;

let mode = 'connecting';          // 'connecting' | 'live' | 'polling'
let lastEventId = null;
let handlers = null;
let pending = new Set();          // event names waiting for the debounced refresh
let flushTimer = null;

/** 'live' while the stream is open and caught up; 'polling' while it is down; 'connecting' at first. */
export function liveMode() { return mode; }

function setMode(next) {
  if (mode === next) return;
  mode = next;
  handlers.onMode(next);
}

/** One SSE event (WHATWG rules: `event`, `data` lines joined with \n, `id` kept across events). */
function dispatch(name, data) {
  let parsed = {};
  try { parsed = data ? JSON.parse(data) : {}; } catch { parsed = {}; }
  if (name === 'ready') {
    setMode('live');
  } else if (name === 'resync') {
    pending.add('resync');
  } else {
    pending.add(name);
  }
  // other boards can listen without touching this file
  document.dispatchEvent(new CustomEvent('kama:live', { detail: { type: name, data: parsed } }));
  scheduleFlush();
}

function scheduleFlush() {
  if (flushTimer || pending.size === 0) return;
  flushTimer = setTimeout(flush, DEBOUNCE_MS);
}

function flush() {
  flushTimer = null;
  if (document.visibilityState !== 'visible') return; // done when the tab is shown again
  const names = pending;
  pending = new Set();
  if (names.size > 0) handlers.onChange(names);
}

/** Splits the byte stream into lines and events; returns when the server ends the response. */
async function read(response, watchdog) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = '';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    watchdog();
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();   // an incomplete last line waits for more
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) dispatch(name || 'message', data.join('\n'));
        name = '';
        data = [];
      } else if (!line.startsWith(':')) {       // a comment (`: heartbeat`) only feeds the watchdog
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let val = colon < 0 ? '' : line.slice(colon + 1);
        if (val.startsWith(' ')) val = val.slice(1);
        if (field === 'event') name = val;
        else if (field === 'data') data.push(val);
        else if (field === 'id' && !val.includes('\0')) lastEventId = val;
      }
    }
  }
}

/** Opens the stream once; resolves when it ends, rejects when it could not be opened or broke. */
async function connectOnce() {
  const abort = new AbortController();
  let quiet = null;
  const watchdog = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => abort.abort(), QUIET_LIMIT_MS);
  };
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${accessToken()}` };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  try {
    watchdog();
    const response = await fetch(PATH, { headers, cache: 'no-store', signal: abort.signal });
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !response.body || !type.startsWith('text/event-stream')) {
      throw new Error(`HTTP ${response.status}`);
    }
    await read(response, watchdog);
  } finally {
    clearTimeout(quiet);
    abort.abort();
  }
}

async function run() {
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    let wasLive = false;
    try {
      await connectOnce();
      wasLive = mode === 'live';
    } catch {
      wasLive = mode === 'live';  // it broke after it had worked: try again at once
    }
    // the server ended a good stream (token lifetime, or after `resync` for a slow client):
    // open it again at once; after a failure wait, longer each time, and poll meanwhile
    setMode('polling');
    const wait = wasLive ? 200 : backoff + Math.random() * backoff * 0.2;
    backoff = wasLive ? FIRST_BACKOFF_MS : Math.min(backoff * 2, MAX_BACKOFF_MS);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Starts the stream. `onChange(names)` gets the set of event names since the last call
 * ('case', 'shelter', 'delivery', 'resync'), debounced and only while the tab is visible;
 * `onMode(mode)` is told 'live' or 'polling'.
 */
export function startLive({ onChange, onMode }) {
  handlers = { onChange, onMode };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') scheduleFlush();
  });
  run();
}
