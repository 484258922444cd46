// A reviewer whose machine is being replaced moves their unsynced work from Settings: export on the old
// workstation, import on the new one. The service then has each action exactly once, even when the old
// workstation comes back and pushes the same actions too.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, type TestBrowser } from '../support/browser';
import { serviceReader, submitClaims } from '../support/claims';
import { startTestService, type TestService } from '../support/service';
import { startWorkstation, type RunningWorkstationProcess } from '../support/workstation';
import { startLink, type Link } from '../core/link';
import { ensureRendererBuilt } from './helpers';

describe('moving unsynced work to another workstation', () => {
  let service: TestService;
  let link: Link;
  let oldMachine: RunningWorkstationProcess;
  let newMachine: RunningWorkstationProcess;
  let browser: TestBrowser;
  let claimId: string;
  const text = `Please add the signed acknowledgement page (${randomUUID().slice(0, 8)}).`;

  beforeAll(async () => {
    ensureRendererBuilt();
    service = await startTestService({ demoClaims: 0 });
    [claimId] = await submitClaims(service.url, 1);
    link = await startLink(service.url);
    oldMachine = await startWorkstation({ serviceUrl: link.url });
    await oldMachine.rpc('session.login', { username: 'rev1', password: 'demo' });
    await oldMachine.rpc('queue.pull', { size: 1 });
    link.cut = true;
    await oldMachine.rpc('review.comment', { claimId: claimId!, text });
    newMachine = await startWorkstation({ serviceUrl: service.url });
    await newMachine.rpc('session.login', { username: 'rev1', password: 'demo' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await oldMachine?.cleanup();
    await newMachine?.cleanup();
    await link?.close();
    await service?.stop();
  });

  it('exports the unsynced actions from Settings and imports them on the new workstation, applied once', async () => {
    const { page } = browser;
    await page.goto(oldMachine.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const exportButton = page.getByRole('button', { name: 'Export 1 unsynced action' });
    await exportButton.waitFor();
    await screenshot(page, '11-settings-move-unsynced-work');
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const file = await download.path();

    await page.goto(newMachine.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Import unsynced actions from a file').setInputFiles(file);
    await page.getByText('Imported 1 actions (0 already here).').waitFor();

    await newMachine.rpc('sync.run', {});
    const reader = await serviceReader(service.url);
    const comments = async () => (await reader.claim(claimId)).comments.filter((c) => c.text === text);
    expect(await comments()).toHaveLength(1);

    // The old machine comes back: the exported action stays visible there but is never pushed from it.
    link.cut = false;
    await oldMachine.rpc('sync.run', {});
    expect((await oldMachine.rpc('sync.status', {})).pending).toBe(1);
    expect(await comments()).toHaveLength(1);
  });
});
