// Attributes a figure's time to the service: while recording, every fetch this process makes (the
// core's service client uses the global fetch) is timed from the request until its body was read,
// per route. What is left of the figure's time is the workstation's own work. Observation only.

export interface RouteTiming {
  /** "POST /api/v1/mutations"; ids and hashes in the path are replaced by ":id". */
  route: string;
  count: number;
  /** Summed over the route's requests (several in flight count several times). */
  ms: number;
  /** Wall-clock time with at least one of the route's requests in flight. */
  wallMs: number;
  bytes: number;
}

const BODY_READERS = ['text', 'json', 'arrayBuffer', 'blob'] as const;

function routeOf(method: string, url: string): string {
  const p = new URL(url).pathname.replace(/\/[0-9a-f]{64}$/, '/:sha256').replace(/\/(CLM|PULL|PUSH|LEASE|BQ|lease)-[^/]+/g, '/:id');
  return `${method.toUpperCase()} ${p}`;
}

/** Runs `fn` with fetch timed; returns its result and the time spent per route. */
export async function withFetchTiming<T>(fn: () => Promise<T>): Promise<{ value: T; routes: RouteTiming[] }> {
  const original = globalThis.fetch;
  const routes = new Map<string, RouteTiming>();
  const spans = new Map<string, [number, number][]>();
  const add = (route: string, start: number, bytes: number) => {
    const end = performance.now();
    const r = routes.get(route) ?? { route, count: 0, ms: 0, wallMs: 0, bytes: 0 };
    r.count++;
    r.ms += end - start;
    r.bytes += bytes;
    routes.set(route, r);
    spans.set(route, [...(spans.get(route) ?? []), [start, end]]);
  };
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const route = routeOf(init?.method ?? (input instanceof Request ? input.method : 'GET'), url);
    const start = performance.now();
    const res = await original(input, init);
    for (const name of BODY_READERS) {
      const read = (res[name] as () => Promise<unknown>).bind(res);
      Object.defineProperty(res, name, {
        value: async () => {
          const body = await read();
          const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body instanceof ArrayBuffer ? body.byteLength : 0;
          add(route, start, bytes);
          return body;
        },
      });
    }
    return res;
  };
  try {
    const value = await fn();
    for (const r of routes.values()) r.wallMs = unionMs(spans.get(r.route) ?? []);
    return { value, routes: [...routes.values()].sort((a, b) => b.ms - a.ms) };
  } finally {
    globalThis.fetch = original;
  }
}

/** The length of the union of time spans. */
function unionMs(spans: [number, number][]): number {
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

/** Time waiting on the service (sum over routes), for figure details. */
export const serviceMs = (routes: readonly RouteTiming[]): number => routes.reduce((s, r) => s + r.ms, 0);
