// Leaderboard (#/): predictors, outlets or entities ranked by their scores, with the minimum-resolved,
// time-window and directional filters of GetScoreboard, and sortable columns (client-side when every row
// is loaded, through the API's order_by otherwise). State lives in the hash query so views can be linked.

import { api } from '../api.js';
import { empty, h, loading, scroller, title } from '../dom.js';
import { fixed, isMonth, nextMonth, num, pct, signed, SORTS, sortEntries } from '../format.js';
import { links } from '../router.js';

const GROUPS = {
  PREDICTOR: { tab: 'Predictors', noun: 'predictors', column: 'Predictor', testid: 'predictor-link', link: (e) => links.predictor(e.name || e.key) },
  OUTLET: { tab: 'Outlets', noun: 'outlets', column: 'Outlet', testid: 'outlet-link', link: (e) => links.outlet(e.name || e.key) },
  ENTITY: { tab: 'Topics', noun: 'topics (entities)', column: 'Topic (entity)', testid: 'entity-link', link: (e) => links.entity(e.key) },
};
const DEFAULT_MIN = 3;

/** The leaderboard's state from the hash query, with defaults for anything missing or invalid. */
function readState(q) {
  // Any case: #/?group=entity is as good as ENTITY.
  const asked = (q.get('group') ?? '').toUpperCase();
  const group = Object.hasOwn(GROUPS, asked) ? asked : 'PREDICTOR';
  const sort = Object.hasOwn(SORTS, q.get('sort') ?? '') ? q.get('sort') : 'brier';
  const dir = ['ascending', 'descending'].includes(q.get('dir')) ? q.get('dir') : SORTS[sort].best;
  const min = Number.parseInt(q.get('min') ?? '', 10);
  return {
    group, sort, dir,
    min: min >= 1 ? min : DEFAULT_MIN,
    from: isMonth(q.get('from')) ? q.get('from') : '',
    to: isMonth(q.get('to')) ? q.get('to') : '',
    directional: q.get('directional') === '1',
    limit: q.get('limit') === '1000' ? 1000 : 100,
  };
}

const hashOf = (s, changes = {}) => {
  const t = { ...s, ...changes };
  return links.leaderboard({
    group: t.group === 'PREDICTOR' ? '' : t.group,
    min: t.min === DEFAULT_MIN ? '' : t.min,
    from: t.from, to: t.to, directional: t.directional,
    sort: t.sort === 'brier' ? '' : t.sort,
    dir: t.dir === SORTS[t.sort].best ? '' : t.dir,
    limit: t.limit === 100 ? '' : t.limit,
  });
};

export async function leaderboardPage({ main, route, signal, ctx }) {
  const state = readState(route.query);
  const group = GROUPS[state.group];
  ctx.setTitle(state.group === 'PREDICTOR' ? 'Leaderboard' : `Leaderboard: ${group.tab}`);

  const results = h('section', { class: 'results', 'aria-labelledby': 'results-title' },
    h('h2', { id: 'results-title' }, `Ranked ${group.noun}`), loading('Loading the leaderboard…'));

  main.replaceChildren(
    title('Leaderboard'),
    h('p', { class: 'lead', 'data-testid': 'explainer' },
      'Forecasts are scored once their outcome is known. A lower ', h('strong', null, 'Brier score'),
      ' is better: 0 is perfect, 0.25 is what always saying 50% earns. ', h('strong', null, 'Skill'),
      ' above 0 beats that coin flip; ', h('strong', null, 'hit rate'), ' is the share of forecasts on the right side of 50%.'),
    h('details', { class: 'more' }, h('summary', null, 'More about the scores'),
      h('p', null, 'The Brier score is the average squared gap between the probability given and what happened (1 if it came true, 0 if not; ',
        'a partial outcome counts as its fraction), so 1 means always certain and always wrong. Skill is 1 − Brier ÷ 0.25. ',
        'Calibration error (the reliability part of the Brier score) measures how far stated probabilities sit from how often things happened; lower is better. ',
        'Vague is the share of non-directional “may/might/could” forecasts. Annulled and rejected forecasts are not scored.')),
    groupTabs(state),
    filterForm(state, ctx),
    results);

  const board = await api.scoreboard({
    group: state.group,
    minResolved: state.min,
    orderBy: SORTS[state.sort].order,
    windowStart: state.from,
    windowEnd: state.to ? nextMonth(state.to) : '',
    directionalOnly: state.directional,
    limit: state.limit,
  }, { signal });

  const entries = board.entries ?? [];
  const complete = entries.length < state.limit;
  let rows = sortEntries(entries, state.sort, state.dir);
  let find = '';

  if (!entries.length) {
    results.replaceChildren(results.firstChild, empty('No resolved forecasts yet.',
      h('p', null, `No ${group.noun.replace(/ \(.*/, '')} ${state.min === 1 ? 'has a resolved forecast' : `has at least ${state.min} resolved forecasts`}`,
        state.from || state.to || state.directional ? ' with these filters' : '', '. ',
        state.min > 1 ? h('a', { href: hashOf(state, { min: 1 }) }, 'Show everyone with at least one') : '',
        state.min > 1 ? '.' : '')));
    return;
  }

  const tbody = h('tbody');
  const caption = h('caption', { id: 'leaderboard-caption' });
  const headers = {};
  const sortHeader = (key, text, abbr) => {
    const button = h('button', { type: 'button', class: 'sort', 'data-sort': key, id: `sort-${key}`, onclick: () => applySort(key) },
      abbr ? h('abbr', { title: abbr }, text) : text, h('span', { class: 'arrow', 'aria-hidden': 'true' }));
    return (headers[key] = h('th', { scope: 'col', class: 'num', 'aria-sort': 'none' }, button));
  };
  const table = h('table', { class: 'data leaderboard', 'data-testid': 'leaderboard', id: 'leaderboard', 'data-group': state.group },
    caption,
    h('thead', null, h('tr', null,
      h('th', { scope: 'col', class: 'num' }, 'Rank'),
      h('th', { scope: 'col' }, group.column),
      sortHeader('resolved', 'Resolved'),
      h('th', { scope: 'col', class: 'num' }, 'Open'),
      sortHeader('brier', 'Brier'),
      sortHeader('skill', 'Skill'),
      sortHeader('hitRate', 'Hit rate'),
      h('th', { scope: 'col', class: 'num' }, h('abbr', { title: 'Calibration error (reliability): lower is better' }, 'Calib. error')),
      h('th', { scope: 'col', class: 'num' }, h('abbr', { title: 'Share of non-directional “may/might/could” forecasts' }, 'Vague')))),
    tbody);

  const search = h('input', { type: 'search', id: 'find-name', 'data-testid': 'find-name', autocomplete: 'off',
    oninput: (e) => { find = e.target.value.trim().toLowerCase(); draw(); } });

  results.replaceChildren(results.firstChild,
    h('div', { class: 'find' }, h('label', { for: 'find-name' }, `Find ${group.noun.replace(/ \(.*/, '').replace(/s$/, '')} by name`), search),
    scroller('leaderboard-caption', table),
    h('p', { class: 'small', id: 'leaderboard-count', 'data-testid': 'leaderboard-count' }),
    board.scaleNote ? h('p', { class: 'small muted' }, board.scaleNote) : '',
    complete ? '' : h('p', null, `Showing the top ${state.limit}. `,
      state.limit < 1000 ? h('a', { href: hashOf(state, { limit: 1000 }) }, 'Show up to 1000') : ''));
  draw();

  function draw() {
    const sort = SORTS[state.sort];
    caption.textContent = `${group.tab} with at least ${state.min} resolved forecast${state.min === 1 ? '' : 's'}` +
      `${state.from || state.to ? `, published ${state.from || 'any time'} to ${state.to || 'now'}` : ''}` +
      `${state.directional ? ', directional forecasts only' : ''}, sorted by ${sort.label} (${state.dir === sort.best ? 'best first' : 'worst first'})`;
    for (const [key, th] of Object.entries(headers)) {
      const on = key === state.sort;
      th.setAttribute('aria-sort', on ? state.dir : 'none');
      th.querySelector('.arrow').textContent = on ? (state.dir === 'ascending' ? ' ▲' : ' ▼') : ' ↕';
    }
    const shown = [];
    rows.forEach((e, i) => {
      if (!find || (e.name || e.key || '').toLowerCase().includes(find)) shown.push([e, i + 1]);
    });
    tbody.replaceChildren(...shown.map(([e, rank]) => row(e, rank)));
    document.getElementById('leaderboard-count').textContent = find
      ? `${shown.length} of ${rows.length} ${group.noun} match “${find}”.`
      : `${rows.length} ${group.noun}.`;
  }

  function row(e, rank) {
    const s = e.scores ?? {};
    return h('tr', { 'data-testid': 'leaderboard-row', 'data-key': e.key ?? '' },
      h('td', { class: 'num rank' }, String(rank)),
      h('th', { scope: 'row', class: 'name' }, h('a', { href: group.link(e), 'data-testid': group.testid }, e.name || e.key || '—')),
      h('td', { class: 'num', 'data-col': 'resolved' }, String(num(s.resolved))),
      h('td', { class: 'num', 'data-col': 'open' }, String(num(s.open))),
      h('td', { class: 'num', 'data-col': 'brier' }, fixed(s.brier)),
      h('td', { class: ['num', num(s.skill) < 0 ? 'negative' : ''], 'data-col': 'skill' }, signed(s.skill)),
      h('td', { class: 'num', 'data-col': 'hitRate', title: `over ${num(s.hitCount)} directional forecasts` },
        num(s.hitCount) ? pct(s.hitRate, 0) : '—', h('span', { class: 'sub', 'data-testid': 'hit-count' }, `of ${num(s.hitCount)}`)),
      h('td', { class: 'num', 'data-col': 'reliability' }, fixed(s.reliability)),
      h('td', { class: 'num', 'data-col': 'vagueness' }, pct(s.vagueness, 0)));
  }

  function applySort(key) {
    const dir = key === state.sort ? (state.dir === 'ascending' ? 'descending' : 'ascending') : SORTS[key].best;
    if (!complete && key !== state.sort) {
      // Only the top rows are loaded: ask the server for the top by the new order.
      ctx.go(hashOf(state, { sort: key, dir }));
      return;
    }
    state.sort = key;
    state.dir = dir;
    rows = sortEntries(entries, key, dir);
    history.replaceState(null, '', hashOf(state));
    draw();
    ctx.announce(`Sorted by ${SORTS[key].label}, ${dir === SORTS[key].best ? 'best' : 'worst'} first.`);
  }
}

function groupTabs(state) {
  return h('nav', { class: 'segmented', 'aria-label': 'Rank by' },
    Object.entries(GROUPS).map(([key, g]) => h('a', {
      href: hashOf({ ...state, group: key, limit: 100 }),
      'data-group': key,
      'data-testid': `group-${key.toLowerCase()}`,
      'aria-current': key === state.group ? 'page' : null,
    }, g.tab)));
}

function filterForm(state, ctx) {
  const input = (id, attrs) => h('input', { id, name: id, 'data-testid': id, ...attrs });
  // A text box rather than type=month: Chromium draws an empty month input as "--------- ----", which reads as
  // broken; an empty text box with its format as placeholder reads as "any month". The form checks the format.
  const monthInput = (id, value) => input(id, { type: 'text', value, placeholder: 'any (yyyy-mm)', inputmode: 'numeric',
    pattern: '\\d{4}-\\d{2}', maxlength: '7', autocomplete: 'off', 'aria-describedby': 'month-format' });
  const form = h('form', { class: 'filters', id: 'filters', 'aria-label': 'Leaderboard filters', 'data-testid': 'filters', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'min-resolved' }, 'Minimum resolved'),
      input('min-resolved', { type: 'number', min: '1', step: '1', inputmode: 'numeric', value: String(state.min), required: true })),
    h('div', { class: 'field' }, h('label', { for: 'window-from' }, 'Published from (month)'),
      monthInput('window-from', state.from)),
    h('div', { class: 'field' }, h('label', { for: 'window-to' }, 'Published through (month)'),
      monthInput('window-to', state.to)),
    h('div', { class: 'field check' },
      input('directional-only', { type: 'checkbox', checked: state.directional }),
      h('label', { for: 'directional-only' }, 'Directional forecasts only (no “may/might/could”)')),
    h('p', { class: 'small muted', id: 'month-format' }, 'Months as yyyy-mm, e.g. 2016-05; leave empty for any.'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'apply-filters', 'data-testid': 'apply-filters' }, 'Apply'),
      h('a', { href: links.leaderboard(state.group === 'PREDICTOR' ? {} : { group: state.group }), class: 'button-link', id: 'reset-filters' }, 'Reset')),
    h('p', { class: 'small muted' }, 'Scores can be filtered by publication month; to see the forecasts about one topic or from one outlet, use the Topics and Outlets tabs or the ',
      h('a', { href: links.forecasts() }, 'forecast list'), '.'));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const min = Number.parseInt(form.elements['min-resolved'].value, 10);
    const from = form.elements['window-from'].value.trim();
    const to = form.elements['window-to'].value.trim();
    const bad = (id, message) => {
      form.elements[id].setAttribute('aria-invalid', 'true');
      form.elements[id].focus();
      ctx.announce(message, 'error');
    };
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    if (!(min >= 1)) return bad('min-resolved', 'Minimum resolved must be a whole number of at least 1.');
    if (from && !isMonth(from)) return bad('window-from', 'Use a month in the form yyyy-mm for “from”.');
    if (to && !isMonth(to)) return bad('window-to', 'Use a month in the form yyyy-mm for “through”.');
    if (from && to && from > to) return bad('window-to', '“Through” must not be before “from”.');
    ctx.go(hashOf(state, { min, from, to, directional: form.elements['directional-only'].checked, limit: 100 }));
  });
  return form;
}
