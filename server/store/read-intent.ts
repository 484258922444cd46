// Marks work that only reads (GET routes): a store may then open read-only transactions that take no
// row locks. One AsyncLocalStorage flag, set by the HTTP layer around a handler, read by the store.
import { AsyncLocalStorage } from 'node:async_hooks';

const reading = new AsyncLocalStorage<boolean>();

/** Runs `fn` with every transaction it opens marked read-only. */
export const runReading = <T>(fn: () => Promise<T>): Promise<T> => reading.run(true, fn);

/** True inside runReading. */
export const isReading = (): boolean => reading.getStore() === true;
