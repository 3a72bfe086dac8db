// Staff CAP alerts on the evacuation board, with the same two-person rule as the levels: a
// draft (POST /api/alerts) shown in full before it is sent, the drafted and published alerts
// (GET /api/alerts, newest first) and the approval by a second disaster-staff member in their own
// console (POST /api/alerts/{id}/approval). notification-service refuses the drafter's own
// approval (403, "Two-person rule: …"); the board shows that answer, it does not hide the button.
// Published, an alert goes to the CAP feed (/feeds/cap.atom) and to its districts' EVACUATION
// subscribers on LINE, e-mail and SMS. Part of the evacuation board (evacuation.js mounts it).
import { api } from '../api.js';
import { t, label, formatTime } from '../i18n.js';
import { el, table, td, me, keepFocus, fillPreview, DISTRICTS, labelledSelect } from './common.js';

const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
const URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'];
const SHOWN = 20;

let section;
let message;
let form;
let preview;
let list;
let pending = null;
let last = null;

/** Builds the section; `box` is the evacuation board's message box, shared. */
export function mount(box) {
  message = box;
  form = el('form', { id: 'cap-alert-draft', cls: 'board-form', on: { submit: showPreview } },
    el('h3', { i18n: 'capAlertDraft' }),
    el('label', { cls: 'wide' }, el('span', { i18n: 'capHeadline' }), ' ',
      el('input', { name: 'headline', maxlength: '140', required: true, autocomplete: 'off' })),
    el('label', { cls: 'wide' }, el('span', { i18n: 'capDescription' }), ' ',
      el('textarea', { name: 'description', maxlength: '2000', rows: '2', required: true })),
    el('label', { cls: 'wide' }, el('span', { i18n: 'capInstruction' }), ' ',
      el('textarea', { name: 'instruction', maxlength: '2000', rows: '2' })),
    el('fieldset', { cls: 'districts' }, el('legend', { i18n: 'capDistricts' }),
      DISTRICTS.map((d) => el('label', {}, el('input', { type: 'checkbox', name: 'districts', value: d }), ' ',
        el('span', { data: { district: d }, text: label('district', d) })))),
    el('label', {}, el('span', { i18n: 'capSeverity' }), ' ', labelledSelect('severity', SEVERITIES, 'capSeverity')),
    el('label', {}, el('span', { i18n: 'capUrgency' }), ' ', labelledSelect('urgency', URGENCIES, 'capUrgency')),
    el('button', { type: 'submit', i18n: 'checkBeforeSending' }));
  form.severity.value = 'Severe';
  form.urgency.value = 'Immediate';
  preview = el('section', { id: 'cap-alert-preview', cls: 'preview', hidden: true, 'aria-labelledby': 'cap-alert-preview-title' });
  list = table('capAlerts', ['draftedAt', 'drafter', 'capHeadline', 'capDistricts', 'capSeverity', 'state', 'actions'], 'board-table cap-alerts');
  list.table.id = 'cap-alerts';
  section = el('section', { id: 'cap-alert-section' }, form, preview, list.table);
  return section;
}

export async function refresh() {
  const { data } = await api('/api/alerts');
  last = data;
  keepFocus(section, render);
}

/** The choice lists are relabelled by the evacuation board (every select[data-kind] of its panel). */
export function relabel() {
  for (const s of section.querySelectorAll('span[data-district]')) s.textContent = label('district', s.dataset.district);
  if (last) keepFocus(section, render);
  if (pending) renderPreview();
}

function showPreview(e) {
  e.preventDefault();
  message.clear();
  const districts = [...form.querySelectorAll('input[name=districts]:checked')].map((c) => c.value);
  if (!districts.length) {
    message.info(t('capChooseDistrict'));
    return;
  }
  pending = { headline: form.headline.value.trim(), description: form.description.value.trim(),
    instruction: form.instruction.value.trim() || undefined, districts,
    severity: form.severity.value, urgency: form.urgency.value };
  renderPreview();
  preview.hidden = false;
  preview.querySelector('button.confirm').focus();
}

function renderPreview() {
  const p = pending;
  fillPreview(preview, 'cap-alert-preview-title', [
    ['capHeadline', p.headline],
    ['capDescription', p.description],
    ['capInstruction', p.instruction || t('noMessage')],
    ['capDistricts', p.districts.map((d) => label('district', d)).join('、')],
    ['capSeverity', `${label('capSeverity', p.severity)} / ${label('capUrgency', p.urgency)}`],
    ['sentTo', t('capSentToText')],
    ['afterDraft', t('afterDraftText')],
  ], { confirm: sendDraft, back: () => { pending = null; preview.hidden = true; form.headline.focus(); } });
}

async function sendDraft() {
  try {
    await api('/api/alerts', { method: 'POST', body: pending });
    pending = null;
    preview.hidden = true;
    form.reset();
    form.severity.value = 'Severe';
    form.urgency.value = 'Immediate';
    message.info(t('draftPending'));
  } catch (err) {
    message.error(err);
  }
  await refresh().catch(() => {});
}

async function approve(alert) {
  message.clear();
  try {
    const { data } = await api(`/api/alerts/${encodeURIComponent(alert.id)}/approval`, { method: 'POST' });
    message.info(`${label('alertStatus', data.status)}: ${data.headline}`);
  } catch (err) {
    message.error(err);
  }
  await refresh().catch(() => {});
}

function render() {
  const mine = me().sub;
  list.body.replaceChildren();
  for (const a of last.slice(0, SHOWN)) {
    const actions = el('td', { cls: 'actions' });
    if (a.status === 'DRAFT') {
      actions.append(el('button', { type: 'button', cls: 'approve', i18n: 'approve', data: { focusKey: `approve-alert-${a.id}` },
        on: { click: () => approve(a) } }));
    } else if (a.publishedAt) {
      actions.append(formatTime(a.publishedAt));
    }
    list.body.append(el('tr', { cls: `alert-${a.status}`, data: { alertId: a.id } },
      td(formatTime(a.draftedAt)),
      td(a.draftedBy === mine ? t('you') : t('otherStaff'), 'drafter'),
      td(a.headline, 'headline'),
      td((a.districts || []).map((d) => label('district', d)).join('、'), 'districts'),
      td(label('capSeverity', a.severity), 'severity'),
      td(label('alertStatus', a.status), 'state'),
      actions));
  }
  if (!last.length) list.body.append(el('tr', {}, el('td', { colspan: '7', i18n: 'noAlerts' })));
}
