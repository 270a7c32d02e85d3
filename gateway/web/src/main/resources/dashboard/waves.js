// Live sweeping waveform strips beside the numbers: segments from /api/dashboard/waves, played out
// at their own sample rate a little behind real time (they arrive in bursts of a quarter second),
// drawn left to right and over again as a bedside monitor sweeps. A gap lifts the pen.
'use strict';
(function () {
  const SWEEP_S = 6;
  const DELAY_S = 0.6;
  const MAX_BACKLOG_S = 3;
  const STALE_MS = 5000;
  // In a bedside monitor's order and colours: ECG, pressure, pleth, CO2, respiration.
  const COLOURS = [[/ECG|^(I|II|III|AVR|AVL|AVF|V\d)$/i, '#5ee35e'], [/INVP|ABP|ART|PRESS/i, '#ff6b6b'],
    [/PLETH/i, '#5fd7ff'], [/CO2/i, '#f0f0f0'], [/RESP/i, '#ffd84d']];
  const strips = new Map();
  const box = document.querySelector('#waves');

  function rank(channel) {
    const i = COLOURS.findIndex(([pattern]) => pattern.test(channel));
    return i < 0 ? COLOURS.length : i;
  }

  function colour(channel) {
    const i = rank(channel);
    return i < COLOURS.length ? COLOURS[i][1] : '#c8d2dc';
  }

  function stripFor(m) {
    const key = `${m.d}\u0000${m.c}`;
    let s = strips.get(key);
    if (s) return s;
    const canvas = document.createElement('canvas');
    canvas.width = 600;
    canvas.height = 72;
    const label = document.createElement('span');
    label.className = 'label';
    const node = document.createElement('div');
    node.className = 'wave';
    node.dataset.device = m.d;
    node.dataset.channel = m.c;
    node.append(label, canvas);
    s = { key, node, canvas, label, queue: [], head: 0, next: null, rateHz: 1000000 / m.p, unit: m.u, flags: m.f,
      started: false, scaled: false, x: 0, lastY: null, carry: 0, lo: Infinity, hi: -Infinity, sweepLo: Infinity,
      sweepHi: -Infinity,
      drawn: 0, breaks: 0, lastData: Date.now() };
    strips.set(key, s);
    const ordered = [...strips.values()].sort((a, b) => a.node.dataset.device.localeCompare(b.node.dataset.device)
      || rank(a.node.dataset.channel) - rank(b.node.dataset.channel) || a.key.localeCompare(b.key));
    box.replaceChildren(...ordered.map((x) => x.node));
    return s;
  }

  function onSegment(m) {
    const s = stripFor(m);
    if (s.next !== null && (m.g || m.s !== s.next)) {
      s.queue.push(null);
    }
    m.r.forEach((raw) => s.queue.push(raw * m.k + m.o));
    s.next = m.s + m.r.length;
    s.rateHz = 1000000 / m.p;
    s.unit = m.u;
    s.flags = m.f;
    s.lastData = Date.now();
  }

  function draw(s, samples) {
    const g = s.canvas.getContext('2d');
    const w = s.canvas.width;
    const h = s.canvas.height;
    const step = w / (SWEEP_S * s.rateHz);
    const span = Math.max(s.hi - s.lo, 1e-6);
    const y = (v) => h - 4 - (h - 8) * (v - s.lo) / span;
    g.strokeStyle = colour(s.node.dataset.channel);
    g.lineWidth = 2;
    for (let i = 0; i < samples; i++) {
      const v = s.head < s.queue.length ? s.queue[s.head++] : undefined;
      g.fillStyle = '#0b0f14';
      g.fillRect(s.x, 0, Math.max(step, 1) + 10, h); // the erase bar ahead of the pen
      if (v === null || v === undefined) {
        if (v === null) s.breaks++;
        s.lastY = null;
      } else {
        s.sweepLo = Math.min(s.sweepLo, v);
        s.sweepHi = Math.max(s.sweepHi, v);
        if (!s.scaled) { // the first sweep widens its scale as it goes; later ones take the sweep before
          s.lo = Math.min(s.lo, v);
          s.hi = Math.max(s.hi, v);
        }
        const yy = y(v);
        if (s.lastY !== null) {
          g.beginPath();
          g.moveTo(s.x, s.lastY);
          g.lineTo(s.x + step, yy);
          g.stroke();
        }
        s.lastY = yy;
        s.drawn++;
      }
      s.x += step;
      if (s.x >= w) {
        s.x = 0;
        s.lastY = null;
        // Each sweep is scaled to the one before, with a margin, so a wave fills its strip.
        if (s.sweepLo < s.sweepHi) {
          const margin = (s.sweepHi - s.sweepLo) * 0.1;
          s.lo = s.sweepLo - margin;
          s.hi = s.sweepHi + margin;
          s.scaled = true;
        }
        s.sweepLo = Infinity;
        s.sweepHi = -Infinity;
      }
    }
  }

  // The queue is read from s.head on; what was read is dropped now and then, not sample by sample.
  function queued(s) {
    if (s.head > 4096) {
      s.queue.splice(0, s.head);
      s.head = 0;
    }
    return s.queue.length - s.head;
  }

  let last = null;
  function animate(now) {
    const elapsed = last === null ? 0 : Math.min(0.25, (now - last) / 1000);
    last = now;
    strips.forEach((s) => {
      const backlog = queued(s) / s.rateHz;
      if (!s.started) {
        s.started = backlog >= DELAY_S;
        return;
      }
      if (backlog > MAX_BACKLOG_S) {
        s.head += Math.round((backlog - DELAY_S) * s.rateHz); // fell behind: skip ahead, a break
        s.queue[s.head - 1] = null;
        s.head--;
      }
      s.carry += elapsed * s.rateHz;
      const samples = Math.floor(s.carry);
      s.carry -= samples;
      draw(s, samples);
      const stale = Date.now() - s.lastData > STALE_MS;
      s.node.classList.toggle('stale', stale);
      s.label.textContent = [s.node.dataset.channel, s.node.dataset.device, s.unit || 'unscaled',
        ...(s.flags || []), stale ? 'no signal' : ''].filter(Boolean).join(' \u00b7 ');
      s.canvas.dataset.drawn = String(s.drawn);
      s.canvas.dataset.breaks = String(s.breaks);
    });
    requestAnimationFrame(animate);
  }

  const source = new EventSource('/api/dashboard/waves');
  source.addEventListener('wave', (m) => onSegment(JSON.parse(m.data)));
  requestAnimationFrame(animate);
})();
