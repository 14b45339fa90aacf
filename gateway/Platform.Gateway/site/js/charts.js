// The calibration reliability diagram: an inline, accessible SVG (title/desc, role="img") with a visually
// hidden table of the same bins. x = forecast probability, y = how often those forecasts came true.

import { h, svg, uniqueId } from './dom.js';
import { num, pct } from './format.js';

const SIZE = 340, L = 56, R = 22, T = 14, B = 52;
const PW = SIZE - L - R, PH = SIZE - T - B;
const x = (p) => L + Math.min(1, Math.max(0, p)) * PW;
const y = (f) => T + (1 - Math.min(1, Math.max(0, f))) * PH;
const r1 = (v) => Math.round(v * 10) / 10;

/** Bins with forecasts in them, as plain numbers (proto3 JSON omits zeros; int64 counts are strings). */
export function plotBins(bins) {
  return (bins ?? [])
    .map((b) => {
      const lower = num(b.lower), upper = b.upper === undefined ? lower + 0.1 : num(b.upper);
      const count = num(b.count);
      return {
        lower, upper, count,
        mean: b.meanProbability === undefined && count === 0 ? (lower + upper) / 2 : num(b.meanProbability),
        observed: num(b.observedFrequency),
        low: num(b.low), high: num(b.high),
      };
    })
    .filter((b) => b.count > 0)
    .sort((a, b) => a.lower - b.lower);
}

const range = (b) => `${pct(b.lower, 0)}–${pct(b.upper, 0)}`;

/** A <figure> with the diagram, or null when no bin has a resolved forecast. */
export function calibrationChart(bins, name = 'these forecasts') {
  const data = plotBins(bins);
  if (!data.length) return null;
  const titleId = uniqueId('cal-title'), descId = uniqueId('cal-desc');
  const maxCount = Math.max(...data.map((b) => b.count));
  const total = data.reduce((s, b) => s + b.count, 0);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const above = data.filter((b) => b.observed > b.mean + 0.05).length;
  const below = data.filter((b) => b.observed < b.mean - 0.05).length;

  const chart = svg('svg', {
    viewBox: `0 0 ${SIZE} ${SIZE}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
    class: 'calibration-svg', focusable: 'false',
  },
  svg('title', { id: titleId }, `Calibration of ${name}`),
  svg('desc', { id: descId },
    `Reliability diagram of ${total} resolved forecasts in ${data.length} probability bins. ` +
    'Points on the diagonal are perfectly calibrated; points below it mean things happened less often than forecast, ' +
    `points above it more often. ${below} bin(s) lie clearly below the diagonal and ${above} clearly above it. ` +
    'The table after the chart lists every bin.'),
  svg('rect', { x: L, y: T, width: PW, height: PH, class: 'plot-bg' }),
  ticks.map((t) => [
    svg('line', { x1: x(t), x2: x(t), y1: T, y2: T + PH, class: 'grid' }),
    svg('line', { x1: L, x2: L + PW, y1: y(t), y2: y(t), class: 'grid' }),
    svg('text', { x: x(t), y: T + PH + 16, class: 'tick', 'text-anchor': 'middle' }, pct(t, 0)),
    svg('text', { x: L - 6, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, pct(t, 0)),
  ]),
  svg('line', { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: 'diagonal' }),
  svg('text', { x: L + PW / 2, y: SIZE - 10, class: 'axis-title', 'text-anchor': 'middle' }, 'Forecast probability'),
  svg('text', { x: 14, y: T + PH / 2, class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 14 ${T + PH / 2})` },
    'Observed frequency'),
  data.map((b) => {
    const cx = r1(x(b.mean)), cy = r1(y(b.observed));
    const radius = r1(4 + 10 * Math.sqrt(b.count / maxCount));
    const label = `${range(b)}: ${b.count} forecast${b.count === 1 ? '' : 's'}, mean forecast ${pct(b.mean, 0)}, came true ${pct(b.observed, 0)}`;
    return svg('g', { class: 'bin', 'data-count': b.count },
      b.high > b.low ? svg('line', { x1: cx, x2: cx, y1: r1(y(b.high)), y2: r1(y(b.low)), class: 'interval' }) : null,
      svg('circle', { cx, cy, r: radius, class: 'point' }, svg('title', null, label)),
      svg('text', { x: r1(cx + radius + 3), y: r1(cy - radius + 2), class: 'count' }, String(b.count)));
  }));

  const tableId = uniqueId('cal-table');
  const table = h('table', { class: 'sr-only', id: tableId, 'data-testid': 'calibration-table' },
    h('caption', null, `Calibration bins for ${name}`),
    h('thead', null, h('tr', null, ['Forecast bin', 'Forecasts', 'Mean forecast', 'Came true', '95% interval']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, data.map((b) => h('tr', null,
      h('th', { scope: 'row' }, range(b)),
      h('td', null, String(b.count)),
      h('td', null, pct(b.mean)),
      h('td', null, pct(b.observed)),
      h('td', null, `${pct(b.low)}–${pct(b.high)}`)))));

  return h('figure', { class: 'calibration', 'data-testid': 'calibration' },
    chart,
    table,
    h('figcaption', null,
      'Each point is a 10-point probability bin: across, the average probability given; up, how often those forecasts came true. ' +
      'The dashed diagonal is perfect calibration. Point size and label show how many forecasts the bin holds; ' +
      'the vertical bar is the 95% interval.'));
}
