// Pieces several pages share: the scores summary, the forecasts table, status badges and the resolve form.

import { h, scroller, time, uniqueId } from './dom.js';
import { api, describeError } from './api.js';
import { buildResolveBody, day, fixed, num, OUTCOMES, pct, signed, statusOf } from './format.js';
import { links } from './router.js';

export function badge(p) {
  const s = statusOf(p);
  return h('span', { class: `badge badge-${s.kind}`, 'data-testid': 'status-badge' }, s.text);
}

/** A "definition list" of a Scores message; every field may be missing (proto3 defaults). */
export function scoresSummary(scores = {}) {
  const s = scores ?? {};
  const item = (label, value, hint, testid) =>
    h('div', { class: 'score', 'data-testid': testid },
      h('dt', null, label), h('dd', null, h('span', { class: 'score-value' }, value), hint ? h('span', { class: 'score-hint' }, hint) : ''));
  const resolved = num(s.resolved);
  return h('dl', { class: 'scores', 'data-testid': 'scores' },
    item('Resolved', String(resolved), 'forecasts scored', 'score-resolved'),
    item('Open', String(num(s.open)), 'awaiting outcome', 'score-open'),
    item('Brier score', resolved ? fixed(s.brier) : '—', '0 perfect · 0.25 coin flip', 'score-brier'),
    item('Skill', resolved ? signed(s.skill) : '—', 'vs. always 50%', 'score-skill'),
    item('Hit rate', num(s.hitCount) ? pct(s.hitRate, 0) : '—',
      `right side of 50%, over ${num(s.hitCount)} directional forecast${num(s.hitCount) === 1 ? '' : 's'}`, 'score-hit-rate'),
    item('Log score', resolved ? fixed(s.logScore) : '—', 'closer to 0 is better', 'score-log'),
    item('Calibration error', resolved ? fixed(s.reliability) : '—', 'reliability, lower is better', 'score-reliability'),
    item('Resolution', resolved ? fixed(s.resolution) : '—', 'discrimination, higher is better', 'score-resolution'),
    item('Vagueness', resolved ? pct(s.vagueness, 0) : '—', 'share of “may/might/could”', 'score-vagueness'));
}

/** The probability with its hedge, e.g. "70%" and "“likely” · likely band". */
export function probabilityCell(p) {
  return h('td', { class: 'num' }, h('span', { class: 'prob' }, pct(p.probability, 0)),
    p.hedge ? h('span', { class: 'sub' }, `“${p.hedge}”`) : '');
}

export function deadlineText(p) {
  if (p.deadline) return p.deadline;
  return p.reviewDate ? `open-ended (review ${p.reviewDate})` : 'open-ended';
}

/** A table of forecasts with claim links; `showPredictor` adds the forecaster column. */
export function forecastTable(predictions, { caption, showPredictor = true, testid = 'forecasts' } = {}) {
  const capId = uniqueId('forecasts-caption');
  const cols = ['Claim', showPredictor && 'Forecaster', 'Probability', 'Deadline', 'Status', 'Published'].filter(Boolean);
  const body = h('tbody');
  appendForecastRows(body, predictions, showPredictor);
  const table = h('table', { class: 'data forecasts', 'data-testid': testid },
    h('caption', { id: capId }, caption ?? 'Forecasts'),
    h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', class: ['Probability'].includes(c) ? 'num' : null }, c)))),
    body);
  return { element: scroller(capId, table), body };
}

export function appendForecastRows(tbody, predictions, showPredictor = true) {
  for (const p of predictions ?? []) {
    tbody.append(h('tr', { 'data-testid': 'forecast-row', 'data-id': p.id },
      h('td', { class: 'claim-cell' }, h('a', { href: links.prediction(p.id), 'data-testid': 'forecast-link' }, p.claim || p.quote || p.id),
        p.nonDirectional ? h('span', { class: 'sub' }, 'non-directional') : ''),
      showPredictor ? h('td', null, p.predictor
        ? h('a', { href: links.predictor(p.predictor), 'data-testid': 'predictor-link' }, p.predictor) : '—',
      p.outlet ? h('span', { class: 'sub' }, p.outlet) : '') : null,
      probabilityCell(p),
      h('td', null, deadlineText(p)),
      h('td', null, badge(p)),
      h('td', null, time(p.publishedTime, day(p.publishedTime)) || '—')));
  }
}

/**
 * The resolve form for one forecast. `compact` is the due queue's quick version (no date/document fields).
 * `onResolved(prediction, outcome)` runs after the server accepts the resolution.
 */
export function resolveForm(prediction, { compact = false, announce, onResolved, evidenceDocumentId = '' } = {}) {
  const id = prediction.id;
  const base = uniqueId(`resolve-${String(id).replace(/[^\w-]/g, '')}`);
  const field = (name, label, control, hint) => h('div', { class: `field field-${name}` },
    h('label', { for: `${base}-${name}` }, label), control,
    hint ? h('span', { class: 'hint', id: `${base}-${name}-hint` }, hint) : '');

  const outcome = h('select', { id: `${base}-outcome`, name: 'outcome', required: true, 'data-testid': 'outcome' },
    h('option', { value: '' }, 'Choose…'),
    Object.entries(OUTCOMES).map(([v, t]) => h('option', { value: v }, v === 'ANNULLED' ? `${t} (cannot be judged)` : t)));
  const fraction = h('input', {
    id: `${base}-fraction`, name: 'fraction', type: 'number', min: '0.01', max: '0.99', step: '0.01',
    inputmode: 'decimal', disabled: true, 'data-testid': 'fraction', 'aria-describedby': `${base}-fraction-hint`,
  });
  const note = compact
    ? h('input', { id: `${base}-note`, name: 'note', type: 'text', 'data-testid': 'note' })
    : h('textarea', { id: `${base}-note`, name: 'note', rows: '3', 'data-testid': 'note' });
  const evidenceUrl = h('input', { id: `${base}-evidenceUrl`, name: 'evidenceUrl', type: 'url', inputmode: 'url', placeholder: 'https://…', 'data-testid': 'evidence-url' });
  const evidenceDoc = h('input', { id: `${base}-evidenceDocumentId`, name: 'evidenceDocumentId', type: 'text', value: evidenceDocumentId, 'data-testid': 'evidence-document' });
  const resolvedDate = h('input', { id: `${base}-resolvedDate`, name: 'resolvedDate', type: 'date', 'data-testid': 'resolved-date' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'resolve-submit' }, 'Resolve');
  const error = h('p', { class: 'form-error', id: `${base}-error`, hidden: true });
  const controls = { outcome, fraction, note, evidenceUrl, evidenceDocumentId: evidenceDoc, resolvedDate };

  outcome.addEventListener('change', () => {
    fraction.disabled = outcome.value !== 'PARTIAL';
    fraction.required = outcome.value === 'PARTIAL';
    if (fraction.disabled) fraction.value = '';
  });

  const form = h('form', {
    class: compact ? 'resolve-form compact' : 'resolve-form', 'data-testid': 'resolve-form', 'data-id': id, novalidate: true,
    'aria-label': compact ? `Resolve: ${prediction.claim || id}` : 'Resolve this forecast', 'aria-describedby': `${base}-error`,
  },
  compact ? '' : h('p', { class: 'hint' }, 'Record what happened. Each resolution is kept; the newest one counts. Annulled forecasts are not scored, and annulling is final.'),
  h('div', { class: 'fields' },
    field('outcome', 'Outcome', outcome),
    field('fraction', 'Fraction true', fraction, 'Partial only: 0.01–0.99'),
    field('evidenceUrl', 'Evidence URL', evidenceUrl),
    field('note', 'Note', note),
    compact ? '' : field('evidenceDocumentId', 'Evidence document id', evidenceDoc, 'Optional: an article stored here, e.g. doc_…'),
    compact ? '' : field('resolvedDate', 'Outcome known on', resolvedDate, 'Optional; default now')),
  error,
  h('div', { class: 'actions' }, submit));
  form.controls = controls;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    for (const c of Object.values(controls)) c.removeAttribute('aria-invalid');
    const values = Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, c.value]));
    if (compact) { delete values.evidenceDocumentId; delete values.resolvedDate; }
    const built = buildResolveBody(values);
    if (built.error) {
      showError(built.error, controls[built.field]);
      return;
    }
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    submit.textContent = 'Resolving…';
    try {
      const updated = await api.resolve(id, built.body);
      await onResolved?.(updated ?? prediction, built.body.outcome);
    } catch (e) {
      const message = e?.httpStatus === 401 || e?.httpStatus === 403
        ? `Resolving needs an API key with the resolver (or admin) role; enter one in the API key box at the top of the page. (${e.message})`
        : describeError(e, 'resolve forecasts');
      showError(message);
    } finally {
      if (form.isConnected) {
        submit.disabled = false;
        submit.textContent = 'Resolve';
        form.removeAttribute('aria-busy');
      }
    }
  });

  function showError(message, control) {
    error.textContent = message;
    error.hidden = false;
    announce?.(message, 'error');
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
  }
  return form;
}
