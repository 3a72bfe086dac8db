// The city map: Kama City's outline and four districts from the contracts' GeoJSON (served
// by the gateway), cases coloured by severity and outlined by state, shelters by status.
// No tiles unless the hub is configured with an online base map (off by default).
import { t, label, formatTime } from './i18n.js';

export const SEVERITY_COLOURS = { 1: '#b00020', 2: '#d35400', 3: '#b7950b', 4: '#1f618d', none: '#5d6d7e' };
export const SHELTER_COLOURS = { OPEN: '#1e8449', CROWDED: '#b7950b', FULL: '#b00020', CLOSED: '#5d6d7e' };
const FINISHED = new Set(['RECOVERED', 'CLOSED', 'REJECTED', 'DUPLICATE']);

let map;
let caseLayer;
let shelterLayer;
let onCaseClick = () => {};

export async function createMap(config, { onOpenCase }) {
  onCaseClick = onOpenCase;
  map = L.map('map', { zoomControl: true, attributionControl: !!config.baseMapUrl, keyboard: true });
  if (config.baseMapUrl) {
    L.tileLayer(config.baseMapUrl, { attribution: config.baseMapAttribution || '', maxZoom: 18 }).addTo(map);
  }
  const districts = await (await fetch('/console/districts.geojson')).json();
  const outline = L.geoJSON(districts, {
    style: () => ({ color: '#1b2631', weight: 2, fillColor: '#d6eaf8', fillOpacity: 0.35 }),
    onEachFeature: (feature, layer) => {
      layer.bindTooltip(`${feature.properties.name} ${label('district', feature.properties.district)}`,
        { permanent: true, direction: 'center', className: 'district-label' });
    },
  }).addTo(map);
  map.fitBounds(outline.getBounds());
  caseLayer = L.layerGroup().addTo(map);
  shelterLayer = L.layerGroup().addTo(map);
  renderLegend();
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

export function showCases(featureCollection) {
  caseLayer.clearLayers();
  for (const f of featureCollection.features) {
    const p = f.properties;
    const [lon, lat] = f.geometry.coordinates;
    const colour = SEVERITY_COLOURS[p.severity] || SEVERITY_COLOURS.none;
    const marker = L.circleMarker([lat, lon], {
      radius: 8, color: p.overdue ? '#000000' : '#ffffff', weight: p.overdue ? 3 : 1.5,
      fillColor: colour, fillOpacity: FINISHED.has(p.status) ? 0.35 : 0.95,
      // the case id in the marker's class: a test (and a user's devtools) can find it
      className: `case-marker case-${f.id}`,
    });
    marker.bindPopup(() => popup([
      [label('category', p.category), label('status', p.status)],
      [t('severity'), p.severity ? label('severity', p.severity) : t('untriaged')],
      [t('district'), label('district', p.district)],
      [t('reportedAt'), formatTime(p.reportedAt)],
      [p.overdue ? t('overdue') : '', ''],
    ], f.id));
    marker.addTo(caseLayer);
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
}

export function relabel() {
  renderLegend();
}
