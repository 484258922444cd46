// The programs tests and the bench start as child processes, by name: what tools/bundle/build.ts bundles
// and what test/support/programs.ts starts (from the bundle, or through tsx). Kept apart from the build so
// a program that starts another does not load esbuild.
/** The programs that can be bundled: name → entry (relative to the repository). The bench's host and raw endpoint are its tiny run's children in the test suite. */
export const PROGRAMS = {
  service: 'server/main.ts',
  'browser-host': 'electron/browser-host/main.ts',
  'bench-host': 'bench/rig/host-main.ts',
  'raw-server': 'bench/rig/raw-server.ts',
} as const;
export type Program = keyof typeof PROGRAMS;
