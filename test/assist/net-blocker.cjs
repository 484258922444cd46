// Preloaded (NODE_OPTIONS=--require) into a child process and every worker thread it starts: any
// attempt to reach the network throws and is counted in the file named by NET_BLOCKER_LOG.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (NODE_OPTIONS=--require) */
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const { isMainThread } = require('node:worker_threads');
const log = (line) => fs.appendFileSync(process.env.NET_BLOCKER_LOG, `${line}\n`);
log(`loaded ${isMainThread ? 'main' : 'worker'}`);
const refuse = (what) =>
  function () {
    log(`blocked ${what}`);
    throw new Error(`network use is blocked in this test (${what})`);
  };
const connect = net.Socket.prototype.connect;
// local IPC (a pipe or Unix socket path, as tsx and the test runner use) stays allowed; TCP does not
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const ipc = typeof first === 'string' ? !/^\d+$/.test(first) : first && typeof first === 'object' && typeof first.path === 'string';
  return ipc ? connect.apply(this, args) : refuse('net.connect')();
};
dns.lookup = refuse('dns.lookup');
globalThis.fetch = refuse('fetch');
