// The fetch wrapper every page uses. It hides the CSRF double-submit dance and
// turns every failure into an ApiError so pages only have to look at `code`.

const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'X-XSRF-TOKEN';
// Any GET under /api makes the server (re)issue the CSRF cookie; /me is cheap
// and answers even when nobody is signed in.
const CSRF_PRIMER = '/api/v1/auth/me';
const SAFE_METHODS = new Set(['GET', 'HEAD']);
// Mobile links can stall for a long time; better an error the user can retry
// than a spinner that never ends.
const TIMEOUT_MS = 20000;
// A photo of a few MiB over a weak phone signal takes far longer than a JSON call: uploads get their own, longer
// allowance (api.upload(path, blob, { timeoutMs })), and every other call keeps the 20 s above.
export const UPLOAD_TIMEOUT_MS = 120000;

export class ApiError extends Error {
  constructor(status, code, message, { retryAfter = null, body = null } = {}) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;        // 0 when the request never got an answer
    this.code = code;            // server error code, `http_<status>` or `network`
    this.retryAfter = retryAfter; // seconds, from the Retry-After header (429)
    this.body = body;            // parsed JSON body, when there was one
  }
}

function readCookie(name) {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

let priming = null;
// Concurrent writes share a single priming request instead of each firing one.
function primeCsrfCookie() {
  priming ??= fetch(CSRF_PRIMER, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  }).catch(() => {}).finally(() => { priming = null; });
  return priming;
}

async function csrfToken() {
  const token = readCookie(CSRF_COOKIE);
  if (token) return token;
  await primeCsrfCookie();
  return readCookie(CSRF_COOKIE);
}

function parseRetryAfter(value) {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value); // the header may also be an HTTP date
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function readJson(res) {
  const text = await res.text();
  if (!text) return { empty: true, json: null };
  try {
    return { empty: false, json: JSON.parse(text) };
  } catch {
    return { empty: false, json: undefined };
  }
}

async function toApiError(res) {
  const { json } = await readJson(res);
  const extra = { retryAfter: parseRetryAfter(res.headers.get('Retry-After')), body: json ?? null };
  const err = json && typeof json === 'object' ? json.error : null;
  if (err && typeof err.code === 'string') {
    return new ApiError(res.status, err.code, err.message, extra);
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`, extra);
}

async function request(method, path, body, { retryCsrf = true, timeoutMs = TIMEOUT_MS } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs) };
  if (body instanceof Blob) {
    // A raw upload (an image for a ticket or an installation's progress): the body as it is, with its own type.
    headers['Content-Type'] = body.type || 'application/octet-stream';
    init.body = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const unsafe = !SAFE_METHODS.has(method);
  if (unsafe) {
    // Read the cookie on every write: the server rotates the token after each one.
    const token = await csrfToken();
    if (token) headers[CSRF_HEADER] = token;
  }

  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', e?.message || 'Network error');
  }

  if (!res.ok) {
    const err = await toApiError(res);
    // The token is bound to the session and is replaced on login or expiry;
    // one refresh-and-retry covers those cases without looping forever.
    if (unsafe && retryCsrf && err.status === 403 && err.code === 'csrf') {
      await primeCsrfCookie();
      return request(method, path, body, { retryCsrf: false, timeoutMs });
    }
    throw err;
  }

  if (res.status === 204) return null;
  const { empty, json } = await readJson(res);
  if (empty) return null;
  // A 200 that isn't JSON is usually a captive portal or proxy page, not our API.
  if (json === undefined) throw new ApiError(res.status, 'invalid_response', 'Response is not JSON');
  return json;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  patch: (path, body) => request('PATCH', path, body),
  del: (path) => request('DELETE', path),
  /**
   * POSTs a file or blob as the raw body (Content-Type from the blob), e.g. an image upload. options.timeoutMs: how
   * long the upload may take (default UPLOAD_TIMEOUT_MS, 120 s, not the 20 s of other calls).
   */
  upload: (path, blob, { timeoutMs = UPLOAD_TIMEOUT_MS } = {}) => request('POST', path, blob, { timeoutMs }),
};

export default api;
