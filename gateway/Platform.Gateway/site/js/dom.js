// Tiny DOM helpers. h() builds HTML elements and svg() SVG ones; text always goes in as text nodes
// (never innerHTML), so data from the API cannot inject markup.

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'value' || k === 'checked' || k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false || c === '') continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);

export const svg = (tag, attrs, ...children) =>
  build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);

export const $ = (id) => document.getElementById(id);

let uid = 0;
/** A page-unique id with a readable prefix, for label/aria wiring. */
export const uniqueId = (prefix) => `${prefix}-${++uid}`;

/** The page's h1: stable id, focusable so navigation can move focus to it. */
export const title = (text, attrs = {}) => h('h1', { id: 'page-title', tabindex: '-1', ...attrs }, text);

export const loading = (what = 'Loading…') => h('p', { class: 'loading', 'data-testid': 'loading' }, what);

export const empty = (text, ...more) => h('div', { class: 'empty', 'data-testid': 'empty' }, h('p', null, text), ...more);

/** A horizontally scrollable, keyboard-focusable wrapper for a wide table. */
export const scroller = (labelId, table) =>
  h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': labelId, tabindex: '0' }, table);

export const time = (ts, text) => (ts ? h('time', { datetime: ts, title: ts }, text) : '');

export function externalLink(url, text, attrs = {}) {
  let safe = '';
  try { safe = ['http:', 'https:'].includes(new URL(url).protocol) ? url : ''; } catch { safe = ''; }
  if (!safe) return text || url;
  return h('a', { href: safe, rel: 'noopener noreferrer external', target: '_blank', ...attrs }, text || url,
    h('span', { class: 'sr-only' }, ' (opens in a new tab)'));
}
