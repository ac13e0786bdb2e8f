// Tes kecepatan (#/speedtest): latency and jitter from ten pings, then download and upload against the hub, each
// transfer stopped after ten seconds whether finished or not; the result saved and compared with the customer's plan
// ("78% dari paket 30 Mbps"), and the history with a small chart. The hub limits how often a customer may test and how
// many tests a node runs at once (docs/speedtest.md): both answer 429, shown here as "try again at…" or a countdown.
//
// JSON goes through ctx.api; the transfers are raw: fetch with a streaming reader for the download (so the page can
// show the speed as it goes and stop on time) and XMLHttpRequest for the upload (the only way to see upload progress),
// both with the session cookie and, for the upload, the CSRF header api.js sends.
import { h, fill, fmt } from '../dom.js';
import { t, useDictionary } from '../i18n.js';
import { ApiError } from '../api.js';
import { stateCard, retryButton, skeleton, viewHead } from './common.js';

const BASE = '/api/v1/speedtest';
const MIB = 1024 * 1024;
/** The most the hub sends or takes (25 MiB): a fast line finishes it, a slow one is stopped by the clock. */
const MAX_BYTES = 25 * MIB;
const PHASE_MS = 10_000;
/** A transfer that stalls (no bytes at all) is given up after this long. */
const STALL_MS = 15_000;
const PINGS = 10;
const HISTORY_PAGE = 10;
const CHART_POINTS = 12;
const PHASES = ['latency', 'jitter', 'download', 'upload'];

// ---------- Measuring ----------

function readCookie(name) {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The CSRF token api.js would send; a cheap GET has the hub issue it again when the cookie went missing. */
async function csrfToken(api) {
  if (!readCookie('XSRF-TOKEN')) await api.get('/api/v1/auth/me').catch(() => {});
  return readCookie('XSRF-TOKEN');
}

function retryAfterOf(value) {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) ? seconds : null;
}

/** The hub's JSON error of a raw response, as api.js would have made it. */
async function errorOf(status, text, retryAfter) {
  let error = null;
  try {
    error = JSON.parse(text)?.error ?? null;
  } catch {
    // not JSON: a proxy's page
  }
  return new ApiError(status, error?.code ?? `http_${status}`, error?.message ?? `HTTP ${status}`, { retryAfter: retryAfterOf(retryAfter) });
}

const mbps = (bytes, ms) => (ms > 0 ? (bytes * 8) / (ms / 1000) / 1e6 : 0);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Latency: the median of ten round trips (one more first, to open the connection, not counted); jitter: the mean
 * difference between consecutive round trips, as RFC 3550 has it, without its smoothing.
 */
async function measurePing(signal, onPing) {
  const times = [];
  for (let i = 0; i <= PINGS; i++) {
    const started = performance.now();
    const res = await fetch(`${BASE}/ping`, { credentials: 'same-origin', cache: 'no-store', signal });
    const took = performance.now() - started;
    if (!res.ok) throw await errorOf(res.status, await res.text(), res.headers.get('Retry-After'));
    if (i > 0) {
      times.push(took);
      onPing(median(times), i / PINGS);
    }
  }
  let jitter = 0;
  for (let i = 1; i < times.length; i++) jitter += Math.abs(times[i] - times[i - 1]);
  return { latencyMs: median(times), jitterMs: jitter / (times.length - 1) };
}

/** Reads the download as it streams, from the first byte to the last or for ten seconds, whichever comes first. */
async function measureDownload(signal, onProgress) {
  const stop = new AbortController();
  const abort = () => stop.abort();
  signal.addEventListener('abort', abort);
  const stall = setTimeout(abort, STALL_MS);
  try {
    const res = await fetch(`${BASE}/download?bytes=${MAX_BYTES}`, { credentials: 'same-origin', cache: 'no-store', signal: stop.signal });
    if (!res.ok) throw await errorOf(res.status, await res.text(), res.headers.get('Retry-After'));
    const reader = res.body.getReader();
    const started = performance.now();
    let bytes = 0;
    let elapsed = 0;
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (bytes > 0 && !signal.aborted) break; // stalled after some data: measure what came
        throw err;
      }
      if (chunk.done) break;
      bytes += chunk.value.length;
      elapsed = performance.now() - started;
      onProgress(mbps(bytes, elapsed), Math.max(bytes / MAX_BYTES, elapsed / PHASE_MS));
      if (elapsed >= PHASE_MS) {
        reader.cancel().catch(() => {});
        break;
      }
    }
    return { mbps: mbps(bytes, elapsed), bytes };
  } finally {
    clearTimeout(stall);
    signal.removeEventListener('abort', abort);
  }
}

/** Random bytes (so no compressor on the way flatters the line), as a blob of the asked size. */
function noise(bytes) {
  const block = new Uint8Array(MIB);
  for (let i = 0; i < block.length; i += 65536) crypto.getRandomValues(block.subarray(i, i + 65536));
  const parts = [];
  for (let left = bytes; left > 0; left -= MIB) parts.push(left >= MIB ? block : block.subarray(0, left));
  return new Blob(parts, { type: 'application/octet-stream' });
}

/** Sends the blob, watching its progress; stopped after ten seconds, the bytes sent so far give the speed. */
function measureUpload(signal, blob, token, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let started = null;
    let sent = 0;
    let elapsed = 0;
    let timeUp = false;
    const stall = setTimeout(() => { timeUp = sent > 0; xhr.abort(); }, STALL_MS);
    const done = (fn) => (value) => {
      clearTimeout(stall);
      signal.removeEventListener('abort', cancel);
      fn(value);
    };
    const cancel = () => xhr.abort();
    signal.addEventListener('abort', cancel);
    xhr.open('POST', `${BASE}/upload`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('X-XSRF-TOKEN', token);
    xhr.upload.onloadstart = () => { started = performance.now(); };
    xhr.upload.onprogress = (e) => {
      started ??= performance.now();
      sent = e.loaded;
      elapsed = performance.now() - started;
      onProgress(mbps(sent, elapsed), Math.max(sent / blob.size, elapsed / PHASE_MS));
      if (elapsed >= PHASE_MS) {
        timeUp = true;
        xhr.abort();
      }
    };
    xhr.onload = done(async () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve({ mbps: mbps(blob.size, performance.now() - (started ?? performance.now())) });
      else reject(await errorOf(xhr.status, xhr.responseText, xhr.getResponseHeader('Retry-After')));
    });
    xhr.onabort = done(() => (timeUp && !signal.aborted ? resolve({ mbps: mbps(sent, elapsed) })
      : reject(new DOMException('Aborted', 'AbortError'))));
    xhr.onerror = done(() => reject(new ApiError(0, 'network', 'Network error')));
    xhr.send(blob);
  });
}

/** As many bytes as about eight seconds at the download's speed, from 2 to 25 MiB. */
function uploadSize(downloadMbps) {
  const bytes = Math.round((downloadMbps * 1e6 / 8) * 8);
  return Math.min(MAX_BYTES, Math.max(2 * MIB, bytes));
}

// ---------- Showing ----------

const round1 = (n) => Math.round(n * 10) / 10;
const speedText = (n) => fmt.number(n, n < 10 ? 1 : 0);
const msText = (n) => fmt.number(n, n < 10 ? 1 : 0);

/** "Sesuai paket" from 80 %, "di bawah paket" from 50 %, below that "jauh di bawah". */
function verdictOf(percent) {
  if (percent == null) return null;
  if (percent >= 80) return 'good';
  if (percent >= 50) return 'fair';
  return 'poor';
}

function valueTile(phase) {
  const value = h('span', { class: 'st-tile-value', text: '—' });
  const unit = h('span', { class: 'st-tile-unit', text: phase === 'download' || phase === 'upload' ? 'Mbps' : 'ms' });
  const tile = h('li', { class: 'st-tile', dataset: { phase, state: 'pending' } },
    h('span', { class: 'st-tile-label', i18n: `speedtest.phase.${phase}` }),
    h('span', { class: 'st-tile-reading' }, value, ' ', unit));
  return { tile, value };
}

/** The comparison with the plan: the share as a bar, in words, and what to do about a poor one. */
export function planComparison(result, { compact = false } = {}) {
  const percent = result.percentOfPlan;
  const speed = result.plan?.speedMbps;
  if (percent == null || !speed) {
    return h('p', { class: 'muted st-noplan', i18n: 'speedtest.result.noPlan' });
  }
  const verdict = verdictOf(percent);
  const fillBar = h('span', { class: 'st-bar-fill' });
  // Through the CSSOM: the hub's Content-Security-Policy (style-src 'self') drops style attributes written as markup.
  fillBar.style.width = `${Math.min(100, percent)}%`;
  return h('div', { class: `st-plan st-plan-${verdict}` },
    h('p', { class: 'st-plan-text' },
      h('strong', { class: 'st-plan-percent', text: `${fmt.number(percent)}%` }), ' ',
      h('span', { i18n: ['speedtest.result.ofPlan', { speed: fmt.number(speed) }] })),
    h('div', { class: 'st-bar', 'aria-hidden': 'true' }, fillBar),
    compact ? null : h('p', { class: 'st-verdict', i18n: `speedtest.verdict.${verdict}` }),
    !compact && verdict === 'poor'
      ? h('a', { class: 'btn btn-secondary st-report', href: '#/tickets/new?category=lambat', i18n: 'speedtest.verdict.report' })
      : null);
}

/** The downloads of the last tests, oldest left, with the plan's speed as a dashed line: plain SVG, no library. */
function chart(results) {
  const points = results.slice(0, CHART_POINTS).reverse();
  if (points.length < 2) return null;
  const width = 320;
  const height = 96;
  const plan = points[points.length - 1].plan?.speedMbps ?? null;
  const top = Math.max(plan ?? 0, ...points.map((r) => r.downloadMbps)) * 1.1 || 1;
  const slot = width / points.length;
  const y = (v) => height - (v / top) * (height - 4);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'st-chart');
  svg.setAttribute('role', 'img');
  const low = Math.min(...points.map((r) => r.downloadMbps));
  const high = Math.max(...points.map((r) => r.downloadMbps));
  svg.setAttribute('aria-label', t('speedtest.chart.label', { n: points.length, low: speedText(low), high: speedText(high) }));
  points.forEach((r, i) => {
    const bar = document.createElementNS(ns, 'rect');
    const barY = y(r.downloadMbps);
    bar.setAttribute('x', String(i * slot + slot * 0.18));
    bar.setAttribute('y', String(barY));
    bar.setAttribute('width', String(slot * 0.64));
    bar.setAttribute('height', String(Math.max(1, height - barY)));
    bar.setAttribute('rx', '3');
    bar.setAttribute('class', `st-chart-bar st-chart-${verdictOf(r.percentOfPlan) ?? 'none'}`);
    svg.append(bar);
  });
  if (plan) {
    const line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', '0');
    line.setAttribute('x2', String(width));
    line.setAttribute('y1', String(y(plan)));
    line.setAttribute('y2', String(y(plan)));
    line.setAttribute('class', 'st-chart-plan');
    svg.append(line);
  }
  return h('figure', { class: 'st-chart-wrap' }, svg,
    h('figcaption', { class: 'muted' },
      h('span', { i18n: 'speedtest.chart.caption' }),
      plan ? h('span', { class: 'st-chart-legend' }, ' · ', h('span', { class: 'st-legend-plan', 'aria-hidden': 'true' }), ' ',
        h('span', { i18n: ['speedtest.chart.plan', { speed: fmt.number(plan) }] })) : null));
}

export function historyRow(result) {
  const verdict = verdictOf(result.percentOfPlan);
  return h('li', { class: 'st-row', 'data-testid': 'speedtest-row', dataset: { id: result.id } },
    h('div', { class: 'st-row-top' },
      h('time', { class: 'st-row-time', datetime: result.at, text: fmt.dateTime(result.at) }),
      result.percentOfPlan != null
        ? h('span', { class: `badge st-badge-${verdict}`, i18n: ['speedtest.history.percent', { percent: fmt.number(result.percentOfPlan) }] })
        : null),
    h('dl', { class: 'st-row-facts' },
      h('div', {}, h('dt', { i18n: 'speedtest.phase.download' }), h('dd', { text: `${speedText(result.downloadMbps)} Mbps` })),
      h('div', {}, h('dt', { i18n: 'speedtest.phase.upload' }), h('dd', { text: `${speedText(result.uploadMbps)} Mbps` })),
      h('div', {}, h('dt', { i18n: 'speedtest.phase.latency' }), h('dd', { text: `${msText(result.latencyMs)} ms` }))));
}

/** "pukul 21.40 WIB" for a wait of `seconds`. */
function clockAfter(seconds) {
  const at = new Date(Date.now() + seconds * 1000);
  return `${new Intl.DateTimeFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID', { timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(at)} WIB`;
}

export default {
  title: 'speedtest.title',

  async render(view, ctx) {
    await useDictionary('speedtest');
    const tiles = Object.fromEntries(PHASES.map((p) => [p, valueTile(p)]));
    const readout = h('p', { class: 'st-readout', 'aria-hidden': 'true' },
      h('span', { class: 'st-readout-value', text: '—' }), h('span', { class: 'st-readout-unit' }));
    const phaseLabel = h('p', { class: 'st-phase' });
    const meter = h('progress', { class: 'st-meter', max: 100, value: 0, 'aria-label': t('speedtest.progress'), 'data-i18n-aria-label': 'speedtest.progress' });
    const start = h('button', { type: 'button', class: 'st-start', 'data-testid': 'speedtest-start' },
      h('span', { class: 'st-start-label', i18n: 'speedtest.start' }),
      h('span', { class: 'st-start-hint', i18n: 'speedtest.startHint' }));
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary btn-small st-cancel', hidden: true, i18n: 'speedtest.cancel' });
    const dial = h('div', { class: 'st-dial', dataset: { state: 'idle' } }, start, readout);
    const notice = h('div', { class: 'st-notice', tabindex: '-1' });
    const result = h('div', { class: 'st-result', 'data-testid': 'speedtest-result' });
    // Phase changes and the result, for screen readers; the numbers that change many times a second stay out of it.
    const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'speedtest-live' });
    const historyBody = h('div', { class: 'st-history-body' }, skeleton(3));
    const more = h('button', { type: 'button', class: 'btn btn-secondary btn-block', hidden: true, i18n: 'speedtest.history.more' });

    view.append(
      viewHead('speedtest.title', { back: { href: '#/', key: 'speedtest.back' }, lead: 'speedtest.lead' }),
      h('section', { class: 'card st-card', 'aria-labelledby': 'st-run-title' },
        h('h2', { id: 'st-run-title', class: 'visually-hidden', i18n: 'speedtest.runTitle' }),
        dial, phaseLabel, meter, cancel,
        h('ol', { class: 'st-tiles' }, PHASES.map((p) => tiles[p].tile)),
        notice, result, live,
        h('p', { class: 'muted st-data-note', i18n: 'speedtest.dataNote' })),
      h('section', { class: 'card st-history', 'aria-labelledby': 'st-history-title' },
        h('h2', { id: 'st-history-title', i18n: 'speedtest.history.title' }),
        historyBody, more));

    let stopped = false;
    let running = null; // the AbortController of the test in progress
    let history = [];
    let next = null;
    let countdown = null;
    let limitTimer = null;

    const say = (key, params) => {
      live.textContent = '';
      setTimeout(() => { live.textContent = t(key, params); }, 50);
    };

    function setPhase(phase, state) {
      tiles[phase].tile.dataset.state = state;
      if (state === 'active') tiles[phase].tile.setAttribute('aria-current', 'step');
      else tiles[phase].tile.removeAttribute('aria-current');
    }

    function show(phase, value, unit, progress) {
      readout.firstChild.textContent = value;
      readout.lastChild.textContent = unit;
      meter.value = Math.round(Math.min(1, progress) * 100);
      if (phase) tiles[phase].value.textContent = value;
    }

    function paintHistory() {
      if (!history.length) {
        fill(historyBody, stateCard('missing', 'speedtest.history.empty'));
        more.hidden = true;
        return;
      }
      fill(historyBody, chart(history),
        h('ul', { class: 'st-list', 'data-testid': 'speedtest-history' }, history.map(historyRow)));
      more.hidden = !next;
    }

    async function loadHistory(cursor = null) {
      try {
        const answer = await ctx.api.get(`${BASE}/results?limit=${HISTORY_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        if (stopped) return;
        history = cursor ? [...history, ...(answer.items ?? [])] : (answer.items ?? []);
        next = answer.nextCursor ?? null;
        paintHistory();
      } catch (err) {
        if (stopped || (err instanceof ApiError && err.status === 401)) return;
        if (cursor) more.after(h('p', { class: 'muted', role: 'status', i18n: 'speedtest.history.moreFailed' }));
        else fill(historyBody, stateCard('error', 'speedtest.history.failed', null, retryButton(() => loadHistory())));
      }
    }

    function paintResult(saved, measured, savedOk) {
      const r = saved ?? { ...measured, percentOfPlan: null, plan: null };
      fill(result,
        h('h3', { class: 'st-result-title', tabindex: '-1', i18n: 'speedtest.result.title' }),
        h('p', { class: 'st-result-main' },
          h('span', { class: 'st-result-value', text: speedText(r.downloadMbps) }), ' ',
          h('span', { class: 'st-result-unit', text: 'Mbps' }), ' ',
          h('span', { class: 'muted', i18n: 'speedtest.result.downloadShort' })),
        saved ? planComparison(saved) : null,
        savedOk ? null : h('p', { class: 'alert alert-error', role: 'note', i18n: 'speedtest.result.notSaved' }));
    }

    function resetTiles() {
      for (const p of PHASES) {
        setPhase(p, 'pending');
        tiles[p].value.textContent = '—';
      }
      fill(result);
      fill(notice);
    }

    /** 429: past the hourly budget (a time to come back) or the node is busy (a countdown, then the button again). */
    function refused(err) {
      const seconds = err.retryAfter ?? 60;
      // Nothing was measured that counts: the readings of the pings before the refusal would only confuse.
      resetTiles();
      fill(phaseLabel);
      if (err.code === 'speedtest_busy') {
        let left = Math.ceil(seconds);
        start.disabled = true;
        const tick = () => {
          fill(notice, h('p', { class: 'alert alert-warn st-limit', role: 'status', 'data-testid': 'speedtest-busy', i18n: ['speedtest.busy', { seconds: left }] }));
          if (left-- <= 0) {
            clearInterval(countdown);
            countdown = null;
            start.disabled = false;
            fill(notice);
          }
        };
        countdown = setInterval(tick, 1000);
        tick();
        say('speedtest.busy', { seconds: left + 1 });
      } else {
        // Another try before the window ends would only be refused again (after spending pings): the button waits too.
        start.disabled = true;
        clearTimeout(limitTimer);
        limitTimer = setTimeout(() => {
          start.disabled = false;
          fill(notice);
        }, seconds * 1000);
        fill(notice, h('div', { class: 'alert alert-warn st-limit', role: 'status', 'data-testid': 'speedtest-limit' },
          h('p', { i18n: ['speedtest.limit', { time: clockAfter(seconds) }] }),
          h('p', { class: 'muted', i18n: 'speedtest.limitWhy' })));
        say('speedtest.limit', { time: clockAfter(seconds) });
      }
    }

    function finish(state) {
      running = null;
      dial.dataset.state = state;
      start.hidden = false;
      cancel.hidden = true;
      meter.value = state === 'done' ? 100 : 0;
      setTextKey(start.querySelector('.st-start-label'), state === 'done' ? 'speedtest.again' : 'speedtest.start');
    }

    function setTextKey(el, key) {
      el.setAttribute('data-i18n', key);
      el.textContent = t(key);
    }

    async function run() {
      if (running) return;
      running = new AbortController();
      const { signal } = running;
      resetTiles();
      dial.dataset.state = 'running';
      start.hidden = true;
      cancel.hidden = false;
      cancel.focus();
      const measured = {};
      try {
        setPhase('latency', 'active');
        setPhase('jitter', 'active');
        setTextKey(phaseLabel, 'speedtest.running.latency');
        say('speedtest.running.latency');
        const ping = await measurePing(signal, (ms, progress) => show('latency', msText(ms), 'ms', progress));
        measured.latencyMs = round1(ping.latencyMs);
        measured.jitterMs = round1(ping.jitterMs);
        tiles.latency.value.textContent = msText(ping.latencyMs);
        tiles.jitter.value.textContent = msText(ping.jitterMs);
        setPhase('latency', 'done');
        setPhase('jitter', 'done');

        setPhase('download', 'active');
        setTextKey(phaseLabel, 'speedtest.running.download');
        say('speedtest.running.download');
        const down = await measureDownload(signal, (speed, progress) => show('download', speedText(speed), 'Mbps', progress));
        measured.downloadMbps = round1(down.mbps);
        tiles.download.value.textContent = speedText(down.mbps);
        setPhase('download', 'done');

        setPhase('upload', 'active');
        setTextKey(phaseLabel, 'speedtest.running.upload');
        say('speedtest.running.upload');
        const token = await csrfToken(ctx.api);
        const up = await measureUpload(signal, noise(uploadSize(down.mbps)), token,
          (speed, progress) => show('upload', speedText(speed), 'Mbps', progress));
        measured.uploadMbps = round1(up.mbps);
        tiles.upload.value.textContent = speedText(up.mbps);
        setPhase('upload', 'done');
      } catch (err) {
        if (stopped) return;
        for (const p of PHASES) if (tiles[p].tile.dataset.state === 'active') setPhase(p, 'failed');
        setTextKey(phaseLabel, signal.aborted ? 'speedtest.cancelled' : 'speedtest.failed');
        finish('idle');
        start.focus(); // a refusal below moves it on to its notice
        if (signal.aborted) {
          say('speedtest.cancelled');
        } else if (err instanceof ApiError && err.status === 429) {
          refused(err);
          // The button is off for now: the notice, which says until when, takes the focus instead.
          notice.focus();
        } else if (err instanceof ApiError && err.status === 401) {
          fill(notice, h('p', { class: 'alert alert-error', role: 'alert', i18n: 'speedtest.signedOut' }));
        } else {
          fill(notice, h('div', { class: 'alert alert-error', role: 'alert' }, h('p', { i18n: 'speedtest.failedHelp' }), retryButton(run)));
        }
        return;
      }

      setTextKey(phaseLabel, 'speedtest.done');
      let saved = null;
      try {
        saved = await ctx.api.post(`${BASE}/results`, measured);
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && err.status === 429) refused(err);
      }
      if (stopped) return;
      finish('done');
      show(null, speedText(measured.downloadMbps), 'Mbps', 1);
      paintResult(saved, measured, saved != null);
      // The cancel button that had the focus is gone: the result takes it, so Tab goes on from there.
      result.querySelector('.st-result-title').focus();
      say(saved?.percentOfPlan != null ? 'speedtest.announce.withPlan' : 'speedtest.announce.plain', {
        down: speedText(measured.downloadMbps), up: speedText(measured.uploadMbps), latency: msText(measured.latencyMs),
        jitter: msText(measured.jitterMs), percent: saved?.percentOfPlan, speed: saved?.plan?.speedMbps,
      });
      if (saved) {
        history = [saved, ...history.filter((r) => r.id !== saved.id)];
        paintHistory();
      }
    }

    start.addEventListener('click', run);
    cancel.addEventListener('click', () => running?.abort());
    more.addEventListener('click', () => loadHistory(next));
    // Numbers are formatted for the language in use: a switch repaints the history in the other one.
    const relocalise = () => { if (history.length) paintHistory(); };
    document.addEventListener('i18n:change', relocalise);

    loadHistory();
    return () => {
      stopped = true;
      running?.abort();
      clearInterval(countdown);
      clearTimeout(limitTimer);
      document.removeEventListener('i18n:change', relocalise);
    };
  },
};
