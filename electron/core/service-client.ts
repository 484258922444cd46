// The workstation's HTTP client of the review service, generated from the one route table
// (shared/contracts/service-api): typed calls, bearer token, problem documents as errors, and
// "offline" (unreachable, timed out, gateway down) told apart from the service saying no and from a network
// configuration problem (certificate, proxy). The host gives it its fetch (Electron: Chromium's net.fetch).
import {
  PROBLEM_TYPES,
  Problem,
  problemOf,
  routePath,
  serviceApi,
  type RouteBody,
  type RouteDef,
  type RouteName,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '../../shared/contracts';
import { classifyNetworkFailure, peerCertificate, retryAfterMs, type CertificateNames, type ConfigurationKind } from './network-problems';

/** The service could not be reached: the workstation works on, offline. */
export class OfflineError extends Error {
  /**
   * @param delivered false when the request certainly never reached the service (no connection, or a
   *   gateway said the service is unavailable); true when it may have (cut off or timed out mid-way).
   */
  constructor(
    message: string,
    readonly delivered = true,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'OfflineError';
  }
}

/** Connection failures that happen before a single byte of the request left this machine. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT']);

/** The service answered with a problem document. */
export class ServiceError extends Error {
  /** @param retryAfterMs the wait the service asked for (Retry-After on 429 and 503), when it did. */
  constructor(
    readonly problem: Problem,
    readonly retryAfterMs: number | null = null,
  ) {
    super(problem.detail);
    this.name = 'ServiceError';
  }
}

export const NETWORK_CONFIGURATION_PROBLEM = PROBLEM_TYPES.networkConfiguration;

/**
 * The request could not be made as this computer's network is set up: a certificate it does not trust
 * (TLS inspection, a self-signed service), a TLS failure, or a proxy that refused or cannot be reached.
 * Not "offline": retrying changes nothing until IT fixes the setup, and the message says what to tell them.
 */
export class NetworkConfigurationError extends ServiceError {
  constructor(
    readonly kind: ConfigurationKind,
    readonly code: string,
    readonly certificate: CertificateNames | null,
    detail: string,
  ) {
    super(problemOf('networkConfiguration', detail));
    this.name = 'NetworkConfigurationError';
  }
}

async function configurationError(base: string, kind: ConfigurationKind, code: string, why?: string): Promise<NetworkConfigurationError> {
  const certificate = kind === 'proxy' ? null : await peerCertificate(base);
  const cert = certificate ? ` (subject ${certificate.subject}; issued by ${certificate.issuer})` : '';
  const detail =
    kind === 'certificate'
      ? `The review service at ${base} presented a certificate this computer does not trust${cert}: ${code}. This is a network configuration problem, not being offline: ask IT to install the issuing certificate authority, or check the service URL.`
      : kind === 'tls'
        ? `A secure connection to the review service at ${base} could not be made${cert}: ${code}. Check the service URL (https or http) and the network's TLS inspection.`
        : `The proxy refused or could not carry the connection to the review service at ${base}: ${why ?? code}. This is a network configuration problem: check the proxy settings (HTTPS_PROXY, NO_PROXY or the system's).`;
  return new NetworkConfigurationError(kind, code, certificate, detail);
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

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

async function answeredProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: described below
  }
  return { type: PROBLEM_TYPES.internal, title: res.statusText || 'Error', status: res.status, detail: text.slice(0, 500) || `HTTP ${res.status}` };
}

export function createServiceClient(baseUrl: string, options: { timeoutMs?: number; fetch?: FetchLike } = {}): ServiceClient {
  const base = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

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
      res = await fetchFn(url, { method: route.method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) {
        const wait = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers.get('retry-after')) : null;
        if (GATEWAY_DOWN.has(res.status)) throw new OfflineError(`the review service at ${base} is unavailable (HTTP ${res.status})`, res.status !== 503, wait);
        throw new ServiceError(await answeredProblem(res), wait);
      }
      payload = route.response === 'binary' ? await res.arrayBuffer() : await res.text();
    } catch (error) {
      if (error instanceof ServiceError || error instanceof OfflineError) throw error;
      const misconfigured = classifyNetworkFailure(error);
      if (misconfigured) throw await configurationError(base, misconfigured.kind, misconfigured.code, misconfigured.message);
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new OfflineError(`cannot reach the review service at ${base}: ${describe(error)}`, !NOT_CONNECTED.has(code ?? ''));
    }
    if (route.response === 'binary') return new Uint8Array(payload as ArrayBuffer) as RouteResponse<N>;
    const parsed = route.response.safeParse(payload === '' ? {} : JSON.parse(payload as string));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `The review service answered ${route.method} ${route.path} with a body outside the contract (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
      );
    }
    return parsed.data as RouteResponse<N>;
  }

  return { baseUrl: base, call };
}

export const isOffline = (error: unknown): error is OfflineError => error instanceof OfflineError;
