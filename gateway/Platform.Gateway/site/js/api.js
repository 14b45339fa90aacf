// The REST API on the same origin: JSON in and out, the optional x-api-key header (kept in sessionStorage),
// and errors ({ code, status, message } with an HTTP status) turned into ApiError.

const KEY_STORE = 'forecast-scoreboard.api-key';

export function getKey() {
  try { return sessionStorage.getItem(KEY_STORE) ?? ''; } catch { return ''; }
}

export function setKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORE, key);
    else sessionStorage.removeItem(KEY_STORE);
  } catch { /* storage disabled: the key lives for this page only */ }
}

export class ApiError extends Error {
  constructor(httpStatus, status, message, code = 0) {
    super(message);
    this.name = 'ApiError';
    this.httpStatus = httpStatus;
    this.status = status;
    this.code = code;
  }
}

/** "?a=1&b=x" from an object; undefined, null, "" and false values are left out (proto3 defaults). */
export function queryString(params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export async function request(path, { method = 'GET', query, body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  const key = getKey();
  if (key) headers['x-api-key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path + queryString(query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    throw new ApiError(0, 'UNAVAILABLE', 'Could not reach the server. Check your connection and try again.', 14);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const message = (data && typeof data.message === 'string' && data.message)
      || `${response.status} ${response.statusText || 'error'}`.trim();
    throw new ApiError(response.status, data?.status ?? `HTTP_${response.status}`, message, data?.code ?? 0);
  }
  return data ?? {};
}

/** A message for people, from any error a request can throw. */
export function describeError(e, action = 'load this') {
  if (!(e instanceof ApiError)) return `Something went wrong: ${e?.message ?? e}`;
  switch (e.httpStatus) {
    case 401: return `You need a valid API key to ${action}. ${e.message}`;
    case 403: return `Your API key is not allowed to ${action}. ${e.message}`;
    case 404: return `Not found: ${e.message}`;
    case 429: return `Too many requests; wait a moment and try again. ${e.message}`;
    case 503: return `The service is unavailable right now; try again shortly. ${e.message}`;
    default: return e.message;
  }
}

const enc = encodeURIComponent;

export const api = {
  me: (o) => request('/v1/me', o),
  scoreboard: (query, o) => request('/v1/scoreboard', { ...o, query }),
  predictor: (name, query, o) => request(`/v1/predictors/${enc(name)}`, { ...o, query }),
  predictions: (query, o) => request('/v1/predictions', { ...o, query }),
  prediction: (id, o) => request(`/v1/predictions/${enc(id)}`, o),
  due: (query, o) => request('/v1/predictions:due', { ...o, query }),
  resolve: (id, body, o) => request(`/v1/predictions/${enc(id)}:resolve`, { ...o, method: 'POST', body }),
  document: (id, o) => request(`/v1/documents/${enc(id)}`, o),
  evidence: (documentId, query, o) => request(`/v1/documents/${enc(documentId)}/evidence`, { ...o, query }),
  entity: (id, o) => request(`/v1/entities/${enc(id)}`, o),
  entities: (query, o) => request('/v1/entities', { ...o, query }),
  searchEntities: (query, o) => request('/v1/entities:search', { ...o, query }),
};
