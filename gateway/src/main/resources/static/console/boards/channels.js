// Channel health: per channel (LINE, e-mail, SMS) what notification-service delivered, failed
// and still has pending, and its circuit breaker (GET /api/deliveries/status); the public CAP
// feed's entries (GET /feeds/cap.atom, no login); and the replay of notification-service's
// dead-letter topics: how many wait (GET /api/deliveries/dead-letters) and the replay
// (POST /api/deliveries/dead-letters/replay). "Failed" are deliveries
// given up after the retries (FAILED batches); the dead-letter topics hold Kafka events the
// service could not handle, which the replay puts back. disaster-staff only.
import { api } from '../api.js';
import { t, label, formatTime } from '../i18n.js';
import { el, table, td, statusLine, messageBox, keepFocus } from './common.js';

export const id = 'channels';
export const titleKey = 'boardChannels';

let panelNode;
let status;
let message;
let channels;
let feed;
let deadLetters;
let last = null;

export function mount(panel) {
  panelNode = panel;
  status = statusLine();
  message = messageBox();
  message.node.id = 'channels-message';
  channels = table('boardChannels', ['channel', 'enabled', 'sent', 'failed', 'pending', 'breaker', 'asOf'], 'board-table channels');
  channels.table.id = 'channel-status';
  feed = el('p', { id: 'cap-feed', cls: 'feed' });
  deadLetters = table('deadLetters', ['topic', 'waiting', 'lastReplayed'], 'board-table dead-letters');
  deadLetters.table.id = 'dead-letters';
  const replay = el('button', { type: 'button', id: 'replay-dead-letters', i18n: 'replayDeadLetters', on: { click: replayDeadLetters } });
  panel.append(status.node, message.node, channels.table,
    el('h3', { i18n: 'capFeed' }), feed,
    el('h3', { i18n: 'deadLetters' }), el('p', { cls: 'hint', i18n: 'deadLettersHint' }), deadLetters.table, replay);
}

/** The CAP feed is public Atom: count its entries and read its newest update time. */
async function capFeed() {
  // no-cache: the feed is cacheable for 30 s; revalidate (its ETag makes that a 304) on every read
  const r = await fetch('/feeds/cap.atom', { headers: { Accept: 'application/atom+xml' }, cache: 'no-cache' });
  if (!r.ok) throw new Error(`/feeds/cap.atom HTTP ${r.status}`);
  const doc = new DOMParser().parseFromString(await r.text(), 'application/xml');
  const entries = doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry');
  const updated = doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'updated')[0];
  return { entries: entries.length, updated: updated ? updated.textContent : null };
}

export async function refresh() {
  const [deliveries, cap, dead] = await Promise.allSettled([api('/api/deliveries/status'), capFeed(), api('/api/deliveries/dead-letters')]);
  last = {
    dead: dead.status === 'fulfilled' ? dead.value.data.topics : (last ? last.dead : []),
    channels: deliveries.status === 'fulfilled' ? deliveries.value.data : (last ? last.channels : []),
    cap: cap.status === 'fulfilled' ? cap.value : null,
    capError: cap.status === 'rejected' ? cap.reason : null,
  };
  keepFocus(panelNode, render);
  const failed = [deliveries, dead].find((r) => r.status === 'rejected');
  if (failed) { status.failed(failed.reason); throw failed.reason; }
  status.ok();
}

export function relabel() {
  if (last) keepFocus(panelNode, render);
}

async function replayDeadLetters() {
  message.clear();
  try {
    const { data } = await api('/api/deliveries/dead-letters/replay', { method: 'POST' });
    const counts = Object.entries(data.replayed || {});
    const total = counts.reduce((n, [, v]) => n + v, 0);
    message.info(`${t('replayed')}: ${total}${counts.length ? ` (${counts.map(([topic, n]) => `${topic} ${n}`).join(', ')})` : ''}`);
  } catch (err) {
    message.error(err);
  }
  refresh().catch(() => {});
}

function render() {
  channels.body.replaceChildren();
  for (const c of last.channels) {
    const broken = c.circuitBreaker === 'OPEN' || c.circuitBreaker === 'HALF_OPEN';
    channels.body.append(el('tr', { cls: broken || c.failed > 0 ? 'late' : null, data: { channel: c.channel } },
      el('th', { scope: 'row', text: label('channel', c.channel) }),
      td(c.enabled ? t('yes') : t('no'), 'enabled'),
      td(String(c.sent), 'num sent'),
      td(String(c.failed), 'num failed'),
      td(String(c.pending), 'num pending'),
      td(label('breaker', c.circuitBreaker), 'breaker'),
      td(formatTime(c.asOf))));
  }
  deadLetters.body.replaceChildren();
  for (const d of last.dead) {
    deadLetters.body.append(el('tr', { cls: d.waiting > 0 ? 'late' : null, data: { topic: d.topic } },
      el('th', { scope: 'row', text: d.originalTopic }),
      td(String(d.waiting), 'num waiting'),
      td(d.lastReplayedAt ? formatTime(d.lastReplayedAt) : t('never'))));
  }
  if (last.cap) {
    feed.textContent = `${t('capEntries')} ${last.cap.entries}${last.cap.updated ? ` — ${t('capUpdated')} ${formatTime(last.cap.updated)}` : ''}`;
    feed.classList.remove('late');
  } else if (last.capError) {
    feed.textContent = `${t('liveFailed')}: ${last.capError.message}`;
    feed.classList.add('late');
  }
}
