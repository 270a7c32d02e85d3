// ProcRoom room dashboard: state from /api/dashboard/state, then live over server-sent events.
// Plain JavaScript, no framework and nothing fetched from the internet (the room has none).
'use strict';

const PHASES = ['assessment', 'preparation', 'local-anaesthesia', 'guidance', 'injection', 'recovery', 'follow-up'];
const VITALS = {
  MDC_ECG_HEART_RATE: 'Heart rate', MDC_PULS_OXIM_SAT_O2: 'SpO\u2082', MDC_PULS_OXIM_PULS_RATE: 'Pulse rate',
  MDC_PRESS_CUFF_SYS: 'NIBP systolic', MDC_PRESS_CUFF_DIA: 'NIBP diastolic', MDC_PRESS_CUFF_MEAN: 'NIBP mean',
  MDC_PRESS_BLD_NONINV_SYS: 'NIBP systolic', MDC_PRESS_BLD_NONINV_DIA: 'NIBP diastolic',
  MDC_PRESS_BLD_NONINV_MEAN: 'NIBP mean',
  MDC_RESP_RATE: 'Resp. rate', MDC_AWAY_CO2_ET: 'EtCO\u2082', MDC_TEMP_BLD: 'Temp', MDC_TEMP: 'Temp'
};
// Scan results that stop the nurse: the full-width red alert.
const STOP_CODES = ['EXPIRED', 'RECALLED', 'WRONG_PATIENT', 'UNKNOWN_PRODUCT', 'UNRECOGNISED', 'INVALID_BARCODE'];
// The trend spans the open procedure (at least 10 minutes), or the last 30 minutes between procedures.
const TREND_MIN_MS = 10 * 60 * 1000;
const TREND_IDLE_MS = 30 * 60 * 1000;
const MARK_COLOURS = { medication: '#7fd67f', injection: '#f0c050', alert: '#ff7070' };

const $ = (selector) => document.querySelector(selector);
const state = { procedure: null, devices: [], session: {}, series: {}, phases: [], marks: [], sound: false, audio: null };
const SCAN_PLACEHOLDER = $('#scan-latest').textContent;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

function clock(iso) {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

function ago(iso) {
  if (!iso) return 'no data yet';
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method, credentials: 'same-origin',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (response.status === 401) openSignIn();
  if (!response.ok) throw new Error(json.error || `${response.status}`);
  return json;
}

// ---- devices ----
function renderDevices(devices) {
  state.devices = devices;
  $('#tiles').replaceChildren(...devices.map((d) => el('div', { class: 'tile', 'data-device': d.id, 'data-state': d.state },
    el('span', { class: 'name' }, d.id),
    el('span', { class: 'state' }, d.state.toLowerCase()),
    el('span', { class: 'detail' }, `${d.type} \u00b7 last data ${ago(d.lastDataAt)}`),
    d.state === 'CONNECTED' || !d.reason ? '' : el('span', { class: 'detail' }, d.reason))));
  $('#commission tbody').replaceChildren(...devices.map((d) => el('tr', { 'data-device': d.id },
    el('td', {}, d.id, el('br'), el('small', {}, d.endpoint || '')), el('td', {}, d.type),
    el('td', {}, d.state, el('br'), el('small', {}, d.reason || '')), el('td', {}, clock(d.since)),
    el('td', { class: 'bytes' }, d.bytesReceived.toLocaleString()), el('td', {}, ago(d.lastDataAt)),
    el('td', {}, d.clockSkewMillis == null ? '' : `${d.clockSkewMillis} ms`),
    el('td', {}, d.lastError ? `${clock(d.lastError.at)} ${d.lastError.reason}` : ''))));
}

// A store that cannot write (a full disk) means scans and vitals are not recorded: nobody may miss that.
function renderStatus(status) {
  renderDevices(status.devices);
  renderSchedule(status.schedule || []);
  const banner = $('#recording');
  banner.hidden = status.recording;
  banner.textContent = status.recording ? '' : `NOT RECORDING \u2013 ${status.recordingError}`;
  // The chart: values wait while a receiver (interface engine, FHIR server) is away; a refused
  // message waits for an operator.
  const chart = $('#charting');
  const troubled = (status.charting || []).filter(c => !c.connected || c.parked > 0);
  chart.hidden = troubled.length === 0;
  $('#charting-open').hidden = !troubled.some(c => c.parked > 0);
  // The archive's queues carry images: they wait on the box, which keeps them until the archive has them.
  $('#charting-text').textContent = troubled.map(c => {
    const [label, items] = c.queue.startsWith('archive.') ? ['ARCHIVE', 'image(s)'] : ['CHART', 'message(s)'];
    return c.parked > 0
      ? `${label}: ${c.parked} ${items} refused by the ${c.receiver} \u2013 an operator must resend or drop them`
      : `${label}: ${c.receiver} not reachable \u2013 ${c.pending} ${items} waiting (${c.lastError || 'connecting'})`;
  }).join(' \u00b7 ');
}

// ---- schedule ----
// The next procedures of the room, as staff entered them or the site's RIS sent them.
function renderSchedule(items) {
  $('#schedule').replaceChildren(...(items.length === 0 ? [el('li', { class: 'empty' }, 'nothing scheduled')]
    : items.map((s) => el('li', { 'data-accession': s.accessionNumber || '' },
      `${clock(s.scheduledAt)} \u00b7 ${s.procedureType}${s.accessionNumber ? ` \u00b7 ${s.accessionNumber}` : ''}`,
      el('span', { class: 'source' }, s.source === 'ris' ? 'RIS' : 'staff')))));
}

// ---- procedure ----
function renderProcedure(p) {
  state.procedure = p;
  // The association: the room's values are charted for this patient only from its start.
  $('#procedure').textContent = p
    ? `${p.procedureType} \u00b7 opened ${clock(p.openedAt)} \u00b7 patient ${p.patientVerified ? 'verified \u2713' : 'not yet verified'}`
      + ` \u00b7 ${p.associatedAt ? `devices charting since ${clock(p.associatedAt)}` : 'not charting: scan the wristband'}`
    : 'No procedure open';
  // After a close: the record as the chart will hold it, to print (HTML) or keep (PDF).
  const last = state.lastRecord;
  $('#last-record').replaceChildren(...(!p && last ? ['Last record ', el('time', {}, clock(last.closedAt)), ': ',
    el('a', { href: `/api/procedures/${encodeURIComponent(last.id)}/report`, target: '_blank', id: 'last-record-html' }, 'print'),
    ' \u00b7 ',
    el('a', { href: `/api/procedures/${encodeURIComponent(last.id)}/report?format=pdf`, id: 'last-record-pdf' }, 'PDF')] : []));
  $('#procedure').dataset.associated = p && p.associatedAt ? 'yes' : 'no';
  const current = p ? PHASES.indexOf(p.phase) : -1;
  $('#phases').replaceChildren(...PHASES.map((ph, i) => el('li', {
    class: i === current ? 'current' : i < current ? 'done' : '', 'data-phase': ph }, ph.replace('-', ' '))));
  $('#phases').dataset.current = p ? p.phase : '';
}

// ---- scans ----
function scanView(e) {
  const p = e.payload;
  const product = p.product || {};
  const decoded = p.decoded || {};
  const stop = (p.findings || []).find((f) => STOP_CODES.includes(f.code));
  let headline;
  if (e.type === 'barcode.rejected') headline = 'NOT READ \u2013 scan again';
  else if (stop) headline = `STOP \u2013 ${stop.code.replace('_', ' ')}`;
  else if (p.classification === 'wristband') headline = 'Patient wristband';
  else if (p.classification === 'badge') headline = 'Staff badge';
  else if (p.severity === 'warning') headline = 'CHECK';
  else headline = 'OK';
  return { severity: e.type === 'barcode.rejected' ? 'warning' : p.severity, headline, stop,
    drug: product.name || (p.classification === 'medication' ? 'Unknown product' : ''),
    concentration: product.concentration || product.strength || '',
    expiry: decoded.expiry || '', lot: decoded.lot || '', findings: p.findings || [],
    reason: p.reason || '' };
}

function onScan(e, live) {
  const v = scanView(e);
  const card = $('#scan-latest');
  card.className = `scan-card ${v.severity}`;
  card.dataset.severity = v.severity;
  card.replaceChildren(
    el('div', { class: 'verdict' }, v.headline),
    v.drug ? el('div', { class: 'drug' }, v.drug) : '',
    el('div', { class: 'facts' },
      v.concentration ? el('span', { class: 'concentration' }, v.concentration) : '',
      v.expiry ? el('span', { class: 'expiry' }, `exp ${v.expiry}`) : '',
      v.lot ? el('span', { class: 'lot' }, `lot ${v.lot}`) : ''),
    ...v.findings.map((f) => el('div', { class: `finding sev-${f.severity}` }, f.message)),
    v.reason ? el('div', { class: 'finding' }, v.reason) : '');
  $('#scan-list').prepend(el('li', { class: `sev-${v.severity}` }, `${clock(e.receivedAt)} ${v.headline} ${v.drug}`));
  if (!live) return;
  cue(v.stop || v.severity === 'critical' ? 'critical' : v.severity === 'warning' ? 'warning' : 'ok');
  if (v.stop) raiseAlert(`${v.headline}${v.drug ? ': ' + v.drug : ''}${v.stop.message ? ' \u2013 ' + v.stop.message : ''}`);
}

function resetScanCard() {
  const card = $('#scan-latest');
  card.className = 'scan-card empty';
  delete card.dataset.severity;
  card.textContent = SCAN_PLACEHOLDER;
}

function raiseAlert(text) {
  $('#alert-text').textContent = text;
  $('#alert').hidden = false;
}

// One cue per scan result; the page records which, so a test (or a curious engineer) can see it.
function cue(kind) {
  document.body.dataset.lastCue = kind;
  if (!state.sound || !state.audio) return;
  const tones = { ok: [[880, 0.15]], warning: [[660, 0.15], [660, 0.15]], critical: [[330, 0.3], [330, 0.3], [330, 0.3]] }[kind];
  let t = state.audio.currentTime;
  tones.forEach(([freq, length]) => {
    const osc = state.audio.createOscillator();
    const gain = state.audio.createGain();
    osc.frequency.value = freq;
    gain.gain.value = 0.3;
    osc.connect(gain).connect(state.audio.destination);
    osc.start(t);
    osc.stop(t + length);
    t += length + 0.08;
  });
}

// ---- vitals ----
function onVitals(e) {
  const alarmed = (e.payload.findings || []).map((f) => f.message).join(' ');
  (e.payload.observations || []).forEach((o) => {
    if (o.value == null) return;
    // One line per device and channel: two monitors that both report a heart rate are two trends.
    const key = `${e.device.id}|${o.channel || ''}|${o.code}`;
    const series = state.series[key]
      || (state.series[key] = { code: o.code, device: e.device.id, channel: o.channel, unit: o.unit, points: [] });
    series.points.push([new Date(e.receivedAt).getTime(), o.value]);
    series.alarm = alarmed.includes(o.code);
  });
  renderVitals();
}

/** The trend's time axis: the open procedure from its start, else the last 30 minutes. */
function trendWindow(now) {
  if (state.procedure) {
    const opened = new Date(state.procedure.openedAt).getTime();
    return [Math.min(opened, now - TREND_MIN_MS), now];
  }
  return [now - TREND_IDLE_MS, now];
}

function renderVitals() {
  const now = Date.now();
  const [from, to] = trendWindow(now);
  const order = Object.keys(VITALS);
  const keys = Object.keys(state.series).filter((k) => VITALS[state.series[k].code]).sort((a, b) => {
    const sa = state.series[a], sb = state.series[b];
    return order.indexOf(sa.code) - order.indexOf(sb.code) || sa.device.localeCompare(sb.device)
      || String(sa.channel).localeCompare(String(sb.channel));
  });
  const perDevice = {};
  keys.forEach((k) => { const s = state.series[k]; perDevice[s.device + s.code] = (perDevice[s.device + s.code] || 0) + 1; });
  const marks = state.marks.filter((m) => m.t >= from);
  $('#vitals').replaceChildren(...keys.map((key) => {
    const s = state.series[key];
    s.points = s.points.filter(([t]) => t >= from);
    const last = s.points[s.points.length - 1];
    const canvas = el('canvas', { width: 300, height: 56 });
    drawTrend(canvas, s.points, from, to, marks);
    const where = perDevice[s.device + s.code] > 1 && s.channel ? `${s.device} ${s.channel}` : s.device;
    return el('div', { class: 'vital', 'data-code': s.code, 'data-device': s.device,
      'data-phases': String(state.phases.filter((ph) => ph.t < to).length), 'data-marks': String(marks.length) },
      el('span', { class: 'label' }, `${VITALS[s.code]} \u00b7 ${where}`),
      el('span', { class: `value${s.alarm ? ' alarm' : ''}` }, last ? String(Math.round(last[1] * 10) / 10) : '\u2013',
        el('span', { class: 'unit' }, s.unit)),
      canvas);
  }));
}

/** Phase bands behind the line, a tick per event (medication, injection, alert), the axis's times below. */
function drawTrend(canvas, points, from, to, marks) {
  const g = canvas.getContext('2d');
  if (!g) return;
  const axis = 12;
  const h = canvas.height - axis;
  const x = (t) => canvas.width * (t - from) / (to - from);
  state.phases.forEach((ph, i) => {
    const end = i + 1 < state.phases.length ? state.phases[i + 1].t : to;
    if (end < from || ph.t > to) return;
    g.fillStyle = i % 2 === 0 ? '#1f2a35' : '#26323e';
    g.fillRect(x(Math.max(ph.t, from)), 0, x(Math.min(end, to)) - x(Math.max(ph.t, from)), h);
  });
  marks.forEach((m) => {
    g.strokeStyle = MARK_COLOURS[m.kind];
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(x(m.t), 0);
    g.lineTo(x(m.t), h);
    g.stroke();
  });
  g.fillStyle = '#8a96a3';
  g.font = '9px sans-serif';
  g.textBaseline = 'bottom';
  g.textAlign = 'left';
  const hm = (t) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  g.fillText(hm(from), 0, canvas.height);
  g.textAlign = 'right';
  g.fillText(hm(to), canvas.width, canvas.height);
  if (points.length < 2) return;
  const values = points.map((p) => p[1]);
  const lo = Math.min(...values), hi = Math.max(...values), span = hi - lo || 1;
  g.strokeStyle = '#7fb0ea';
  g.lineWidth = 2;
  g.beginPath();
  points.forEach(([t, v], i) => {
    const y = h - 4 - (h - 8) * (v - lo) / span;
    if (i === 0) g.moveTo(x(t), y); else g.lineTo(x(t), y);
  });
  g.stroke();
}

/** What the trend marks: medication scans, injections, alerts; and the procedure's phases as bands. */
function onMarks(e) {
  const t = new Date(e.receivedAt).getTime();
  const p = e.payload || {};
  if (e.type === 'procedure.phase') state.phases.push({ t, phase: p.phase });
  else if (e.type === 'procedure.opened') state.phases = [{ t, phase: 'assessment' }];
  else if (e.type === 'barcode.scan' && p.classification === 'medication') state.marks.push({ t, kind: 'medication' });
  else if (e.type === 'staff.injection') state.marks.push({ t, kind: 'injection' });
  else if (p.severity === 'critical' || (p.severity === 'warning' && e.type.startsWith('vitals.'))) {
    state.marks.push({ t, kind: 'alert' });
  }
}

// ---- ultrasound ----
function onImage(e) {
  const p = e.payload;
  if (!p.thumbnail) return;
  const name = p.thumbnail.split('/').pop();
  $('#thumbs').prepend(el('figure', {},
    el('img', { src: `/api/dashboard/thumbnails/${encodeURIComponent(name)}`, alt: `${p.modality} ${p.frames > 1 ? 'cine' : 'image'}` }),
    el('figcaption', {}, `${clock(e.receivedAt)} ${p.frames > 1 ? p.frames + ' frames' : 'image'}`)));
  if (e.type === 'dicom.quarantined') raiseAlert(`IMAGE QUARANTINED \u2013 ${p.reason || 'wrong patient'}`);
}

// ---- every event ----
function onEvent(e, live) {
  const mine = !state.procedure || e.procedureId === state.procedure.id || !e.procedureId;
  if (mine) {
    $('#timeline').prepend(el('li', { 'data-type': e.type }, el('time', {}, clock(e.receivedAt)), e.summary));
  }
  if (mine) onMarks(e);
  if (e.type === 'barcode.scan' || e.type === 'barcode.rejected') onScan(e, live);
  else if (e.type === 'vitals.observation') onVitals(e);
  else if (e.type === 'dicom.stored' || e.type === 'dicom.quarantined') onImage(e);
  else if (live && ((e.type.startsWith('procedure.') && e.type !== 'procedure.warning') || e.type === 'patient.association')) load();
}

async function load() {
  const [session, room] = await Promise.all([api('GET', '/api/session'), api('GET', '/api/dashboard/state')]);
  renderSession(session);
  $('#room').textContent = room.room;
  document.title = `ProcRoom \u00b7 ${room.room}`;
  renderStatus(room);
  state.lastRecord = room.lastRecord;
  renderProcedure(room.procedure);
  $('#timeline').replaceChildren();
  $('#scan-list').replaceChildren();
  resetScanCard();
  $('#thumbs').replaceChildren();
  state.series = {};
  state.marks = [];
  state.phases = room.procedure ? [{ t: new Date(room.procedure.openedAt).getTime(), phase: 'assessment' }] : [];
  room.events.forEach((e) => onEvent(e, false));
  renderVitals();
}

function connect() {
  const source = new EventSource('/api/dashboard/stream');
  source.addEventListener('open', () => {
    $('#link').className = 'link up';
    $('#link').textContent = 'live';
    load().catch((err) => { $('#entry-result').textContent = err.message; });
  });
  source.addEventListener('error', () => {
    $('#link').className = 'link down';
    $('#link').textContent = 'reconnecting';
  });
  source.addEventListener('event', (m) => onEvent(JSON.parse(m.data), true));
  source.addEventListener('status', (m) => renderStatus(JSON.parse(m.data)));
}

// ---- entries ----
function renderSession(session) {
  state.session = session;
  const signedIn = Boolean(session.name);
  $('#who').textContent = signedIn ? `\u00b7 ${session.name}` : '';
  $('#signin-open').textContent = signedIn ? 'Sign out' : 'Sign in';
  $('#signin-open').hidden = !session.signInRequired;
  $('#manual-by').hidden = signedIn;
}

function enteredBy() {
  if (state.session.name) return state.session.name;
  const typed = $('#manual-form').enteredBy.value.trim() || localStorage.getItem('procroom.enteredBy') || '';
  if (typed) return typed;
  const asked = (prompt('Your name for the record') || '').trim();
  if (asked) localStorage.setItem('procroom.enteredBy', asked);
  return asked;
}

// Entries need a signed-in user once staff are configured; the sign-in opens instead of the entry.
function mayEnter() {
  if (state.session.signInRequired && !state.session.name) {
    $('#entry-result').textContent = 'Sign in to make entries';
    openSignIn();
    return false;
  }
  return true;
}

async function entry(body, done) {
  const result = $('#entry-result');
  if (!mayEnter()) return;
  if (!state.procedure) { result.textContent = 'No procedure is open'; return; }
  try {
    await api('POST', `/api/procedures/${state.procedure.id}/entries`, { ...body, enteredBy: enteredBy() });
    result.className = 'entry-result sev-ok';
    result.textContent = done;
  } catch (err) {
    result.className = 'entry-result sev-critical';
    result.textContent = err.message;
  }
}

function openSignIn() {
  if (!$('#signin').open) $('#signin').showModal();
}

function setUp() {
  for (let score = 0; score <= 10; score++) {
    $('#pain').append(el('button', { type: 'button', 'data-score': score, onclick: () => {
      const timing = document.querySelector('input[name=pain-timing]:checked').value;
      entry({ type: 'pain-score', score, timing }, `Pain ${score}/10 (${timing}) recorded`);
    } }, score));
  }
  PHASES.forEach((phase) => $('#marks').append(el('button', { type: 'button', 'data-phase': phase,
    onclick: () => entry({ type: 'phase', phase }, `Phase ${phase} marked`) }, phase.replace('-', ' '))));
  $('#manual-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!mayEnter()) return;
    const f = ev.target;
    const body = { reason: f.reason.value, enteredBy: enteredBy() };
    ['ndc', 'data', 'lot', 'expiry'].forEach((k) => { if (f[k].value.trim()) body[k] = f[k].value.trim(); });
    try {
      await api('POST', '/api/scans/manual', body);
      $('#entry-result').className = 'entry-result sev-ok';
      $('#entry-result').textContent = 'Manual entry checked and recorded';
      f.reset();
    } catch (err) {
      $('#entry-result').className = 'entry-result sev-critical';
      $('#entry-result').textContent = err.message;
    }
  });
  $('#signin-open').addEventListener('click', async () => {
    if (state.session.name) {
      await api('POST', '/api/logout');
      renderSession(await api('GET', '/api/session'));
    } else {
      openSignIn();
    }
  });
  $('#signin-cancel').addEventListener('click', () => $('#signin').close());
  $('#signin-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    try {
      await api('POST', '/api/login', { user: f.user.value.trim(), pin: f.pin.value });
      f.reset();
      $('#signin-error').textContent = '';
      $('#signin').close();
      renderSession(await api('GET', '/api/session'));
    } catch (err) {
      $('#signin-error').textContent = err.message;
    }
  });
  $('#alert-ack').addEventListener('click', () => { $('#alert').hidden = true; });
  $('#sound').addEventListener('click', () => {
    state.audio = state.audio || new AudioContext();
    state.sound = !state.sound;
    $('#sound').textContent = state.sound ? 'Sound on' : 'Sound off';
  });
  $('#view-toggle').addEventListener('click', () => {
    const commissioning = $('#commission-view').hidden;
    $('#commission-view').hidden = !commissioning;
    $('#room-view').hidden = commissioning;
    $('#view-toggle').textContent = commissioning ? 'Room' : 'Commissioning';
  });
  setInterval(() => renderDevices(state.devices), 1000);
  setInterval(renderVitals, 15000);
  connect();
}

setUp();
