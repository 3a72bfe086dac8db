// The city map: Kama City's outline and four districts from the contracts' GeoJSON (served
// by the gateway), cases coloured by severity and outlined by state, shelters by status.
// No tiles unless the hub is configured with an online base map (off by default).
// Each district is filled by the evacuation level in force there (GET /api/evacuation).
// Case markers close together are clustered (Leaflet.markercluster, from its WebJar); shelters never.
import { t, label, formatTime } from './i18n.js';
import { api } from './api.js';

export const SEVERITY_COLOURS = { 1: '#b00020', 2: '#d35400', 3: '#b7950b', 4: '#1f618d', none: '#5d6d7e' };
export const SHELTER_COLOURS = { OPEN: '#1e8449', CROWDED: '#b7950b', FULL: '#b00020', CLOSED: '#5d6d7e' };
/** 警戒レベル 3 red, 4 purple, 5 black (as on the evacuation board); none: the plain district fill */
export const EVACUATION_COLOURS = { 3: '#b03a2e', 4: '#6c3483', 5: '#17202a' };
const FINISHED = new Set(['RECOVERED', 'CLOSED', 'REJECTED', 'DUPLICATE']);
const DISTRICT_STYLE = { color: '#1b2631', weight: 2, fillColor: '#d6eaf8', fillOpacity: 0.35 };
// translucent enough that the case and shelter markers on top stay visible
const LEVEL_OPACITY = 0.4;
const EVACUATION_MS = 5000;

let map;
let caseLayer;
let shelterLayer;
let onCaseClick = () => {};
/** district code → { layer, feature } */
const districtLayers = new Map();
let evacuation = new Map();   // district code → its DistrictEvacuation (level may be null)

export async function createMap(config, { onOpenCase }) {
  onCaseClick = onOpenCase;
  // maxZoom: the clusters need one (without tiles Leaflet has none)
  map = L.map('map', { zoomControl: true, attributionControl: !!config.baseMapUrl, keyboard: true, maxZoom: 18 });
  if (config.baseMapUrl) {
    L.tileLayer(config.baseMapUrl, { attribution: config.baseMapAttribution || '', maxZoom: 18 }).addTo(map);
  }
  const districts = await (await fetch('/console/districts.geojson')).json();
  const outline = L.geoJSON(districts, {
    // the district code in the class: a test (and a user's devtools) can find its polygon
    style: (feature) => ({ ...DISTRICT_STYLE, className: `district district-${feature.properties.district}` }),
    onEachFeature: (feature, layer) => {
      districtLayers.set(feature.properties.district, { layer, feature });
      layer.bindTooltip(districtLabel(feature), { permanent: true, direction: 'center', className: 'district-label' });
      layer.bindPopup(() => districtPopup(feature));
    },
  }).addTo(map);
  map.fitBounds(outline.getBounds());
  caseLayer = (L.markerClusterGroup ? L.markerClusterGroup({
    maxClusterRadius: 50, disableClusteringAtZoom: 17, showCoverageOnHover: false, chunkedLoading: true,
    iconCreateFunction: clusterIcon,
  }) : L.layerGroup()).addTo(map);
  shelterLayer = L.layerGroup().addTo(map);
  renderLegend();
  watchEvacuation();
}

// ---- evacuation levels per district ------------------------------------------------------------

function levelOf(code) {
  const d = evacuation.get(code);
  return d && d.level != null ? d.level : null;
}

function districtLabel(feature) {
  const code = feature.properties.district;
  const level = levelOf(code);
  const name = `${feature.properties.name} ${label('district', code)}`;
  return level == null ? name : `${name} ${t('evacLevelShort')}${level}`;
}

function districtPopup(feature) {
  const code = feature.properties.district;
  const d = evacuation.get(code) || {};
  const level = levelOf(code);
  return popup([
    [t('district'), `${feature.properties.name} ${label('district', code)}`],
    [t('evacLevel'), label('evacLevel', level == null ? 'none' : String(level))],
    [level == null ? '' : t('residentMessage'), level == null ? '' : d.message],
    [d.issuedAt ? t('issuedAt') : '', d.issuedAt ? formatTime(d.issuedAt) : ''],
  ]);
}

function shadeDistricts() {
  for (const [code, { layer, feature }] of districtLayers) {
    const level = levelOf(code);
    const colour = level == null ? null : EVACUATION_COLOURS[level];
    layer.setStyle(colour ? { fillColor: colour, fillOpacity: LEVEL_OPACITY }
      : { fillColor: DISTRICT_STYLE.fillColor, fillOpacity: DISTRICT_STYLE.fillOpacity });
    // the level on the path too: a test (and a user's devtools) can read it without the colour
    const path = layer.getElement && layer.getElement();
    if (path) path.dataset.evacuationLevel = level == null ? '' : String(level);
    layer.setTooltipContent(districtLabel(feature));
  }
}

/** Shows the levels from GET /api/evacuation's answer (exported: a board may pass its own). */
export function showEvacuation(overview) {
  evacuation = new Map(((overview && overview.districts) || []).map((d) => [d.district, d]));
  shadeDistricts();
}

async function refreshEvacuation() {
  try {
    showEvacuation((await api('/api/evacuation')).data);
  } catch {
    // a role that may not read the levels, or disaster-service down: the districts stay as they were
  }
}

/**
 * The levels are re-read every 5 s while the page is visible (the live stream has no event of
 * its own for them), and soon after a live shelter or delivery event (an approved level goes
 * out as deliveries) or a resync.
 */
function watchEvacuation() {
  refreshEvacuation();
  setInterval(() => { if (document.visibilityState === 'visible') refreshEvacuation(); }, EVACUATION_MS);
  let soon = null;
  document.addEventListener('kama:live', (e) => {
    if (!['shelter', 'delivery', 'resync'].includes(e.detail && e.detail.type)) return;
    clearTimeout(soon);
    soon = setTimeout(refreshEvacuation, 300);
  });
}

/** Popup content built from DOM nodes: a user's text is only ever textContent. */
function popup(lines, caseId) {
  const box = document.createElement('div');
  for (const [strong, text] of lines) {
    const p = document.createElement('p');
    if (strong) {
      const b = document.createElement('strong');
      b.textContent = strong;
      p.append(b, ' ');
    }
    p.append(document.createTextNode(text ?? ''));
    box.append(p);
  }
  if (caseId) {
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = t('detail');
    open.addEventListener('click', () => onCaseClick(caseId));
    box.append(open);
  }
  return box;
}

/** A cluster: how many cases, ringed in the most severe one's colour; Enter or a click zooms in. */
function clusterIcon(cluster) {
  const children = cluster.getAllChildMarkers();
  const worst = Math.min(...children.map((m) => m.options.severity || 9));
  const n = cluster.getChildCount();
  const size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
  // a number only: nothing a user typed goes into this HTML
  return L.divIcon({ html: `<div><span>${Number(n)}</span></div>`, iconSize: L.point(40, 40),
    className: `marker-cluster marker-cluster-${size} cluster-sev-${worst <= 4 ? worst : 'none'}` });
}

/** Case markers by id with what they were drawn from: a refresh redraws only what changed. */
const caseMarkers = new Map();

function caseMarker(f) {
  const p = f.properties;
  const [lon, lat] = f.geometry.coordinates;
  const colour = SEVERITY_COLOURS[p.severity] || SEVERITY_COLOURS.none;
  const marker = L.circleMarker([lat, lon], {
    radius: 8, color: p.overdue ? '#000000' : '#ffffff', weight: p.overdue ? 3 : 1.5,
    fillColor: colour, fillOpacity: FINISHED.has(p.status) ? 0.35 : 0.95,
    // the case id in the marker's class: a test (and a user's devtools) can find it
    className: `case-marker case-${f.id}`,
    severity: p.severity,
  });
  marker.bindPopup(() => popup([
    [label('category', p.category), label('status', p.status)],
    [t('severity'), p.severity ? label('severity', p.severity) : t('untriaged')],
    [t('district'), label('district', p.district)],
    [t('reportedAt'), formatTime(p.reportedAt)],
    [p.overdue ? t('overdue') : '', ''],
  ], f.id));
  return marker;
}

export function showCases(featureCollection) {
  const seen = new Set();
  const added = [];
  const removed = [];
  for (const f of featureCollection.features) {
    seen.add(f.id);
    const p = f.properties;
    const drawnFrom = JSON.stringify([f.geometry.coordinates, p.severity, p.status, p.overdue, p.category, p.district, p.reportedAt]);
    const known = caseMarkers.get(f.id);
    if (known && known.drawnFrom === drawnFrom) continue;
    if (known) removed.push(known.marker);
    const marker = caseMarker(f);
    caseMarkers.set(f.id, { marker, drawnFrom });
    added.push(marker);
  }
  for (const [id, known] of caseMarkers) {
    if (!seen.has(id)) {
      removed.push(known.marker);
      caseMarkers.delete(id);
    }
  }
  if (caseLayer.removeLayers) {
    caseLayer.removeLayers(removed);
    caseLayer.addLayers(added);
  } else {
    for (const m of removed) caseLayer.removeLayer(m);
    for (const m of added) caseLayer.addLayer(m);
  }
}

export function showShelters(list) {
  shelterLayer.clearLayers();
  for (const s of list.shelters) {
    const colour = SHELTER_COLOURS[s.status] || SHELTER_COLOURS.CLOSED;
    const marker = L.circleMarker([s.latitude, s.longitude], {
      radius: 7, color: '#1b2631', weight: 2, fillColor: colour, fillOpacity: 0.9, dashArray: '3 2',
      className: `shelter-marker shelter-${s.shelterId}`,
    });
    marker.bindPopup(() => popup([
      [t('shelter'), s.name],
      [t('state'), label('shelterStatus', s.status)],
      [t('capacity'), `${s.occupancy} / ${s.capacity}`],
    ]));
    marker.addTo(shelterLayer);
  }
}

function renderLegend() {
  const legend = document.getElementById('legend');
  legend.replaceChildren();
  const item = (colour, text, cls) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${cls || ''}`;
    swatch.style.backgroundColor = colour;
    li.append(swatch, document.createTextNode(text));
    legend.append(li);
  };
  for (const s of ['1', '2', '3', '4']) item(SEVERITY_COLOURS[s], `${t('cases')}: ${label('severity', s)}`);
  item(SEVERITY_COLOURS.none, `${t('cases')}: ${t('untriaged')}`);
  for (const s of ['OPEN', 'CROWDED', 'FULL', 'CLOSED']) item(SHELTER_COLOURS[s], `${t('shelters')}: ${label('shelterStatus', s)}`, 'square');
  for (const l of ['3', '4', '5']) item(EVACUATION_COLOURS[l], label('evacLevel', l), 'area');
  const li = document.createElement('li');
  const count = document.createElement('span');
  count.className = 'swatch cluster';
  count.textContent = 'n';
  li.append(count, document.createTextNode(t('clusterLegend')));
  legend.append(li);
}

export function relabel() {
  renderLegend();
  shadeDistricts();
}
