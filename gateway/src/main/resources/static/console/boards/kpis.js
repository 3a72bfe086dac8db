// Plan KPIs (計画指標): the numbers Kama City's digital plan measures itself by, each beside
// the plan's target where the plan gives one, from the services' own data:
//   GET /api/cases/kpis       open and overdue cases now (karte 38: zero unprocessed), reports in the window
//   GET /api/identity/kpis    successful My Number card logins and terminal verifications (karte 3: double them)
//   GET /api/deliveries/kpis  subscribers per channel (karte 20: 10,000 LINE friends), disaster publications
//                             per channel and their latency from decision to delivery (karte 32)
// The window is the last 7, 30 (default), 90 or 365 days. "CSV" saves what the board shows as
// a CSV file made in the page (a Blob and an object URL; nothing inline, nothing from elsewhere).
// disaster-staff and admin; a source that fails leaves the others on screen and says so.
import { api } from '../api.js';
import { t, label, formatTime } from '../i18n.js';
import { el, table, td, statusLine, problemText, keepFocus } from './common.js';

export const id = 'kpis';
export const titleKey = 'boardKpis';

const WINDOWS = [7, 30, 90, 365];
const LINE_TARGET = 10000;
const REPORT_CHANNELS = ['CITIZEN', 'STAFF', 'PARTNER'];

let panelNode;
let status;
let windowSelect;
let windowText;
let kpis;
let latency;
let last = null;

export function mount(panel) {
  panelNode = panel;
  status = statusLine();
  windowSelect = el('select', { id: 'kpi-window', name: 'days', on: { change: () => refresh().catch(() => {}) } },
    WINDOWS.map((d) => el('option', { value: String(d), selected: d === 30 }, String(d))));
  windowText = el('p', { id: 'kpi-window-text', cls: 'hint' });
  kpis = table('kpiTableCaption', ['kpiName', 'kpiValue', 'kpiTarget', 'kpiSource'], 'board-table kpis');
  kpis.table.id = 'kpi-table';
  latency = table('kpiLatency', ['channel', 'kpiPublications', 'kpiDelivered', 'kpiP50', 'kpiP95', 'kpiMax'], 'board-table kpi-latency');
  latency.table.id = 'kpi-latency';
  const csv = el('button', { type: 'button', id: 'kpi-csv', on: { click: downloadCsv } }, el('span', { i18n: 'kpiCsv' }));
  panel.append(status.node,
    el('div', { cls: 'kpi-controls' },
      el('label', { for: 'kpi-window' }, el('span', { i18n: 'kpiWindow' }), ' ', windowSelect, ' ', el('span', { i18n: 'kpiDays' })),
      csv),
    windowText, kpis.table,
    el('p', { cls: 'hint', i18n: 'kpiLatencyHint' }), latency.table);
}

export async function refresh() {
  const days = windowSelect.value;
  const [cases, identity, deliveries] = await Promise.allSettled([
    api(`/api/cases/kpis?days=${days}`), api(`/api/identity/kpis?days=${days}`), api(`/api/deliveries/kpis?days=${days}`)]);
  const value = (r) => (r.status === 'fulfilled' ? r.value.data : null);
  const error = (r) => (r.status === 'rejected' ? r.reason : null);
  last = {
    days,
    cases: value(cases), identity: value(identity), deliveries: value(deliveries),
    errors: { cases: error(cases), identity: error(identity), deliveries: error(deliveries) },
  };
  keepFocus(panelNode, render);
  const failed = [cases, identity, deliveries].find((r) => r.status === 'rejected');
  if (failed) { status.failed(failed.reason); throw failed.reason; }
  status.ok();
}

export function relabel() {
  if (last) keepFocus(panelNode, render);
}

function countOf(list, channel) {
  const e = (list || []).find((c) => c.channel === channel);
  return e ? e.count : 0;
}

function seconds(s) {
  if (s === undefined || s === null) return '—';
  return s < 10 ? s.toFixed(1) : String(Math.round(s));
}

/**
 * The rows the board shows and the CSV holds, from the last answers: one per KPI (and channel).
 * `value` null means the source failed or cannot tell; `target` is the plan's, as text.
 */
function rows() {
  const out = [];
  const c = last.cases;
  const i = last.identity;
  const d = last.deliveries;
  const add = (key, channel, value, target, karte, note) => out.push({ key, channel, value, target, karte, note });
  add('open_cases', '', c ? c.open : null, '0', '38', c ? null : problemText(last.errors.cases));
  add('overdue_cases', '', c ? c.overdue : null, '0', '38', null);
  add('reports_received', '', c ? c.reportsReceived : null, '', '31', null);
  for (const ch of REPORT_CHANNELS) add('reports_received', ch, c ? countOf(c.reportsByChannel, ch) : null, '', '31', null);
  add('card_reports', '', null, 'x2', '3', 'notMeasured');
  const baseline = i && i.countingSince ? `${t('kpiNoBaseline')} (${t('kpiCountingSince')} ${formatTime(i.countingSince)})` : t('kpiNoBaseline');
  add('card_logins', '', i ? i.cardLogins : null, 'x2', '3', i ? baseline : problemText(last.errors.identity));
  add('card_verifications', '', i ? i.cardVerifications : null, 'x2', '3', i ? baseline : null);
  for (const ch of ['LINE', 'EMAIL', 'SMS']) {
    add('subscribers', ch, d ? countOf(d.subscribers, ch) : null, ch === 'LINE' ? String(LINE_TARGET) : '', ch === 'LINE' ? '20' : '32',
      d ? null : problemText(last.errors.deliveries));
  }
  for (const ch of ['LINE', 'EMAIL', 'SMS', 'LALERT', 'CAP']) add('publications', ch, d ? countOf(d.publications, ch) : null, '', '32', null);
  for (const l of (d ? d.latency : [])) {
    add('latency_delivered', l.channel, l.count, '', '32', null);
    add('latency_p50_seconds', l.channel, l.p50Seconds ?? null, '', '32', null);
    add('latency_p95_seconds', l.channel, l.p95Seconds ?? null, '', '32', null);
    add('latency_max_seconds', l.channel, l.maxSeconds ?? null, '', '32', null);
  }
  return out;
}

function targetText(r) {
  if (r.target === '0') return t('kpiTargetZero');
  if (r.target === 'x2') return t('kpiTargetDouble');
  if (r.key === 'subscribers' && r.channel === 'LINE') return `${LINE_TARGET.toLocaleString()} (${t('kpiTargetLine')})`;
  return '—';
}

function kpiRow(r) {
  const missing = r.value === null || r.value === undefined;
  const name = r.channel ? `${t(`kpi_${r.key}`)} — ${label('kpiChannel', r.channel)}` : t(`kpi_${r.key}`);
  let value = missing ? (r.note === 'notMeasured' ? t('kpiNotMeasured') : t('kpiUnavailable')) : Number(r.value).toLocaleString();
  if (!missing && r.key === 'subscribers' && r.channel === 'LINE') value += ` (${Math.floor((r.value * 100) / LINE_TARGET)}%)`;
  const late = !missing && r.target === '0' && r.value > 0;
  const note = r.note === 'notMeasured' ? t('kpiCardReportsNote') : (r.note || '');
  return el('tr', { cls: late ? 'late' : null, data: { kpi: r.key, channel: r.channel || '' } },
    el('th', { scope: 'row', text: name }),
    td(value, 'num value'),
    td(targetText(r) + (note ? ` — ${note}` : ''), 'target'),
    td(`${t('kpiKarte')} ${r.karte}`, 'source'));
}

function render() {
  const all = rows();
  const src = last.cases || last.deliveries || last.identity;
  windowText.textContent = src ? `${t('kpiWindowFrom')} ${formatTime(src.since)} – ${formatTime(src.until)}` : '';
  kpis.body.replaceChildren(...all.filter((r) => !r.key.startsWith('latency_')).map(kpiRow));
  latency.body.replaceChildren();
  const d = last.deliveries;
  for (const l of (d ? d.latency : [])) {
    latency.body.append(el('tr', { data: { channel: l.channel } },
      el('th', { scope: 'row', text: label('kpiChannel', l.channel) }),
      td(String(countOf(d.publications, l.channel)), 'num publications'),
      td(String(l.count), 'num delivered'),
      td(seconds(l.p50Seconds), 'num p50'),
      td(seconds(l.p95Seconds), 'num p95'),
      td(seconds(l.maxSeconds), 'num max')));
  }
}

/** RFC 4180: every field quoted, quotes doubled, CRLF between records. */
function csvText() {
  const head = ['kpi', 'channel', 'value', 'target', 'karte', 'window_days', 'since', 'until'];
  const src = last.cases || last.deliveries || last.identity || {};
  const lines = [head, ...rows().map((r) => [r.key, r.channel, r.value === null || r.value === undefined ? '' : String(r.value),
    r.target === 'x2' ? 'double' : r.target, r.karte, last.days, src.since || '', src.until || ''])];
  return lines.map((l) => l.map((f) => `"${String(f).replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

function downloadCsv() {
  if (!last) return;
  // a BOM, so spreadsheet programs read the UTF-8 as such
  const blob = new Blob(['\uFEFF', csvText()], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: `kama-plan-kpis-${new Date().toISOString().slice(0, 10)}.csv`, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
