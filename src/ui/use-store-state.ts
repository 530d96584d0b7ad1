import { useSyncExternalStore } from "react";
import type { Store } from "./store.js";

/** The store's current state; re-renders on every change. */
export function useStoreState<S, E>(store: Store<S, E>): S {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
