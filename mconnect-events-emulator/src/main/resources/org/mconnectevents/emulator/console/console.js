// The emulator's web console: plain JavaScript over the admin API, kept live by /emulator/stream (Server-Sent
// Events). Every text from the emulator goes in through textContent, never as HTML.
'use strict';

const $ = (selector, root = document) => root.querySelector(selector);
const views = ['overview', 'consumers', 'events', 'dead', 'personal-data', 'actions'];
const FAULTS = {
  produceFailRate: 0.1, produceStoreThenFailRate: 0.1, closeSessionAfterMessages: 10, closeSessionRate: 0.01,
  dropConfirmRate: 0.5, responseDelay: 'PT1S', sessionStartDelay: 'PT3S', instanceExpiry: 'PT10S', poisonRate: 0.1,
  poisonKinds: ''
};
let overview = null;
let current = null;
let selectedEvent = null;
const shown = {};

// Whether the data differs from what the view shows already: unchanged views are not rebuilt, so that nothing
// flickers and what a person selected stays selected.
function changed(view, data) {
  const text = JSON.stringify(data);
  if (shown[view] === text) return false;
  shown[view] = text;
  return true;
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
  children.forEach(child => element.append(child instanceof Node ? child : String(child ?? '')));
  return element;
}

function cell(value, className) {
  return el('td', className ? {class: className} : {}, value ?? '');
}

function fill(tbody, rows) {
  tbody.replaceChildren(...rows);
}

function when(instant) {
  return instant ? new Date(instant).toLocaleTimeString() : '';
}

function showError(message) {
  const bar = $('#error');
  bar.textContent = message || '';
  bar.hidden = !message;
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${options.method || 'GET'} ${path}: ${response.status} ${text.trim()}`);
  }
  return text && response.headers.get('Content-Type')?.startsWith('application/json') ? JSON.parse(text) : text;
}

function guarded(action) {
  return (...args) => Promise.resolve().then(() => action(...args)).then(() => showError(''),
    error => showError(error.message));
}

// ---- overview
function renderOverview() {
  if (!overview) return;
  $('#total-produced').textContent = overview.produced;
  $('#total-delivered').textContent = overview.delivered;
  $('#total-sessions').textContent = overview.sessions;
  const s = overview.uptimeSeconds;
  $('#uptime').textContent = `${Math.floor(s / 3600)}h ${Math.floor(s / 60) % 60}m ${s % 60}s`;
  fill($('#active-faults'), overview.activeFaults.length
    ? overview.activeFaults.map(name => el('li', {'data-fault': name}, `${name}: ${format(overview.faults[name])}`))
    : [el('li', {}, 'none')]);
  fill($('#clients tbody'), overview.clients.map(client => {
    const c = client.counts;
    return el('tr', {'data-client': client.name}, cell(client.name), cell(client.idno),
      cell(client.produces.map(p => `${p.type} (${p.sources.join(', ')})`).join('; ')),
      cell(client.consumes.join(', ')), cell(c.stored, 'num'), cell(c.delivered, 'num'), cell(c.sessions, 'num'),
      cell(c.test ? `${c.test.pending + c.test.inFlight} / ${c.dead.reported}` : '', 'num'));
  }));
  drawChart(overview.throughput);
}

function format(value) {
  return Array.isArray(value) ? value.join(', ') : value;
}

function drawChart(samples) {
  const svg = $('#chart');
  const ns = 'http://www.w3.org/2000/svg';
  const max = Math.max(1, ...samples.map(s => Math.max(s.produced, s.delivered)));
  const line = key => {
    const points = samples.map((s, i) => `${600 - (samples.length - 1 - i) * 2},${150 - s[key] / max * 135}`);
    const polyline = document.createElementNS(ns, 'polyline');
    polyline.setAttribute('class', key);
    polyline.setAttribute('points', points.join(' '));
    return polyline;
  };
  const label = (x, y, text, anchor) => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', x);
    t.setAttribute('y', y);
    t.setAttribute('text-anchor', anchor);
    t.textContent = text;
    return t;
  };
  svg.replaceChildren(line('produced'), line('delivered'), label(4, 12, `${max}/s`, 'start'),
    label(4, 158, '5 min ago', 'start'), label(596, 158, 'now', 'end'));
}

// ---- consumers
async function renderConsumers() {
  const clients = await api('/emulator/consumers');
  if (!changed('consumers', clients)) return;
  $('#consumers').replaceChildren(...clients.map(client => el('div', {class: 'client-block', 'data-client': client.client},
    el('h2', {}, client.client),
    el('p', {}, `test events: ${client.test.pending} pending, ${client.test.inFlight} in flight, ${client.test.confirmed} confirmed;`
      + ` dead events: ${client.dead.pending} pending, ${client.dead.inFlight} in flight, ${client.dead.confirmed} confirmed`),
    ...client.groups.flatMap(group => groupView(client.client, group)))));
}

function groupView(client, group) {
  const partitions = el('table', {class: 'partitions', 'data-group': group.group},
    el('thead', {}, el('tr', {}, ...['partition', 'pending', 'in flight', 'confirmed', 'session', 'state'].map(h => el('th', {}, h)))),
    el('tbody', {}, ...group.partitions.map(p => el('tr', {
      class: p.stuck ? 'stuck' : '', 'data-client': client, 'data-group': group.group, 'data-partition': p.partition
    }, cell(p.partition, 'num'), cell(p.pending, 'num pending'), cell(p.inFlight, 'num in-flight'),
      cell(p.confirmed, 'num confirmed'), cell(p.session ?? '–'),
      cell(p.stuck ? `stuck: no confirmation for ${p.waitingSeconds} s` : p.inFlight ? 'waiting for confirmation' : 'ok', 'state')))));
  const sessions = el('table', {class: 'sessions'},
    el('thead', {}, el('tr', {}, ...['session', 'transport', 'since', 'partitions', 'unconfirmed window', 'last confirmation', 'asks for']
      .map(h => el('th', {}, h)))),
    el('tbody', {}, ...group.sessions.map(s => el('tr', {'data-session': s.id},
      cell(s.id), cell(s.transport), cell(when(s.since)), cell(s.partitions.join(', ')),
      cell(`${s.inFlight} / ${s.window}`, 'num window'),
      cell(s.lastConfirmedAt ? `${when(s.lastConfirmedAt)} (offset ${s.lastConfirmedOffset})` : 'never'),
      cell(['events', 'test', 'dead'].filter(k => s[k]).join(', '))))));
  return [el('h3', {}, `group ${group.group}`), partitions,
    group.sessions.length ? sessions : el('p', {class: 'hint'}, 'no open session')];
}

// ---- events
function query(form, names) {
  const params = new URLSearchParams();
  names.forEach(name => {
    let value = form.elements[name].value.trim();
    if (value && form.elements[name].type === 'datetime-local') value = new Date(value).toISOString();
    if (value) params.set(name, value);
  });
  return params.toString();
}

async function renderEvents() {
  const form = $('#event-search');
  const events = await api('/emulator/events?' +
    query(form, ['client', 'group', 'type', 'source', 'id', 'partitionKey', 'from', 'to']));
  if (changed('events', [events, selectedEvent])) fill($('#events tbody'), events.map(e => {
    const row = el('tr', {class: 'clickable', 'data-id': e.id, 'data-client': e.client},
      cell(when(e.storedAt)), cell(e.client), cell(e.partition, 'num'), cell(e.id), cell(e.type), cell(e.source),
      cell(e.partitionkey), cell(Object.entries(e.groups).map(([g, s]) => `${g}: ${s.status}`).join('; '), 'status'),
      cell(e.deliveries, 'num'));
    const key = `${e.client}/${e.partition}/${e.sequence}`;
    if (key === selectedEvent) row.classList.add('selected');
    row.addEventListener('click', guarded(() => openEvent(key)));
    return row;
  }));
  if (selectedEvent) await openEvent(selectedEvent);
}

async function openEvent(key) {
  selectedEvent = key;
  const [client, partition, sequence] = key.split('/');
  const e = await api(`/emulator/clients/${encodeURIComponent(client)}/events/${partition}/${sequence}`);
  if (!changed('event', e)) return;
  $('#event-detail').hidden = false;
  $('#event-title').textContent = `${e.id} (client ${e.client}, partition ${e.partition}; ` +
    Object.entries(e.groups).map(([g, s]) => `${g}: ${s.status}, redelivered ${s.redeliveries}×`).join('; ') + ')';
  $('#event-json').textContent = e.event ? JSON.stringify(e.event, null, 2) : e.frame;
  fill($('#event-deliveries tbody'), e.deliveries.map(d => el('tr', {class: d.outcome.replace(/ /g, '-')},
    cell(d.session), cell(d.group), cell(d.transport), cell(d.offset), cell(when(d.deliveredAt)),
    cell(when(d.confirmedAt)), cell(d.outcome, 'outcome'))));
}

// ---- dead and test events
async function renderQueues() {
  const client = $('#queue-client').value;
  if (!client) return;
  const path = `/emulator/clients/${encodeURIComponent(client)}`;
  const [dead, test] = await Promise.all([api(path + '/dead-events'), api(path + '/test-events')]);
  if (!changed('dead', [dead, test])) return;
  const json = e => el('td', {}, el('details', {}, el('summary', {}, 'show'), el('pre', {}, JSON.stringify(e.event, null, 2))));
  fill($('#dead-events tbody'), dead.map(e => el('tr', {'data-id': e.id}, cell(when(e.storedAt)), cell(e.id),
    cell(e.type), cell(e.source), cell(e.status), cell(e.deadreason ?? '(none given)', 'dead-reason'), json(e))));
  fill($('#test-events tbody'), test.map(e => el('tr', {'data-id': e.id}, cell(when(e.storedAt)), cell(e.id),
    cell(e.type), cell(e.source), cell(e.status), json(e))));
}

// ---- personal data
async function renderPersonalData() {
  const form = $('#pd-filters');
  const client = form.elements.client.value;
  if (!client) return;
  const entries = await api(`/emulator/clients/${encodeURIComponent(client)}/personal-data-log?` +
    query(form, ['subject', 'type']));
  if (changed('personal-data', entries)) fill($('#pd-log tbody'), entries.map(e => el('tr', {class: e.problem ? 'problem' : '', 'data-id': e.id},
    cell(when(e.time)), cell(e.group), cell(e.type), cell(e.source), cell(e.id), cell(e.subject, 'subject'),
    cell(e.legalBasis), cell(e.legalReason), cell(e.problem))));
}

// ---- actions
async function renderActions() {
  const clients = await api('/emulator/consumers');
  if (!changed('actions', clients.map(c => c.groups.map(g => g.sessions.map(s => s.id))))) return;
  const rows = clients.flatMap(c => c.groups.flatMap(g => g.sessions.map(s => {
    const close = el('button', {type: 'button', 'data-close': s.id}, 'Close');
    close.addEventListener('click', guarded(async () => {
      await api(`/emulator/sessions/${s.id}/close`, {method: 'POST'});
      result(`session ${s.id} closed`);
    }));
    return el('tr', {'data-session': s.id}, cell(s.id), cell(c.client), cell(g.group), cell(s.transport),
      cell(when(s.since)), el('td', {}, close));
  })));
  fill($('#sessions tbody'), rows);
}

async function loadFaults() {
  const faults = await api('/emulator/faults');
  fill($('#faults tbody'), Object.keys(FAULTS).map(name => {
    const value = faults[name];
    const on = name === 'poisonKinds' ? value.length < document.querySelectorAll('#poison-form select[name="poison"] option').length
      : value !== undefined && value !== 0 && value !== 'PT0S';
    const toggle = el('input', {type: 'checkbox', name: `${name}-on`, 'data-fault-toggle': name});
    toggle.checked = on;
    const input = el('input', {name, 'data-fault': name});
    input.value = on || name === 'poisonKinds' ? format(value) : FAULTS[name];
    return el('tr', {}, el('td', {}, el('label', {}, toggle, ` ${name}`)), el('td', {}, input));
  }));
}

async function applyFaults(event) {
  event.preventDefault();
  const body = {};
  Object.keys(FAULTS).forEach(name => {
    const value = $(`input[data-fault="${name}"]`).value.trim();
    const on = $(`input[data-fault-toggle="${name}"]`).checked;
    if (on && name === 'poisonKinds') {
      body.poisonKinds = value.split(/\s*,\s*/);
    } else if (on) {
      body[name] = typeof FAULTS[name] === 'number' ? Number(value) : value;
    }
  });
  await api('/emulator/faults', {method: 'PUT', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  result('faults applied: ' + (Object.keys(body).join(', ') || 'none'));
  await loadFaults();
}

async function produceTestEvent(event) {
  event.preventDefault();
  const f = event.target.elements;
  const cloudEvent = {specversion: '1.0', id: f.id.value.trim() || `console-${Date.now()}`, source: f.source.value.trim(),
    type: f.type.value.trim(), data: JSON.parse(f.data.value || 'null')};
  if (f.subject.value.trim()) cloudEvent.subject = f.subject.value.trim();
  if (f.partitionkey.value.trim()) cloudEvent.partitionkey = f.partitionkey.value.trim();
  await api(`/emulator/clients/${encodeURIComponent(f.client.value)}/test-events`,
    {method: 'POST', headers: {'Content-Type': 'application/cloudevents+json'}, body: JSON.stringify(cloudEvent)});
  result(`test event ${cloudEvent.id} stored for ${f.client.value}`);
}

async function injectPoison(event) {
  event.preventDefault();
  const f = event.target.elements;
  const body = {poison: f.poison.value};
  if (f.partitionKey.value.trim()) body.partitionKey = f.partitionKey.value.trim();
  const answer = await api(`/emulator/clients/${encodeURIComponent(f.client.value)}/inject`,
    {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
  result(`${body.poison} injected for ${answer.client} on partition ${answer.partition}`);
}

function result(message) {
  $('#action-result').textContent = message;
}

// ---- navigation and live updates
const renderers = {
  overview: async () => renderOverview(), consumers: renderConsumers, events: renderEvents, dead: renderQueues,
  'personal-data': renderPersonalData, actions: renderActions
};

function fillClientSelects() {
  document.querySelectorAll('select.client-select').forEach(select => {
    if (select.options.length) return;
    const all = select.classList.contains('consumers-only') ? overview.clients.filter(c => c.consumes.length) : overview.clients;
    if (select.name === 'client' && select.closest('#event-search')) select.append(el('option', {value: ''}, 'any'));
    all.forEach(c => select.append(el('option', {value: c.name}, c.name)));
  });
}

function show() {
  const view = views.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'overview';
  current = view;
  views.forEach(v => { $(`#view-${v}`).hidden = v !== view; });
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.getAttribute('href') === '#' + view));
  if (view === 'actions') guarded(loadFaults)();
  refresh();
}

const refresh = guarded(async () => {
  if (overview && current) await renderers[current]();
});

function connect() {
  const stream = new EventSource('/emulator/stream');
  stream.addEventListener('overview', message => {
    const first = !overview;
    overview = JSON.parse(message.data);
    $('#live').textContent = 'live';
    $('#live').classList.add('on');
    if (first) fillClientSelects();
    refresh();
  });
  stream.addEventListener('error', () => {
    $('#live').textContent = 'reconnecting…';
    $('#live').classList.remove('on');
  });
}

window.addEventListener('hashchange', show);
$('#event-search').addEventListener('submit', event => { event.preventDefault(); selectedEvent = null; refresh(); });
$('#pd-filters').addEventListener('submit', event => { event.preventDefault(); refresh(); });
$('#pd-filters').addEventListener('change', refresh);
$('#queue-client').addEventListener('change', refresh);
$('#faults-form').addEventListener('submit', guarded(applyFaults));
$('#faults-off').addEventListener('click', guarded(async () => {
  await api('/emulator/faults', {method: 'DELETE'});
  result('every fault switched off');
  await loadFaults();
}));
$('#close-all').addEventListener('click', guarded(async () => {
  const answer = await api('/emulator/sessions/close', {method: 'POST'});
  result(`${answer.closed} session${answer.closed === 1 ? '' : 's'} closed`);
}));
$('#reset').addEventListener('click', guarded(async () => {
  await api('/emulator/reset', {method: 'POST'});
  result('the emulator was reset');
  await loadFaults();
}));
$('#test-form').addEventListener('submit', guarded(produceTestEvent));
$('#poison-form').addEventListener('submit', guarded(injectPoison));
connect();
show();
