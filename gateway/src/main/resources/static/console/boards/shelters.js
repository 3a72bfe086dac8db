// Shelter board: every shelter's occupancy against capacity and its status (GET /api/shelters),
// opening and closing (POST /api/shelters/{id}/open, /close), arrivals and departures
// (POST /api/shelters/{id}/check-ins, /check-outs), and shelters flagged by a hazard reported
// nearby (GET /api/shelters/flags) with "keep it" (acknowledge) and "close it" (close-shelter).
// disaster-service lets disaster-staff do all of this for every shelter and shelter-staff only
// for the shelters their account is bound to (the token's `shelters` claim); the board lists a
// shelter-staff member's own shelters first, marked 担当, and offers actions on those only.
// Closing a shelter for a flag is disaster-staff only, so that button shows only for them.
import { api } from '../api.js';
import { t, label, formatTime } from '../i18n.js';
import { el, table, td, statusLine, messageBox, hasRole, me, keepFocus } from './common.js';

export const id = 'shelters';
export const titleKey = 'boardShelters';

let status;
let message;
let form;
let list;
let flags;
let last = null;
let panelNode;

export function mount(panel) {
  panelNode = panel;
  status = statusLine();
  message = messageBox();
  message.node.id = 'shelter-message';
  form = el('form', { id: 'shelter-stay', cls: 'board-form' },
    el('h3', { i18n: 'checkInOut' }),
    el('label', {}, el('span', { i18n: 'shelter' }), ' ', el('select', { name: 'shelter', required: true })),
    el('label', {}, el('span', { i18n: 'personRef' }), ' ',
      el('input', { name: 'personRef', maxlength: '100', required: true, autocomplete: 'off' })),
    el('button', { type: 'submit', name: 'checkIn', value: 'check-ins', i18n: 'checkIn' }),
    el('button', { type: 'submit', name: 'checkOut', value: 'check-outs', i18n: 'checkOut' }),
    el('p', { cls: 'hint', i18n: 'personRefHint' }));
  form.addEventListener('submit', (e) => { e.preventDefault(); stay(e.submitter ? e.submitter.value : 'check-ins'); });
  list = table('boardShelters', ['shelter', 'district', 'state', 'capacity', 'asOf', 'actions'], 'board-table shelters');
  list.table.id = 'shelter-list';
  flags = table('hazardFlags', ['shelter', 'category', 'distance', 'reportedAt', 'state', 'actions'], 'board-table flags');
  flags.table.id = 'shelter-flags';
  panel.append(status.node, message.node, form, list.table, el('h3', { i18n: 'hazardFlags' }), flags.table);
}

export async function refresh() {
  const [shelters, flagged] = await Promise.allSettled([api('/api/shelters'), api('/api/shelters/flags')]);
  last = {
    shelters: shelters.status === 'fulfilled' ? shelters.value.data.shelters : (last ? last.shelters : []),
    flags: flagged.status === 'fulfilled' ? flagged.value.data : (last ? last.flags : []),
  };
  keepFocus(panelNode, render);
  const failed = [shelters, flagged].find((r) => r.status === 'rejected');
  if (failed) { status.failed(failed.reason); throw failed.reason; }
  status.ok();
}

function reload() {
  return refresh().catch(() => {});
}

export function relabel() {
  if (last) keepFocus(panelNode, render);
}

async function act(path, done) {
  message.clear();
  try {
    const { data } = await api(path, { method: 'POST' });
    if (done) message.info(done(data));
  } catch (err) {
    message.error(err);
  }
  await reload();
}

async function stay(kind) {
  const shelterId = form.shelter.value;
  const personRef = form.personRef.value.trim();
  if (!shelterId || !personRef) return;
  message.clear();
  try {
    const { data } = await api(`/api/shelters/${encodeURIComponent(shelterId)}/${kind}`, { method: 'POST', body: { personRef } });
    const repeat = data.alreadyCheckedIn ? ` (${t('alreadyCheckedIn')})` : data.alreadyCheckedOut ? ` (${t('alreadyCheckedOut')})` : '';
    message.info(`${kind === 'check-ins' ? t('checkedIn') : t('checkedOut')}${repeat}: ${data.occupancy} / ${data.capacity} ${label('shelterStatus', data.status)}`);
    form.personRef.value = '';
    form.personRef.focus();
  } catch (err) {
    message.error(err);
  }
  await reload();
}

function statusBadge(s) {
  return el('span', { cls: `badge st-${s}`, text: label('shelterStatus', s) });
}

/** null: every shelter (disaster staff); else the set of the caller's own shelters. */
function ownShelters() {
  return hasRole('disaster-staff') ? null : new Set(me().shelters);
}

function render() {
  const own = ownShelters();
  const mine = (shelterId) => own === null || own.has(shelterId);
  const shown = own === null ? last.shelters
    : [...last.shelters.filter((s) => mine(s.shelterId)), ...last.shelters.filter((s) => !mine(s.shelterId))];
  if (own !== null && own.size === 0) message.info(t('noOwnShelter'));
  // the choice list is rebuilt only when it changed, so an open or focused list stays put
  const options = shown.filter((s) => mine(s.shelterId)).map((s) => [s.shelterId, `${s.name} (${label('shelterStatus', s.status)})`]);
  const signature = JSON.stringify(options);
  if (form.shelter.dataset.signature !== signature) {
    const chosen = form.shelter.value;
    form.shelter.replaceChildren(...options.map(([value, text]) => new Option(text, value)));
    if (options.some(([value]) => value === chosen)) form.shelter.value = chosen;
    form.shelter.dataset.signature = signature;
  }

  list.body.replaceChildren();
  for (const s of shown) {
    const closed = s.status === 'CLOSED';
    const toggle = el('button', { type: 'button', i18n: closed ? 'openShelter' : 'closeShelter', cls: 'toggle', data: { focusKey: `toggle-${s.shelterId}` },
      on: { click: () => act(`/api/shelters/${encodeURIComponent(s.shelterId)}/${closed ? 'open' : 'close'}`,
        (d) => `${d.name}: ${label('shelterStatus', d.status)}`) } });
    const pick = el('button', { type: 'button', i18n: 'chooseForStay', data: { focusKey: `pick-${s.shelterId}` },
      on: { click: () => { form.shelter.value = s.shelterId; form.personRef.focus(); } } });
    const yours = own !== null && mine(s.shelterId);
    list.body.append(el('tr', { cls: `st-row-${s.status}`, data: { shelterId: s.shelterId, own: String(mine(s.shelterId)) } },
      el('th', { scope: 'row', cls: 'name' }, el('span', { text: s.name }),
        yours ? el('span', { cls: 'badge own', i18n: 'yourShelter' }) : ''),
      td(label('district', s.district)),
      el('td', { cls: 'status' }, statusBadge(s.status)),
      el('td', { cls: 'occupancy' },
        el('meter', { min: '0', max: String(Math.max(1, s.capacity)), value: String(Math.min(s.occupancy, Math.max(1, s.capacity))),
          'aria-label': `${s.occupancy} / ${s.capacity}` }),
        ' ', el('span', { cls: 'count', text: `${s.occupancy} / ${s.capacity}` })),
      td(formatTime(s.asOf)),
      mine(s.shelterId) ? el('td', { cls: 'actions' }, toggle, ' ', pick) : el('td', { cls: 'actions' })));
  }

  flags.body.replaceChildren();
  const mayClose = hasRole('disaster-staff');
  for (const f of last.flags) {
    const actions = el('td', { cls: 'actions' });
    if (f.status === 'OPEN' && mine(f.shelterId)) {
      actions.append(el('button', { type: 'button', cls: 'acknowledge', i18n: 'acknowledge', data: { focusKey: `ack-${f.flagId}` },
        on: { click: () => act(`/api/shelters/flags/${encodeURIComponent(f.flagId)}/acknowledge`, () => t('acknowledged')) } }));
      if (mayClose) {
        actions.append(' ', el('button', { type: 'button', cls: 'close-shelter danger', i18n: 'closeForHazard', data: { focusKey: `close-${f.flagId}` },
          on: { click: () => act(`/api/shelters/flags/${encodeURIComponent(f.flagId)}/close-shelter`, () => t('closedForHazard')) } }));
      }
    } else if (f.status !== 'OPEN') {
      actions.append(`${f.decidedAt ? formatTime(f.decidedAt) : ''}`);
    }
    flags.body.append(el('tr', { cls: f.status === 'OPEN' ? 'flag-open' : null, data: { flagId: f.flagId } },
      el('th', { scope: 'row', text: f.shelterName }),
      td(label('category', f.category)),
      td(`${f.distanceMeters} m`),
      td(formatTime(f.reportedAt)),
      td(label('flagStatus', f.status)),
      actions));
  }
  if (!last.flags.length) flags.body.append(el('tr', {}, el('td', { colspan: '6', i18n: 'noFlags' })));
}
