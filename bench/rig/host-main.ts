// Entry of the bench's browser host process: the workstation's own runBrowserHost (core + host in
// one process, exactly as `electron/browser-host/main.ts` runs them), serving a renderer build the
// bench made for itself (--renderer <dir>), so a bench never touches the shared dist/ folder.
import { closeOnSignals, exitWithParent } from '../../common/parent-watch';
import { runBrowserHost } from '../../electron/browser-host/main';
import { parseOptions } from '../../electron/core/cli-options';

exitWithParent();
const argv = process.argv.slice(2);
const at = argv.indexOf('--renderer');
if (at < 0 || !argv[at + 1]) {
  process.stderr.write('bench host: --renderer <dir> is required\n');
  process.exit(2);
}
const rendererDir = argv[at + 1]!;
argv.splice(at, 2);
const options = parseOptions(argv);
// A bench host only ever opens the temp profile it was given, never a reviewer's default one.
if (!options.profile || !options.service) {
  process.stderr.write('bench host: --profile and --service are required\n');
  process.exit(2);
}
const running = await runBrowserHost(options, rendererDir);
process.stdout.write(`workstation ready at ${running.host.url}\n`);
closeOnSignals(() => running.close());
