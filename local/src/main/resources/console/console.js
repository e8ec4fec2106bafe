// The local console. Every value that comes from users or the stream is put in the page with textContent or as an
// attribute value, never parsed as HTML: a vote answer like <img src=x onerror=…> shows as those characters.
'use strict';

const state = {
  changes: new Map(),   // eventId → change view, as the server's journal holds it
  effects: [],          // oldest first
  limits: {changes: 500, effects: 500},
  failureFiles: -1,
  selected: null,       // eventId shown in the detail panel
  renderPending: false,
};

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null) continue;
    if (name === 'class') node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJson(path) {
  const response = await fetch(path, {headers: {Accept: 'application/json'}});
  if (!response.ok) throw new Error(path + ' answered ' + response.status);
  return response.json();
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '';
}

// ---- tabs

function showTab(name) {
  for (const button of document.querySelectorAll('#tabs button')) {
    button.classList.toggle('active', button.dataset.tab === name);
  }
  for (const section of document.querySelectorAll('section.tab')) section.hidden = section.id !== name;
}

// ---- changes

function matchesFilters(change) {
  const type = document.getElementById('filter-type').value;
  const sink = document.getElementById('filter-sink').value;
  const wanted = document.getElementById('filter-state').value;
  const key = document.getElementById('filter-key').value.trim().toLowerCase();
  if (type && change.itemType !== type) return false;
  if (sink && !change.sinks.some(s => s.sink === sink)) return false;
  if (wanted && change.state !== wanted) return false;
  return !(key && !(change.keys || '').toLowerCase().includes(key));
}

function batchSummary(change) {
  const last = change.batches[change.batches.length - 1];
  if (!last) return '';
  let text = 'batch of ' + last.size + ' · invocation ' + last.invocation;
  if (last.bisections > 0) text += ' · bisected ' + last.bisections + '×';
  if (last.retries > 0) text += ' · ' + last.retries + ' retr' + (last.retries === 1 ? 'y' : 'ies');
  return text + ' · ' + last.outcome;
}

function sinkBadges(change) {
  const cell = el('td', {class: 'sinks'});
  for (const result of change.sinks) {
    cell.append(el('span', {class: 'outcome outcome-' + result.outcome, 'data-sink': result.sink,
      'data-outcome': result.outcome, title: result.reason || ''}, result.sink + ': ' + result.outcome), ' ');
  }
  return cell;
}

function updateFilterChoices() {
  const types = new Set(), sinks = new Set();
  for (const change of state.changes.values()) {
    if (change.itemType) types.add(change.itemType);
    change.sinks.forEach(s => sinks.add(s.sink));
  }
  for (const [id, values] of [['filter-type', types], ['filter-sink', sinks]]) {
    const select = document.getElementById(id);
    const known = new Set([...select.options].map(o => o.value));
    [...values].sort().filter(v => !known.has(v)).forEach(v => select.append(el('option', {value: v}, v)));
  }
}

function renderChanges() {
  state.renderPending = false;
  const body = document.querySelector('#change-table tbody');
  const rows = [...state.changes.values()].sort((a, b) => b.seq - a.seq).filter(matchesFilters).map(change =>
    el('tr', {'data-event-id': change.eventId, 'data-state': change.state},
      el('td', {}, time(change.at)),
      el('td', {class: 'type'}, change.itemType || '—'),
      el('td', {}, change.eventName || ''),
      el('td', {class: 'keys'}, change.keys),
      el('td', {}, el('span', {class: 'state state-' + change.state}, change.state)),
      sinkBadges(change),
      el('td', {class: 'meta'}, batchSummary(change)))) ;
  body.replaceChildren(...rows);
  document.getElementById('no-changes').hidden = state.changes.size > 0;
  document.getElementById('change-count').textContent = rows.length + ' of ' + state.changes.size + ' remembered';
  updateFilterChoices();
  if (state.selected && state.changes.has(state.selected)) renderDetail(state.changes.get(state.selected));
}

function scheduleRender() {
  if (!state.renderPending) {
    state.renderPending = true;
    requestAnimationFrame(renderChanges);
  }
}

function upsertChange(change) {
  state.changes.set(change.eventId, change);
  if (state.changes.size > state.limits.changes) {
    // A Map keeps insertion order, and changes arrive in the journal's order: the first key is the oldest.
    state.changes.delete(state.changes.keys().next().value);
  }
  scheduleRender();
}

function renderDetail(change) {
  const diff = el('table', {class: 'grid diff'},
    el('thead', {}, el('tr', {}, el('th', {}, 'attribute'), el('th', {}, 'before'), el('th', {}, 'after'))),
    el('tbody', {}, ...change.diff.map(a => el('tr', {'data-attribute': a.name},
      el('td', {class: 'keys'}, a.name),
      el('td', {class: 'before mono' + (a.changed && a.before != null ? ' changed' : '')}, a.before ?? ''),
      el('td', {class: 'after mono' + (a.changed && a.after != null ? ' changed' : '')}, a.after ?? '')))));
  const sinks = el('ul', {}, ...change.sinks.map(s => el('li', {},
    el('span', {class: 'outcome outcome-' + s.outcome}, s.sink + ': ' + s.outcome), s.reason ? ' ' + s.reason : '')));
  const batches = el('ol', {}, ...change.batches.map(b => el('li', {class: 'meta'},
    time(b.at) + ' — batch of ' + b.size + ', invocation ' + b.invocation + ', ' + b.retries + ' retries, bisected '
    + b.bisections + '× → ' + b.outcome)));
  document.getElementById('detail-body').replaceChildren(...[
    el('h2', {}, (change.itemType || 'item') + ' ' + (change.eventName || '')),
    el('p', {class: 'keys'}, change.keys),
    el('p', {}, el('span', {class: 'state state-' + change.state}, change.state), ' ',
      el('span', {class: 'meta'}, 'route: ' + change.route + ' · shard ' + (change.shardId || '—') + ' · sequence '
        + (change.sequenceNumber || '—') + ' · eventID ' + change.eventId)),
    change.discarded ? el('p', {class: 'state-failed'}, change.discarded) : null,
    el('h2', {}, 'Old → new image'), diff,
    el('h2', {}, 'Sinks'), change.sinks.length ? sinks : el('p', {class: 'muted'}, 'none'),
    el('h2', {}, 'Batches'), change.batches.length ? batches : el('p', {class: 'muted'}, 'not invoked here'),
  ].filter(node => node !== null));
  document.getElementById('detail').hidden = false;
}

// ---- Slack's mrkdwn, rendered as Slack shows it: the markup becomes formatting, entities become characters

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function mrkdwn(text) {
  const out = el('div', {class: 'slack-text'});
  const token = /(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~|`[^`\n]+`|<[^<>\n]+>)/g;
  let last = 0;
  for (const match of text.matchAll(token)) {
    out.append(decodeEntities(text.slice(last, match.index)));
    const t = match[0], inner = t.slice(1, -1);
    if (t[0] === '*') out.append(el('b', {}, decodeEntities(inner)));
    else if (t[0] === '_') out.append(el('i', {}, decodeEntities(inner)));
    else if (t[0] === '~') out.append(el('s', {}, decodeEntities(inner)));
    else if (t[0] === '`') out.append(el('code', {}, decodeEntities(inner)));
    else {
      const [target, label] = inner.split('|', 2);
      const url = decodeEntities(target);
      out.append(/^https?:\/\//.test(url) ? el('a', {href: url, rel: 'noopener noreferrer', target: '_blank'},
        decodeEntities(label || target)) : decodeEntities(t));
    }
    last = match.index + t.length;
  }
  out.append(decodeEntities(text.slice(last)));
  return out;
}

// ---- effects

function pretty(json) {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch (e) {
    return json;
  }
}

function effectItem(effect) {
  const meta = el('div', {class: 'meta'}, time(effect.at) + ' · ' + effect.sink);
  const f = effect.fields;
  switch (effect.kind) {
    case 'slack':
      return el('li', {class: 'slack-message', 'data-event-id': effect.eventId}, mrkdwn(f.text),
        el('code', {class: 'slack-source', title: 'as sent to Slack'}, f.text), meta);
    case 'email':
      return el('li', {class: 'email', 'data-event-id': effect.eventId},
        el('div', {}, el('b', {}, f.subject)), el('div', {class: 'meta'}, (f.from ? 'from ' + f.from + ' · ' : '') + 'to ' + f.to),
        // No allow-scripts, no allow-same-origin: the email's HTML runs nothing and reaches nothing.
        el('iframe', {class: 'email', sandbox: '', src: '/console/api/emails/' + effect.seq, title: 'email ' + f.to}),
        meta);
    case 'event':
      return el('li', {class: 'bus-event', 'data-event-id': effect.eventId},
        el('div', {}, el('b', {}, f.detailType), ' from ', f.source), el('pre', {}, pretty(f.detail)), meta);
    case 'audit':
      return el('li', {class: 'audit-line', 'data-event-id': effect.eventId}, f.line);
    default:
      return null;
  }
}

function renderEffects() {
  const lists = {slack: 'slack', email: 'emails', event: 'events', audit: 'audit'};
  const items = {slack: [], emails: [], events: [], audit: []};
  const badges = new Map();
  for (const effect of state.effects) {
    if (effect.kind === 'badge') {
      if (!badges.has(effect.fields.playerId)) badges.set(effect.fields.playerId, []);
      badges.get(effect.fields.playerId).push(effect.fields);
    } else if (lists[effect.kind]) {
      items[lists[effect.kind]].unshift(effectItem(effect));
    }
  }
  for (const [id, list] of Object.entries(items)) {
    document.getElementById(id).replaceChildren(...list);
  }
  const dl = document.getElementById('badges');
  dl.replaceChildren(...[...badges.entries()].sort().flatMap(([player, earned]) => [
    el('dt', {'data-player': player}, player),
    ...earned.map(b => el('dd', {'data-badge': b.badgeId}, b.badgeId + ' — ' + time(b.earnedAt)))]));
}

function addEffect(effect) {
  state.effects.push(effect);
  if (state.effects.length > state.limits.effects) state.effects.shift();
  renderEffects();
}

// ---- shards

function renderMapping(mapping) {
  document.getElementById('stream').textContent = (mapping.polling ? 'polling ' : 'not polling ')
    + (mapping.streamArn || '(no stream yet)');
  const body = document.querySelector('#shard-table tbody');
  body.replaceChildren(...(mapping.shards || []).map(s => el('tr', {'data-shard': s.shardId},
    el('td', {class: 'keys'}, s.shardId), el('td', {}, s.state), el('td', {class: 'keys'}, s.checkpoint || '—'),
    el('td', {}, s.inFlight), el('td', {}, s.iteratorAgeMillis + ' ms'), el('td', {}, s.recordsIn),
    el('td', {}, s.filtered), el('td', {}, s.acknowledged), el('td', {}, s.failed), el('td', {}, s.batches),
    el('td', {}, s.retries), el('td', {}, s.bisections),
    el('td', {class: 'meta'}, ...(s.lastBatches || []).map(b => el('div', {},
      time(b.at) + ' ' + b.records + ' record(s) → ' + b.outcome))))));
  if (mapping.failureFiles !== state.failureFiles) {
    state.failureFiles = mapping.failureFiles;
    loadFailures();
  }
}

// ---- failures

async function loadFailures() {
  let failures;
  try {
    failures = await getJson('/console/api/failures');
  } catch (e) {
    return;
  }
  document.getElementById('failure-count').textContent = failures.length;
  document.getElementById('no-failures').hidden = failures.length > 0;
  document.querySelector('#failure-table tbody').replaceChildren(...failures.map(f => el('tr', {'data-file': f.file},
    el('td', {}, time(f.timestamp)), el('td', {}, f.condition), el('td', {}, f.sink), el('td', {}, f.itemType),
    el('td', {class: 'keys'}, (f.keys || []).join(' / ')), el('td', {}, f.records),
    el('td', {class: 'reason'}, f.reason),
    el('td', {}, el('button', {type: 'button', class: 'show', 'data-file': f.file}, 'Show'), ' ',
      el('button', {type: 'button', class: 'redrive', 'data-file': f.file}, 'Redrive')))));
}

async function showFailure(file) {
  const output = document.getElementById('failure-document');
  const document_ = await getJson('/console/api/failures/' + encodeURIComponent(file));
  output.textContent = JSON.stringify(document_, null, 2);
  output.hidden = false;
}

async function redrive(file, button) {
  button.disabled = true;
  const output = document.getElementById('redrive-output');
  try {
    const response = await fetch('/console/api/failures/' + encodeURIComponent(file) + '/redrive',
      {method: 'POST', headers: {'X-Ripple-Console': '1', Accept: 'application/json'}});
    const ran = await response.json();
    output.textContent = response.ok ? (ran.out + ran.err).trim() + ' (exit ' + ran.exitCode + ')'
      : (ran.detail || ran.message || response.status);
    output.dataset.exitCode = response.ok ? ran.exitCode : 'error';
  } catch (e) {
    output.textContent = 'redrive failed: ' + e.message;
  }
  output.hidden = false;
  button.disabled = false;
  loadFailures();
}

// ---- loading and the live stream

async function loadAll() {
  const [changes, effects] = await Promise.all([getJson('/console/api/changes'), getJson('/console/api/effects')]);
  state.changes = new Map(changes.map(c => [c.eventId, c]));
  state.effects = effects;
  renderChanges();
  renderEffects();
  loadFailures();
}

function connect() {
  const live = document.getElementById('live');
  const events = new EventSource('/console/events');
  events.addEventListener('hello', message => {
    const hello = JSON.parse(message.data);
    if (hello.changes) state.limits = {changes: hello.changes, effects: hello.effects};
    live.textContent = 'live';
    live.className = 'live up';
    loadAll().catch(() => {});   // after a restart of the stack, what it remembers now
  });
  events.addEventListener('change', message => upsertChange(JSON.parse(message.data)));
  events.addEventListener('effect', message => addEffect(JSON.parse(message.data)));
  events.addEventListener('mapping', message => renderMapping(JSON.parse(message.data)));
  events.onerror = () => {
    live.textContent = 'reconnecting…';
    live.className = 'live down';
  };
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('tabs').addEventListener('click', e => {
    const button = e.target.closest('button[data-tab]');
    if (button) showTab(button.dataset.tab);
  });
  document.getElementById('filters').addEventListener('input', scheduleRender);
  document.getElementById('filters').addEventListener('change', scheduleRender);
  document.getElementById('filters').addEventListener('submit', e => e.preventDefault());
  document.querySelector('#change-table tbody').addEventListener('click', e => {
    const row = e.target.closest('tr[data-event-id]');
    if (row) {
      state.selected = row.dataset.eventId;
      renderDetail(state.changes.get(state.selected));
    }
  });
  document.getElementById('close-detail').addEventListener('click', () => {
    state.selected = null;
    document.getElementById('detail').hidden = true;
  });
  document.querySelector('#failure-table tbody').addEventListener('click', e => {
    const button = e.target.closest('button[data-file]');
    if (button && button.classList.contains('redrive')) redrive(button.dataset.file, button);
    if (button && button.classList.contains('show')) showFailure(button.dataset.file);
  });
  connect();
});
