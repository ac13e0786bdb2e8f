// The open alerts, kept current from ui.alerts for the whole console: one registration shared by the title's
// "(n)" prefix, the browser notifications, the overview's card and the Aktif view, so switching pages never
// re-fetches the snapshot or misses a change.
//
//   const store = openAlerts();
//   const stop = store.subscribe(({ kind, newlyFiring }) => …);   // kind: 'snapshot' | 'changes' | 'local' | 'denied'
//   store.list(), store.get(id), store.firing, store.ready, store.denied
//
// Snapshot: {"open":[alert…],"firing":n}. Frames: {"changes":[alert + "change","at"],"counts"}: the latest change of each
// alert since the previous frame, applied by id; an alert whose state became resolved or inactive leaves the list.
// Frames say `silenced`/`inhibited` (booleans) where the snapshot says `silencedBy`/`inhibitedBy` (ids): both are kept,
// and `silenced`/`inhibited` are always set, so views read one shape.
import { bus } from '../../bus.js';

const OPEN_STATES = new Set(['pending', 'firing', 'nodata']);

let store = null;

/** The console's one store of open alerts (created, and ui.alerts registered, on first use). */
export function openAlerts() {
  store ??= createStore();
  return store;
}

function normalise(alert, known) {
  const merged = { ...known, ...alert };
  merged.silenced = 'silenced' in alert ? Boolean(alert.silenced) : alert.silencedBy != null || Boolean(known?.silenced);
  merged.inhibited = 'inhibited' in alert ? Boolean(alert.inhibited) : alert.inhibitedBy != null || Boolean(known?.inhibited);
  // A frame names no silence or inhibitor id: keep the one known, drop it once the mark is gone.
  if (!merged.silenced) merged.silencedBy = null;
  if (!merged.inhibited) merged.inhibitedBy = null;
  delete merged.change;
  return merged;
}

/** Newly firing: it fires now and did not before (or was not known), and is not kept quiet by a silence or inhibition. */
function startedFiring(before, after) {
  return after.state === 'firing' && before?.state !== 'firing' && !after.silenced && !after.inhibited;
}

function createStore() {
  const alerts = new Map(); // id → alert
  const listeners = new Set();
  const state = { ready: false, denied: false };

  const emit = (event) => listeners.forEach((listener) => listener(event));

  bus.watch('ui.alerts', {
    snapshot(frame) {
      // A second snapshot (a reconnect, a new epoch) may bring alerts that began firing while the page was away.
      const before = state.ready ? new Map(alerts) : null;
      alerts.clear();
      for (const alert of frame.data.open ?? []) alerts.set(alert.id, normalise(alert));
      state.ready = true;
      state.denied = false;
      const newlyFiring = before ? [...alerts.values()].filter((a) => startedFiring(before.get(a.id), a)) : [];
      emit({ kind: 'snapshot', newlyFiring, changed: [...alerts.keys()] });
    },
    frame(frame) {
      const newlyFiring = [];
      const changed = [];
      for (const change of frame.data.changes ?? []) {
        const known = alerts.get(change.id);
        const next = normalise(change, known);
        changed.push(change.id);
        if (!OPEN_STATES.has(next.state)) {
          alerts.delete(change.id);
          continue;
        }
        if (startedFiring(known, next)) newlyFiring.push(next);
        alerts.set(change.id, next);
      }
      emit({ kind: 'changes', newlyFiring, changed, changes: frame.data.changes ?? [] });
    },
    denied() {
      state.denied = true;
      emit({ kind: 'denied', newlyFiring: [], changed: [] });
    },
  });

  return {
    get ready() { return state.ready; },
    get denied() { return state.denied; },
    /** How many open alerts fire now (pending and nodata ones do not count: nobody is paged for them yet). */
    get firing() { return [...alerts.values()].filter((a) => a.state === 'firing').length; },
    list: () => [...alerts.values()],
    get: (id) => alerts.get(id),
    /** Listens to every change; returns the function that stops listening. */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * What this page just did (an acknowledgement, a resolution), shown at once; the frame that follows from the
     * hub confirms it.
     */
    patch(id, fields) {
      const known = alerts.get(id);
      if (!known) return;
      const next = normalise(fields, known);
      if (OPEN_STATES.has(next.state)) alerts.set(id, next);
      else alerts.delete(id);
      emit({ kind: 'local', newlyFiring: [], changed: [id] });
    },
  };
}
