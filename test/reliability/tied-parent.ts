// Fixture of child-processes.test.ts: a parent that starts the program given on its command line through
// the tied spawner, prints "child <pid>" once it is ready, and then waits to be killed.
import { startProgram } from '../../common/child-process';

const [ready, ...command] = process.argv.slice(2);
const child = await startProgram(process.execPath, command, { name: 'the child', ready: new RegExp(ready!), env: { ...process.env, NODE_OPTIONS: '' } });
process.stdout.write(`child ${child.pid}\n`);
setInterval(() => undefined, 60_000);
