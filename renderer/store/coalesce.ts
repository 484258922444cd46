// Coalescing a refresh: one run in flight and at most one trailing run, however many ask meanwhile.
// Every caller's promise settles after a run that started after it asked, so it sees fresh data.

export function coalesce(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let trailing: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const p = fn().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    trailing ??= running
      .catch(() => undefined)
      .then(() => {
        trailing = null;
        return start();
      });
    return trailing;
  };
}
