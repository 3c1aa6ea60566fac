// BrandForum live client: one SignalR connection per page, opened when something on the page follows a channel,
// following channels from the last log position the page rendered. Every item carries its position; the client keeps the last one per channel and gives it back
// when it subscribes again (after a reconnect, a resync or a restart), so nothing is missed or shown twice.
(() => {
  'use strict';
  if (!window.signalR) return;

  const followed = new Map(); // channel → { after, onItem }
  const listeners = { typing: [], presence: [], reload: [], status: [] };
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(15000, 500 * 2 ** ctx.previousRetryCount) })
    .build();

  const setStatus = state => {
    document.querySelectorAll('[data-live-status]').forEach(el => {
      el.dataset.state = state;
      el.textContent = el.dataset['label' + state[0].toUpperCase() + state.slice(1)] || state;
    });
    listeners.status.forEach(l => l(state));
  };

  const subscribe = async channel => {
    const f = followed.get(channel);
    if (!f || connection.state !== signalR.HubConnectionState.Connected) return;
    try {
      await connection.invoke('Subscribe', channel, f.after);
    } catch (e) {
      console.warn('BrandForum live: cannot follow', channel, e);
    }
  };

  const subscribeAll = async () => {
    for (const channel of followed.keys()) await subscribe(channel);
  };

  connection.on('event', item => {
    const f = followed.get(item.channel);
    if (!f || item.position <= f.after) return;
    f.after = item.position;
    f.onItem(item);
  });
  // Too far behind: the server stopped sending and says where each channel stopped.
  connection.on('resync', ({ channels }) => {
    for (const [channel, after] of Object.entries(channels)) {
      const f = followed.get(channel);
      if (f) f.after = Math.max(f.after, after);
    }
    subscribeAll();
  });
  // Too much was missed to replay: the page should reload its view; it follows from the given position.
  connection.on('reload', ({ channel, position }) => {
    const f = followed.get(channel);
    if (f) f.after = position;
    listeners.reload.forEach(l => l(channel, position));
  });
  connection.on('typing', t => listeners.typing.forEach(l => l(t)));
  connection.on('presence', p => listeners.presence.forEach(l => l(p)));

  connection.onreconnecting(() => setStatus('reconnecting'));
  connection.onreconnected(async () => {
    setStatus('live');
    await subscribeAll();
  });
  connection.onclose(() => {
    setStatus('offline');
    setTimeout(start, 5000);
  });

  async function start() {
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    try {
      setStatus('connecting');
      await connection.start();
      setStatus('live');
      await subscribeAll();
    } catch {
      setStatus('offline');
      setTimeout(start, 5000);
    }
  }

  window.brandForumLive = {
    /** Follows a channel from a log position; onItem gets each later item once, in log order. Connects on first use. */
    follow(channel, after, onItem) {
      followed.set(channel, { after: Number(after) || 0, onItem });
      if (connection.state === signalR.HubConnectionState.Disconnected) start();
      else subscribe(channel);
    },
    on(kind, listener) {
      listeners[kind].push(listener);
    },
    typing(topicId) {
      if (connection.state === signalR.HubConnectionState.Connected) connection.invoke('Typing', topicId).catch(() => {});
    },
  };
})();
