// Messages a charting receiver refused (parked): listed from the banner, each sent again or given
// up with a reason by an operator (GET /api/charting, POST /api/charting/{seq}/resend|drop).
// Uses the page's helpers from dashboard.js ($, el, api, clock, enteredBy, mayEnter).
'use strict';

function parkedResult(text, ok) {
  const result = $('#parked-result');
  result.className = `entry-result ${ok ? 'sev-ok' : 'sev-critical'}`;
  result.textContent = text;
}

// after: the line saying what was just done stays; otherwise an empty list says so.
async function showParked(after) {
  const answer = await api('GET', '/api/charting');
  const rows = answer.queues.flatMap((q) => q.parked.map((m) => ({ ...m, receiver: q.receiver })));
  $('#parked-list tbody').replaceChildren(...rows.map((m) => el('tr', { 'data-seq': m.seq },
    el('td', {}, clock(m.createdAt)), el('td', {}, m.queue), el('td', {}, m.messageKey),
    el('td', { class: 'reason' }, m.lastError || ''),
    el('td', {},
      el('button', { type: 'button', class: 'resend', onclick: () => settle(m, 'resend') }, 'Send again'),
      el('button', { type: 'button', class: 'drop', onclick: () => settle(m, 'drop') }, 'Give up')))));
  if (!rows.length && !after) parkedResult('Nothing is refused now', true);
  if (!$('#parked').open) $('#parked').showModal();
}

async function settle(message, action) {
  if (!mayEnter()) return;
  const body = { enteredBy: enteredBy() };
  if (action === 'drop') {
    body.reason = (prompt(`Why give up ${message.messageKey}? (recorded)`) || '').trim();
    if (!body.reason) return;
  }
  try {
    await api('POST', `/api/charting/${message.seq}/${action}`, body);
    parkedResult(action === 'drop' ? `${message.messageKey} given up` : `${message.messageKey} sent again`, true);
  } catch (err) {
    parkedResult(err.message, false);
  }
  showParked(true).catch((err) => parkedResult(err.message, false));
}

$('#charting-open').addEventListener('click', () => showParked(false).catch((err) => parkedResult(err.message, false)));
$('#parked-close').addEventListener('click', () => $('#parked').close());
