// Unprocessed board (karte 38, "nothing left unprocessed"): open and overdue cases counted by
// district and by department (GET /api/cases/unprocessed), and the open cases oldest first
// (GET /api/cases?sort=oldest per open state: the API sorts the whole result, so each state's
// first page holds its oldest cases). A row turns red when
// its deadline has passed: at the deadline by this browser's clock, or when the service's
// overdue scan has marked it. Department staff see their own department's cases, as the API
// gives them.
import { api, query } from '../api.js';
import { t, label, formatTime } from '../i18n.js';
import { el, table, td, statusLine, keepFocus, DISTRICTS } from './common.js';

export const id = 'unprocessed';
export const titleKey = 'boardUnprocessed';

const OPEN_STATES = ['REPORTED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'RECOVERED'];
const SHOWN = 30;

let ctx;
let status;
let totals;
let byDistrict;
let byDepartment;
let oldest;
let last = null;
let panelNode;

export function mount(panel, context) {
  ctx = context;
  panelNode = panel;
  status = statusLine();
  totals = el('p', { cls: 'totals', id: 'unprocessed-totals' });
  byDistrict = table('byDistrict', ['district', 'openCount', 'overdueCount'], 'board-table counts');
  byDistrict.table.id = 'unprocessed-by-district';
  byDepartment = table('byDepartment', ['department', 'openCount', 'overdueCount'], 'board-table counts');
  byDepartment.table.id = 'unprocessed-by-department';
  oldest = table('oldestOpen', ['reportedAt', 'state', 'district', 'department', 'category', 'description', 'due', 'detail'], 'board-table oldest');
  oldest.table.id = 'unprocessed-oldest';
  panel.append(status.node, totals,
    el('div', { cls: 'board-columns' }, byDistrict.table, byDepartment.table),
    el('h3', { i18n: 'oldestOpen' }), el('p', { cls: 'hint', i18n: 'oldestHint' }), oldest.table);
}

export async function refresh() {
  try {
    const [counts, cases] = await Promise.all([api('/api/cases/unprocessed'), oldestOpen()]);
    last = { counts: counts.data, cases };
    keepFocus(panelNode, render);
    status.ok();
  } catch (err) {
    status.failed(err);
    throw err;
  }
}

export function relabel() {
  if (last) keepFocus(panelNode, render);
}

/** The oldest open cases: per open state the first page of that state's cases, oldest first. */
async function oldestOpen() {
  const perState = await Promise.all(OPEN_STATES.map(async (state) =>
    (await api(`/api/cases${query({ status: state, sort: 'oldest', size: SHOWN, page: 0 })}`)).data.items));
  return perState.flat()
    .sort((a, b) => Date.parse(a.reportedAt) - Date.parse(b.reportedAt))
    .slice(0, SHOWN);
}

function isLate(c, now) {
  return c.overdue || (c.dueAt && Date.parse(c.dueAt) <= now);
}

function countRows(body, buckets, kind, order) {
  body.replaceChildren();
  const byKey = new Map(buckets.map((b) => [b.key, b]));
  const keys = [...order.filter((k) => byKey.has(k)), ...buckets.map((b) => b.key).filter((k) => !order.includes(k))];
  for (const key of keys) {
    const b = byKey.get(key);
    const name = key === 'UNKNOWN' ? t('unknownDistrict') : label(kind, key);
    body.append(el('tr', { cls: b.overdue > 0 ? 'late' : null, data: { key } },
      el('th', { scope: 'row', text: name }),
      td(String(b.open), 'num open'),
      td(String(b.overdue), 'num overdue')));
  }
  if (!keys.length) body.append(el('tr', {}, el('td', { colspan: '3', i18n: 'nothingOpen' })));
}

function render() {
  const { counts, cases } = last;
  totals.replaceChildren(
    el('span', { cls: 'total-open' }, `${t('openCount')} `, el('strong', { text: String(counts.open) })),
    ' ',
    el('span', { cls: counts.overdue > 0 ? 'total-overdue late' : 'total-overdue' }, `${t('overdueCount')} `,
      el('strong', { text: String(counts.overdue) })));
  countRows(byDistrict.body, counts.byDistrict, 'district', DISTRICTS);
  countRows(byDepartment.body, counts.byDepartment, 'department', []);

  const now = Date.now();
  oldest.body.replaceChildren();
  for (const c of cases) {
    const late = isLate(c, now);
    const open = el('button', { type: 'button', text: t('detail'), data: { focusKey: `open-${c.id}` },
      on: { click: () => { ctx.selectBoard('cases'); ctx.openCase(c.id); } } });
    oldest.body.append(el('tr', { cls: late ? 'late' : null, data: { caseId: c.id } },
      td(formatTime(c.reportedAt)),
      td(label('status', c.status)),
      td(c.district ? label('district', c.district) : t('unknownDistrict')),
      td(label('department', c.department)),
      td(label('category', c.category)),
      td(c.description, 'description'),
      td(late ? `${t('overdue')} ${formatTime(c.dueAt)}` : formatTime(c.dueAt), 'due'),
      el('td', {}, open)));
  }
  if (!cases.length) oldest.body.append(el('tr', {}, el('td', { colspan: '8', i18n: 'nothingOpen' })));
}
