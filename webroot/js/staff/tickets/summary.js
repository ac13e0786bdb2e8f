// The open tickets' counts, kept current from ui.tickets for the whole console (admin, supervisor, cs, noc): one
// registration shared by the navigation's breached count and the overview's card. The snapshot carries the summary;
// a frame says tickets changed, and the summary is read again (GET /tickets/summary, at most every half second).
//
//   const store = ticketSummary();
//   const stop = store.subscribe(({ kind }) => …);   // kind: 'summary' | 'denied'
//   store.summary ({"byStatus","bySla","unassigned","mine"} or null), store.ready, store.denied
import { bus } from '../../bus.js';
import { api } from '../../api.js';

let store = null;

export function ticketSummary() {
  store ??= createStore();
  return store;
}

function createStore() {
  const listeners = new Set();
  const state = { summary: null, ready: false, denied: false, counts: null };
  const emit = (kind) => listeners.forEach((listener) => listener({ kind }));
  let timer = 0;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        state.summary = await api.get('/api/v1/tickets/summary');
        state.ready = true;
        emit('summary');
      } catch {
        // the next frame tries again
      }
    }, 500);
  };
  bus.watch('ui.tickets', {
    snapshot(frame) {
      state.denied = false;
      if (frame.data?.summary) {
        state.summary = { ...frame.data.summary, mine: frame.data.summary.mine ?? state.summary?.mine };
        state.ready = true;
        emit('summary');
      }
      // The stream's summary is everyone's; "mine" is the reader's own count, which only /summary knows.
      refresh();
    },
    frame(frame) {
      state.counts = frame.data?.counts ?? null;
      refresh();
    },
    denied() {
      state.denied = true;
      emit('denied');
    },
  });
  return {
    get summary() { return state.summary; },
    get ready() { return state.ready; },
    get denied() { return state.denied; },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
