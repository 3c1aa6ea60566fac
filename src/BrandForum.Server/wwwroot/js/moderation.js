// The moderation console (Pages/Moderation/Queue.cshtml), enhanced. Without this file every item is a link and
// every decision a form; with it: keyboard shortcuts (j/k or arrows move, a approve, r reject, c claim or
// release) and a queue that follows the `moderation` live channel. Whatever changes, the console re-reads itself
// as the server renders it for the current selection, so the client never builds queue markup of its own.
(() => {
  'use strict';
  const root = document.querySelector('[data-console]');
  if (!root) return;

  const links = () => [...root.querySelectorAll('[data-queue-list] [data-item-id]')];
  let selected = root.querySelector('[data-queue-detail]')?.dataset.itemId || null;
  let ticket = 0;
  let pending = null; // a shortcut pressed while the selected item's detail was still on its way: { key, item }

  // Fetches the console for the selected item and swaps in the list and count, and the detail when asked (not
  // while the moderator types a reason in it, which a swap would lose). Stale answers are dropped.
  async function refresh(withDetail) {
    const mine = ++ticket;
    const url = new URL(location.href);
    if (selected) url.searchParams.set('item', selected);
    const response = await fetch(url, { credentials: 'same-origin' }).catch(() => null);
    if (!response?.ok || mine !== ticket) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    if (mine !== ticket) return;
    const listHadFocus = root.querySelector('[data-queue-list]')?.contains(document.activeElement);
    const parts = ['[data-queue-list]', '[data-queue-count]'];
    if (withDetail) parts.push('[data-queue-detail]');
    for (const part of parts) {
      const next = fresh.querySelector(part);
      const current = root.querySelector(part);
      if (next && current) current.replaceWith(document.importNode(next, true));
    }
    if (withDetail) selected = root.querySelector('[data-queue-detail]')?.dataset.itemId || null;
    markSelected(listHadFocus);
    if (pending?.item === selected) act(pending.key);
  }

  // a, r and c press the selected item's button marked with that shortcut: the same form post as a click. Never
  // the button of the item shown before: "j a" pressed fast waits for the next item's form, then approves it.
  function act(key) {
    const detail = root.querySelector('[data-queue-detail]');
    pending = null;
    if (!detail || detail.dataset.itemId !== selected) {
      pending = { key, item: selected };
      return;
    }
    const button = detail.querySelector(`[data-shortcut="${key}"]`);
    if (button && !button.disabled) button.form.requestSubmit(button);
  }

  function markSelected(focus) {
    for (const link of links()) {
      const isSelected = link.dataset.itemId === selected;
      if (isSelected) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
      if (isSelected && focus) link.focus();
    }
  }

  function select(link) {
    selected = link.dataset.itemId;
    pending = null;
    history.replaceState(null, '', link.href);
    markSelected(true);
    refresh(true);
  }

  function move(by) {
    const all = links();
    if (all.length === 0) return;
    const at = all.findIndex(link => link.dataset.itemId === selected);
    select(all[at < 0 ? 0 : Math.min(all.length - 1, Math.max(0, at + by))]);
  }

  const typing = target => target instanceof Element && (target.closest('input, textarea, select, [contenteditable]') !== null || target.isContentEditable);

  document.addEventListener('keydown', event => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const step = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 }[event.key];
    if (step) {
      event.preventDefault();
      move(step);
      return;
    }
    if (['a', 'r', 'c'].includes(event.key) && selected) {
      event.preventDefault();
      act(event.key);
    }
  });

  // A click on an item selects it in place, as j/k do; a click with a modifier still opens it as a link.
  root.addEventListener('click', event => {
    const link = event.target instanceof Element && event.target.closest('[data-queue-list] [data-item-id]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    select(link);
  });

  // Live: held posts, flags, claims and decisions by anyone refresh the queue, a burst of them once. The detail is
  // re-read when its own item changed (or there was none), unless the moderator is typing in it.
  const live = window.brandForumLive;
  if (!live) return;
  let timer = 0;
  let detailChanged = false;
  live.follow('moderation', root.dataset.liveAfter, ({ type, data }) => {
    if (!String(type).startsWith('review-')) return;
    detailChanged ||= !selected || String(data?.itemId) === selected;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const detail = root.querySelector('[data-queue-detail]');
      const withDetail = detailChanged && !(detail?.contains(document.activeElement) && typing(document.activeElement));
      detailChanged = false;
      refresh(withDetail);
    }, 250);
  });
})();
