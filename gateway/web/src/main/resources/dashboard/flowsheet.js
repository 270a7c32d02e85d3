// The nurse's review of charted values (charting.review: gateway): a flowsheet of the open
// procedure's charted values, rows vital signs, columns charting intervals. A held value tapped is
// marked as an artefact with a reason; the release sends the rest to the chart as validated.
// Uses the page's helpers from dashboard.js ($, el, api, state, clock, enteredBy, mayEnter).
'use strict';

const flowsheet = { reviewed: null, busy: false, shown: [] };

function flowsheetResult(text, ok) {
  const result = $('#flowsheet-result');
  result.className = `entry-result ${ok ? 'sev-ok' : 'sev-critical'}`;
  result.textContent = text;
}

function renderFlowsheet(sheet) {
  const columns = sheet.columns;
  $('#flowsheet thead').replaceChildren(el('tr', {}, el('th', {}, ''), ...columns.map((c) => el('th', { scope: 'col' }, clock(c)))));
  $('#flowsheet tbody').replaceChildren(...sheet.rows.map((row) => el('tr', { 'data-code': row.code },
    el('th', { scope: 'row' }, `${VITALS[row.code] || row.code} `, el('small', {}, `${row.unit} \u00b7 ${row.device}`)),
    ...columns.map((column) => el('td', {}, ...row.cells.filter((c) => c.column === column).map((c) => el('button', {
      type: 'button', class: `value${c.artefact ? ' artefact' : ''}`, 'data-event': c.eventId, 'data-state': c.state,
      title: c.artefact ? `artefact: ${c.artefact.reason} (${c.artefact.enteredBy})` : `${clock(c.time)} \u00b7 ${c.state}`,
      disabled: c.state !== 'held',
      onclick: () => (c.artefact ? withdrawArtefact(row, c) : markArtefact(row, c)) }, c.value)))))));
  // What the nurse sees is what she releases: values arriving after this drawing wait for the next.
  flowsheet.shown = [...new Set(sheet.rows.flatMap((row) => row.cells.filter((c) => c.state === 'held').map((c) => c.eventId)))];
  $('#flowsheet-held').textContent = sheet.heldValues ? `\u00b7 ${sheet.heldValues} waiting for release` : '\u00b7 all released';
  $('#release').disabled = !sheet.heldValues;
}

async function refreshFlowsheet() {
  if (flowsheet.reviewed === false || flowsheet.busy) return;
  const section = $('#flowsheet-section');
  if (!state.procedure) { section.hidden = true; return; }
  try {
    const sheet = await api('GET', `/api/procedures/${state.procedure.id}/flowsheet`);
    flowsheet.reviewed = true;
    section.hidden = false;
    renderFlowsheet(sheet);
  } catch (err) {
    // 404: this room's values are validated in the EHR; nothing to review here.
    if (/EHR/.test(err.message)) flowsheet.reviewed = false;
    section.hidden = true;
  }
}

async function markArtefact(row, cell) {
  if (!mayEnter()) return;
  const reason = (prompt(`${VITALS[row.code] || row.code} ${cell.value} at ${clock(cell.time)} is not the patient's value because`) || '').trim();
  if (!reason) return;
  try {
    await api('POST', `/api/procedures/${state.procedure.id}/flowsheet/artefacts`,
      { eventId: cell.eventId, code: row.code, reason, enteredBy: enteredBy() });
    flowsheetResult(`Marked as an artefact: ${reason}`, true);
  } catch (err) {
    flowsheetResult(err.message, false);
  }
  refreshFlowsheet();
}

async function withdrawArtefact(row, cell) {
  if (!mayEnter()) return;
  const reason = (prompt(`Take back the artefact mark on ${VITALS[row.code] || row.code} ${cell.value}? It is then filed. Why`) || '').trim();
  if (!reason) return;
  try {
    await api('POST', `/api/procedures/${state.procedure.id}/flowsheet/artefacts`,
      { eventId: cell.eventId, code: row.code, reason, withdraw: true, enteredBy: enteredBy() });
    flowsheetResult(`Artefact mark taken back: ${reason}`, true);
  } catch (err) {
    flowsheetResult(err.message, false);
  }
  refreshFlowsheet();
}

async function release() {
  if (!mayEnter()) return;
  flowsheet.busy = true;
  try {
    const entry = await api('POST', `/api/procedures/${state.procedure.id}/flowsheet/release`,
      { eventIds: flowsheet.shown, enteredBy: enteredBy() });
    flowsheetResult(`Released ${entry.payload.messages} message(s) to the chart`
      + (entry.payload.withheld ? `, ${entry.payload.withheld} withheld as artefacts` : ''), true);
  } catch (err) {
    flowsheetResult(err.message, false);
  } finally {
    flowsheet.busy = false;
  }
  refreshFlowsheet();
}

$('#release').addEventListener('click', release);
setInterval(refreshFlowsheet, 5000);
setTimeout(refreshFlowsheet, 500);
