// Landing page: live node health from /ready plus build info from /api/v1/info.
import { api, ApiError } from '../api.js';
import { initI18n, setText, hasKey, locale } from '../i18n.js';

const POLL_MS = 30000;

const list = document.getElementById('health-checks');
const summary = document.getElementById('health-summary');
const checked = document.getElementById('health-checked');
const refresh = document.getElementById('health-refresh');
const info = document.getElementById('node-info');
let lastCheck = null;

function statusKey(status) {
  return status === 'UP' || status === 'DOWN' ? status : 'UNKNOWN';
}

// Only touch the live region when the wording changes, so polling doesn't
// make screen readers repeat the same sentence every 30 seconds.
function setSummary(key, params, tone) {
  const same = summary.getAttribute('data-i18n') === key
    && summary.getAttribute('data-i18n-params') === (params ? JSON.stringify(params) : null);
  if (!same) setText(summary, key, params);
  summary.dataset.tone = tone;
}

function renderCheck(check) {
  const li = document.createElement('li');
  li.className = 'check';
  const status = statusKey(check.status);
  li.dataset.status = status;

  const name = document.createElement('span');
  name.className = 'check-name';
  const nameKey = `health.check.${check.id}`;
  if (hasKey(nameKey)) setText(name, nameKey);
  else name.textContent = String(check.id ?? '?');

  const badge = document.createElement('span');
  badge.className = `badge badge-${status.toLowerCase()}`;
  setText(badge, `health.status.${status}`);

  li.append(name, badge);

  if (check.data && typeof check.data === 'object') {
    const details = document.createElement('ul');
    details.className = 'check-data';
    for (const [k, v] of Object.entries(check.data)) {
      const item = document.createElement('li');
      const labelKey = `health.data.${k}`;
      const value = v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
      const label = document.createElement('span');
      if (hasKey(labelKey)) setText(label, labelKey);
      else label.textContent = k;
      const val = document.createElement('span');
      val.className = 'check-value';
      val.textContent = value;
      item.append(label, ': ', val);
      details.append(item);
    }
    li.append(details);
  }
  return li;
}

function renderHealth(body) {
  const checks = Array.isArray(body?.checks) ? body.checks : [];
  list.replaceChildren(...checks.map(renderCheck));
  if (!checks.length) {
    const li = document.createElement('li');
    li.className = 'check check-empty';
    setText(li, 'health.none');
    list.append(li);
  }
  const overall = statusKey(body?.outcome ?? body?.status);
  setSummary(`health.overall.${overall}`, null, overall.toLowerCase());
}

let inFlight = false;
async function checkHealth() {
  // Not disabling the button: that would drop keyboard focus on every poll.
  if (inFlight) return;
  inFlight = true;
  refresh.setAttribute('aria-busy', 'true');
  try {
    renderHealth(await api.get('/ready'));
  } catch (err) {
    // 503 still carries the checks: show which one is down.
    if (err instanceof ApiError && Array.isArray(err.body?.checks)) {
      renderHealth(err.body);
    } else {
      list.replaceChildren();
      const code = err instanceof ApiError ? err.code : 'error';
      setSummary('health.unavailable', { code }, 'unknown');
    }
  } finally {
    lastCheck = new Date();
    renderChecked();
    refresh.setAttribute('aria-busy', 'false');
    inFlight = false;
  }
}

function renderChecked() {
  if (!lastCheck) return;
  const time = lastCheck.toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  setText(checked, 'health.lastChecked', { time });
}

async function loadInfo() {
  try {
    const data = await api.get('/api/v1/info');
    const line = document.createElement('span');
    setText(line, 'info.line', { version: data?.version ?? '—', node: data?.nodeId ?? '—' });
    const parts = [line];
    const mode = document.createElement('span');
    mode.className = 'badge badge-neutral';
    setText(mode, data?.clustered ? 'info.clustered' : 'info.standalone');
    parts.push(mode);
    if (data?.demo) {
      const demo = document.createElement('span');
      demo.className = 'badge badge-warn';
      setText(demo, 'info.demo');
      parts.push(demo);
    }
    info.replaceChildren(...parts);
    info.hidden = false;
  } catch {
    info.hidden = true; // purely informational; the health panel reports outages
  }
}

await initI18n();
// Times are formatted, not translated by key, so re-render them on switch.
document.addEventListener('i18n:change', renderChecked);
refresh.addEventListener('click', checkHealth);
checkHealth();
loadInfo();
setInterval(() => { if (!document.hidden) checkHealth(); }, POLL_MS);
