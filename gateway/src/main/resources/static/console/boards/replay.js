// After-action replay (karte 31): GET /api/console/replay?from=&to= answers the state at `from`
// (cases, shelters, evacuation levels) and the events of the range, each with the state of its
// case, shelter or district after it. The board replays them on a timeline: play/pause, speed,
// step to the previous/next event, start, end. The state at a moment is the snapshot with every
// event up to that moment applied. A second Leaflet map (this board's own) shows the city as it
// was; the small boards beside it count cases by state and district, shelters and levels.
// Keys: Space play/pause (when the focus is in the board, not on a button or text field);
// ←/→ on the slider move one second, PageUp/PageDown a tenth (native).
import { api, query } from '../api.js';
import { t, label, formatTime } from '../i18n.js';
import { SEVERITY_COLOURS, SHELTER_COLOURS } from '../map.js';
import { el, table, td, statusLine, messageBox, DISTRICTS } from './common.js';

export const id = 'replay';
export const titleKey = 'boardReplay';

const SPEEDS = [1, 10, 60, 600];
const TICK_MS = 200;
const FINISHED = new Set(['RECOVERED', 'CLOSED', 'REJECTED', 'DUPLICATE']);
const MAX_LISTED = 200;

let panelNode;
let status;
let message;
let fromInput;
let toInput;
let slider;
let clock;
let playButton;
let speedSelect;
let summary;
let mapNode;
let map = null;
let fitted = false;
let caseLayer;
let shelterLayer;
let byState;
let shelterTable;
let levelTable;
let caseTable;
let eventList;
let data = null;
let from = 0;
let timer = null;

/** datetime-local's value (local time, to the second) for a Date. */
function localValue(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function lastMinutes(minutes = 15) {
  const now = new Date();
  toInput.value = localValue(new Date(now.getTime() + 1000));
  fromInput.value = localValue(new Date(now.getTime() - minutes * 60000));
}

function button(idName, i18n, onClick, extra = {}) {
  return el('button', { type: 'button', id: idName, i18n, on: { click: onClick }, ...extra });
}

export function mount(panel) {
  panelNode = panel;
  status = statusLine();
  status.node.textContent = t('replayIdle');
  message = messageBox();
  message.node.id = 'replay-message';
  fromInput = el('input', { type: 'datetime-local', name: 'from', id: 'replay-from', step: '1', required: true });
  toInput = el('input', { type: 'datetime-local', name: 'to', id: 'replay-to', step: '1', required: true });
  const form = el('form', { id: 'replay-range', cls: 'board-form' },
    el('label', {}, el('span', { i18n: 'replayFrom' }), ' ', fromInput),
    el('label', {}, el('span', { i18n: 'replayTo' }), ' ', toInput),
    el('button', { type: 'submit', id: 'replay-load', i18n: 'replayLoad' }),
    button('replay-last', 'replayLast15', () => { lastMinutes(); load(); }));
  form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
  lastMinutes();

  slider = el('input', { type: 'range', id: 'replay-slider', min: '0', max: '0', step: '1000', value: '0',
    'data-i18n-label': 'replayTimeline', 'aria-label': t('replayTimeline'), disabled: true,
    on: { input: () => { stop(); show(); } } });
  clock = el('output', { id: 'replay-clock', for: 'replay-slider', cls: 'replay-clock' });
  playButton = button('replay-play', 'replayPlay', () => (timer ? stop() : play()), { 'aria-pressed': 'false', disabled: true });
  speedSelect = el('select', { id: 'replay-speed', name: 'speed' },
    SPEEDS.map((s) => el('option', { value: String(s), text: `${s}×`, selected: s === 60 })));
  const controls = el('div', { cls: 'replay-controls', role: 'group', 'data-i18n-label': 'replayControls', 'aria-label': t('replayControls') },
    button('replay-start', 'replayStart', () => jump(0), { disabled: true }),
    button('replay-prev', 'replayPrev', () => step(-1), { disabled: true }),
    playButton,
    button('replay-next', 'replayNext', () => step(1), { disabled: true }),
    button('replay-end', 'replayEnd', () => jump(Number(slider.max)), { disabled: true }),
    el('label', {}, el('span', { i18n: 'replaySpeed' }), ' ', speedSelect),
    slider, clock);
  summary = el('p', { id: 'replay-summary', cls: 'hint' });

  mapNode = el('div', { id: 'replay-map', cls: 'replay-map', 'data-i18n-label': 'replayMap', 'aria-label': t('replayMap') });
  byState = table('replayByState', ['state', ...DISTRICTS.map((d) => `district${d}`), 'replayTotal'], 'board-table replay-by-state');
  byState.table.id = 'replay-by-state';
  shelterTable = table('boardShelters', ['shelter', 'district', 'state', 'capacity'], 'board-table replay-shelters');
  shelterTable.table.id = 'replay-shelters';
  levelTable = table('replayLevels', ['district', 'evacLevel'], 'board-table replay-levels');
  levelTable.table.id = 'replay-levels';
  caseTable = table('replayCases', ['caseShort', 'category', 'district', 'state', 'severity'], 'board-table replay-cases');
  caseTable.table.id = 'replay-cases';
  eventList = el('ol', { id: 'replay-events', cls: 'replay-events', 'aria-live': 'off' });

  panel.append(status.node, message.node, form, summary, controls,
    el('div', { cls: 'board-columns' }, mapNode,
      el('div', {}, byState.table, levelTable.table, shelterTable.table)),
    el('div', { cls: 'board-columns' }, caseTable.table,
      el('section', {}, el('h3', { i18n: 'replayEventsTitle' }), eventList)));
  panel.addEventListener('keydown', onKeys);
}

function onKeys(e) {
  if (e.key !== ' ' || !data) return;
  const target = e.target;
  if (target.closest('button, select, textarea, a') || (target.tagName === 'INPUT' && target.type !== 'range')) return;
  e.preventDefault();
  if (timer) stop(); else play();
}

function ensureMap() {
  if (map) return;
  map = L.map(mapNode, { zoomControl: true, attributionControl: false, keyboard: true });
  caseLayer = L.layerGroup().addTo(map);
  shelterLayer = L.layerGroup().addTo(map);
  fetch('/console/districts.geojson').then((r) => r.json()).then((districts) => {
    const outline = L.geoJSON(districts, {
      style: () => ({ color: '#1b2631', weight: 2, fillColor: '#d6eaf8', fillOpacity: 0.35 }),
      onEachFeature: (feature, layer) => {
        layer.bindTooltip(`${feature.properties.name}`, { permanent: true, direction: 'center', className: 'district-label' });
      },
    }).addTo(map);
    outline.bringToBack();
    map.fitBounds(outline.getBounds());
    fitted = true;
  }).catch((err) => message.error(err));
}

/** Called when the board is shown and every few seconds: the replay is read only on Load; the map is kept sized. */
export async function refresh() {
  if (panelNode.hidden) return;
  ensureMap();
  map.invalidateSize();
  if (!fitted) map.setView([33.55, 130.7], 12);
}

export function relabel() {
  status.node.textContent = data ? status.node.textContent : t('replayIdle');
  if (data) show();
}

async function load() {
  stop();
  message.clear();
  const start = new Date(fromInput.value);
  const end = new Date(toInput.value);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    message.error(new Error(t('replayBadRange')));
    return;
  }
  status.node.textContent = t('replayLoading');
  try {
    const r = await api(`/api/console/replay${query({ from: start.toISOString(), to: end.toISOString() })}`);
    data = r.data;
    status.node.textContent = `${t('replayLoaded')} ${new Date().toLocaleTimeString()}`;
    status.node.classList.remove('stale');
  } catch (err) {
    status.failed(err);
    message.error(err);
    return;
  }
  from = new Date(data.from).getTime();
  const span = new Date(data.to).getTime() - from;
  slider.max = String(Math.ceil(span / 1000) * 1000);
  slider.value = '0';
  for (const b of panelNode.querySelectorAll('.replay-controls button, #replay-slider')) b.disabled = false;
  summary.textContent = `${t('replayEventCount')}: ${data.events.length}` +
    ` — ${t('replayRetained')}: ${data.retainedFrom ? formatTime(data.retainedFrom) : t('replayNothingRetained')}` +
    (data.truncated ? ` — ${t('replayTruncated')}` : '');
  summary.classList.toggle('stale', !!data.truncated);
  ensureMap();
  map.invalidateSize();
  show();
}

function eventTime(e) {
  return new Date(e.time).getTime() - from;
}

function jump(value) {
  stop();
  slider.value = String(Math.max(0, Math.min(Number(slider.max), value)));
  show();
}

/** To the previous / next event's moment (an event at a fraction of a second shows from the next whole second). */
function step(direction) {
  if (!data) return;
  const now = Number(slider.value);
  const moments = data.events.map((e) => Math.ceil(eventTime(e) / 1000) * 1000);
  const target = direction > 0 ? moments.find((m) => m > now) : [...moments].reverse().find((m) => m < now);
  jump(target === undefined ? (direction > 0 ? Number(slider.max) : 0) : target);
}

function play() {
  if (!data) return;
  if (Number(slider.value) >= Number(slider.max)) slider.value = '0';
  playButton.setAttribute('aria-pressed', 'true');
  playButton.dataset.i18n = 'replayPause';
  playButton.textContent = t('replayPause');
  let position = Number(slider.value);
  timer = setInterval(() => {
    position += TICK_MS * Number(speedSelect.value);
    if (position >= Number(slider.max)) {
      slider.value = slider.max;
      show();
      stop();
      return;
    }
    slider.value = String(position);
    show();
  }, TICK_MS);
}

function stop() {
  if (timer) clearInterval(timer);
  timer = null;
  if (playButton) {
    playButton.setAttribute('aria-pressed', 'false');
    playButton.dataset.i18n = 'replayPlay';
    playButton.textContent = t('replayPlay');
  }
}

/** The state at the slider's moment: the snapshot with every event up to it applied. */
function stateAt(offset) {
  const cases = new Map(data.snapshot.cases.map((c) => [c.caseId, c]));
  const shelters = new Map(data.snapshot.shelters.map((s) => [s.shelterId, s]));
  const levels = new Map(data.snapshot.evacuation.map((e) => [e.district, e.level]));
  const happened = [];
  for (const e of data.events) {
    if (eventTime(e) > offset) break;
    if (e.case) cases.set(e.case.caseId, e.case);
    if (e.shelter) shelters.set(e.shelter.shelterId, e.shelter);
    if (e.evacuation) levels.set(e.evacuation.district, e.evacuation.level);
    happened.push(e);
  }
  return { cases: [...cases.values()], shelters: [...shelters.values()], levels, happened };
}

function show() {
  if (!data) return;
  const offset = Number(slider.value);
  const moment = new Date(from + offset);
  clock.textContent = moment.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
  clock.dataset.time = moment.toISOString();
  slider.setAttribute('aria-valuetext', clock.textContent);
  const s = stateAt(offset);
  drawMap(s);
  drawByState(s.cases);
  drawLevels(s.levels);
  drawShelters(s.shelters);
  drawCases(s.cases);
  drawEvents(s.happened);
}

function drawMap(s) {
  if (!map) return;
  caseLayer.clearLayers();
  shelterLayer.clearLayers();
  // shelters first: the cases are drawn over them (a case near a shelter stays visible)
  for (const sh of s.shelters) {
    if (sh.latitude == null || sh.longitude == null) continue;
    L.circleMarker([sh.latitude, sh.longitude], {
      radius: 7, color: '#1b2631', weight: 2, fillColor: SHELTER_COLOURS[sh.status] || SHELTER_COLOURS.CLOSED,
      fillOpacity: 0.9, dashArray: '3 2', className: `replay-shelter replay-shelter-${sh.shelterId}`,
    }).bindTooltip(`${sh.name || sh.shelterId} — ${label('shelterStatus', sh.status)} ${sh.occupancy ?? ''} / ${sh.capacity ?? ''}`)
      .addTo(shelterLayer);
  }
  for (const c of s.cases) {
    if (c.latitude == null || c.longitude == null) continue;
    L.circleMarker([c.latitude, c.longitude], {
      radius: 8, color: c.overdue ? '#000000' : '#ffffff', weight: c.overdue ? 3 : 1.5,
      fillColor: SEVERITY_COLOURS[c.severity] || SEVERITY_COLOURS.none, fillOpacity: FINISHED.has(c.status) ? 0.35 : 0.95,
      className: `replay-case replay-case-${c.caseId} replay-status-${c.status}`,
    }).bindTooltip(`${label('category', c.category)} — ${label('status', c.status)}`).addTo(caseLayer);
  }
}

function drawByState(cases) {
  const counts = new Map();
  for (const c of cases) {
    const row = counts.get(c.status) || {};
    const d = DISTRICTS.includes(c.district) ? c.district : 'OTHER';
    row[d] = (row[d] || 0) + 1;
    counts.set(c.status, row);
  }
  byState.body.replaceChildren(...[...counts.entries()].map(([state, row]) =>
    el('tr', { data: { state } }, el('th', { scope: 'row', text: label('status', state) }),
      DISTRICTS.map((d) => td(String(row[d] || 0))),
      td(String(Object.values(row).reduce((a, b) => a + b, 0))))));
}

function drawLevels(levels) {
  levelTable.body.replaceChildren(...DISTRICTS.map((d) => {
    const level = levels.get(d);
    return el('tr', { data: { district: d } }, td(label('district', d)),
      td(level ? label('evacLevel', level) : label('evacLevel', 'none'), level ? `level-${level}` : undefined));
  }));
}

function drawShelters(shelters) {
  shelterTable.body.replaceChildren(...shelters.map((sh) =>
    el('tr', { data: { shelterId: sh.shelterId, status: sh.status } }, td(sh.name || sh.shelterId), td(label('district', sh.district)),
      td(label('shelterStatus', sh.status)), td(`${sh.occupancy ?? ''} / ${sh.capacity ?? ''}`))));
}

function drawCases(cases) {
  const shown = cases.slice(-MAX_LISTED).reverse();
  caseTable.body.replaceChildren(...shown.map((c) =>
    el('tr', { data: { caseId: c.caseId, status: c.status } }, td(c.caseId.slice(0, 8)), td(label('category', c.category)),
      td(label('district', c.district)), td(label('status', c.status) + (c.overdue ? ` (${t('overdue')})` : '')),
      td(c.severity ? label('severity', c.severity) : t('untriaged')))));
}

function eventText(e) {
  const what = `${t(`replayKind_${e.kind}`)} ${e.type}`;
  if (e.case) return `${what}: ${label('category', e.case.category)} ${label('district', e.case.district)} → ${label('status', e.case.status)}`;
  if (e.shelter) return `${what}: ${e.shelter.name || e.shelter.shelterId} → ${label('shelterStatus', e.shelter.status)} ${e.shelter.occupancy ?? ''} / ${e.shelter.capacity ?? ''}`;
  if (e.evacuation) return `${what}: ${label('district', e.evacuation.district)} → ${label('evacLevel', e.evacuation.level || 'none')}`;
  return what;
}

function drawEvents(happened) {
  const shown = happened.slice(-50).reverse();
  eventList.replaceChildren(...shown.map((e) =>
    el('li', { data: { kind: e.kind, type: e.type } }, el('time', { datetime: e.time, text: new Date(e.time).toLocaleTimeString() }), ' ',
      eventText(e))));
}
