// Evacuation board, with the two-person rule: the level in force per district
// (GET /api/evacuation), a draft of a change for one district (POST /api/evacuation/drafts)
// shown in full before it is sent, and the drafts waiting for a second disaster-staff member
// (GET /api/evacuation/drafts), who approves or rejects them in their own console
// (POST /api/evacuation/drafts/{id}/approve, /reject). The drafter's own approval is refused
// by disaster-service (403); the board shows its problem+json detail, it does not hide the
// button. A draft needs a declared disaster (GET/POST /api/disasters). All disaster-staff only.
// Below, staff CAP alerts with the same rule (cap-alerts.js).
import { api } from '../api.js';
import * as capAlerts from './cap-alerts.js';
import { t, label, formatTime, LABELS } from '../i18n.js';
import { el, table, td, statusLine, messageBox, me, hasRole, keepFocus, fillPreview, DISTRICTS, labelledSelect } from './common.js';

export const id = 'evacuation';
export const titleKey = 'boardEvacuation';

const SHOWN_DRAFTS = 20;

let panelNode;
let status;
let message;
let levels;
let declare;
let draftForm;
let preview;
let drafts;
let pending = null;   // the draft body shown in the preview, not yet sent
let last = null;

function levelText(level) {
  return label('evacLevel', level == null ? 'none' : String(level));
}

export function mount(panel) {
  panelNode = panel;
  status = statusLine();
  message = messageBox();
  message.node.id = 'evacuation-message';
  levels = table('levelsInForce', ['district', 'evacLevel', 'residentMessage', 'disaster', 'issuedAt'], 'board-table levels');
  levels.table.id = 'evacuation-levels';

  declare = el('details', { id: 'declare-disaster', cls: 'board-form' },
    el('summary', { i18n: 'declareDisaster' }),
    el('form', { on: { submit: declareDisaster } },
      el('label', {}, el('span', { i18n: 'disasterName' }), ' ', el('input', { name: 'disasterName', maxlength: '200', required: true })),
      el('label', {}, el('span', { i18n: 'hazardKind' }), ' ', labelledSelect('kind', Object.keys(LABELS.hazard), 'hazard')),
      el('button', { type: 'submit', i18n: 'declare' })));

  draftForm = el('form', { id: 'evacuation-draft', cls: 'board-form', on: { submit: showPreview } },
    el('h3', { i18n: 'newDraft' }),
    el('label', {}, el('span', { i18n: 'disaster' }), ' ', el('select', { name: 'disasterId', required: true })),
    el('label', {}, el('span', { i18n: 'district' }), ' ', labelledSelect('district', DISTRICTS, 'district')),
    el('label', {}, el('span', { i18n: 'evacLevel' }), ' ', labelledSelect('level', ['3', '4', '5', 'none'], 'evacLevel')),
    el('label', { cls: 'wide' }, el('span', { i18n: 'residentMessage' }), ' ',
      el('textarea', { name: 'message', maxlength: '1000', rows: '2' })),
    el('button', { type: 'submit', i18n: 'checkBeforeSending' }));

  preview = el('section', { id: 'evacuation-preview', cls: 'preview', hidden: true, 'aria-labelledby': 'evacuation-preview-title' });

  drafts = table('draftsTitle', ['draftedAt', 'drafter', 'district', 'evacLevel', 'residentMessage', 'state', 'actions'], 'board-table drafts');
  drafts.table.id = 'evacuation-drafts';

  // shelter-staff and admin may read the levels; drafting and approving is disaster-staff's
  const staff = hasRole('disaster-staff');
  declare.hidden = !staff;
  draftForm.hidden = !staff;
  panel.append(status.node, message.node, levels.table, staff ? '' : el('p', { cls: 'hint', i18n: 'evacuationReadOnly' }),
    declare, draftForm, preview,
    el('h3', { i18n: 'draftsTitle' }), el('p', { cls: 'hint', i18n: 'twoPersonHint' }), drafts.table,
    staff ? capAlerts.mount(message) : '');
}

export async function refresh() {
  try {
    const [overview, disasters, list] = await Promise.all([
      api('/api/evacuation'), api('/api/disasters'),
      hasRole('disaster-staff') ? api('/api/evacuation/drafts') : Promise.resolve({ data: [] }),
      hasRole('disaster-staff') ? capAlerts.refresh() : Promise.resolve()]);
    last = { overview: overview.data, disasters: disasters.data, drafts: list.data };
    keepFocus(panelNode, render);
    status.ok();
  } catch (err) {
    status.failed(err);
    throw err;
  }
}

export function relabel() {
  for (const s of panelNode.querySelectorAll('select[data-kind]')) {
    for (const o of s.options) o.textContent = label(s.dataset.kind, o.value);
  }
  if (last) keepFocus(panelNode, render);
  if (pending) renderPreview();
  if (hasRole('disaster-staff')) capAlerts.relabel();
}

function reload() {
  return refresh().catch(() => {});
}

/** The 訓練 / exercise badge of a drill's disaster. */
function exerciseBadge() {
  return el('span', { cls: 'badge exercise', i18n: 'exercise' });
}

async function declareDisaster(e) {
  e.preventDefault();
  const f = e.target;
  message.clear();
  try {
    const { data } = await api('/api/disasters', { method: 'POST', body: { name: f.elements.disasterName.value.trim(), kind: f.elements.kind.value } });
    message.info(`${t('declared')}: ${data.name}`);
    f.reset();
    declare.open = false;
    await reload();
    draftForm.disasterId.value = data.disasterId;
  } catch (err) {
    message.error(err);
  }
}

function currentLevel(district) {
  const d = last && last.overview.districts.find((x) => x.district === district);
  return d ? d.level : null;
}

/** Step 1: nothing is sent yet; the staff member reads exactly what will go out. */
function showPreview(e) {
  e.preventDefault();
  message.clear();
  const f = draftForm;
  const level = f.level.value === 'none' ? null : Number(f.level.value);
  pending = { disasterId: f.disasterId.value, district: f.district.value, level, message: f.message.value.trim() || null };
  if (!pending.disasterId) {
    message.info(t('declareFirst'));
    pending = null;
    return;
  }
  renderPreview();
  preview.hidden = false;
  preview.querySelector('button.confirm').focus();
}

function renderPreview() {
  const p = pending;
  const disaster = last && last.disasters.find((d) => d.disasterId === p.disasterId);
  fillPreview(preview, 'evacuation-preview-title', [
    ['disaster', disaster ? disaster.name : p.disasterId],
    ['district', label('district', p.district)],
    ['levelChange', `${levelText(currentLevel(p.district))} → ${levelText(p.level)}`],
    ['residentMessage', p.message || t('noMessage')],
    ['sentTo', t('sentToText')],
    ['afterDraft', t('afterDraftText')],
  ], { confirm: sendDraft, back: () => { pending = null; preview.hidden = true; draftForm.level.focus(); } });
}

/** Step 2: the draft goes to disaster-service, PENDING until someone else approves it. */
async function sendDraft() {
  const body = pending;
  try {
    const { data } = await api('/api/evacuation/drafts', { method: 'POST', body });
    pending = null;
    preview.hidden = true;
    draftForm.reset();
    message.info(data.status === 'APPLIED' ? t('draftApplied') : t('draftPending'));
  } catch (err) {
    message.error(err);
  }
  await reload();
}

async function decide(draft, verb) {
  message.clear();
  try {
    const { data } = await api(`/api/evacuation/drafts/${encodeURIComponent(draft.draftId)}/${verb}`, { method: 'POST' });
    message.info(`${label('draftStatus', data.status)}: ${label('district', data.district)} ${levelText(data.level)}`);
  } catch (err) {
    message.error(err);
  }
  await reload();
}

function render() {
  levels.body.replaceChildren();
  for (const d of last.overview.districts) {
    const under = d.disasterId && last.disasters.find((x) => x.disasterId === d.disasterId);
    const disasterCell = td(d.disasterName);
    if (under && under.exercise) disasterCell.prepend(exerciseBadge(), ' ');
    levels.body.append(el('tr', { cls: d.level ? `level-${d.level}` : null, data: { district: d.district } },
      el('th', { scope: 'row', text: label('district', d.district) }),
      td(levelText(d.level), 'level'),
      td(d.message, 'description'),
      disasterCell,
      td(formatTime(d.issuedAt))));
  }

  const active = last.disasters.filter((d) => d.active);
  // a drill's disaster is marked in the list it is chosen from (the option's text, no markup)
  const options = active.map((d) => [d.disasterId, d.exercise && !d.name.startsWith('【訓練】') ? `【${t('exercise')}】 ${d.name}` : d.name]);
  const signature = JSON.stringify(options);
  const choose = draftForm.disasterId;
  if (choose.dataset.signature !== signature) {
    const chosen = choose.value;
    choose.replaceChildren(...options.map(([value, text]) => new Option(text, value)));
    if (options.some(([value]) => value === chosen)) choose.value = chosen;
    choose.dataset.signature = signature;
    if (!active.length) declare.open = true;
  }

  const mine = me().sub;
  drafts.body.replaceChildren();
  for (const d of last.drafts.slice(0, SHOWN_DRAFTS)) {
    const actions = el('td', { cls: 'actions' });
    if (d.status === 'PENDING') {
      actions.append(
        el('button', { type: 'button', cls: 'approve', i18n: 'approve', data: { focusKey: `approve-${d.draftId}` },
          on: { click: () => decide(d, 'approve') } }),
        ' ',
        el('button', { type: 'button', cls: 'reject', i18n: 'reject', data: { focusKey: `reject-${d.draftId}` },
          on: { click: () => decide(d, 'reject') } }));
    }
    drafts.body.append(el('tr', { cls: `draft-${d.status}`, data: { draftId: d.draftId } },
      td(formatTime(d.draftedAt)),
      td(d.draftedBy === mine ? t('you') : t('otherStaff'), 'drafter'),
      td(label('district', d.district)),
      td(levelText(d.level), 'level'),
      td(d.message, 'description'),
      td(label('draftStatus', d.status), 'state'),
      actions));
  }
  if (!last.drafts.length) drafts.body.append(el('tr', {}, el('td', { colspan: '7', i18n: 'noDrafts' })));
}
