// The workstation's HTTP client of the review service, generated from the one route table
// (shared/contracts/service-api): typed calls, bearer token, problem documents as errors, and
// "offline" (unreachable, timed out, gateway down) told apart from the service saying no.
import {
  PROBLEM_TYPES, Problem, routePath, serviceApi,
  type RouteBody, type RouteDef, type RouteName, type RouteParams, type RouteQuery, type RouteResponse,
} from '../../shared/contracts';

/** The service could not be reached: the workstation works on, offline. */
export class OfflineError extends Error {
  /**
   * @param delivered false when the request certainly never reached the service (no connection, or a
   *   gateway said the service is unavailable); true when it may have (cut off or timed out mid-way).
   */
  constructor(message: string, readonly delivered = true) {
    super(message);
    this.name = 'OfflineError';
  }
}

/** Connection failures that happen before a single byte of the request left this machine. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/** The service answered with a problem document. */
export class ServiceError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ServiceError';
  }
}

export interface CallArgs<N extends RouteName> {
  params?: RouteParams<N>;
  query?: RouteQuery<N>;
  body?: RouteBody<N>;
  token?: string | null;
}

export interface ServiceClient {
  readonly baseUrl: string;
  call<N extends RouteName>(name: N, args?: CallArgs<N>): Promise<RouteResponse<N>>;
}

const GATEWAY_DOWN = new Set([502, 503, 504]);

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'the request timed out';
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

async function problemOf(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: described below
  }
  return { type: PROBLEM_TYPES.internal, title: res.statusText || 'Error', status: res.status, detail: text.slice(0, 500) || `HTTP ${res.status}` };
}

export function createServiceClient(baseUrl: string, options: { timeoutMs?: number } = {}): ServiceClient {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function call<N extends RouteName>(name: N, args: CallArgs<N> = {}): Promise<RouteResponse<N>> {
    const route: RouteDef = serviceApi[name];
    let url = base + routePath(route.path, (args.params ?? {}) as Record<string, string>);
    if (args.query) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(args.query as Record<string, unknown>)) if (v !== undefined && v !== null) qs.set(k, String(v));
      if ([...qs].length > 0) url += `?${qs}`;
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (args.token) headers.authorization = `Bearer ${args.token}`;
    let body: string | Blob | undefined;
    if (args.body !== undefined) {
      if (route.body === 'binary') {
        headers['content-type'] = 'application/octet-stream';
        body = new Blob([args.body as Uint8Array<ArrayBuffer>]);
      } else {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(args.body);
      }
    }
    let res: Response;
    let payload: ArrayBuffer | string;
    try {
      res = await fetch(url, { method: route.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) {
        if (GATEWAY_DOWN.has(res.status)) throw new OfflineError(`the review service at ${base} is unavailable (HTTP ${res.status})`, res.status !== 503);
        throw new ServiceError(await problemOf(res));
      }
      payload = route.response === 'binary' ? await res.arrayBuffer() : await res.text();
    } catch (error) {
      if (error instanceof ServiceError || error instanceof OfflineError) throw error;
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new OfflineError(`cannot reach the review service at ${base}: ${describe(error)}`, !NOT_CONNECTED.has(code ?? ''));
    }
    if (route.response === 'binary') return new Uint8Array(payload as ArrayBuffer) as RouteResponse<N>;
    const parsed = route.response.safeParse(payload === '' ? {} : JSON.parse(payload as string));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`The review service answered ${route.method} ${route.path} with a body outside the contract (${issue?.path.join('.') || 'body'}: ${issue?.message})`);
    }
    return parsed.data as RouteResponse<N>;
  }

  return { baseUrl: base, call };
}

export const isOffline = (error: unknown): error is OfflineError => error instanceof OfflineError;
