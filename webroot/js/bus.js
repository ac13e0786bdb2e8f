// The one live-data client every page uses. Pages say which ui.* streams they show; this module keeps
// them current over the hub's event-bus bridge (/eventbus: a plain WebSocket, or SockJS's fallbacks) and
// never lets a page go stale without saying so:
//   register a stream -> the hub acknowledges -> fetch its snapshot over REST -> apply frames in order;
//   a gap in the sequence, or a reconnect -> ask /live/since for what was missed;
//   history gone (reset) or a new epoch -> fetch the snapshot again.
// bus.status is 'connecting' | 'live' | 'stale' (open, but the hub's heartbeat stopped) | 'reconnecting' | 'signedOut'; bus.lastUpdate the time of the
// last frame or snapshot applied. Both are announced with a 'bus:status' event on document.
//
//   const stop = bus.watch('ui.wa', { snapshot(frame) {…}, frame(frame) {…}, denied() {…} });
//   …; stop();
//
// A notice address (bus.watch(name, handlers, { notices: true })) has no snapshot or history: the hub publishes
// small "this changed, fetch it again" messages on it (the portal's ui.customer.<id>). Each message goes to
// frame(message) as it is; snapshot(null) is called whenever the address is (re)registered, because notices sent
// while the socket was away are lost and the page must fetch what it shows again.
//
// The socket is a plain WebSocket on the bridge's raw transport (/eventbus/websocket): the hub writes each frame
// there once for all its sockets, where SockJS's own framing is built per socket. Where a plain WebSocket cannot
// open (a proxy that refuses the upgrade), the page falls back to the SockJS client and its XHR transports, which
// requires it (a classic script: /webjars/sockjs-client/<v>/dist/sockjs.min.js).
import { api, ApiError } from './api.js';

const PING_MS = 10_000;
// Every node reports itself on ui.ops at least every 10 s: a socket that hears nothing there for this long
// is open but not being fed (the hub cannot reach Redis, say), and the page must not look live.
const HEARTBEAT_STREAM = 'ui.ops';
const SILENCE_MS = 25_000;
const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000];
// Plain WebSockets that fail to open this many times in a row mean they cannot get through (a proxy refusing the
// upgrade): the next sockets are SockJS's. Each SockJS socket that closes gives the plain WebSocket another chance.
const WEBSOCKET_FAILURES_BEFORE_FALLBACK = 2;
const UTF8 = new TextDecoder();

class Stream {
  constructor(name, notices = false) {
    this.name = name;
    this.notices = notices;
    this.watchers = new Map(); // handlers -> { ready, buffer }: a watcher gets frames only after its snapshot
    this.epoch = null;
    this.seq = -1;
    this.ready = false;      // a snapshot (or catch-up) has been applied and frames may follow directly
    this.syncing = false;    // a snapshot or since request is in flight; frames wait in `pending`
    this.pending = [];
    this.denied = false;
  }
}

class Bus {
  constructor() {
    this.streams = new Map();
    this.status = 'connecting';
    this.lastUpdate = null;
    this.socket = null;
    this.webSocketFailures = 0;
    this.attempt = 0;
    this.pingTimer = null;
    this.reconnectTimer = null;
    this.stopped = false;
    this.heardAt = 0;
    setInterval(() => this.updateStatus(), 5_000);
  }

  /** Starts showing `name` to `handlers`; returns the function that stops it. */
  watch(name, handlers, { notices = false } = {}) {
    let stream = this.streams.get(name);
    const fresh = !stream;
    if (fresh) {
      stream = new Stream(name, notices);
      this.streams.set(name, stream);
    }
    stream.watchers.set(handlers, { ready: false, buffer: [] });
    if (fresh) {
      this.connect();
      this.register(stream);
    } else if (stream.ready && stream.notices) {
      stream.watchers.get(handlers).ready = true;
      handlers.snapshot?.(null);
    } else if (stream.ready) {
      // Another view already keeps it current: this one starts from a snapshot of its own.
      this.snapshotFor(stream, handlers);
    } else if (stream.denied) {
      handlers.denied?.();
    }
    // (while the stream is syncing, settle() gives this watcher its snapshot)
    return () => {
      stream.watchers.delete(handlers);
      if (stream.watchers.size === 0 && this.streams.get(name) === stream) {
        this.streams.delete(name);
        this.send({ type: 'unregister', address: name });
      }
    };
  }

  connect() {
    if (this.socket || this.stopped) return;
    const plain = this.webSocketFailures < WEBSOCKET_FAILURES_BEFORE_FALLBACK || typeof SockJS === 'undefined';
    const socket = plain ? this.openWebSocket() : this.openSockJs();
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      if (plain) this.webSocketFailures = 0;
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      for (const stream of this.streams.values()) {
        stream.denied = false;
        this.register(stream);
      }
    };
    // The bridge writes its own frames as binary messages, the hub's answers as text; SockJS hands over strings.
    socket.onmessage = (event) => this.receive(JSON.parse(typeof event.data === 'string' ? event.data : UTF8.decode(event.data)));
    socket.onclose = () => {
      if (plain && !opened) this.webSocketFailures++;
      if (!plain) this.webSocketFailures = 0;
      this.closed(socket);
    };
  }

  openWebSocket() {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/eventbus/websocket`);
    socket.binaryType = 'arraybuffer';
    return socket;
  }

  openSockJs() {
    // eslint-disable-next-line no-undef
    return new SockJS('/eventbus', null, { transports: ['xhr-streaming', 'xhr-polling'] });
  }

  closed(socket) {
    if (this.socket !== socket) return;
    clearInterval(this.pingTimer);
    this.socket = null;
    for (const stream of this.streams.values()) {
      stream.syncing = false;
      stream.ready = false;
    }
    if (this.status === 'signedOut' || this.stopped) return;
    this.setStatus('reconnecting');
    this.retryLater();
  }

  retryLater() {
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)] * (0.75 + Math.random() / 2);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.reconnectIfSignedIn(), delay);
  }

  /** A socket the hub refused (or closed) may mean the session ended: ask before trying again. */
  async reconnectIfSignedIn() {
    try {
      await api.get('/api/v1/auth/me');
      this.connect();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.signedOut();
      else this.retryLater();
    }
  }

  signedOut() {
    this.setStatus('signedOut');
    this.socket?.close();
  }

  send(message) {
    if (this.socket && this.socket.readyState === 1) this.socket.send(JSON.stringify(message));
  }

  register(stream) {
    stream.ready = false;
    this.send({ type: 'register', address: stream.name });
  }

  receive(message) {
    switch (message.type) {
      case 'registered': {
        // Only now is the socket known to be wanted (a hub may open one and then refuse it): back-off starts over.
        this.attempt = 0;
        const stream = this.streams.get(message.address);
        if (stream) this.sync(stream);
        break;
      }
      case 'rec': {
        const stream = this.streams.get(message.address);
        if (stream) this.onFrame(stream, message.body);
        break;
      }
      case 'err': {
        const stream = message.address ? this.streams.get(message.address) : null;
        if (message.body === 'session_ended') {
          // The hub closes the socket next, and the reconnect asks /auth/me first: the session may live on under a
          // new id (a password change rotates it), in which case the page simply reconnects.
        } else if (stream) {
          // The hub names the stream it refused (the bridge's own, unnamed "rejected" that follows is ignored).
          this.deny(stream);
        } else if (message.body === 'address_already_registered') {
          // Still registered from before: it holds, so catch up as after an acknowledgement.
          for (const s of this.streams.values()) if (!s.ready && !s.syncing && !s.denied) this.sync(s);
        }
        break;
      }
      default:
        break;
    }
  }

  /** After a (re)registration: catch up from where the stream was, or start from a snapshot. */
  async sync(stream) {
    if (stream.notices) {
      stream.watchers.forEach((state, w) => {
        state.ready = true;
        w.snapshot?.(null);
      });
      this.touched();
      this.settle(stream);
      return;
    }
    stream.syncing = true;
    try {
      if (stream.epoch != null) {
        const missed = await api.get(`/api/v1/live/since?stream=${encodeURIComponent(stream.name)}`
          + `&epoch=${encodeURIComponent(stream.epoch)}&seq=${stream.seq}`);
        if (!missed.reset) {
          missed.frames.forEach((frame) => this.apply(stream, frame));
          this.settle(stream);
          return;
        }
      }
      await this.snapshot(stream);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) this.signedOut();
      else if (err instanceof ApiError && (err.status === 403 || err.status === 400)) {
        this.deny(stream);
      } else {
        // The hub is unreachable or failing: drop the socket and let the reconnect loop try again.
        stream.syncing = false;
        this.socket?.close();
      }
    }
  }

  deny(stream) {
    stream.denied = true;
    stream.syncing = false;
    stream.pending = [];
    stream.watchers.forEach((state, w) => w.denied?.());
    this.updateStatus();
  }

  async snapshot(stream) {
    const answer = await api.get(`/api/v1/live/snapshot?streams=${encodeURIComponent(stream.name)}`);
    const frame = answer.streams[stream.name];
    stream.epoch = frame.epoch;
    stream.seq = frame.seq;
    if (stream.name === HEARTBEAT_STREAM) this.heardAt = Date.now();
    stream.watchers.forEach((state, w) => {
      state.ready = true;
      state.buffer = [];
      w.snapshot?.(frame);
    });
    this.touched();
    this.settle(stream);
  }

  /** A watcher that joined a stream already kept current: its own snapshot, then what it buffered meanwhile. */
  async snapshotFor(stream, handlers) {
    try {
      const answer = await api.get(`/api/v1/live/snapshot?streams=${encodeURIComponent(stream.name)}`);
      const frame = answer.streams[stream.name];
      const state = stream.watchers.get(handlers);
      if (!state) return;
      handlers.snapshot?.(frame);
      state.ready = true;
      state.buffer.filter((f) => f.epoch === frame.epoch && f.seq > frame.seq).forEach((f) => handlers.frame?.(f));
      state.buffer = [];
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) handlers.denied?.();
      else setTimeout(() => { if (stream.watchers.has(handlers)) this.snapshotFor(stream, handlers); }, 2_000);
    }
  }

  /** Frames that arrived while syncing, in order; then the stream is live, and late watchers get their snapshot. */
  settle(stream) {
    const waiting = stream.pending.filter((f) => f.epoch === stream.epoch).sort((a, b) => a.seq - b.seq);
    stream.pending = [];
    stream.syncing = false;
    stream.ready = true;
    for (const frame of waiting) this.onFrame(stream, frame);
    if (!stream.notices) stream.watchers.forEach((state, w) => { if (!state.ready) this.snapshotFor(stream, w); });
    this.updateStatus();
  }

  onFrame(stream, frame) {
    if (stream.notices) {
      if (!stream.ready) return; // before the acknowledgement nothing is sent; the page fetches on it anyway
      stream.watchers.forEach((state, w) => w.frame?.(frame));
      this.touched();
      return;
    }
    if (stream.syncing || !stream.ready) {
      stream.pending.push(frame);
      return;
    }
    if (frame.epoch !== stream.epoch) {
      stream.epoch = null; // a new epoch: the history this page knows is gone; the snapshot replaces it
      this.sync(stream);
      return;
    }
    if (frame.seq <= stream.seq) return; // already applied (it came through since)
    if (frame.seq > stream.seq + 1) {
      stream.pending.push(frame);
      this.sync(stream); // a gap: ask for what is missing
      return;
    }
    this.apply(stream, frame);
  }

  apply(stream, frame) {
    if (frame.seq <= stream.seq) return;
    stream.seq = frame.seq;
    if (stream.name === HEARTBEAT_STREAM) this.heardAt = Date.now();
    stream.watchers.forEach((state, w) => {
      if (state.ready) w.frame?.(frame);
      else state.buffer.push(frame);
    });
    this.touched();
  }

  touched() {
    this.lastUpdate = new Date();
    this.updateStatus();
  }

  updateStatus() {
    if (this.status === 'signedOut') return;
    const connected = this.socket && this.socket.readyState === 1;
    const synced = [...this.streams.values()].every((s) => s.ready || s.denied);
    const heartbeat = this.streams.get(HEARTBEAT_STREAM);
    const silent = heartbeat?.ready && Date.now() - this.heardAt > SILENCE_MS;
    const status = !connected ? (this.socket ? 'connecting' : 'reconnecting') : !synced ? 'connecting' : silent ? 'stale' : 'live';
    this.setStatus(status, status !== this.status || status === 'live');
  }

  setStatus(status, always = false) {
    if (status === this.status && !always) return;
    this.status = status;
    document.dispatchEvent(new CustomEvent('bus:status', { detail: { status, lastUpdate: this.lastUpdate } }));
  }
}

export const bus = new Bus();
export default bus;
