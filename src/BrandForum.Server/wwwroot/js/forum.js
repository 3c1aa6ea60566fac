// Progressive enhancement for the discussion pages. Every feature here also works without this file: forms post
// and the server redirects back. With it: a live Markdown preview, reactions without a reload, and a confirmation
// before destructive forms (data-confirm).
(() => {
  // Live preview: "Preview" asks POST /api/preview (the same renderer as posts) instead of posting the form back,
  // then keeps the preview up to date while the member types.
  function enhanceComposer(composer) {
    const form = composer.closest('form');
    const body = composer.querySelector('[data-composer-body]');
    const panel = composer.querySelector('[data-preview]');
    const output = composer.querySelector('[data-preview-html]');
    const button = form?.querySelector('[data-preview-button]');
    if (!form || !body || !panel || !output || !button) return;
    // The page's translation of the message, on the composer element.
    const unavailable = composer.dataset.unavailable || 'The preview is not available right now.';

    let live = !panel.hidden;
    let timer = 0;
    let sent = 0;

    const render = async () => {
      const ticket = ++sent;
      try {
        const response = await fetch('/api/preview', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
          body: JSON.stringify({ body: body.value }),
        });
        if (ticket !== sent) return; // an older answer arriving late
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          output.textContent = problem.title ?? `${unavailable} (${response.status})`;
        } else {
          output.innerHTML = (await response.json()).html; // sanitized by the server's allowlist
        }
        panel.hidden = false;
      } catch {
        output.textContent = unavailable;
        panel.hidden = false;
      }
    };

    // "Reply with quote" lands here (#composer) with the quote filled in: be ready to type after it.
    if (location.hash === '#composer') {
      body.focus();
      body.setSelectionRange(body.value.length, body.value.length);
    }

    button.addEventListener('click', (event) => {
      event.preventDefault();
      live = true;
      render();
    });
    body.addEventListener('input', () => {
      if (!live) return;
      clearTimeout(timer);
      timer = setTimeout(render, 400);
    });
  }

  // Reactions: post the same form with fetch; the server answers with the post's new reaction bar.
  async function react(form, submitter) {
    const data = new FormData(form);
    data.set(submitter.name, submitter.value);
    const kind = submitter.dataset.kind;
    const response = await fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'fetch' },
      body: data,
    });
    if (!response.ok) {
      // Let the server show what went wrong, as without this script (form.submit() fires no submit event).
      const choice = Object.assign(document.createElement('input'), { type: 'hidden', name: submitter.name, value: submitter.value });
      form.append(choice);
      form.submit();
      return;
    }

    const holder = form.closest('[data-reactions]');
    const template = document.createElement('template');
    template.innerHTML = (await response.text()).trim();
    const fresh = template.content.firstElementChild;
    if (!holder || !fresh) return;
    holder.replaceWith(fresh);
    fresh.querySelector(`.reaction[data-kind="${CSS.escape(kind)}"]`)?.focus();
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }

    if (form.hasAttribute('data-reaction-form') && event.submitter?.name === 'react') {
      event.preventDefault();
      react(form, event.submitter);
    }
  });

  // Live topic (with wwwroot/js/live.js): a new reply appears in place when the reader is at the end of its page,
  // else a notice links to it; edits and reaction counts update in place; a post hidden, shown again, deleted or
  // restored is re-rendered as the server shows it to this reader (a placeholder for most, the text for its author
  // and staff). The page was rendered at log position data-live-after, so nothing is missed.
  function followTopic(posts) {
    const live = window.brandForumLive;
    const notice = document.querySelector('[data-live-notice]');
    if (!live || !notice) return;
    showWhoIsHere(live, posts.dataset.liveTopic);
    let fresh = 0;
    const announce = (data) => {
      fresh += 1;
      notice.querySelector('[data-live-count]').textContent = String(fresh);
      const noun = notice.querySelector('[data-live-noun]'); // the page's translations are on it
      noun.textContent = fresh === 1 ? noun.dataset.one || 'new reply' : noun.dataset.many || 'new replies';
      notice.querySelector('[data-live-link]').href = `/p/${data.postId}`;
      notice.hidden = false;
    };
    live.follow(`topic:${posts.dataset.liveTopic}`, posts.dataset.liveAfter, ({ type, data }) => {
      const post = posts.querySelector(`[data-post-id="${CSS.escape(String(data.postId))}"]`);
      if (type === 'post-published' && !post) {
        // A held post the reader saw waiting (its author, staff) is now published: its waiting card goes.
        document.getElementById(`held-${data.postId}`)?.remove();
        showOrAnnounce(posts, data, announce);
      } else if (type === 'post-edited' && post && data.html) {
        post.querySelector('.post-body').innerHTML = data.html; // rendered and sanitized by the server
      } else if (['post-hidden', 'post-unhidden', 'post-deleted', 'post-restored'].includes(type) && post) {
        refreshPost(posts, post);
      } else if (type === 'poll-updated') {
        refreshPoll(posts);
      } else if (type === 'reactions' && post) {
        post.querySelectorAll('[data-kind]').forEach((reaction) => {
          const count = reaction.querySelector('.count');
          if (count) count.textContent = String(data.reactions?.[reaction.dataset.kind] ?? 0);
        });
      }
    });
  }

  // A vote anywhere: the poll's counts and voters are fetched again as the server shows them to this reader (who
  // may or may not see the results yet); the ballot they may be filling in is left alone.
  async function refreshPoll(posts) {
    const poll = document.querySelector('section.poll');
    if (!poll) return;
    try {
      const response = await fetch(`/t/${posts.dataset.liveTopic}?page=${posts.dataset.livePage}`, { credentials: 'same-origin' });
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('section.poll');
      if (!response.ok || !fresh) return;
      for (const selector of ['p.muted', '.poll-results']) {
        const now = poll.querySelector(selector);
        const next = fresh.querySelector(selector);
        if (now && next) now.replaceWith(document.importNode(next, true));
        else if (next) poll.append(document.importNode(next, true));
      }
    } catch {
      // The next reload shows the counts.
    }
  }

  // A new reply that belongs on this page while the reader is at its end appears in place, as the server renders
  // it for this reader (the page is fetched again: cached for visitors, with the member's own buttons otherwise);
  // anywhere else, and if that fails, the notice says there is something new.
  async function showOrAnnounce(posts, data, announce) {
    const page = Number(posts.dataset.livePage);
    const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 200;
    if (Math.ceil(data.number / Number(posts.dataset.livePageSize)) !== page || !atEnd) {
      announce(data);
      return;
    }
    try {
      const response = await fetch(`/t/${posts.dataset.liveTopic}?page=${page}`, { credentials: 'same-origin' });
      const html = new DOMParser().parseFromString(await response.text(), 'text/html');
      const selector = `[data-post-id="${CSS.escape(String(data.postId))}"]`;
      const article = html.querySelector(selector);
      if (!response.ok || !article) throw new Error('not on the page yet');
      if (!posts.querySelector(selector)) posts.append(document.importNode(article, true));
    } catch {
      announce(data);
    }
  }

  async function refreshPost(posts, post) {
    try {
      const response = await fetch(`/t/${posts.dataset.liveTopic}?page=${posts.dataset.livePage}`, { credentials: 'same-origin' });
      const html = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = html.querySelector(`[data-post-id="${CSS.escape(post.dataset.postId)}"]`);
      if (response.ok && fresh) post.replaceWith(document.importNode(fresh, true));
    } catch {
      // The next reload shows it; nothing else on the page depends on it.
    }
  }

  // The live bar: connection state (live.js fills [data-live-status]), how many read the topic on every node,
  // and who is writing; typing in the composer says so to the others, at most every three seconds.
  function showWhoIsHere(live, topicId) {
    const bar = document.querySelector('[data-live-bar]');
    if (!bar) return;
    bar.hidden = false;
    const presence = bar.querySelector('[data-live-presence]');
    const typing = bar.querySelector('[data-live-typing]');
    let typingEnds;
    live.on('presence', ({ topicId: id, readers }) => {
      if (id !== topicId) return;
      presence.textContent = (readers === 1 ? presence.dataset.one : presence.dataset.many).replace('{0}', String(readers));
    });
    live.on('typing', ({ topicId: id, userName }) => {
      if (id !== topicId) return;
      typing.textContent = typing.dataset.label.replace('{0}', '@' + userName);
      clearTimeout(typingEnds);
      typingEnds = setTimeout(() => { typing.textContent = ''; }, 4000);
    });
    let lastSaid = 0;
    document.querySelector('#composer textarea')?.addEventListener('input', () => {
      if (Date.now() - lastSaid < 3000) return;
      lastSaid = Date.now();
      live.typing(topicId);
    });
  }

  // The header's bell: mentions of the signed-in member and badges they earned since the page was rendered.
  function ringBell(bell) {
    const live = window.brandForumLive;
    const count = bell.querySelector('[data-live-bell-count]');
    if (!live || !count) return;
    let mentions = 0;
    live.follow('me', bell.dataset.liveAfter, ({ type, data }) => {
      if (type !== 'mention' && type !== 'badge-awarded') return;
      mentions += 1;
      count.textContent = String(mentions);
      count.hidden = false;
      if (type === 'badge-awarded') bell.title = `${bell.dataset.badgeText || 'New badge'}: ${data.name}`;
    });
  }

  document.querySelectorAll('[data-live-bell]').forEach(ringBell);
  document.querySelectorAll('[data-composer]').forEach(enhanceComposer);
  document.querySelectorAll('[data-live-topic]').forEach(followTopic);
})();
