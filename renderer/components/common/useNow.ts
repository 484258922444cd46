// The current time for display, ticking once a minute; one shared timer for every subscriber.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = new Date().toISOString();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = new Date().toISOString();
      for (const l of listeners) l();
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

export function useNow(): string {
  return useSyncExternalStore(subscribe, () => now);
}
