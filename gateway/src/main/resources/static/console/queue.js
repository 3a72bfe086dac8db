// The case queue (filters, sort, pages, j/k/Enter) and a case's detail with its history,
// state changes, reports (with photo thumbnails) and work notes. A 409 on a change is
// explained and the case re-read, never overwritten.
import { api, apiBlob, query, ApiError } from './api.js';
import { t, label, formatTime, LABELS } from './i18n.js';
import { me } from './boards/common.js';

const SIZE = 20;
const NEXT = {
  REPORTED: ['TRIAGED', 'REJECTED', 'DUPLICATE'], TRIAGED: ['ASSIGNED', 'REJECTED', 'DUPLICATE'],
  ASSIGNED: ['IN_PROGRESS'], IN_PROGRESS: ['RECOVERED'], RECOVERED: ['CLOSED', 'IN_PROGRESS'],
};
/** the sort choice → the case API's `sort` (the order of the whole result, so the pages follow on) */
const SORTS = { newest: 'newest', oldest: 'oldest', bySeverity: 'severity', byDue: 'due' };

const state = { page: 0, total: 0, items: [], selected: 0, open: null };
let onChange = () => {};

const $ = (id) => document.getElementById(id);

function options(select, values, kind, first = t('all')) {
  const current = select.value;
  select.replaceChildren();
  if (first !== null) select.append(new Option(first, ''));
  for (const v of values) select.append(new Option(kind ? label(kind, v) : t(v), v));
  select.value = current;
}

export function fillFilterOptions() {
  const f = $('filters');
  options(f.status, Object.keys(LABELS.status), 'status');
  options(f.district, Object.keys(LABELS.district), 'district');
  options(f.category, Object.keys(LABELS.category), 'category');
  options(f.severity, ['1', '2', '3', '4'], 'severity');
  options(f.sort, Object.keys(SORTS), null, null);
  const tr = $('transition');
  options(tr.severity, ['1', '2', '3', '4'], 'severity', '—');
  options(tr.department, Object.keys(LABELS.department), 'department', '—');
}

/** The filters as the case API's query parameters (the same for the list and the map). */
export function filterParams() {
  const f = $('filters');
  return { status: f.status.value, district: f.district.value, category: f.category.value,
    severity: f.severity.value, overdue: f.overdue.checked, q: f.q.value.trim() };
}

export function initQueue({ changed }) {
  onChange = changed;
  fillFilterOptions();
  const f = $('filters');
  f.addEventListener('change', () => { state.page = 0; onChange(); });
  f.addEventListener('submit', (e) => { e.preventDefault(); state.page = 0; onChange(); });
  let typing;
  f.q.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => { state.page = 0; onChange(); }, 300); });
  $('prev').addEventListener('click', () => { if (state.page > 0) { state.page--; onChange(); } });
  $('next').addEventListener('click', () => { if ((state.page + 1) * SIZE < state.total) { state.page++; onChange(); } });
  $('close-detail').addEventListener('click', closeDetail);
  $('transition').addEventListener('submit', submitTransition);
  $('work-note').addEventListener('submit', submitWorkNote);
  $('photo-viewer').addEventListener('close', () => {
    const img = $('photo-full');
    if (img.src.startsWith('blob:')) URL.revokeObjectURL(img.src);
    img.removeAttribute('src');
    if (photoOpener && photoOpener.isConnected) photoOpener.focus();
  });
  document.addEventListener('keydown', keys);
}

export async function loadQueue() {
  const sort = SORTS[$('filters').sort.value] || SORTS.newest;
  const { data } = await api(`/api/cases${query({ ...filterParams(), sort, page: state.page, size: SIZE })}`);
  const openId = state.items[state.selected] && state.items[state.selected].id;
  state.total = data.total;
  state.items = data.items;
  const keep = state.items.findIndex((c) => c.id === openId);
  state.selected = keep >= 0 ? keep : Math.min(state.selected, Math.max(0, state.items.length - 1));
  renderQueue();
  // the open detail is not re-read here: it stays the version the user is looking at, so a
  // change made meanwhile by someone else surfaces as an explained 409, never as a silent switch
}

function cell(row, text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (cls) td.className = cls;
  row.append(td);
}

/** The 訓練 / exercise badge of a drill's case (its own label, set as text). */
function exerciseBadge() {
  const b = document.createElement('span');
  b.className = 'badge exercise';
  b.dataset.i18n = 'exercise';
  b.textContent = t('exercise');
  return b;
}

function renderQueue() {
  const body = $('queue').tBodies[0];
  body.replaceChildren();
  state.items.forEach((c, i) => {
    const row = document.createElement('tr');
    row.dataset.caseId = c.id;
    row.tabIndex = -1;
    if (i === state.selected) row.classList.add('selected');
    if (c.overdue) row.classList.add('overdue');
    cell(row, formatTime(c.reportedAt));
    cell(row, label('status', c.status));
    if (c.exercise) row.lastChild.prepend(exerciseBadge(), ' ');
    cell(row, c.severity ? label('severity', c.severity) : t('untriaged'), c.severity ? `sev sev-${c.severity}` : 'sev');
    cell(row, label('category', c.category));
    cell(row, label('district', c.district));
    cell(row, c.description, 'description');
    cell(row, c.overdue ? `${t('overdue')} ${formatTime(c.dueAt)}` : formatTime(c.dueAt));
    row.addEventListener('click', () => { state.selected = i; renderQueue(); openCase(c.id); });
    body.append(row);
  });
  const pages = Math.max(1, Math.ceil(state.total / SIZE));
  $('pageinfo').textContent = `${t('page')} ${state.page + 1} ${t('of')} ${pages} (${state.total} ${t('total')})`;
  $('prev').disabled = state.page === 0;
  $('next').disabled = state.page + 1 >= pages;
}

function keys(e) {
  const typing = e.target.closest('input, select, textarea') && e.key !== 'Escape';
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  const help = $('help');
  if (e.key === '?') { e.preventDefault(); if (!help.open) help.showModal(); return; }
  if (help.open || $('photo-viewer').open) return;
  if (e.key === 'j' || e.key === 'k') {
    e.preventDefault();
    if (!state.items.length) return;
    state.selected = Math.max(0, Math.min(state.items.length - 1, state.selected + (e.key === 'j' ? 1 : -1)));
    renderQueue();
    $('queue').tBodies[0].rows[state.selected].scrollIntoView({ block: 'nearest' });
  } else if (e.key === 'Enter' && !e.target.closest('button, a')) {
    e.preventDefault();
    if (state.items[state.selected]) openCase(state.items[state.selected].id);
  } else if (e.key === 'Escape') {
    closeDetail();
  } else if (e.key === '/') {
    e.preventDefault();
    $('q').focus();
  } else if (e.key === 'n' && !$('detail').hidden && !$('main').hidden) {
    e.preventDefault();
    $('work-note').note.focus();
  } else if (e.key === 't' && !$('detail').hidden && !$('main').hidden) {
    // triage and every other transition: the next-state choice of the open case
    e.preventDefault();
    $('transition').to.focus();
  } else if (e.key === 'a' && !$('detail').hidden && !$('main').hidden) {
    // assign: ASSIGNED chosen when the case allows it, the focus on who
    e.preventDefault();
    const to = $('transition').to;
    if ([...to.options].some((o) => o.value === 'ASSIGNED')) {
      to.value = 'ASSIGNED';
    }
    $('transition').assignee.focus();
  }
}

export async function openCase(id) {
  state.open = { id };
  $('conflict').hidden = true;
  $('transition').reset();
  $('work-note').reset();
  $('work-note-message').hidden = true;
  forgetPhotos();
  await refreshOpenCase();
  $('detail').hidden = false;
  $('transition').to.focus();
}

function closeDetail() {
  state.open = null;
  forgetPhotos();
  $('detail').hidden = true;
  const row = $('queue').tBodies[0].rows[state.selected];
  if (row) row.focus();
}

async function refreshOpenCase() {
  const id = state.open.id;
  const [{ data: c, etag }, { data: history }, reports] = await Promise.all([
    api(`/api/cases/${encodeURIComponent(id)}`), api(`/api/cases/${encodeURIComponent(id)}/history`),
    // the reports are a part of the detail; without them (an error) the rest still shows
    api(`/api/cases/${encodeURIComponent(id)}/reports`).then((r) => r.data, (err) => err)]);
  if (!state.open || state.open.id !== id) return;
  state.open = { id, record: c, etag };
  renderDetail(c, history);
  renderReports(reports);
  renderWorkNotes(history);
}

function renderDetail(c, history) {
  const dl = $('case-fields');
  dl.replaceChildren();
  const field = (name, value) => {
    const dt = document.createElement('dt'); dt.textContent = name;
    const dd = document.createElement('dd'); dd.textContent = value ?? '';
    dl.append(dt, dd);
  };
  field(t('state'), label('status', c.status));
  if (c.exercise) dl.lastChild.prepend(exerciseBadge(), ' ');
  field(t('version'), String(c.version));
  field(t('category'), label('category', c.category));
  field(t('severity'), c.severity ? label('severity', c.severity) : t('untriaged'));
  field(t('department'), label('department', c.department));
  field(t('assignee'), c.assignee);
  field(t('district'), label('district', c.district));
  field(t('description'), c.description);
  field(t('reportedAt'), formatTime(c.reportedAt));
  field(t('due'), c.overdue ? `${t('overdue')} ${formatTime(c.dueAt)}` : formatTime(c.dueAt));
  field(t('reports'), String(c.reportCount));
  $('case-fields').dataset.version = String(c.version);

  const to = $('transition').to;
  const chosen = to.value;
  to.replaceChildren(...(NEXT[c.status] || []).map((s) => new Option(label('status', s), s)));
  if ([...to.options].some((o) => o.value === chosen)) to.value = chosen;
  $('transition').querySelector('button').disabled = to.options.length === 0;

  const list = $('history');
  list.replaceChildren();
  for (const h of history) {
    const li = document.createElement('li');
    const what = h.kind === 'TRANSITION' ? `${label('status', h.fromStatus)} → ${label('status', h.toStatus)}` : h.kind;
    li.textContent = `${formatTime(h.at)} ${what} (${h.actor})${h.note ? `: ${h.note}` : ''}`;
    list.append(li);
  }
}

async function submitTransition(e) {
  e.preventDefault();
  const form = $('transition');
  const { id, etag } = state.open;
  const body = { to: form.to.value };
  if (form.severity.value) body.severity = Number(form.severity.value);
  if (form.department.value) body.department = form.department.value;
  if (form.assignee.value.trim()) body.assignee = form.assignee.value.trim();
  if (form.note.value.trim()) body.note = form.note.value.trim();
  $('conflict').hidden = true;
  try {
    await api(`/api/cases/${encodeURIComponent(id)}/transitions`, { method: 'POST', body, headers: { 'If-Match': etag } });
    form.reset();
    await refreshOpenCase();
    onChange();
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) {
      // someone else was first: say so, keep what the user typed, show the case as it is now
      const p = err.problem;
      const box = $('conflict');
      box.textContent = `${t('conflict')} (${t('currentIs')}: ${label('status', p.currentStatus)}, ${t('version')} ${p.currentVersion ?? ''}`
        + `${p.allowedTransitions ? `; ${t('allowed')}: ${p.allowedTransitions.map((s) => label('status', s)).join(', ')}` : ''})`;
      box.hidden = false;
      await refreshOpenCase();
      return;
    }
    const box = $('conflict');
    box.textContent = err.message;
    box.hidden = false;
  }
}

// ---- reports, photos and work notes ---------------------------------------------------------

/** blob: URLs of the open case's thumbnails by photo id, revoked when the detail changes case or closes */
let thumbnails = new Map();
let photoOpener = null;

function forgetPhotos() {
  for (const url of thumbnails.values()) {
    if (typeof url === 'string') URL.revokeObjectURL(url);
  }
  thumbnails = new Map();
}

function thumbnailUrl(photoId) {
  if (!thumbnails.has(photoId)) {
    const owner = thumbnails;
    owner.set(photoId, apiBlob(`/api/photos/${encodeURIComponent(photoId)}/thumbnail`).then((blob) => {
      const url = URL.createObjectURL(blob);
      // the detail may have moved on (closed, another case) meanwhile: then nobody keeps this URL
      if (owner === thumbnails) owner.set(photoId, url); else URL.revokeObjectURL(url);
      return url;
    }, (err) => { owner.delete(photoId); throw err; }));
  }
  return Promise.resolve(thumbnails.get(photoId));
}

/** The reports merged into this case, oldest first: channel, time, category, text, photos. */
function renderReports(reports) {
  const list = $('case-reports');
  list.replaceChildren();
  const note = $('case-reports-note');
  if (!Array.isArray(reports)) {
    note.textContent = `${t('liveFailed')}: ${reports && reports.message ? reports.message : ''}`;
    return;
  }
  note.textContent = reports.length > 1 ? `${reports.length} ${t('reportsMerged')}` : '';
  reports.forEach((r, i) => {
    const li = document.createElement('li');
    li.className = 'case-report';
    li.dataset.reportId = r.reportId;
    const head = document.createElement('p');
    head.className = 'report-head';
    head.textContent = `${formatTime(r.receivedAt)} ${label('reportChannel', r.channel)} ${label('category', r.category)}`
      + `${i > 0 ? ` (${t('mergedReport')})` : ''}`;
    const text = document.createElement('p');
    text.className = 'report-description';
    text.textContent = r.description ?? '';
    li.append(head, text);
    if (r.addressText) {
      const addr = document.createElement('p');
      addr.className = 'report-address';
      addr.textContent = r.addressText;
      li.append(addr);
    }
    const photos = r.photoIds || [];
    if (photos.length) {
      const row = document.createElement('div');
      row.className = 'thumbs';
      photos.forEach((photoId, n) => row.append(thumbnail(photoId, `${t('photo')} ${n + 1} / ${photos.length}`)));
      li.append(row);
    }
    list.append(li);
  });
}

/** A thumbnail as a button: click or Enter opens the full photo (also read with the token). */
function thumbnail(photoId, name) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'thumb';
  button.dataset.photoId = photoId;
  button.setAttribute('aria-label', `${name}: ${t('openPhoto')}`);
  const img = document.createElement('img');
  img.alt = name;
  img.className = 'thumb-img';
  button.append(img);
  thumbnailUrl(photoId).then((url) => { img.src = url; }, () => { img.alt = `${name}: ${t('photoFailed')}`; });
  button.addEventListener('click', () => openPhoto(photoId, name, button));
  return button;
}

async function openPhoto(photoId, name, opener) {
  const viewer = $('photo-viewer');
  const img = $('photo-full');
  photoOpener = opener;
  $('photo-title').textContent = name;
  img.alt = name;
  img.removeAttribute('src');
  if (!viewer.open) viewer.showModal();
  try {
    const url = URL.createObjectURL(await apiBlob(`/api/photos/${encodeURIComponent(photoId)}`));
    if (viewer.open) img.src = url; else URL.revokeObjectURL(url);
  } catch (err) {
    img.alt = `${name}: ${t('photoFailed')} (${err.message})`;
  }
}

/** Work notes (the history's WORK_LOG entries), newest first, with author and time. */
function renderWorkNotes(history) {
  const list = $('work-notes');
  list.replaceChildren();
  const mine = me().sub;
  const notes = history.filter((h) => h.kind === 'WORK_LOG').reverse();
  for (const h of notes) {
    const li = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'note-meta';
    who.textContent = `${formatTime(h.at)} ${h.actor === mine ? t('you') : h.actor}`;
    const text = document.createElement('span');
    text.className = 'note-text';
    text.textContent = h.note ?? '';
    li.append(who, ' ', text);
    list.append(li);
  }
  if (!notes.length) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = t('noWorkNotes');
    list.append(li);
  }
}

async function submitWorkNote(e) {
  e.preventDefault();
  const form = $('work-note');
  const box = $('work-note-message');
  const note = form.note.value.trim();
  if (!note || !state.open) return;
  box.hidden = true;
  try {
    await api(`/api/cases/${encodeURIComponent(state.open.id)}/work-log`, { method: 'POST', body: { note } });
    form.reset();
    await refreshOpenCase();
    onChange();
  } catch (err) {
    // what the user typed stays in the form
    box.textContent = `${t('noteNotSaved')}: ${err.message}`;
    box.hidden = false;
  }
}
