// The Electron shell's security decisions, tested without the Electron runtime: window options, the
// CSP, the app:// origin (file mapping, trusted senders, navigation, requests) and the shell's options.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, isAllowedNavigation, isAllowedRequest, isTrustedSender, mimeType, resolveAppFile } from '../../electron/main/app-protocol';
import { shellArgs } from '../../electron/main/args';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../electron/core/csp';
import { windowOptions } from '../../electron/main/window-options';

describe('the workstation window', () => {
  it('runs the renderer context-isolated and sandboxed, without Node, with web security, and only our preload', () => {
    const o = windowOptions('/app/dist/electron/preload/preload.cjs');
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

  it('allows scripts from the app itself only, and never eval', () => {
    expect(directives.get('script-src')).toContain("'self'");
    for (const values of directives.values()) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values.some((v) => /^(https?:|\*|wss?:)/.test(v) || v.includes('*'))).toBe(false);
    }
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('denies by default, and denies plugins, framing, base and form targets', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    for (const name of ['object-src', 'frame-ancestors', 'base-uri', 'form-action', 'frame-src']) expect(directives.get(name), name).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('is sent with the other security headers', () => {
    expect(SECURITY_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['x-content-type-options']).toBe('nosniff');
  });
});

describe('the app:// origin', () => {
  const root = path.resolve('/app/dist/renderer');

  it('maps URLs to files inside the renderer folder only', () => {
    expect(resolveAppFile('app://workstation/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://workstation/assets/index-abc.js?v=1#x', root)).toBe(path.join(root, 'assets/index-abc.js'));
    // The URL parser folds dot segments (also %2e%2e) inside the root; encoded slashes are decoded after it.
    expect(resolveAppFile('app://workstation/%2e%2e/%2e%2e/etc/passwd', root)).toBe(path.join(root, 'etc/passwd'));
    expect(resolveAppFile('app://workstation/..%2f..%2fetc%2fpasswd', root)).toBeNull();
    expect(resolveAppFile('app://workstation/assets%2f..%2f..%2f..%2fsecret', root)).toBeNull();
    expect(resolveAppFile('app://workstation/a%00b', root)).toBeNull();
    expect(resolveAppFile('app://elsewhere/index.html', root)).toBeNull();
    expect(resolveAppFile('file:///etc/passwd', root)).toBeNull();
    expect(resolveAppFile('not a url', root)).toBeNull();
  });

  it('serves each file type with its media type', () => {
    expect(mimeType('index.html')).toMatch(/^text\/html/);
    expect(mimeType('pdf.worker.min.mjs')).toMatch(/^text\/javascript/);
    expect(mimeType('decoder.wasm')).toBe('application/wasm');
    expect(mimeType('unknown.bin')).toBe('application/octet-stream');
  });

  it('trusts IPC only from frames of the app page', () => {
    expect(isTrustedSender('app://workstation/index.html')).toBe(true);
    expect(isTrustedSender('app://workstation/index.html#/claims/CLM-1')).toBe(true);
    for (const url of [
      'file:///app/dist/renderer/index.html',
      'https://evil.example/',
      'app://evil/index.html',
      'about:blank',
      'data:text/html,x',
      '',
      null,
      undefined,
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });

  it('lets the window navigate nowhere but the app entry', () => {
    expect(isAllowedNavigation(APP_ENTRY)).toBe(true);
    expect(isAllowedNavigation(`${APP_ENTRY}#/queue`)).toBe(true);
    for (const url of ['https://evil.example/', 'app://workstation/other.html', 'file:///etc/passwd', 'javascript:alert(1)'])
      expect(isAllowedNavigation(url), url).toBe(false);
  });

  it('lets the page load nothing remote', () => {
    for (const url of ['app://workstation/assets/a.js', 'data:image/png;base64,AA', 'blob:app://workstation/123'])
      expect(isAllowedRequest(url), url).toBe(true);
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8787/api/v1/health', 'file:///etc/passwd', 'ws://evil.example', 'app://other/x'])
      expect(isAllowedRequest(url), url).toBe(false);
  });
});

describe('the shell options', () => {
  it('takes --service and --profile and ignores Chromium switches', () => {
    expect(shellArgs(['/opt/electron', '.', '--no-sandbox', '--service', 'http://127.0.0.1:8787', '--profile=/tmp/p'])).toEqual({
      service: 'http://127.0.0.1:8787',
      profile: '/tmp/p',
    });
    expect(shellArgs(['/opt/electron', '--service', 'javascript:alert(1)'])).toEqual({ service: null, profile: null });
  });
});
