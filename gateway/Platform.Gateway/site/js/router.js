// Hash routing: "#/predictors/Jane%20Doe?recent=50" ⇄ { parts: ["predictors", "Jane Doe"], query }.
// Hashes that do not start with "#/" are in-page anchors and are not routes.

const decode = (s) => {
  try { return decodeURIComponent(s); } catch { return s; }
};

/** The route in a location hash, or null for an in-page anchor such as "#main". */
export function parseHash(hash) {
  let h = String(hash ?? '').replace(/^#/, '');
  if (h === '') h = '/';
  if (!h.startsWith('/')) return null;
  const q = h.indexOf('?');
  const path = q < 0 ? h : h.slice(0, q);
  return {
    parts: path.split('/').filter(Boolean).map(decode),
    query: new URLSearchParams(q < 0 ? '' : h.slice(q + 1)),
  };
}

/** A hash link for path parts and query values; empty, null and false values are left out. */
export function href(parts = [], query = {}) {
  const path = '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, v === true ? '1' : String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export const links = {
  leaderboard: (query) => href([], query),
  predictor: (name) => href(['predictors', name]),
  prediction: (id, query) => href(['predictions', id], query),
  outlet: (name) => href(['outlets', name]),
  entity: (id) => href(['entities', id]),
  forecasts: (query) => href(['forecasts'], query),
  due: () => href(['due']),
};
