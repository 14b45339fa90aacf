// Entry point: the header's API-key box (validated with GET /v1/me), the status region, and the hash
// router that draws one page at a time into <main>.

import { api, describeError, getKey, setKey } from './js/api.js';
import { $, h, title } from './js/dom.js';
import { parseHash } from './js/router.js';

const SITE = 'Forecast Scoreboard';
const main = $('main');
const status = $('status');

/** What the current key may do: { identity, roles, anonymous, known } (known = /v1/me answered). */
let me = { identity: '', roles: [], anonymous: true, known: false };

function announce(message, kind = 'info') {
  status.dataset.kind = message ? kind : '';
  // A repeated message must still change the region's text, or screen readers stay silent.
  status.textContent = message && status.textContent === message ? `${message}\u00a0` : message;
}

const canResolve = () => (me.known
  ? me.roles.some((r) => r === 'resolver' || r === 'admin')
  : Boolean(getKey())); // no /v1/me: show the form when a key is set and let the server decide

let ready = Promise.resolve(true);

const ctx = {
  announce,
  canResolve,
  get me() { return me; },
  /** Settles once /v1/me has answered for the current key (pages that show resolve forms wait for it). */
  get ready() { return ready; },
  setTitle: (text) => { document.title = text ? `${text} — ${SITE}` : SITE; },
  /** Navigate to a hash without losing the focused control (filters, sort buttons). */
  go(hash, { replace = false } = {}) {
    if (hash === location.hash) return render({ keepFocus: true });
    history[replace ? 'replaceState' : 'pushState'](null, '', hash);
    return render({ keepFocus: true });
  },
  reload: (opts = {}) => render({ keepStatus: true, ...opts }),
};

// Pages load on first use, so the leaderboard does not wait for the code of the others.
const page = (file, name) => async (args) => (await import(`./js/pages/${file}.js`))[name](args);
const ROUTES = [
  [(p) => p.length === 0, page('leaderboard', 'leaderboardPage')],
  [(p) => p[0] === 'predictors' && p.length === 2, page('predictor', 'predictorPage')],
  [(p) => p[0] === 'predictions' && p.length === 2, page('forecast', 'forecastPage')],
  [(p) => p[0] === 'due' && p.length === 1, page('due', 'duePage')],
  [(p) => p[0] === 'forecasts' && p.length === 1, page('forecasts', 'forecastsPage')],
  [(p) => p[0] === 'outlets' && p.length === 2, page('forecasts', 'outletPage')],
  [(p) => p[0] === 'entities' && p.length === 2, page('forecasts', 'entityPage')],
];

function notFoundPage({ main: m }) {
  ctx.setTitle('Page not found');
  m.replaceChildren(title('Page not found'),
    h('p', null, 'There is no page at this address. ', h('a', { href: '#/' }, 'Go to the leaderboard'), '.'));
}

let controller = null;
let first = true;

async function render({ keepFocus = false, keepStatus = false, focus = null } = {}) {
  const route = parseHash(location.hash);
  if (!route) return; // an in-page anchor, not a route
  const focusedId = keepFocus ? document.activeElement?.id : null;
  controller?.abort();
  const mine = (controller = new AbortController());
  if (!keepStatus) announce('');
  if (!first && !keepFocus && !keepStatus) window.scrollTo(0, 0); // a new page starts at its top
  markNav(route.parts);
  const draw = ROUTES.find(([test]) => test(route.parts))?.[1] ?? notFoundPage;
  main.setAttribute('aria-busy', 'true');
  try {
    await draw({ main, route, signal: mine.signal, ctx });
  } catch (e) {
    if (e?.name === 'AbortError' || mine.signal.aborted) return;
    const message = describeError(e);
    if (!main.querySelector('h1')) main.prepend(title('Something went wrong'));
    main.querySelectorAll('[data-testid="loading"]').forEach((n) => n.remove());
    main.append(h('div', { class: 'error-box', 'data-testid': 'error' }, h('p', null, message),
      h('p', null, h('button', { type: 'button', onclick: () => render() }, 'Try again'))));
    announce(message, 'error');
  } finally {
    if (controller === mine) main.removeAttribute('aria-busy');
  }
  if (mine.signal.aborted) return;
  const target = (focus && $(focus)) || (focusedId && $(focusedId));
  if (target) target.focus();
  else if (!first && !keepFocus) main.querySelector('h1')?.focus({ preventScroll: true });
  first = false;
}

function markNav(parts) {
  const current = parts.length === 0 ? 'leaderboard' : parts[0] === 'due' ? 'due'
    : ['forecasts', 'outlets', 'entities'].includes(parts[0]) ? 'forecasts' : '';
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// ---- API key box ----

const keyForm = $('key-form');
const keyInput = $('api-key');
const identity = $('identity');

function showIdentity() {
  const key = getKey();
  $('key-clear').hidden = !key;
  if (!key) {
    identity.textContent = 'No key: reading only';
  } else if (!me.known) {
    identity.textContent = 'Key saved (roles unknown)';
  } else {
    const roles = me.roles.length ? me.roles.join(', ') : 'no roles';
    identity.textContent = me.anonymous ? `Anonymous (${roles})` : `${me.identity || 'Signed in'} (${roles})`;
  }
}

/** Asks /v1/me who the current key is. Returns false when the server rejected the key. */
async function loadMe() {
  try {
    const r = await api.me();
    me = {
      identity: r.identity ?? '',
      roles: Array.isArray(r.roles) ? r.roles.map(String) : [],
      anonymous: r.anonymous === true,
      known: true,
    };
    return true;
  } catch (e) {
    if (e?.httpStatus === 401 || e?.httpStatus === 403) {
      me = { identity: '', roles: [], anonymous: true, known: false };
      return false;
    }
    me = { identity: '', roles: [], anonymous: !getKey(), known: false };
    return true;
  } finally {
    showIdentity();
  }
}

keyForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = keyInput.value.trim();
  if (!key) {
    announce('Type an API key first, or use Clear to remove the saved one.', 'error');
    keyInput.focus();
    return;
  }
  const before = canResolve();
  setKey(key);
  keyInput.value = '';
  identity.textContent = 'Checking key…';
  ready = loadMe();
  if (!(await ready)) {
    setKey('');
    ready = loadMe();
    await ready;
    announce('That API key was not accepted; it has not been saved.', 'error');
    keyInput.focus();
    return;
  }
  announce(`API key saved for this browser tab. ${identity.textContent}.`, 'success');
  if (canResolve() !== before) render({ keepFocus: true, keepStatus: true });
});

$('key-clear').addEventListener('click', async () => {
  const before = canResolve();
  setKey('');
  keyInput.value = '';
  ready = loadMe();
  await ready;
  announce('API key cleared.', 'success');
  keyInput.focus();
  if (canResolve() !== before) render({ keepFocus: true, keepStatus: true });
});

// The skip link must not become a route: focus <main> instead of changing the hash.
$('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => render());

if (!location.hash) history.replaceState(null, '', '#/');
ready = loadMe().then(async (ok) => {
  if (!ok && getKey()) {
    setKey('');
    await loadMe();
    announce('The saved API key was not accepted and has been cleared.', 'error');
  }
  return ok;
});
render();
