// Predictor page (#/predictors/<name>): a forecaster's scores, calibration diagram and latest forecasts,
// from GET /v1/predictors/{name}.

import { api } from '../api.js';
import { empty, h, loading, title } from '../dom.js';
import { calibrationChart } from '../charts.js';
import { forecastTable, scoresSummary } from '../components.js';
import { num } from '../format.js';
import { links } from '../router.js';

const RECENT = 50;

export async function predictorPage({ main, route, signal, ctx }) {
  const name = route.parts[1];
  ctx.setTitle(name);
  const heading = title(name, { 'data-testid': 'predictor-name' });
  main.replaceChildren(heading, loading('Loading this forecaster…'));

  const profile = await api.predictor(name, { recent: RECENT }, { signal });
  const display = profile.name || name;
  heading.textContent = display;
  ctx.setTitle(display);
  const scores = profile.scores ?? {};
  const recent = profile.recent ?? [];
  const resolved = num(scores.resolved);

  main.replaceChildren(heading,
    h('p', { class: 'lead' }, 'Forecaster. ', h('a', { href: links.leaderboard() }, 'Back to the leaderboard'), '.'),
    h('section', { 'aria-labelledby': 'scores-title' },
      h('h2', { id: 'scores-title' }, 'Scores'),
      resolved ? scoresSummary(scores) : empty('No resolved forecasts yet.',
        h('p', null, `${display} has ${num(scores.open)} open forecast${num(scores.open) === 1 ? '' : 's'}; scores appear once outcomes are known.`))),
    calibrationSection(scores.calibration, display),
    h('section', { 'aria-labelledby': 'recent-title' },
      h('h2', { id: 'recent-title' }, 'Forecasts'),
      recent.length
        ? [forecastTable(recent, { caption: `Latest ${recent.length === 1 ? 'forecast' : `${recent.length} forecasts`} by ${display}, newest first`, showPredictor: false }).element,
          h('p', null, h('a', { href: links.forecasts({ predictor: display }) }, `Browse and filter all forecasts by ${display}`))]
        : empty('No forecasts found.')));
}

export function calibrationSection(bins, name) {
  const chart = calibrationChart(bins, name);
  return h('section', { 'aria-labelledby': 'calibration-title' },
    h('h2', { id: 'calibration-title' }, 'Calibration'),
    chart ?? empty('No resolved forecasts yet, so there is no calibration diagram.'),
    chart ? h('p', { class: 'small muted' }, 'When points sit below the diagonal, things happened less often than forecast (overconfident “yes”); above it, more often.') : '');
}
