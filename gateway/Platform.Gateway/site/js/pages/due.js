// Due queue (#/due): open forecasts past their deadline or review date, oldest first (GET /v1/predictions:due),
// each with a quick resolve form for resolver/admin keys. A resolved row leaves the list and is announced.

import { api, describeError } from '../api.js';
import { empty, h, loading, title } from '../dom.js';
import { resolveForm } from '../components.js';
import { daysBetween, OUTCOMES, pct } from '../format.js';
import { links } from '../router.js';

const PAGE = 50;

export async function duePage({ main, route, signal, ctx }) {
  ctx.setTitle('Due for resolution');
  const heading = title('Due for resolution');
  main.replaceChildren(heading, loading('Loading the due queue…'));
  const [first] = await Promise.all([api.due({ pageSize: PAGE }, { signal }), ctx.ready]);
  const canResolve = ctx.canResolve();

  const list = h('ol', { class: 'due-list', 'data-testid': 'due', id: 'due-list', 'aria-labelledby': 'page-title' });
  const count = h('p', { class: 'small', id: 'due-count', 'data-testid': 'due-count' });
  const more = h('button', { type: 'button', id: 'load-more', 'data-testid': 'load-more' }, 'Load more');
  let token = first.nextPageToken ?? '';

  main.replaceChildren(heading,
    h('p', { class: 'lead' }, 'Open forecasts whose deadline (or, for open-ended ones, review date) has passed, oldest first. ',
      'Resolve each with what happened; annul those that cannot be judged.'),
    canResolve ? '' : h('p', { class: 'notice', 'data-testid': 'resolve-denied' },
      ctx.me.known && !ctx.me.anonymous
        ? 'Your API key does not have the resolver role, so the queue is read-only.'
        : 'To resolve forecasts here, enter an API key with the resolver role in the box at the top of the page.'),
    count, list, more);

  const add = (predictions) => list.append(...(predictions ?? []).map(item));
  add(first.predictions);
  update();

  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const next = await api.due({ pageSize: PAGE, pageToken: token });
      const firstNew = list.children.length;
      add(next.predictions);
      token = next.nextPageToken ?? '';
      update();
      ctx.announce(`Loaded ${(next.predictions ?? []).length} more.`);
      list.children[firstNew]?.querySelector('a')?.focus();
    } catch (e) {
      ctx.announce(describeError(e), 'error');
    } finally {
      more.disabled = false;
    }
  });

  function update() {
    const n = list.children.length;
    more.hidden = !token;
    count.textContent = n ? `${n} forecast${n === 1 ? '' : 's'} shown${token ? '; more are due' : ''}.` : '';
    if (!n && !token && !main.querySelector('[data-testid="empty"]')) {
      list.after(empty('Nothing is due.', h('p', null, 'Every forecast past its review date has been resolved. ',
        h('a', { href: links.leaderboard() }, 'See the leaderboard'), '.')));
    }
  }

  function item(p) {
    const review = p.reviewDate || p.deadline || '';
    const overdue = review ? daysBetween(review) : 0;
    const claimId = `due-claim-${p.id}`;
    const li = h('li', { class: 'due-item', 'data-testid': 'due-row', 'data-id': p.id },
      h('h2', { class: 'due-claim', id: claimId },
        h('a', { href: links.prediction(p.id), 'data-testid': 'forecast-link' }, p.claim || p.quote || p.id)),
      h('p', { class: 'muted' }, [
        p.predictor ? h('a', { href: links.predictor(p.predictor), 'data-testid': 'predictor-link' }, p.predictor) : '',
        p.outlet || '',
        `${pct(p.probability, 0)}${p.hedge ? ` (“${p.hedge}”)` : ''}`,
        p.deadline ? `deadline ${p.deadline}` : `open-ended, review ${review || '—'}`,
        overdue > 0 ? `${overdue} day${overdue === 1 ? '' : 's'} overdue` : 'due today',
      ].filter(Boolean).flatMap((x, i) => (i ? [' · ', x] : [x]))));
    if (canResolve) {
      li.append(resolveForm(p, {
        compact: true,
        announce: ctx.announce,
        onResolved: (_, outcome) => {
          const next = li.nextElementSibling ?? li.previousElementSibling;
          li.remove();
          update();
          const left = list.children.length;
          ctx.announce(`Resolved “${p.claim || p.id}” as ${OUTCOMES[outcome] ?? outcome}. ${left} left in the queue${token ? ' on this page' : ''}.`, 'success');
          (next?.querySelector('select') ?? heading).focus();
        },
      }));
    }
    return li;
  }
}
