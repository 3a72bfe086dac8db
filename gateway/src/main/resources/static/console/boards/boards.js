// The console's boards as tabs beside the map and queue: the unprocessed board (karte 38),
// shelters, evacuation information with the two-person rule, channel health and the plan KPIs. Each board
// is its own module with mount(panel, ctx) and refresh(); only the board on screen re-reads
// its API, every few seconds while the browser tab is visible.
// Keys: 1-6 choose a board, ←/→ move between the tabs (WAI-ARIA tabs pattern).
import { t } from '../i18n.js';
import { el } from './common.js';
import * as unprocessed from './unprocessed.js';
import * as shelters from './shelters.js';
import * as evacuation from './evacuation.js';
import * as channels from './channels.js';
import * as kpis from './kpis.js';
import * as replay from './replay.js';

const REFRESH_MS = 3000;
const CASES = { id: 'cases', titleKey: 'boardCases' };
const BOARDS = [CASES, unprocessed, shelters, evacuation, channels, kpis, replay];
/** the queue's single-letter keys, kept from the hidden queue while another board is shown */
const QUEUE_KEYS = new Set(['j', 'k', 'Enter', '/', 'Escape']);

let active = CASES;
let timer = null;
const tabs = new Map();
const panels = new Map();

function isTyping(target) {
  return target.closest && target.closest('input, select, textarea, [contenteditable]');
}

async function refreshActive() {
  if (active === CASES || document.visibilityState !== 'visible') return;
  try {
    await active.refresh();
  } catch (err) {
    // each board shows its own failure in its status line; nothing else to do here
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    await refreshActive();
    schedule();
  }, REFRESH_MS);
}

export function selectBoard(id, { focus = false } = {}) {
  const next = BOARDS.find((b) => b.id === id) || CASES;
  active = next;
  document.getElementById('main').hidden = next !== CASES;
  for (const b of BOARDS) {
    const tab = tabs.get(b.id);
    tab.setAttribute('aria-selected', String(b === next));
    tab.tabIndex = b === next ? 0 : -1;
    if (b !== CASES) panels.get(b.id).hidden = b !== next;
  }
  if (focus) tabs.get(next.id).focus();
  refreshActive();
  schedule();
}

function onTabKeys(e) {
  const i = BOARDS.indexOf(active);
  let to = null;
  if (e.key === 'ArrowRight') to = BOARDS[(i + 1) % BOARDS.length];
  else if (e.key === 'ArrowLeft') to = BOARDS[(i - 1 + BOARDS.length) % BOARDS.length];
  else if (e.key === 'Home') to = BOARDS[0];
  else if (e.key === 'End') to = BOARDS[BOARDS.length - 1];
  if (to) { e.preventDefault(); selectBoard(to.id, { focus: true }); }
}

function onGlobalKeys(e) {
  if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
  if (document.getElementById('help').open) return;
  const n = Number(e.key);
  if (Number.isInteger(n) && n >= 1 && n <= BOARDS.length) {
    e.preventDefault();
    e.stopImmediatePropagation();
    selectBoard(BOARDS[n - 1].id, { focus: true });
  } else if (active !== CASES && QUEUE_KEYS.has(e.key)) {
    // j/k/Enter would move and open cases in the hidden queue
    e.stopImmediatePropagation();
  }
}

function helpEntries() {
  const keys = document.querySelector('#help dl.keys');
  if (!keys) return;
  keys.append(
    el('dt', {}, el('kbd', { text: '1' }), ' – ', el('kbd', { text: String(BOARDS.length) })),
    el('dd', { i18n: 'keyBoards' }),
    el('dt', {}, el('kbd', { text: '←' }), ' / ', el('kbd', { text: '→' })),
    el('dd', { i18n: 'keyTabs' }));
}

/** Builds the tab bar and the boards' panels around the existing map-and-queue page. */
export function initBoards(ctx) {
  const main = document.getElementById('main');
  const nav = el('nav', { id: 'boards-nav', cls: 'tabs', 'data-i18n-label': 'boards', 'aria-label': t('boards') });
  const list = el('div', { role: 'tablist', 'aria-orientation': 'horizontal' });
  list.addEventListener('keydown', onTabKeys);
  nav.append(list);
  const holder = el('div', { id: 'boards', cls: 'boards' });
  BOARDS.forEach((b, i) => {
    const panelId = b === CASES ? 'main' : `board-${b.id}`;
    const tab = el('button', { type: 'button', role: 'tab', id: `tab-${b.id}`, 'aria-controls': panelId,
      'aria-selected': String(b === CASES), tabindex: b === CASES ? '0' : '-1', cls: 'tab',
      on: { click: () => selectBoard(b.id) } },
    el('span', { i18n: b.titleKey }), ' ', el('kbd', { text: String(i + 1), 'aria-hidden': 'true' }));
    list.append(tab);
    tabs.set(b.id, tab);
    if (b === CASES) return;
    const panel = el('section', { id: panelId, cls: 'board', role: 'tabpanel', 'aria-labelledby': `board-${b.id}-title`, hidden: true },
      el('h2', { id: `board-${b.id}-title`, i18n: b.titleKey }));
    holder.append(panel);
    panels.set(b.id, panel);
    b.mount(panel, { ...ctx, refresh: () => b.refresh().catch(() => {}), selectBoard });
  });
  main.setAttribute('role', 'tabpanel');
  main.setAttribute('aria-labelledby', 'tab-cases');
  main.before(nav);
  main.after(holder);
  helpEntries();
  // capture phase: runs before the queue's own key handler on the document
  document.addEventListener('keydown', onGlobalKeys, true);
  document.getElementById('lang').addEventListener('click', () => {
    for (const b of BOARDS) if (b.relabel) b.relabel();
    nav.setAttribute('aria-label', t('boards'));
    refreshActive();
  });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') refreshActive(); });
  schedule();
}
