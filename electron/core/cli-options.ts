// The workstation's command-line options, shared by the browser host entry and `npm start`:
// --headless, --port, --service, --profile and the sync tuning knobs. Pure parsing; bad input is an
// OptionsError with a message for people (callers exit with status 2).
export interface WorkstationOptions {
  headless: boolean;
  /** Port of the browser host; 0 picks a free one. */
  port: number;
  /** The review service URL; null: the embedded demo (npm start) or the stored setting. */
  service: string | null;
  /** Profile folder; null: the per-user default. */
  profile: string | null;
  /** Mutations per push request. */
  pushBatch: number | null;
  /** Milliseconds between sync cycles. */
  syncInterval: number | null;
  /** Milliseconds a new action waits before it may be pushed (its undo window); null: the default. */
  undoWindow: number | null;
  help: boolean;
}

export class OptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionsError';
  }
}

export const USAGE = `Options:
  --headless          do not open a window; print "workstation ready at <url>" and serve it
  --port <n>          port of the browser host on 127.0.0.1 (default 0: a free port)
  --service <url>     the review service (default: the embedded demo service)
  --profile <dir>     the workstation's data folder (default: a per-user folder)
  --push-batch <n>    actions per push request (default 100)
  --sync-interval <ms> pause between sync cycles (default 30000)
  --undo-window <ms>  how long a new action can be undone before it is sent (default 10000)
  --help              this text`;

function int(name: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new OptionsError(`${name} needs a whole number, got ${raw === undefined ? 'nothing' : `"${raw}"`}`);
  const n = Number(raw);
  if (n < min || n > max) throw new OptionsError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseOptions(argv: readonly string[]): WorkstationOptions {
  const o: WorkstationOptions = { headless: false, port: 0, service: null, profile: null, pushBatch: null, syncInterval: null, undoWindow: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i]!.startsWith('--') && argv[i]!.includes('=')
        ? [argv[i]!.slice(0, argv[i]!.indexOf('=')), argv[i]!.slice(argv[i]!.indexOf('=') + 1)]
        : [argv[i]!, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--headless':
        o.headless = true;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      case '--port':
        o.port = int('--port', value(), 0, 65535);
        break;
      case '--push-batch':
        o.pushBatch = int('--push-batch', value(), 1, 500);
        break;
      case '--sync-interval':
        o.syncInterval = int('--sync-interval', value(), 100, 86_400_000);
        break;
      case '--undo-window':
        o.undoWindow = int('--undo-window', value(), 0, 600_000);
        break;
      case '--service': {
        const v = value();
        let url: URL;
        try {
          url = new URL(v ?? '');
        } catch {
          throw new OptionsError(`--service needs an http(s) URL, got ${v === undefined ? 'nothing' : `"${v}"`}`);
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OptionsError(`--service needs an http(s) URL, got "${v}"`);
        o.service = url.origin + url.pathname.replace(/\/+$/, '');
        break;
      }
      case '--profile': {
        const v = value();
        if (!v || v.startsWith('--')) throw new OptionsError('--profile needs a folder');
        o.profile = v;
        break;
      }
      default:
        throw new OptionsError(`unknown option "${argv[i]}"`);
    }
  }
  return o;
}
