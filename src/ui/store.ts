import { printableDeep } from "../present/printable.js";
import type { Scrubber } from "../secrets/scrubber.js";
import type { Intent } from "../events/intents.js";

/** A pure reducer; `at` is the time the action arrived (ms), so time never hides in the reducer. */
export type Reducer<S, A> = (state: S, action: A, at: number) => S;

/**
The one channel between the controller and the UI (docs/ui.md).
The controller pushes events; components read the state with `useSyncExternalStore`; the UI
sends intents back, which the controller listens to. Subscribing late loses nothing: the state
already holds every event folded in.
*/
export type Store<S, E> = {
  getState: () => S;
  /** Controller → UI: fold an event into the state. Pass as the core's `emit`. */
  push: (event: E) => void;
  subscribe: (listener: () => void) => () => void;
  /** UI → controller: the reducer sees the intent first (e.g. to show "Stopping…"), then listeners. */
  send: (intent: Intent) => void;
  onIntent: (listener: (intent: Intent) => void) => () => void;
};

export type StoreOptions = {
  /**
  Clock for `at`.
  @default Date.now
  */
  now?: () => number;
  /**
  Scrubs every string of every pushed event before it reaches the state, so a seed that slipped
  into an event message is never rendered. Intents are not scrubbed: they go to the controller.
  */
  scrubber?: Scrubber | undefined;
};

export function createStore<S, E>(
  reduce: Reducer<S, E | Intent>,
  initial: S,
  options: StoreOptions = {},
): Store<S, E> {
  const now = options.now ?? Date.now;
  const scrubber = options.scrubber;
  let state = initial;
  const listeners = new Set<() => void>();
  const intentListeners = new Set<(intent: Intent) => void>();

  const apply = (action: E | Intent): void => {
    const next = reduce(state, action, now());
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    getState: () => state,
    // Events carry serials, UPNs and servers' messages: scrubbed, and no control character drawn.
    push: (event) =>
      apply(printableDeep(scrubber === undefined ? event : scrubber.scrubDeep(event))),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (intent) => {
      apply(intent);
      for (const listener of [...intentListeners]) listener(intent);
    },
    onIntent: (listener) => {
      intentListeners.add(listener);
      return () => intentListeners.delete(listener);
    },
  };
}
