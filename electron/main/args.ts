// The Electron shell's command-line options, pure: --service <url> and --profile <dir> (as npm start
// passes them); Chromium's and Electron's own switches are left alone.
export interface ShellArgs {
  service: string | null;
  profile: string | null;
}

export function shellArgs(argv: readonly string[]): ShellArgs {
  const out: ShellArgs = { service: null, profile: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    for (const name of ['service', 'profile'] as const) {
      if (a === `--${name}` && argv[i + 1] !== undefined) out[name] = argv[++i]!;
      else if (a.startsWith(`--${name}=`)) out[name] = a.slice(name.length + 3);
    }
  }
  if (out.service !== null) {
    try {
      const u = new URL(out.service);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') out.service = null;
    } catch {
      out.service = null;
    }
  }
  return out;
}
