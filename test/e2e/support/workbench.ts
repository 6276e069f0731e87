// Drives code-server's workbench from Playwright: one fresh browser context per Workbench (so no keys, no state).
//
//   const workbench = useWorkbench();              // in a describe(): opens before, closes after each test
//   it('...', async () => { await workbench().openSwitchboard(); ... });
//
// Never sleeps: every helper waits for a condition with a timeout.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { repoRoot } from '../../../scripts/rig/codeServer';
import { rig } from './rig';

/** Where screenshots go (created on demand; ignored by git). */
export const screenshotDir = path.join(repoRoot, 'artifacts', 'screenshots');

/**
 * Copies a screenshot to media/screenshots/<name> for the README, only when SWITCHBOARD_README_SCREENSHOTS is set:
 * the committed images change when asked, not on every run (that would leave the tree modified).
 */
export function copyForReadme(file: string, name: string): void {
  if (!process.env.SWITCHBOARD_README_SCREENSHOTS) return;
  const readmeShot = path.join(repoRoot, 'media', 'screenshots', name);
  fs.mkdirSync(path.dirname(readmeShot), { recursive: true });
  fs.copyFileSync(file, readmeShot);
}

/** The Switchboard activity-bar entry (its <li> has an empty aria-label; the <a> class carries the container id). */
export const activityBarIcon = '.activitybar a.action-label[class*="workbench-view-extension-switchboard"]';

/** The content frame of a webview view (sidebar) vs. a webview panel (editor area). */
const viewFrame = 'iframe.webview[src*="purpose=webviewView"]';

export interface OpenOptions {
  /** Extra `?payload=` entries for the workbench URL. */
  payload?: Array<[string, string]>;
  viewport?: { width: number; height: number };
  /**
   * User settings written before the workbench opens (restored after the test), for a scenario that needs them
   * from its first moment: an edit while the window is open can take long to reach code-server's extension host.
   */
  settings?: Record<string, unknown>;
}

/** `text` as a literal inside a RegExp (model ids hold '.', '/' and ':'). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class Workbench {
  /** Browser console errors seen so far (offline-gallery noise filtered out). */
  readonly consoleErrors: string[] = [];
  /** Requests the page could not complete (error and URL). */
  readonly failedRequests: string[] = [];

  private constructor(readonly context: BrowserContext, readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (/open-vsx\.org|vsda|ENOTFOUND/.test(text)) return;
      this.consoleErrors.push(text.split('\n')[0]!);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`pageerror: ${error.message}`));
    // Failed loads name their URL here (the console line does not): anything off 127.0.0.1 is a bug to look at.
    page.on('requestfailed', (request) => {
      this.failedRequests.push(`${request.failure()?.errorText ?? 'failed'} ${request.url().slice(0, 200)}`);
    });
  }

  /** Opens the workbench in a fresh browser context and waits until it is ready. */
  static async open(options: OpenOptions = {}): Promise<Workbench> {
    const { browser, codeServer } = rig();
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    // Never the internet: only the loopback servers of this run may answer (the offline gallery query is refused).
    await context.route((url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const workbench = new Workbench(context, page);
    await page.goto(codeServer.workbenchUrl(options.payload), { waitUntil: 'domcontentloaded' });
    await workbench.waitReady();
    return workbench;
  }

  /** Waits for the workbench, our activity-bar entry (contributions scanned) and the restore barrier. */
  async waitReady(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.locator(activityBarIcon).first().waitFor({ state: 'attached', timeout: 60_000 });
    await this.page.locator('.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    await this.page.evaluate(async () => {
      const driver = (window as unknown as { driver?: { whenWorkbenchRestored?: () => Promise<void> } }).driver;
      await driver?.whenWorkbenchRestored?.();
    });
  }

  /** Reloads the page (same browser context, so SecretStorage survives) and waits until ready. */
  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'domcontentloaded' });
    await this.waitReady();
  }

  /** The quick input box (command palette, quick picks, input boxes). */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Runs a command by its palette title (e.g. 'Switchboard: Open Chat'); retries while keybindings warm up. */
  async runCommand(title: string): Promise<void> {
    for (let attempt = 1; attempt <= 4; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press(attempt % 2 ? 'F1' : 'Control+Shift+P');
      const opened = await this.quickInput.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
      if (!opened) continue;
      await this.quickInput.fill(`>${title}`);
      const row = this.quickPickRow(title);
      const listed = await row.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
      if (!listed) continue;
      await row.click();
      await this.quickInput.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      return;
    }
    throw new Error(`could not run the command "${title}" from the command palette`);
  }

  /** A row of the open quick pick whose text contains `text`. */
  quickPickRow(text: string | RegExp): Locator {
    return this.page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();
  }

  /** The quick pick row whose description is exactly `id` (a model id: 'x/gpt-4o' is not 'x/gpt-4o-mini'). */
  quickPickRowById(id: string): Locator {
    const exactly = new RegExp(`^${escapeRegExp(id)}$`);
    return this.page.locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-description', { hasText: exactly }) }).first();
  }

  /** Waits for a quick pick, optionally filters it, and picks the row containing `text`. */
  async quickPick(text: string | RegExp, options: { filter?: string; timeout?: number } = {}): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible', timeout: options.timeout ?? 20_000 });
    if (options.filter !== undefined) await this.quickInput.fill(options.filter);
    const row = this.quickPickRow(text);
    await row.waitFor({ state: 'visible', timeout: options.timeout ?? 20_000 });
    await row.click();
  }

  /**
   * Multi-select quick pick (canPickMany): optionally filters, then ticks the row containing `text` and waits until
   * it is checked. The row's checkbox is a `.monaco-checkbox` toggle (role=checkbox), not an <input>.
   */
  async quickPickCheck(text: string | RegExp, options: { filter?: string; timeout?: number } = {}): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible', timeout: options.timeout ?? 20_000 });
    if (options.filter !== undefined) await this.quickInput.fill(options.filter);
    const row = this.quickPickRow(text);
    await row.waitFor({ state: 'visible', timeout: options.timeout ?? 20_000 });
    if ((await row.getAttribute('aria-checked')) !== 'true') await row.locator('.monaco-checkbox').first().click();
    await this.page.locator('.quick-input-widget .monaco-list-row[aria-checked="true"]', { hasText: text })
      .first().waitFor({ state: 'visible', timeout: 5000 });
  }

  /** Accepts the open quick pick (the OK of a multi-select one), like pressing Enter in its box. */
  async quickPickAccept(): Promise<void> {
    await this.quickInput.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /** The labels of the rows the open quick pick currently shows. */
  async quickPickItems(): Promise<string[]> {
    await this.quickInput.waitFor({ state: 'visible', timeout: 20_000 });
    await this.page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible', timeout: 20_000 });
    return (await this.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }

  /** Types into an open input box (e.g. showInputBox) and presses Enter. */
  async submitInput(value: string, timeout = 20_000): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible', timeout });
    await this.quickInput.fill(value);
    await this.quickInput.press('Enter');
  }

  /**
   * Waits for a notification matching `pattern` and returns its text. Toasts are hidden with the smoke-test driver
   * (dev mode), so this reads the Notifications Center there and clears it afterwards.
   */
  async readNotification(pattern: RegExp | string, timeout = 20_000): Promise<string> {
    const smokeDriver = await this.page.evaluate(() => typeof (window as unknown as { driver?: unknown }).driver === 'object');
    if (!smokeDriver) {
      const toast = this.page.locator('.notifications-toasts .notification-toast', { hasText: pattern }).first();
      await toast.waitFor({ state: 'visible', timeout });
      return (await toast.innerText()).replace(/\s+/g, ' ').trim();
    }
    // Opened with the status-bar bell, not the palette: the palette's Escape can cancel a cancellable progress
    // notification (e.g. "Checking the key…") before the message we wait for is shown. The center updates live.
    const center = this.page.locator('.notifications-center');
    const bell = this.page.locator('#status\\.notifications');
    const item = this.page.locator('.notifications-center .notification-list-item', { hasText: pattern }).first();
    // The center may still count as visible while the previous call's close is animating, and then close: so
    // (re)open it whenever it is hidden until the item shows, instead of checking once.
    const deadline = Date.now() + timeout;
    for (;;) {
      if (!(await center.isVisible())) await bell.click().catch(() => undefined);
      try {
        await item.waitFor({ state: 'visible', timeout: 1000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
    const text = (await item.innerText()).replace(/\s+/g, ' ').trim();
    await this.page.locator('.notifications-center-header .action-label[aria-label^="Clear All"]').click().catch(() => undefined);
    if (await center.isVisible()) await bell.click();
    return text;
  }

  /** Shows the Switchboard sidebar (clicking an already active icon would collapse it, so only click when hidden). */
  async openSwitchboard(): Promise<void> {
    const icon = this.page.locator(activityBarIcon).first();
    const active = await icon.evaluate((element) => element.closest('li')?.classList.contains('checked') ?? false);
    if (!active || (await this.page.locator(viewFrame).count()) === 0) {
      if (!active) await icon.click();
    }
    await this.page.locator(viewFrame).first().waitFor({ state: 'attached', timeout: 30_000 });
  }

  /** The chat view's content document (two iframes deep). Open the view first (`openSwitchboard`). */
  chatFrame(): FrameLocator {
    return this.page.frameLocator(viewFrame).first().frameLocator('iframe#active-frame');
  }

  /** The content frame of any webview (view or panel) whose document contains `selector`. */
  async webviewFrameWith(selector: string, timeout = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const frame of this.page.frames()) {
        const found = await frame.$(selector).then((element) => element !== null, () => false);
        if (found) return frame;
      }
      await this.page.waitForEvent('framenavigated', { timeout: 250 }).catch(() => undefined);
    }
    throw new Error(`no webview frame contains ${selector} after ${timeout / 1000} s`);
  }

  /**
   * Saves a PNG of the sidebar (the chat view) down to the bottom of `until` (all of it without) to
   * artifacts/screenshots/<name>.png, with the mouse moved away first (a hover label would cover it); returns its path.
   */
  async sidebarScreenshot(name: string, until?: Locator): Promise<string> {
    await this.page.mouse.move(900, 500);
    fs.mkdirSync(screenshotDir, { recursive: true });
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    if (!sidebar) throw new Error('the sidebar is not shown');
    const last = until ? await until.boundingBox() : null;
    const height = last ? Math.min(sidebar.height, last.y + last.height + 12 - sidebar.y) : sidebar.height;
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, clip: { ...sidebar, height } });
    return file;
  }

  /** Saves a PNG of the page to artifacts/screenshots/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Changes user settings for this test (VS Code applies them without a reload); `useWorkbench` restores the
   * previous settings after the test. A key set to `undefined` is removed.
   */
  updateSettings(patch: Record<string, unknown>): void {
    rig().codeServer.updateSettings(patch);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}

/**
 * Registers beforeEach/afterEach in the calling describe(): a fresh workbench per test, a screenshot named after
 * a failing test, and the context closed afterwards. Returns an accessor for the current workbench.
 */
export function useWorkbench(options: OpenOptions = {}): () => Workbench {
  let current: Workbench | undefined;
  let settingsBefore = '';
  beforeEach(() => {
    settingsBefore = fs.readFileSync(rig().codeServer.settingsFile, 'utf8');
    if (options.settings) rig().codeServer.updateSettings(options.settings);
  });
  beforeEach(async function () {
    this.timeout(90_000);
    current = await Workbench.open(options);
  });
  afterEach(async function () {
    if (!current) return;
    if (process.env.SWITCHBOARD_E2E_VERBOSE && current.failedRequests.length) {
      console.log(`      failed requests:\n        ${current.failedRequests.join('\n        ')}`);
    }
    if (this.currentTest?.state === 'failed') {
      const file = await current.screenshot(`failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
      if (file) console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
      if (current.consoleErrors.length) console.log(`      browser console errors:\n        ${current.consoleErrors.slice(0, 10).join('\n        ')}`);
      if (current.failedRequests.length) console.log(`      failed requests:\n        ${current.failedRequests.slice(0, 10).join('\n        ')}`);
    }
    await current.close();
    current = undefined;
    // A scenario that changed user settings (updateSettings) must not leak them into the next one.
    if (fs.readFileSync(rig().codeServer.settingsFile, 'utf8') !== settingsBefore) {
      fs.writeFileSync(rig().codeServer.settingsFile, settingsBefore);
    }
  });
  return () => {
    if (!current) throw new Error('no workbench: call useWorkbench() inside a describe() and use it inside it()');
    return current;
  };
}
