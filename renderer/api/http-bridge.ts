// The browser-host transport of the workstation API: POST /rpc/<method> and one EventSource for events,
// both authenticated by the launch's session cookie (or a bearer key for callers outside a browser). It validates inputs and outputs with the contract's schemas,
// and reports whether the host still answers (its event stream open, its calls reaching it); no logic.
import {
  PROBLEM_TYPES,
  Problem,
  WorkstationError,
  WorkstationEvent,
  workstationApi,
  type MethodInput,
  type MethodOutput,
  type WorkstationBridge,
  type WorkstationMethod,
} from '../../shared/contracts';

const transportProblem = (status: number, detail: string): Problem => ({
  type: status === 401 ? PROBLEM_TYPES.unauthorized : PROBLEM_TYPES.internal,
  title: status === 0 ? 'Workstation unreachable' : 'Workstation error',
  status,
  detail,
});

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text();
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: fall through to a generic problem naming the status
  }
  return transportProblem(res.status, `${res.status} ${res.statusText}`.trim());
}

export function createHttpBridge(key: string | null = null, origin = ''): WorkstationBridge {
  const listeners = new Set<(event: WorkstationEvent) => void>();
  const linkListeners = new Set<(linked: boolean) => void>();
  let source: EventSource | null = null;
  let linked = true;
  // The host died (or restarted with another key) when its event stream drops or a call cannot reach it.
  const setLinked = (now: boolean) => {
    if (now === linked) return;
    linked = now;
    for (const listener of linkListeners) listener(now);
  };

  const openEvents = () => {
    source = new EventSource(`${origin}/events`, { withCredentials: origin !== '' });
    const opened = source;
    source.onopen = () => setLinked(true);
    source.onerror = () => {
      if (opened.readyState !== EventSource.OPEN) setLinked(false);
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = WorkstationEvent.safeParse(data);
      if (!parsed.success) {
        console.warn('Ignoring a malformed workstation event', parsed.error.issues[0]);
        return;
      }
      for (const listener of listeners) listener(parsed.data);
    };
  };

  return {
    async invoke<M extends WorkstationMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const schema = workstationApi[method];
      const checked = schema.input.safeParse(input);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new WorkstationError({
          type: PROBLEM_TYPES.validation,
          title: 'Invalid input',
          status: 400,
          detail: `${method}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim(),
          field: issue?.path.join('.'),
        });
      }
      let res: Response;
      try {
        res = await fetch(`${origin}/rpc/${method}`, {
          method: 'POST',
          headers: key ? { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` } : { 'Content-Type': 'application/json' },
          body: JSON.stringify(checked.data),
          cache: 'no-store',
        });
      } catch (error) {
        setLinked(false);
        throw new WorkstationError(transportProblem(0, error instanceof Error ? error.message : String(error)));
      }
      setLinked(true);
      if (!res.ok) throw new WorkstationError(await readProblem(res));
      const body: unknown = await res.json();
      const output = schema.output.safeParse(body);
      if (!output.success) {
        const issue = output.error.issues[0];
        throw new WorkstationError({
          type: PROBLEM_TYPES.internal,
          title: 'Unexpected response',
          status: 502,
          detail: `${method} answered outside its contract at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`,
        });
      }
      return output.data as MethodOutput<M>;
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
