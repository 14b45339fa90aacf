// Pure helpers shared by the pages: number/date formatting, labels, quote location, sorting and the
// resolve request body. No DOM here, so these run (and are unit-tested) under node as well.

/** A proto3-JSON number (int64 arrives as a string, defaults are omitted) as a finite JS number. */
export const num = (v) => {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
};

/** 0.7 → "70%", 0.025 → "2.5%"; a missing value is proto3's default, 0. */
export function pct(v, digits = 1) {
  const p = num(v) * 100;
  const f = 10 ** digits;
  return `${Math.round(p * f) / f}%`;
}

export const fixed = (v, d = 3) => num(v).toFixed(d);

/** Skill scores etc. with an explicit sign, using a real minus sign. */
export function signed(v, d = 2) {
  const n = num(v);
  const s = Math.abs(n).toFixed(d);
  if (Number(s) === 0) return (0).toFixed(d);
  return (n > 0 ? '+' : '\u2212') + s;
}

/** RFC 3339 timestamp (or yyyy-mm-dd) → "yyyy-mm-dd"; "" when absent. */
export function day(ts) {
  if (!ts) return '';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(ts));
  if (m) return m[1];
  const d = new Date(ts);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** Whole days from yyyy-mm-dd `from` to `to` (default today, UTC). */
export function daysBetween(from, to = new Date().toISOString().slice(0, 10)) {
  const a = Date.parse(`${from}T00:00:00Z`), b = Date.parse(`${to}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? 0 : Math.round((b - a) / 86400000);
}

export const isMonth = (s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s ?? '');
export const isDay = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s ?? '') && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** "2024-12" → "2025-01": turns an inclusive "to" month into the scoreboard's exclusive window_end. */
export function nextMonth(month) {
  if (!isMonth(month)) return '';
  let [y, m] = month.split('-').map(Number);
  if (++m > 12) { m = 1; y++; }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export const OUTCOMES = {
  TRUE: 'True',
  FALSE: 'False',
  PARTIAL: 'Partly true',
  ANNULLED: 'Annulled',
};

/** One Resolution as a short label, e.g. "Partly true (40%)". */
export function outcomeLabel(r) {
  if (!r || !r.outcome) return '—';
  const base = OUTCOMES[r.outcome] ?? r.outcome;
  return r.outcome === 'PARTIAL' ? `${base} (${pct(r.fraction, 0)})` : base;
}

export const lastResolution = (p) => {
  const rs = p?.resolutions ?? [];
  return rs.length ? rs[rs.length - 1] : null;
};

/** { text, kind } for a prediction's status badge; kind is a CSS modifier. */
export function statusOf(p) {
  switch (p?.status) {
    case 'OPEN': return { text: 'Open', kind: 'open' };
    case 'DUE': return { text: 'Due', kind: 'due' };
    case 'REJECTED': return { text: 'Rejected', kind: 'rejected' };
    case 'RESOLVED': {
      const r = lastResolution(p);
      const kind = { TRUE: 'true', FALSE: 'false', PARTIAL: 'partial', ANNULLED: 'annulled' }[r?.outcome] ?? 'resolved';
      return { text: r ? outcomeLabel(r) : 'Resolved', kind };
    }
    default: return { text: '—', kind: 'unknown' };
  }
}

/** True when the forecast may still be (re-)resolved: not rejected, not annulled (both are final). */
export function resolvable(p) {
  if (!p || p.status === 'REJECTED') return false;
  return lastResolution(p)?.outcome !== 'ANNULLED';
}

/**
 * Where the quote sits in the body: the given UTF-16 [start, end) when it matches the quote (or when there is
 * no quote to check), else the first occurrence of the quote, else null.
 */
export function locateQuote(body, quote, start, end) {
  body = body ?? '';
  quote = quote ?? '';
  const s = num(start), e = num(end);
  if (e > s && s >= 0 && e <= body.length && (!quote || body.slice(s, e) === quote)) return [s, e];
  if (quote) {
    let i = body.indexOf(quote);
    if (i < 0) {
      // Whitespace may have been normalised differently: match the quote with flexible spaces.
      const pattern = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
      const m = pattern ? new RegExp(pattern).exec(body) : null;
      if (m) return [m.index, m.index + m[0].length];
    } else {
      return [i, i + quote.length];
    }
  }
  return null;
}

/** Sort keys of the leaderboard, their API order and the direction that puts the best first. */
export const SORTS = {
  brier: { order: 'BRIER', best: 'ascending', label: 'Brier score', get: (s) => num(s.brier) },
  skill: { order: 'SKILL', best: 'descending', label: 'skill score', get: (s) => num(s.skill) },
  resolved: { order: 'RESOLVED_COUNT', best: 'descending', label: 'resolved forecasts', get: (s) => num(s.resolved) },
  hitRate: { order: 'HIT_RATE', best: 'descending', label: 'hit rate', get: (s) => num(s.hitRate) },
};

/** A sorted copy of scoreboard entries; ties fall back to the server's order (Brier, then more resolved, then key). */
export function sortEntries(entries, key, dir) {
  const sort = Object.hasOwn(SORTS, key) ? SORTS[key] : SORTS.brier;
  const sign = dir === 'ascending' ? 1 : -1;
  return [...(entries ?? [])].sort((a, b) => {
    const sa = a.scores ?? {}, sb = b.scores ?? {};
    return sign * (sort.get(sa) - sort.get(sb))
      || num(sa.brier) - num(sb.brier)
      || num(sb.resolved) - num(sa.resolved)
      || String(a.key ?? '').localeCompare(String(b.key ?? ''));
  });
}

/**
 * The ResolvePredictionRequest body from form values, or { error, field } when they are not valid.
 * A fraction is sent only with PARTIAL (the server rejects it otherwise); empty fields are left out.
 */
export function buildResolveBody(v) {
  const outcome = (v.outcome ?? '').trim();
  if (!Object.hasOwn(OUTCOMES, outcome)) return { error: 'Choose an outcome.', field: 'outcome' };
  const body = { outcome };
  if (outcome === 'PARTIAL') {
    const raw = String(v.fraction ?? '').trim();
    const f = Number(raw);
    if (!raw || !(f > 0 && f < 1)) return { error: 'A partial outcome needs a fraction between 0 and 1 (for example 0.5).', field: 'fraction' };
    body.fraction = f;
  }
  const url = (v.evidenceUrl ?? '').trim();
  if (url) {
    let ok = false;
    try { ok = ['http:', 'https:'].includes(new URL(url).protocol); } catch { ok = false; }
    if (!ok) return { error: 'The evidence URL must be a full http(s) address.', field: 'evidenceUrl' };
    body.evidenceUrl = url;
  }
  const doc = (v.evidenceDocumentId ?? '').trim();
  if (doc) body.evidenceDocumentId = doc;
  const note = (v.note ?? '').trim();
  if (note) body.note = note;
  const when = (v.resolvedDate ?? '').trim();
  if (when) {
    if (!isDay(when)) return { error: 'The date the outcome became known must be a date (yyyy-mm-dd).', field: 'resolvedDate' };
    body.resolvedTime = `${when}T23:59:59Z`;
  }
  return { body };
}
