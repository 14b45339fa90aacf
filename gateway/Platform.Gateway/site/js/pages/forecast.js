// Forecast page (#/predictions/<id>[?evidence=<documentId>]): the claim and its probability, the source
// article with the forecast sentence highlighted, its resolutions and history, evidence suggestions, and the
// resolve form for keys with the resolver or admin role.

import { api, describeError } from '../api.js';
import { externalLink, h, loading, scroller, time, title } from '../dom.js';
import { badge, deadlineText, resolveForm } from '../components.js';
import { day, fixed, lastResolution, locateQuote, OUTCOMES, outcomeLabel, pct, resolvable } from '../format.js';
import { links } from '../router.js';

/** A request that may fail without failing the page: its error becomes { error }. */
const soft = (promise) => promise.catch((e) => {
  if (e?.name === 'AbortError') throw e;
  return { error: describeError(e) };
});

export async function forecastPage({ main, route, signal, ctx }) {
  const id = route.parts[1];
  const evidenceDoc = route.query.get('evidence') ?? '';
  ctx.setTitle('Forecast');
  main.replaceChildren(title('Forecast'), loading('Loading the forecast…'));

  const p = await api.prediction(id, { signal });
  const [doc, suggestions] = await Promise.all([
    p.documentId ? soft(api.document(p.documentId, { signal })) : null,
    p.documentId ? soft(api.evidence(p.documentId, { limit: 10 }, { signal })) : null,
    ctx.ready,
  ]);
  ctx.setTitle(`Forecast: ${p.claim || p.id}`);

  const form = ctx.canResolve() && resolvable(p)
    ? resolveForm(p, {
      announce: ctx.announce,
      evidenceDocumentId: evidenceDoc,
      onResolved: async (_, outcome) => {
        ctx.announce(`Forecast resolved as ${OUTCOMES[outcome] ?? outcome}.`, 'success');
        await ctx.reload({ focus: 'resolution-title' });
      },
    })
    : null;

  const article = articleSection(p, doc);
  main.replaceChildren(
    title('Forecast'),
    h('blockquote', { class: 'claim', 'data-testid': 'claim' }, h('p', null, p.claim || p.quote || '(no claim text)')),
    // The claim is the extractor's restatement and can read oddly; the sentence as published sits right beside it.
    p.claim && p.quote && p.claim !== p.quote
      ? h('p', { class: 'as-written', 'data-testid': 'as-written' }, h('span', { class: 'muted' }, 'As written: '), `“${p.quote}”`)
      : '',
    facts(p),
    article.section,
    h('section', { 'aria-labelledby': 'resolution-title' },
      h('h2', { id: 'resolution-title', tabindex: '-1' }, 'Outcome'),
      resolutions(p)),
    resolveSection(p, form, ctx),
    evidenceSection(p, suggestions, form, evidenceDoc, ctx),
    historySection(p));
  article.reveal();
}

function facts(p) {
  const row = (label, ...value) => h('div', null, h('dt', null, label), h('dd', null, ...value));
  const entities = (p.entities ?? []).filter((e) => e.entityId);
  const notes = [p.nonDirectional && 'non-directional (“may/might/could”): scored, but ranked separately', p.negated && 'negated'].filter(Boolean);
  return h('dl', { class: 'facts', 'data-testid': 'facts' },
    row('Forecaster', p.predictor ? h('a', { href: links.predictor(p.predictor), 'data-testid': 'predictor-link' }, p.predictor) : '—',
      p.attributed ? h('span', { class: 'sub' }, 'reported by the article, not the author’s own words') : ''),
    row('Outlet', p.outlet ? h('a', { href: links.outlet(p.outlet), 'data-testid': 'outlet-link' }, p.outlet) : '—'),
    row('Probability', h('strong', { class: 'big', 'data-testid': 'probability' }, pct(p.probability))),
    row('Hedge', p.hedge ? h('q', { 'data-testid': 'hedge' }, p.hedge) : h('span', { 'data-testid': 'hedge' }, 'none'),
      p.band ? h('span', { class: 'sub', 'data-testid': 'band' }, `band: ${p.band}${p.scaleVersion ? ` (scale ${p.scaleVersion})` : ''}`) : '',
      notes.length ? h('span', { class: 'sub' }, notes.join('; ')) : ''),
    row('Deadline', h('span', { 'data-testid': 'deadline' }, deadlineText(p)), p.horizon ? h('span', { class: 'sub' }, `horizon: ${p.horizon}`) : ''),
    p.condition ? row('Condition', p.condition) : '',
    row('Status', badge(p)),
    row('Published', p.publishedTime
      ? time(p.publishedTime, day(p.publishedTime))
      : h('span', { 'data-testid': 'published-unknown' }, 'unknown: not given and not stated in the article',
        h('span', { class: 'sub' }, 'an open-ended forecast is reviewed a year after the article was added, not after it appeared'))),
    row('Topics', entities.length
      ? h('ul', { class: 'inline-list', 'data-testid': 'entities' }, entities.map((e) =>
        h('li', null, h('a', { href: links.entity(e.entityId), 'data-testid': 'entity-link', 'data-entity-id': e.entityId }, e.name || e.entityId))))
      : 'none found'));
}

/** The source article with the quote marked; reveal() scrolls the mark into view once it is in the page. */
function articleSection(p, doc) {
  const heading = h('h2', { id: 'article-title' }, 'Source article');
  const section = h('section', { 'aria-labelledby': 'article-title', class: 'article' }, heading);
  let mark = null, box = null;
  const quoteOnly = (why) => {
    mark = h('mark', { 'data-testid': 'quote', id: 'quote' }, p.quote || p.claim || '');
    section.append(h('p', { class: 'muted' }, why), h('blockquote', { class: 'quote' }, h('p', null, mark)));
  };
  if (!p.documentId) {
    quoteOnly('This forecast was added by hand; it has no source article here.');
  } else if (!doc || doc.error) {
    quoteOnly(`The article could not be loaded${doc?.error ? `: ${doc.error}` : '.'} The forecast sentence:`);
  } else {
    const meta = [
      doc.outlet || p.outlet,
      doc.publishedTime ? day(doc.publishedTime) : 'publication date unknown',
      (doc.authors ?? []).length ? `by ${doc.authors.join(', ')}` : '',
    ].filter(Boolean).join(' · ');
    section.append(
      h('h3', { class: 'doc-title', 'data-testid': 'document-title' }, doc.url ? externalLink(doc.url, doc.title || doc.url) : doc.title || 'Untitled article'),
      meta ? h('p', { class: 'muted', 'data-testid': 'document-meta' }, meta) : '');
    const body = doc.body ?? '';
    const range = locateQuote(body, p.quote, p.start, p.end);
    box = h('div', { class: 'article-body', id: 'article-body', 'data-testid': 'article-body', tabindex: '0', role: 'region', 'aria-label': 'Article text' });
    if (range) {
      mark = h('mark', { 'data-testid': 'quote', id: 'quote' }, body.slice(range[0], range[1]));
      box.append(body.slice(0, range[0]), mark, body.slice(range[1]));
      section.append(h('p', { class: 'small muted' }, 'The forecast sentence is highlighted.'), box);
    } else {
      box.append(body);
      quoteOnly('The forecast sentence could not be found in the stored text; here it is as extracted:');
      section.append(box);
    }
  }
  return {
    section,
    reveal() {
      if (!mark || !box || !box.contains(mark)) return;
      box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
      const r = mark.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) mark.scrollIntoView({ block: 'center' });
    },
  };
}

function resolutions(p) {
  const list = p.resolutions ?? [];
  const current = lastResolution(p);
  const summary = p.status === 'REJECTED'
    ? h('p', null, 'Rejected: judged not to be a forecast. It is not scored.')
    : current ? h('p', null, 'Current outcome: ', badge(p), current.outcome === 'ANNULLED' ? ' (not scored; final)' : '')
      : h('p', null, p.status === 'DUE' ? 'Not resolved yet, and past its review date.' : 'Not resolved yet.');
  if (!list.length) return [summary];
  const table = h('table', { class: 'data', 'data-testid': 'resolutions' },
    h('caption', { id: 'resolutions-caption' }, 'Resolutions, oldest first; the last one counts'),
    h('thead', null, h('tr', null, ['Outcome', 'Known on', 'Recorded', 'By', 'Note', 'Evidence'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, list.map((r, i) => h('tr', { class: i === list.length - 1 ? 'current' : null, 'data-testid': 'resolution-row' },
      h('td', null, outcomeLabel(r), i === list.length - 1 && list.length > 1 ? h('span', { class: 'sub' }, 'counts') : ''),
      h('td', null, time(r.resolvedTime, day(r.resolvedTime)) || '—'),
      h('td', null, time(r.recordTime, day(r.recordTime)) || '—'),
      h('td', null, r.resolver || '—'),
      h('td', { class: 'note' }, r.note || '—'),
      h('td', null,
        r.evidenceUrl ? externalLink(r.evidenceUrl, 'source', { 'data-testid': 'evidence-link' }) : '',
        r.evidenceDocumentId ? [r.evidenceUrl ? ' · ' : '', h('span', { class: 'mono' }, r.evidenceDocumentId)] : '',
        !r.evidenceUrl && !r.evidenceDocumentId ? '—' : '')))));
  return [summary, scroller('resolutions-caption', table)];
}

function resolveSection(p, form, ctx) {
  let content;
  if (form) content = form;
  else if (!resolvable(p)) content = h('p', { class: 'muted' }, p.status === 'REJECTED' ? 'Rejected forecasts cannot be resolved.' : 'Annulled forecasts are final.');
  else if (ctx.me.known && !ctx.me.anonymous) content = h('p', { class: 'muted', 'data-testid': 'resolve-denied' }, 'Your API key does not have the resolver role, so it cannot resolve forecasts.');
  else content = h('p', { class: 'muted', 'data-testid': 'resolve-denied' }, 'To resolve forecasts, enter an API key with the resolver role in the box at the top of the page.');
  return h('section', { 'aria-labelledby': 'resolve-title' }, h('h2', { id: 'resolve-title' }, p.resolutions?.length ? 'Re-resolve' : 'Resolve'), content);
}

function evidenceSection(p, suggestions, form, initialDoc, ctx) {
  const input = h('input', { id: 'evidence-doc', type: 'text', value: initialDoc, placeholder: 'doc_…', 'data-testid': 'evidence-doc', autocomplete: 'off', spellcheck: 'false' });
  const result = h('div', { 'data-testid': 'evidence-result', class: 'evidence-result' });
  const check = h('form', { class: 'inline-form', id: 'evidence-check', 'aria-label': 'Check an article as evidence', novalidate: true },
    h('label', { for: 'evidence-doc' }, 'Later article id'), input,
    h('button', { type: 'submit', id: 'evidence-check-submit' }, 'Check'));

  async function run() {
    const docId = input.value.trim();
    if (!docId) {
      ctx.announce('Enter the id of a stored article (doc_…).', 'error');
      input.focus();
      return;
    }
    result.replaceChildren(loading('Checking…'));
    try {
      const [doc, ev] = await Promise.all([api.document(docId), api.evidence(docId, { limit: 100 })]);
      const hit = (ev.suggestions ?? []).find((s) => s.prediction?.id === p.id);
      const message = hit
        ? `“${doc.title || docId}” may settle this forecast (score ${fixed(hit.score, 1)}: ${(hit.reasons ?? []).join('; ') || 'no reasons given'}).`
        : `“${doc.title || docId}” is not among the articles the platform thinks settle this forecast; you can still cite it.`;
      const use = form ? h('button', {
        type: 'button', 'data-testid': 'use-evidence',
        onclick: () => {
          form.controls.evidenceDocumentId.value = doc.id || docId;
          if (!form.controls.evidenceUrl.value && doc.url) form.controls.evidenceUrl.value = doc.url;
          ctx.announce('Evidence added to the resolve form.', 'success');
          form.controls.outcome.focus();
        },
      }, 'Use as evidence in the resolve form') : '';
      result.replaceChildren(h('p', null, message), doc.url ? h('p', null, externalLink(doc.url, doc.url)) : '', use);
      ctx.announce(message);
    } catch (e) {
      if (e?.name === 'AbortError') return;
      const message = describeError(e, 'read that article');
      result.replaceChildren(h('p', { class: 'form-error' }, message));
      ctx.announce(message, 'error');
    }
  }
  check.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  if (initialDoc) queueMicrotask(run);

  const others = (suggestions?.suggestions ?? []).filter((s) => s.prediction?.id && s.prediction.id !== p.id);
  return h('section', { 'aria-labelledby': 'evidence-title' },
    h('h2', { id: 'evidence-title' }, 'Evidence'),
    h('p', null, 'Has a later article settled this? Enter its id to see whether the platform links it to this forecast.'),
    check, result,
    p.documentId ? h('h3', null, 'Earlier forecasts this article may settle') : '',
    !p.documentId ? '' : suggestions?.error ? h('p', { class: 'muted' }, `Suggestions unavailable: ${suggestions.error}`)
      : others.length ? h('ul', { class: 'suggestions', 'data-testid': 'evidence-suggestions' }, others.map((s) => h('li', null,
        h('a', { href: links.prediction(s.prediction.id, { evidence: p.documentId }), 'data-testid': 'forecast-link' }, s.prediction.claim || s.prediction.id),
        h('span', { class: 'sub' }, [s.prediction.predictor, `score ${fixed(s.score, 1)}`, ...(s.reasons ?? [])].filter(Boolean).join(' · ')))))
        : h('p', { class: 'muted', 'data-testid': 'evidence-suggestions-empty' }, 'None found.'));
}

function historySection(p) {
  const changes = p.history ?? [];
  if (!changes.length) return '';
  return h('details', { class: 'history', 'data-testid': 'history' },
    h('summary', null, `Change history (${changes.length})`),
    h('ol', null, changes.map((c) => h('li', null,
      time(c.time, day(c.time)) || '—', ' — ', h('strong', null, c.kind || 'change'),
      c.actor ? ` by ${c.actor}` : '', c.detail ? `: ${c.detail}` : ''))));
}

