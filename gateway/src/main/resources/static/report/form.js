// The citizens' report form: category, place (map pin or current position), description.
// A report is first kept on this device as a draft (drafts.js), then sent; without a
// connection it shows "送信待ち / waiting to send" until it can be sent, then its report number.
import { t, applyTexts, toggleLanguage } from './i18n.js';
import * as drafts from './drafts.js';

const form = document.getElementById('report');
const lat = document.getElementById('lat');
const long = document.getElementById('long');
let pin = null;
let map = null;

applyTexts();
document.getElementById('lang').addEventListener('click', () => { toggleLanguage(); showNetwork(); render(); });

// ---- offline: the service worker keeps the form's files --------------------------------------

async function registerWorker() {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  await navigator.serviceWorker.register('/report/sw.js', { scope: '/report/' });
  await navigator.serviceWorker.ready;
  // a test (and a curious citizen's devtools) can see that a reload without a connection will work
  if (navigator.serviceWorker.controller) {
    document.documentElement.dataset.offlineReady = 'true';
  } else {
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      document.documentElement.dataset.offlineReady = 'true';
    }, { once: true });
  }
}

function showNetwork() {
  const el = document.getElementById('network');
  el.textContent = navigator.onLine ? t('online') : t('offline');
  el.className = navigator.onLine ? 'network online' : 'network offline';
}

// ---- categories: Open311's service list (kept by the service worker for offline use) ---------

async function loadCategories() {
  const select = document.getElementById('category');
  try {
    const services = await (await fetch('/open311/v2/services.json')).json();
    for (const service of services) {
      const option = document.createElement('option');
      option.value = service.service_code;
      option.textContent = service.service_name;
      select.append(option);
    }
  } catch (unavailable) {
    showError(t('noCategories'));
  }
}

// ---- the place: a pin on the city's own outline (no map tiles), or the current position ------

async function createMap() {
  if (!window.L) {
    return;
  }
  map = L.map('map', { attributionControl: false, maxZoom: 18 });
  try {
    const districts = await (await fetch('/report/districts.geojson')).json();
    const outline = L.geoJSON(districts, {
      style: () => ({ color: '#1b2631', weight: 2, fillColor: '#d6eaf8', fillOpacity: 0.35 }),
    }).addTo(map);
    map.fitBounds(outline.getBounds());
  } catch (unavailable) {
    map.setView([33.56, 130.71], 12);
  }
  map.on('click', (event) => placePin(event.latlng.lat, event.latlng.lng));
}

function placePin(latitude, longitude) {
  lat.value = latitude.toFixed(6);
  long.value = longitude.toFixed(6);
  showPin();
}

function showPin() {
  if (!map || lat.value === '' || long.value === '') {
    return;
  }
  const at = [Number(lat.value), Number(long.value)];
  if (pin) {
    pin.setLatLng(at);
  } else {
    pin = L.circleMarker(at, { radius: 9, color: '#b00020', weight: 3, fillOpacity: 0.6, className: 'pin' }).addTo(map);
  }
}

lat.addEventListener('change', showPin);
long.addEventListener('change', showPin);

document.getElementById('here').addEventListener('click', () => {
  if (!navigator.geolocation) {
    showError(t('noPosition'));
    return;
  }
  navigator.geolocation.getCurrentPosition(
    (position) => {
      placePin(position.coords.latitude, position.coords.longitude);
      if (map) {
        map.setView([position.coords.latitude, position.coords.longitude], 16);
      }
    },
    () => showError(t('noPosition')),
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
});

// ---- keeping and sending -----------------------------------------------------------------------

function showError(text) {
  const el = document.getElementById('form-error');
  el.textContent = text;
  el.hidden = !text;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showError('');
  const fields = {
    service_code: form.elements.service_code.value,
    lat: lat.value.trim(),
    long: long.value.trim(),
    description: form.elements.description.value.trim(),
  };
  if (!fields.service_code) {
    showError(t('needCategory'));
    return;
  }
  if (fields.lat === '' || fields.long === '' || !lat.checkValidity() || !long.checkValidity()) {
    showError(t('needPlace'));
    return;
  }
  if (!fields.description) {
    showError(t('needDescription'));
    return;
  }
  try {
    await drafts.keep(fields);
  } catch (noStorage) {
    showError(t('noStorage'));
    return;
  }
  form.elements.description.value = '';
  await render();
  document.getElementById('mine').scrollIntoView();
  send();
});

function send() {
  return drafts.sendWaiting(render).then(render);
}

async function render() {
  const list = document.getElementById('drafts');
  const all = await drafts.all();
  document.getElementById('mine').hidden = all.length === 0;
  list.replaceChildren(...all.reverse().map(item));
}

function item(draft) {
  const li = document.createElement('li');
  li.dataset.key = draft.key;
  li.dataset.state = draft.state;
  li.className = `draft ${draft.state}`;
  const state = document.createElement('strong');
  state.className = 'state';
  const text = document.createElement('p');
  text.className = 'description';
  text.textContent = draft.fields.description;
  const when = document.createElement('small');
  when.textContent = new Date(draft.createdAt).toLocaleString(document.documentElement.lang);
  li.append(state, text, when);
  if (draft.state === 'waiting') {
    state.textContent = t('waiting');
  } else if (draft.state === 'sent') {
    state.textContent = `${t('sent')}: `;
    const number = document.createElement('code');
    number.className = 'report-number';
    number.textContent = draft.reportId;
    state.append(number);
  } else {
    state.textContent = `${t('refused')}: `;
    const why = document.createElement('span');
    why.className = 'reason';
    why.textContent = draft.reason;
    state.append(why);
  }
  if (draft.state !== 'waiting') {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'remove';
    remove.textContent = t('remove');
    remove.addEventListener('click', async () => { await drafts.remove(draft.key); render(); });
    li.append(remove);
  }
  return li;
}

window.addEventListener('online', () => { showNetwork(); send(); });
window.addEventListener('offline', showNetwork);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') send(); });
setInterval(send, drafts.RETRY_MS);

showNetwork();
await render();
send();
await Promise.all([loadCategories(), createMap()]);
registerWorker();
