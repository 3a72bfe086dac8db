// The incident console's start: settings from the gateway, login, then the map and the queue,
// kept current by the live stream (live.js); every 2 s by polling while the stream is down.
import { login, user, logout } from './auth.js';
import { api, query } from './api.js';
import { t, setLang, currentLang } from './i18n.js';
import { createMap, showCases, showShelters, relabel } from './map.js';
import { initQueue, loadQueue, openCase, filterParams, fillFilterOptions } from './queue.js';
import { startLive, liveMode } from './live.js';
import { initBoards } from './boards/boards.js';

const REFRESH_MS = 2000;

function fail(err) {
  const box = document.getElementById('error');
  box.textContent = err.message || String(err);
  box.hidden = false;
}

async function refreshMap() {
  const [cases, shelters] = await Promise.allSettled([
    api(`/api/cases.geojson${query({ ...filterParams(), size: 500 })}`),
    api('/api/shelters'),
  ]);
  // one backend down leaves the other's layer working
  if (cases.status === 'fulfilled') showCases(cases.value.data);
  if (shelters.status === 'fulfilled') showShelters(shelters.value.data);
  if (cases.status === 'rejected') throw cases.reason;
}

async function refresh() {
  const live = document.getElementById('live');
  try {
    await Promise.all([loadQueue(), refreshMap()]);
    live.textContent = `${t(liveMode() === 'live' ? 'liveStream' : 'live')} ${new Date().toLocaleTimeString()}`;
    live.classList.remove('stale');
  } catch (err) {
    live.textContent = `${t('liveFailed')}: ${err.message}`;
    live.classList.add('stale');
  }
}

function poll() {
  setTimeout(async () => {
    if (document.visibilityState === 'visible' && liveMode() !== 'live') await refresh();
    poll();
  }, REFRESH_MS);
}

async function start() {
  const config = await (await fetch('/console/config.json')).json();
  await login(config);
  const me = user();
  document.getElementById('user').textContent = me.name;
  document.getElementById('logout').addEventListener('click', logout);
  document.getElementById('lang').addEventListener('click', () => {
    setLang(currentLang() === 'ja' ? 'en' : 'ja');
    fillFilterOptions();
    relabel();
    refresh();
  });
  setLang('ja');
  document.getElementById('main').hidden = false;
  await createMap(config, { onOpenCase: (id) => openCase(id).catch(fail) });
  initQueue({ changed: () => refresh() });
  initBoards({ openCase: (id) => openCase(id).catch(fail) });
  await refresh();
  poll();
  // a case or shelter event (or resync) re-reads the queue and the map; a mode change shows in
  // the header; deliveries are for boards that listen to 'kama:live'
  startLive({
    onChange: (names) => { if (names.has('case') || names.has('shelter') || names.has('resync')) refresh(); },
    onMode: () => refresh(),
  });
}

start().catch(fail);
