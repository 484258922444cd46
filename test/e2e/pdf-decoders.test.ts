// pdf.js's WebAssembly image decoders (JPEG 2000, JBIG2, colour profiles: common in scanned PoEs) are
// served by the workstation itself and may be compiled under its Content Security Policy (which allows
// compiling WebAssembly, never eval: see test/electron). Checked in Chromium against the real browser host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { ensureRendererBuilt } from './helpers';

const DECODERS = ['openjpeg.wasm', 'jbig2.wasm', 'qcms_bg.wasm'];

describe('the PoE viewer in Chromium', () => {
  let service: TestService;
  let workstation: RunningWorkstationProcess;
  let browser: TestBrowser;

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0 });
    workstation = await startWorkstation({ serviceUrl: service.url });
    browser = await launchBrowser();
    await browser.page.goto(workstation.url);
    await browser.page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await workstation?.cleanup();
    await service?.stop();
  });

  it.each(DECODERS)('compiles the bundled %s decoder under the page policy', async (name) => {
    const outcome = await browser.page.evaluate(async (file) => {
      const response = await fetch(`./pdfjs-wasm/${file}`);
      if (!response.ok) return `HTTP ${response.status}`;
      try {
        await WebAssembly.compile(await response.arrayBuffer());
        return 'compiled';
      } catch (error) {
        return String(error);
      }
    }, name);
    expect(outcome).toBe('compiled');
    expect(browser.errors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
  });
});
