// The idmint console: polls /api/v1/stats and /api/v1/health, draws the charts as SVG by hand (no library),
// and decodes IDs through /api/v1/ids/{id}. IDs stay strings or BigInt from input to display: a JavaScript
// number holds integers exactly only below 2^53, and 64-bit IDs are far above it.
'use strict';

(() => {
  const params = new URLSearchParams(location.search);
  const INTERVAL_MS = Math.max(200, Number(params.get('interval')) || 1000);
  const WINDOW_POINTS = 120;
  const MAX_INSPECT = 200;
  const SVG = 'http://www.w3.org/2000/svg';

  const state = {
    previous: null,          // the last stats answer, for deltas
    history: new Map(),      // generator name -> [{t, rate, p50, p99, p999, util}]
    totalHistory: [],        // [{t, rate}] over every generator
    generators: [],
    inspectorReady: false,
  };

  // ---------- small DOM helpers (text only; no HTML strings, so nothing the server says is markup) ----------
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') el.className = v;
      else if (k === 'style') Object.assign(el.style, v);
      else if (k.startsWith('data-')) el.setAttribute(k, v);
      else el.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
    for (const c of children.flat()) {
      if (c === null || c === undefined) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const $ = (id) => document.getElementById(id);
  function replace(el, ...children) {
    el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  }

  // ---------- formatting ----------
  function fmtRate(v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    if (v >= 1e6) return (v / 1e6).toFixed(2) + ' M';
    if (v >= 1e3) return (v / 1e3).toFixed(1) + ' k';
    return v.toFixed(v < 10 ? 1 : 0);
  }
  function fmtSeconds(sec) {
    if (sec === null || sec === undefined || !isFinite(sec)) return '–';
    if (sec < 1e-3) return (sec * 1e6).toFixed(0) + ' µs';
    if (sec < 1) return (sec * 1e3).toFixed(sec < 0.01 ? 2 : 1) + ' ms';
    return sec.toFixed(2) + ' s';
  }
  function fmtPercent(r) {
    return r === null || r === undefined || !isFinite(r) ? '–' : (r * 100).toFixed(r < 0.01 && r > 0 ? 2 : 1) + ' %';
  }
  function fmtDuration(ms) {
    const a = Math.abs(ms);
    if (a < 1000) return ms + ' ms';
    if (a < 120000) return (ms / 1000).toFixed(1) + ' s';
    if (a < 7200000) return (ms / 60000).toFixed(1) + ' min';
    if (a < 172800000) return (ms / 3600000).toFixed(1) + ' h';
    const days = ms / 86400000;
    return days < 730 ? days.toFixed(0) + ' days' : (days / 365.2425).toFixed(1) + ' years';
  }
  function localTime(ms) {
    const d = new Date(ms);
    const pad = (n, w = 2) => String(n).padStart(w, '0');
    const offMin = -d.getTimezoneOffset();
    const sign = offMin >= 0 ? '+' : '-';
    const off = `${sign}${pad(Math.floor(Math.abs(offMin) / 60))}:${pad(Math.abs(offMin) % 60)}`;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:`
      + `${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${off}${zone ? ' (' + zone + ')' : ''}`;
  }
  function utcTime(ms) {
    const d = new Date(ms);
    return isNaN(d.getTime()) ? '–' : d.toISOString();
  }

  // ---------- latency percentiles from two cumulative histograms ----------
  // Like Prometheus' histogram_quantile over the interval: the bucket where the rank falls, linear inside it.
  function quantile(q, le, counts) {
    const total = counts.length ? counts[counts.length - 1] : 0;
    if (total <= 0) return null;
    const rank = q * total;
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] >= rank) {
        const lo = i === 0 ? 0 : le[i - 1];
        const below = i === 0 ? 0 : counts[i - 1];
        const inBucket = counts[i] - below;
        return inBucket <= 0 ? le[i] : lo + (le[i] - lo) * ((rank - below) / inBucket);
      }
    }
    return le[le.length - 1];
  }
  function intervalHistogram(now, before) {
    const le = now.bucket_le_seconds;
    const counts = now.bucket_cumulative.map((c, i) => {
      const j = before ? before.bucket_le_seconds.indexOf(le[i]) : -1;
      return c - (j >= 0 ? before.bucket_cumulative[j] : 0);
    });
    return { le, counts };
  }
  function outcomeTotals(o) {
    let ok = 0, failed = 0;
    for (const [k, v] of Object.entries(o || {})) (k === 'ok' ? (ok += v) : (failed += v));
    return { ok, failed };
  }

  // ---------- charts ----------
  // A line chart of the last WINDOW_POINTS samples: series [{label, color, values:[number|null]}], y from 0.
  function lineChart(svg, series, opts) {
    const W = 560, H = Number(svg.getAttribute('viewBox').split(' ')[3]);
    const L = 58, R = 10, T = 10, B = 20;
    const all = series.flatMap((x) => x.values).filter((v) => v !== null && isFinite(v));
    let max = opts.max !== undefined ? opts.max : Math.max(opts.minMax || 1, ...all) * 1.15;
    const nodes = [];
    for (let i = 0; i <= 4; i++) {
      const y = T + (H - T - B) * (1 - i / 4);
      nodes.push(s('line', { class: 'grid', x1: L, x2: W - R, y1: y, y2: y }));
      nodes.push(s('text', { x: L - 4, y: y + 3, 'text-anchor': 'end' }, opts.format(max * i / 4)));
    }
    nodes.push(s('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }));
    nodes.push(s('text', { x: L, y: H - 5 }, `−${Math.round(WINDOW_POINTS * INTERVAL_MS / 1000)} s`));
    nodes.push(s('text', { x: W - R, y: H - 5, 'text-anchor': 'end' }, 'now'));
    for (const th of opts.thresholds || []) {
      const y = T + (H - T - B) * (1 - th.value / max);
      nodes.push(s('line', { class: 'threshold', x1: L, x2: W - R, y1: y, y2: y, stroke: th.color }));
      nodes.push(s('text', { x: W - R - 2, y: y - 2, 'text-anchor': 'end' }, th.label));
    }
    const x = (i, n) => L + (W - L - R) * ((WINDOW_POINTS - n + i) / (WINDOW_POINTS - 1));
    const y = (v) => T + (H - T - B) * (1 - Math.min(v, max) / max);
    let lx = L + 8;
    for (const ser of series) {
      const n = ser.values.length;
      let d = '';
      let pen = false;
      let points = 0;
      ser.values.forEach((v, i) => {
        if (v === null || !isFinite(v)) { pen = false; return; }
        d += `${pen ? 'L' : 'M'}${x(i, n).toFixed(1)},${y(v).toFixed(1)}`;
        pen = true;
        points++;
      });
      nodes.push(s('path', { d: d || 'M0,0', fill: 'none', stroke: ser.color, 'stroke-width': 1.8,
        'data-series': ser.label, 'data-points': points }));
      nodes.push(s('rect', { x: lx, y: T, width: 10, height: 3, fill: ser.color }));
      nodes.push(s('text', { x: lx + 13, y: T + 5 }, ser.label));
      lx += 20 + ser.label.length * 6;
    }
    svg.replaceChildren(...nodes);
    svg.dataset.samples = String(Math.max(0, ...series.map((x) => x.values.length)));
  }

  // ---------- polling ----------
  async function getJson(path) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), 5000);
    try {
      const r = await fetch(path, { signal: ctl.signal, cache: 'no-store' });
      return { status: r.status, body: await r.json() };
    } finally {
      clearTimeout(timer);
    }
  }

  async function poll() {
    const sent = Date.now();
    try {
      const [stats, health] = await Promise.all([getJson('/api/v1/stats'), getJson('/api/v1/health')]);
      const received = Date.now();
      update(stats.body, health.body, (sent + received) / 2);
    } catch (e) {
      const badge = $('status');
      badge.dataset.status = 'unreachable';
      badge.textContent = 'unreachable';
    } finally {
      setTimeout(poll, INTERVAL_MS);
    }
  }

  function update(stats, health, browserMidpoint) {
    const prev = state.previous;
    const dt = prev ? (stats.now_ms - prev.now_ms) / 1000 : 0;
    let totalRate = 0;
    for (const g of stats.generators) {
      const before = prev && prev.generators.find((x) => x.name === g.name);
      const hist = state.history.get(g.name) || [];
      const sample = { rate: null, p50: null, p99: null, p999: null, reqRate: null, errRate: null,
        util: g.stats.sequence_utilisation ?? null };
      if (before && dt > 0) {
        sample.rate = Math.max(0, (g.ids_generated - before.ids_generated) / dt);
        totalRate += sample.rate;
        const ih = intervalHistogram(g.requests, before.requests);
        sample.p50 = quantile(0.5, ih.le, ih.counts);
        sample.p99 = quantile(0.99, ih.le, ih.counts);
        sample.p999 = quantile(0.999, ih.le, ih.counts);
        const a = outcomeTotals(g.requests.outcomes), b = outcomeTotals(before.requests.outcomes);
        sample.reqRate = (a.ok - b.ok) / dt;
        sample.errRate = (a.failed - b.failed) / dt;
      }
      hist.push(sample);
      if (hist.length > WINDOW_POINTS) hist.shift();
      state.history.set(g.name, hist);
    }
    if (prev && dt > 0) {
      state.totalHistory.push(totalRate);
      if (state.totalHistory.length > WINDOW_POINTS) state.totalHistory.shift();
    }
    state.previous = stats;
    updateGeneratorLists(stats.generators);
    renderHeader(stats, health, browserMidpoint);
    renderRate();
    renderSequence(stats);
    renderHealth(stats, health);
    renderLeases(stats);
    renderLayouts(stats);
    document.body.dataset.polls = String(Number(document.body.dataset.polls || 0) + 1);
  }

  function updateGeneratorLists(gens) {
    const names = gens.map((g) => g.name).join(',');
    if (names === state.generators.map((g) => g.name).join(',')) {
      state.generators = gens;
      return;
    }
    state.generators = gens;
    const rateSel = $('rate-generator');
    const keep = rateSel.value;
    replace(rateSel, h('option', { value: '*' }, 'all generators'), gens.map((g) => h('option', { value: g.name }, g.name)));
    rateSel.value = keep || '*';
    const insSel = $('inspect-generator');
    const keepIns = insSel.value;
    replace(insSel, gens.map((g) => h('option', { value: g.name }, `${g.name} (${g.layout ? g.layout.name : g.scheme})`)));
    if (keepIns && gens.some((g) => g.name === keepIns)) insSel.value = keepIns;
    state.inspectorReady = true;
    document.body.dataset.ready = 'true';
  }

  function renderHeader(stats, health, browserMidpoint) {
    const badge = $('status');
    badge.dataset.status = health.status;
    badge.textContent = health.status + (health.reason ? ': ' + health.reason : '');
    $('server-time').textContent = stats.now;
    const offset = stats.now_ms - browserMidpoint;
    $('browser-offset').textContent = (offset >= 0 ? '+' : '') + Math.round(offset) + ' ms';
    $('updated').textContent = new Date().toLocaleTimeString();
  }

  function renderRate() {
    const which = $('rate-generator').value || '*';
    let rates, lat;
    if (which === '*') {
      rates = state.totalHistory;
      // latency over all generators: the busiest generator's percentiles would mislead; show each generator's p99
      lat = null;
    } else {
      const hist = state.history.get(which) || [];
      rates = hist.map((x) => x.rate);
      lat = hist;
    }
    const last = rates.length ? rates[rates.length - 1] : null;
    $('rate-now').textContent = fmtRate(last);
    lineChart($('rate-chart'), [{ label: which === '*' ? 'all generators' : which, color: '#0969da', values: rates }],
      { format: fmtRate, minMax: 10 });

    let series;
    if (lat) {
      series = [
        { label: 'p50', color: '#1a7f37', values: lat.map((x) => x.p50) },
        { label: 'p99', color: '#bf8700', values: lat.map((x) => x.p99) },
        { label: 'p99.9', color: '#cf222e', values: lat.map((x) => x.p999) },
      ];
    } else {
      const colors = ['#1a7f37', '#bf8700', '#cf222e', '#8250df', '#0969da', '#57606a'];
      series = [...state.history.entries()].map(([name, hist], i) => ({ label: name + ' p99', color: colors[i % colors.length],
        values: hist.map((x) => x.p99) }));
    }
    const lastOf = (k) => {
      const hs = lat || [...state.history.values()].flat();
      for (let i = hs.length - 1; i >= 0; i--) if (hs[i][k] !== null) return hs[i][k];
      return null;
    };
    const latestSamples = lat ? [lat[lat.length - 1]] : [...state.history.values()].map((x) => x[x.length - 1]);
    const pick = (k) => {
      const vals = latestSamples.filter(Boolean).map((x) => x[k]).filter((v) => v !== null);
      return vals.length ? Math.max(...vals) : lastOf(k);
    };
    $('p50').textContent = fmtSeconds(pick('p50'));
    $('p99').textContent = fmtSeconds(pick('p99'));
    $('p999').textContent = fmtSeconds(pick('p999'));
    const reqs = latestSamples.filter(Boolean).reduce((a, x) => a + (x.reqRate || 0), 0);
    const errs = latestSamples.filter(Boolean).reduce((a, x) => a + (x.errRate || 0), 0);
    $('req-rate').textContent = `${fmtRate(reqs)} requests/s`;
    $('errors').textContent = `${fmtRate(errs)} failed/s`;
    $('errors').className = errs > 0 ? 'bad' : 'muted';
    lineChart($('latency-chart'), series, { format: fmtSeconds, minMax: 0.001 });
  }

  function utilClass(r) {
    return r >= 0.8 ? 'bad' : r >= 0.5 ? 'warn' : '';
  }

  function renderSequence(stats) {
    const withLayout = stats.generators.filter((g) => g.layout);
    replace($('sequence'), withLayout.length === 0 ? h('p', { class: 'muted' }, 'no generator with a sequence per tick') :
      withLayout.map((g) => {
        const u = g.stats.sequence_utilisation, p = g.stats.peak_sequence_utilisation;
        return h('div', { class: 'gauge', 'data-generator': g.name },
          h('div', { class: 'label' }, h('span', {}, h('b', {}, g.name), ` last tick ${fmtPercent(u)} · peak ${fmtPercent(p)}`),
            h('span', { class: 'muted' }, `${g.stats.sequence_capacity} per ${g.layout.tick_millis} ms tick · `
              + `${g.stats.overflow_waits} overflow waits`)),
          h('div', { class: 'bar' },
            h('div', { class: 'fill ' + utilClass(u), style: { width: (Math.min(1, u) * 100) + '%' } }),
            h('div', { class: 'peak', title: 'peak', style: { left: `calc(${Math.min(1, p) * 100}% - 1px)` } }),
            h('div', { class: 'mark', title: '50 %', style: { left: '50%' } }),
            h('div', { class: 'mark', title: '80 %', style: { left: '80%' } })));
      }));
    const colors = ['#0969da', '#8250df', '#1a7f37', '#57606a'];
    lineChart($('sequence-chart'), withLayout.map((g, i) => ({ label: g.name, color: colors[i % colors.length],
      values: (state.history.get(g.name) || []).map((x) => x.util) })),
    { format: fmtPercent, max: 1, thresholds: [{ value: 0.5, label: '50 %', color: '#bf8700' },
      { value: 0.8, label: '80 %', color: '#cf222e' }] });
  }

  function renderHealth(stats, health) {
    const kv = (pairs) => h('dl', { class: 'kv' }, pairs.flatMap(([k, v, cls]) => [h('dt', {}, k), h('dd', cls ? { class: cls } : {}, v)]));
    const ntp = health.ntp_synchronized === true ? ['synchronized', 'ok'] : health.ntp_synchronized === false
      ? ['not synchronized', 'bad'] : ['unknown', 'muted'];
    const top = kv([
      ['status', health.status + (health.reason ? ' — ' + health.reason : ''), health.status === 'UP' ? 'ok' : 'bad'],
      ['NTP', ntp[0], ntp[1]],
      ['clock error estimate', health.clock_error_estimate_ms === null ? 'unknown' : health.clock_error_estimate_ms + ' ms'],
    ]);
    const rows = Object.entries(health.generators || {}).map(([name, g]) => {
      const st = (stats.generators.find((x) => x.name === name) || {}).stats || {};
      return h('tr', { 'data-generator': name },
        h('td', {}, name), h('td', { class: g.status === 'UP' ? 'ok' : 'bad' }, g.status),
        h('td', {}, g.clock_lead_ms + ' ms'),
        h('td', {}, g.clock_offset_to_peers_ms === null ? '–' : g.clock_offset_to_peers_ms + ' ms'
          + (g.clock_offset_to_peers_error_ms === null ? '' : ' ± ' + g.clock_offset_to_peers_error_ms)),
        h('td', {}, String(st.rollbacks ?? 0)),
        h('td', {}, g.ms_since_last_rollback < 0 ? 'never' : fmtDuration(g.ms_since_last_rollback) + ' ago'),
        h('td', { class: 'wrap' }, g.reason || ''));
    });
    replace($('health'), top, h('table', {}, h('thead', {}, h('tr', {}, ['generator', 'status', 'clock lead', 'offset to peers',
      'rollbacks', 'last rollback', 'reason'].map((x) => h('th', {}, x)))), h('tbody', {}, rows)));
  }

  function renderLeases(stats) {
    const rows = [];
    for (const g of stats.generators) {
      if (g.leases.length === 0) {
        rows.push(h('tr', { 'data-generator': g.name }, h('td', {}, g.name), h('td', {}, 'static'),
          h('td', {}, g.datacenter < 0 ? '–' : String(g.datacenter)), h('td', {}, g.worker < 0 ? '–' : String(g.worker)),
          h('td', {}, '–'), h('td', {}, 'none: a configured worker ID'), h('td', {}, '–'), h('td', {}, '–'), h('td', {}, '')));
        continue;
      }
      for (const l of g.leases) {
        const cls = l.state === 'held' ? (l.ms_to_deadline < 2000 ? 'warn' : 'ok') : 'bad';
        rows.push(h('tr', { 'data-generator': g.name }, h('td', {}, g.name), h('td', { class: cls }, l.state),
          h('td', {}, String(g.datacenter)), h('td', {}, l.worker < 0 ? '–' : String(l.worker)), h('td', {}, String(l.epoch)),
          h('td', {}, `${l.deadline} (${l.ms_to_deadline >= 0 ? 'in ' + fmtDuration(l.ms_to_deadline) : fmtDuration(-l.ms_to_deadline) + ' ago'})`),
          h('td', {}, String(l.renewals)), h('td', { class: l.renewal_failures > 0 ? 'warn' : '' }, String(l.renewal_failures)),
          h('td', { class: 'wrap' }, l.detail || '')));
      }
    }
    replace($('leases').tBodies[0], rows);
  }

  function fieldStrip(fields, width) {
    return h('div', { class: 'fields' }, fields.map((f) => h('div', {
      class: 'f-' + f.name, title: `${f.name}: ${f.bits} bits, bits ${f.shift + f.bits - 1}..${f.shift}`,
      style: { width: (f.bits / width * 100) + '%' },
    }, `${f.name} ${f.bits}`)));
  }

  function renderLayouts(stats) {
    replace($('layouts'), stats.generators.map((g) => {
      const width = g.width_bits;
      const items = [h('div', { class: 'muted' }, `${g.name} · scheme ${g.scheme}` + (g.layout ? ` · layout ${g.layout.name}` : '')
        + ` · ${g.id_bits}-bit IDs`), fieldStrip(g.bit_fields, width)];
      if (g.layout) {
        const l = g.layout;
        const left = l.end_of_life_ms - stats.now_ms;
        const used = g.stats.lifetime_used;
        items.push(h('div', { class: 'lifetime', title: `lifetime used ${fmtPercent(used)}` },
          h('div', { style: { width: (used * 100) + '%' } })));
        items.push(h('div', { class: 'muted' }, `epoch ${l.epoch} · tick ${l.tick_millis} ms · end of life `,
          h('b', { class: left < 365 * 86400000 ? 'bad' : '' }, l.end_of_life),
          ` (in ${fmtDuration(left)}; ${fmtPercent(used)} of the lifetime used) · ${fmtRate(l.ids_per_second_per_worker)} IDs/s per worker`
          + ` · ${l.workers} workers`));
      } else {
        items.push(h('div', { class: 'muted' }, g.scheme === 'segment' ? 'a counter per business key: no time or worker bits'
          : 'fixed fields of the scheme; time in the ID itself, no end of life to speak of'));
      }
      return h('div', { class: 'layout', 'data-generator': g.name }, items);
    }));
  }

  // ---------- the inspector ----------
  // JSON.parse turns integers above 2^53 into the nearest double; keep their exact text instead (ES2023+ reviver source).
  function parseExact(text) {
    return JSON.parse(text, function (key, value, context) {
      if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) {
        return context && typeof context.source === 'string' ? context.source : String(value) + ' (imprecise)';
      }
      return value;
    });
  }

  function fieldValue(big, f) {
    return (big >> BigInt(f.shift)) & ((1n << BigInt(f.bits)) - 1n);
  }

  async function decodeOne(text, g, format, token) {
    let path = `/api/v1/ids/${encodeURIComponent(text)}?generator=${encodeURIComponent(g.name)}`;
    if (format !== 'auto' && g.width_bits === 64) path += `&format=${encodeURIComponent(format)}`;
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    const r = await fetch(path, { headers, cache: 'no-store' });
    const body = parseExact(await r.text());
    return { ok: r.ok, status: r.status, body };
  }

  function renderResult(text, g, res) {
    if (!res.ok) {
      const detail = res.body && res.body.detail ? res.body.detail : `HTTP ${res.status}`;
      const hint = res.status === 401 ? ' — enter the server\'s bearer token above' : '';
      return h('div', { class: 'result error', 'data-valid': 'false', 'data-status': String(res.status) },
        h('h3', {}, text), h('div', { class: 'message' }, detail + hint));
    }
    const d = res.body;
    const width = g.width_bits;
    const big = d.hex ? BigInt('0x' + d.hex) : BigInt(String(d.id));
    const bits = big.toString(2).padStart(width, '0');
    const strip = h('div', { class: 'bits' }, g.bit_fields.map((f) => {
      const from = width - f.shift - f.bits;
      const value = fieldValue(big, f);
      return h('div', { class: 'bitfield f-' + f.name, 'data-field': f.name, 'data-value': value.toString() },
        h('span', { class: 'digits' }, bits.slice(from, from + f.bits)),
        h('span', { class: 'name' }, `${f.name} · ${f.bits} bits · ${value.toString()}`));
    }));
    const ms = typeof d.timestamp_ms === 'number' ? d.timestamp_ms
      : d.timestamp_ns ? Number(BigInt(d.timestamp_ns) / 1000000n) : Date.parse(d.timestamp);
    const rows = [['UTC', utcTime(ms), 'utc'], ['local', localTime(ms), 'local']];
    for (const [k, v] of Object.entries(d)) {
      if (k === 'id' || k === 'timestamp') continue;
      rows.push([k, String(v), k]);
    }
    return h('div', { class: 'result', 'data-valid': 'true', 'data-id': String(d.id) },
      h('h3', {}, String(d.id), h('span', { class: 'muted' }, `  ${g.name} · ${d.scheme}${d.layout ? ' · ' + d.layout : ''}`)),
      strip,
      h('dl', { class: 'kv' }, rows.flatMap(([k, v, key]) => [h('dt', {}, k), h('dd', { 'data-key': key }, v)])));
  }

  async function inspect(ev) {
    ev.preventDefault();
    const g = state.generators.find((x) => x.name === $('inspect-generator').value);
    if (!g) return;
    const format = $('inspect-format').value;
    const token = $('token').value.trim();
    const texts = $('inspect-input').value.split(/[\s,;]+/).map((x) => x.trim()).filter((x) => x.length > 0);
    const results = $('inspect-results');
    const summary = $('inspect-summary');
    if (texts.length === 0) {
      summary.textContent = 'paste one or more IDs';
      replace(results);
      return;
    }
    const shown = texts.slice(0, MAX_INSPECT);
    summary.textContent = `decoding ${shown.length} ID${shown.length === 1 ? '' : 's'}…`;
    const out = new Array(shown.length);
    let next = 0;
    async function worker() {
      while (next < shown.length) {
        const i = next++;
        try {
          out[i] = renderResult(shown[i], g, await decodeOne(shown[i], g, format, token));
        } catch (e) {
          out[i] = h('div', { class: 'result error', 'data-valid': 'false' }, h('h3', {}, shown[i]),
            h('div', { class: 'message' }, 'request failed: ' + e.message));
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(6, shown.length) }, worker));
    replace(results, out);
    const bad = out.filter((x) => x.dataset.valid === 'false').length;
    summary.textContent = `${shown.length - bad} decoded, ${bad} invalid` + (texts.length > shown.length
      ? `; only the first ${MAX_INSPECT} of ${texts.length} are shown` : '');
    results.dataset.done = String(Number(results.dataset.done || 0) + 1);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('inspect-form').addEventListener('submit', inspect);
    $('rate-generator').addEventListener('change', renderRate);
    const preset = params.get('ids');
    if (preset) $('inspect-input').value = preset;
    poll();
  });
})();
