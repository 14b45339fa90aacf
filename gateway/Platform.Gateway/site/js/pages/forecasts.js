// Forecast lists: #/forecasts (filter by forecaster, outlet, entity, status, deadline range), and the outlet
// (#/outlets/<name>) and topic (#/entities/<id>) pages, which add the group's scores from the scoreboard.
// All use GET /v1/predictions with page tokens ("Load more").

import { api, describeError } from '../api.js';
import { empty, h, loading, title } from '../dom.js';
import { appendForecastRows, forecastTable, scoresSummary } from '../components.js';
import { isDay, num } from '../format.js';
import { links } from '../router.js';
import { calibrationSection } from './predictor.js';

const PAGE = 50;
const STATUSES = [['', 'Any (not rejected)'], ['OPEN', 'Open'], ['DUE', 'Due'], ['RESOLVED', 'Resolved'], ['REJECTED', 'Rejected']];

/** A forecast list that pages with nextPageToken; `filters` are ListPredictionsRequest query fields. */
async function forecastList(container, filters, { signal, ctx, caption, showPredictor = true }) {
  container.replaceChildren(loading('Loading forecasts…'));
  const first = await api.predictions({ ...filters, pageSize: PAGE }, { signal });
  const predictions = first.predictions ?? [];
  if (!predictions.length) {
    container.replaceChildren(empty('No forecasts match.'));
    return;
  }
  const { element, body } = forecastTable(predictions, { caption, showPredictor });
  const count = h('p', { class: 'small', 'data-testid': 'forecast-count' });
  let shown = predictions.length;
  let token = first.nextPageToken ?? '';
  const more = h('button', { type: 'button', id: 'load-more', 'data-testid': 'load-more' }, 'Load more');
  const update = () => {
    count.textContent = `${shown} forecast${shown === 1 ? '' : 's'} shown${token ? '; more available' : ''}.`;
    more.hidden = !token;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    more.textContent = 'Loading…';
    try {
      const next = await api.predictions({ ...filters, pageSize: PAGE, pageToken: token });
      const rows = next.predictions ?? [];
      const firstNew = body.children.length;
      appendForecastRows(body, rows, showPredictor);
      shown += rows.length;
      token = next.nextPageToken ?? '';
      ctx.announce(`Loaded ${rows.length} more forecast${rows.length === 1 ? '' : 's'}.`);
      update();
      // Keep keyboard users in place: move to the first new row's link.
      (body.children[firstNew]?.querySelector('a') ?? (token ? more : null))?.focus();
    } catch (e) {
      ctx.announce(describeError(e), 'error');
    } finally {
      more.disabled = false;
      more.textContent = 'Load more';
    }
  });
  update();
  container.replaceChildren(element, count, more);
}

/** The scores of one outlet or entity, found in the scoreboard (there is no single-group endpoint). */
async function groupScores(group, key, signal) {
  try {
    const board = await api.scoreboard({ group, minResolved: 1, limit: 1000, includeCalibration: true }, { signal });
    const k = String(key).toLowerCase();
    return (board.entries ?? []).find((e) => String(e.key ?? '').toLowerCase() === k || String(e.name ?? '').toLowerCase() === k) ?? null;
  } catch (e) {
    if (e?.name === 'AbortError') throw e;
    return { error: describeError(e) };
  }
}

function scoresSection(entry, name) {
  const s = entry?.scores;
  return [
    h('section', { 'aria-labelledby': 'scores-title' },
      h('h2', { id: 'scores-title' }, 'Scores'),
      entry?.error ? h('p', { class: 'error-box' }, `Scores could not be loaded: ${entry.error}`)
        : s && num(s.resolved) ? scoresSummary(s) : empty('No resolved forecasts yet.')),
    calibrationSection(s?.calibration, name),
  ];
}

export async function outletPage({ main, route, signal, ctx }) {
  const name = route.parts[1];
  ctx.setTitle(name);
  const list = h('div');
  const scores = h('div', null, loading('Loading scores…'));
  main.replaceChildren(title(name, { 'data-testid': 'outlet-name' }),
    h('p', { class: 'lead' }, 'Outlet: scores of the forecasts published here. ',
      h('a', { href: links.leaderboard({ group: 'OUTLET' }) }, 'All outlets'), '.'),
    scores,
    h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'Forecasts'), list));
  const [entry] = await Promise.all([
    groupScores('OUTLET', name, signal),
    forecastList(list, { outlet: name }, { signal, ctx, caption: `Forecasts published by ${name}, newest first` }),
  ]);
  scores.replaceChildren(...scoresSection(entry, name));
}

export async function entityPage({ main, route, signal, ctx }) {
  const id = route.parts[1];
  ctx.setTitle('Topic');
  const heading = title(id, { 'data-testid': 'entity-name' });
  const about = h('p', { class: 'lead' }, 'Topic (entity).');
  const list = h('div');
  const scores = h('div', null, loading('Loading scores…'));
  main.replaceChildren(heading, about, scores,
    h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'Forecasts about this topic'), list));
  const entity = await api.entity(id, { signal }).catch((e) => {
    if (e?.name === 'AbortError') throw e;
    return null; // the forecasts still list by id
  });
  const name = entity?.canonicalName || id;
  heading.textContent = name;
  ctx.setTitle(name);
  if (entity) {
    const aliases = (entity.aliases ?? []).map((a) => a.name).filter((a) => a && a !== name);
    about.replaceChildren(`Topic: ${typeName(entity.type)}`,
      `, mentioned ${num(entity.mentionCount)} time${num(entity.mentionCount) === 1 ? '' : 's'} in ${num(entity.documentCount)} article${num(entity.documentCount) === 1 ? '' : 's'}.`,
      aliases.length ? ` Also known as ${aliases.slice(0, 8).join(', ')}${aliases.length > 8 ? '…' : ''}.` : '',
      ' ', h('a', { href: links.leaderboard({ group: 'ENTITY' }) }, 'All topics'), '.');
  }
  const [entry] = await Promise.all([
    groupScores('ENTITY', entity?.id || id, signal),
    forecastList(list, { entityId: id }, { signal, ctx, caption: `Forecasts about ${name}, newest first` }),
  ]);
  scores.replaceChildren(...scoresSection(entry, name));
}

const typeName = (t) => ({ PERSON: 'person', ORG: 'organisation', GPE: 'country or city', LOC: 'place', NORP: 'group or nationality', EVENT: 'event' }[t] ?? 'entity');

export async function forecastsPage({ main, route, signal, ctx }) {
  const q = route.query;
  const state = {
    predictor: q.get('predictor') ?? '', outlet: q.get('outlet') ?? '', entity: q.get('entity') ?? '',
    status: STATUSES.some(([v]) => v && v === q.get('status')) ? q.get('status') : '',
    from: isDay(q.get('from')) ? q.get('from') : '', to: isDay(q.get('to')) ? q.get('to') : '',
  };
  ctx.setTitle('Forecasts');
  const list = h('div');
  main.replaceChildren(title('Forecasts'),
    h('p', { class: 'lead' }, 'Every forecast found so far, newest first. Narrow the list with the filters.'),
    filterForm(state, ctx),
    h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'Results'), list));

  let entityId = state.entity;
  if (entityId && !/^ent_/i.test(entityId)) {
    // A name rather than an id: take the best match of the alias-aware search.
    const found = await api.searchEntities({ query: entityId, limit: 1 }, { signal });
    const match = found.matches?.[0]?.entity;
    if (!match?.id) {
      list.replaceChildren(empty(`No topic matches “${entityId}”.`));
      return;
    }
    entityId = match.id;
    ctx.announce(`Showing forecasts about ${match.canonicalName || entityId}.`);
  }
  await forecastList(list, {
    predictor: state.predictor, outlet: state.outlet, entityId, status: state.status, deadlineFrom: state.from, deadlineTo: state.to,
  }, { signal, ctx, caption: 'Forecasts, newest first' });
}

function filterForm(state, ctx) {
  const text = (id, label, value, attrs = {}) => h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name: id, type: 'text', value, 'data-testid': id, autocomplete: 'off', ...attrs }));
  const entityList = h('datalist', { id: 'entity-options' });
  const form = h('form', { class: 'filters', id: 'forecast-filters', 'aria-label': 'Forecast filters', 'data-testid': 'forecast-filters', novalidate: true },
    text('filter-predictor', 'Forecaster', state.predictor),
    text('filter-outlet', 'Outlet', state.outlet),
    text('filter-entity', 'Topic (name or id)', state.entity, { list: 'entity-options' }), entityList,
    h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Status'),
      h('select', { id: 'filter-status', name: 'filter-status', 'data-testid': 'filter-status' },
        STATUSES.map(([v, t]) => h('option', { value: v, selected: v === state.status }, t)))),
    h('div', { class: 'field' }, h('label', { for: 'filter-from' }, 'Deadline from'),
      h('input', { id: 'filter-from', name: 'filter-from', type: 'date', value: state.from, 'data-testid': 'filter-from' })),
    h('div', { class: 'field' }, h('label', { for: 'filter-to' }, 'Deadline to'),
      h('input', { id: 'filter-to', name: 'filter-to', type: 'date', value: state.to, 'data-testid': 'filter-to' })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'apply-forecast-filters' }, 'Apply'),
      h('a', { href: links.forecasts(), class: 'button-link' }, 'Reset')));

  // Suggest topic names as the user types (ListEntities by name prefix), without blocking typing.
  let timer = 0, lastPrefix = '';
  form.elements['filter-entity'].addEventListener('input', (e) => {
    clearTimeout(timer);
    const prefix = e.target.value.trim();
    if (prefix.length < 2 || /^ent_/i.test(prefix) || prefix === lastPrefix) return;
    timer = setTimeout(async () => {
      lastPrefix = prefix;
      try {
        const r = await api.entities({ namePrefix: prefix, pageSize: 10 });
        entityList.replaceChildren(...(r.entities ?? []).map((en) => h('option', { value: en.canonicalName })));
      } catch { /* suggestions are optional */ }
    }, 250);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = (id) => form.elements[id].value.trim();
    const from = v('filter-from'), to = v('filter-to');
    if (from && to && from > to) {
      form.elements['filter-to'].setAttribute('aria-invalid', 'true');
      form.elements['filter-to'].focus();
      ctx.announce('“Deadline to” must not be before “deadline from”.', 'error');
      return;
    }
    ctx.go(links.forecasts({
      predictor: v('filter-predictor'), outlet: v('filter-outlet'), entity: v('filter-entity'), status: v('filter-status'), from, to,
    }));
  });
  return form;
}
