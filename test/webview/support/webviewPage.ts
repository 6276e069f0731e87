/**
 * Real Chromium around a served webview page: post host messages into it, read what it posted back, and
 * watch every network request (only the harness origin may be contacted).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type * as chat from '../../../src/shared/chat/protocol';
import type * as compare from '../../../src/shared/compare/protocol';
import type * as leaderboard from '../../../src/shared/leaderboard/protocol';
import type * as usage from '../../../src/shared/usage/protocol';

/** what the host may send any page */
type HostToWebview = chat.HostToWebview | compare.HostToWebview | leaderboard.HostToWebview | usage.HostToUsage;
/** what any page may send (chat, compare, leaderboard or usage protocol) */
export type WebviewToHost = chat.WebviewToHost | compare.WebviewToHost | leaderboard.WebviewToHost | usage.UsageToHost;
import { buildWebviews, startWebviewServer, type WebviewServer } from './webviewServer';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Browser and server shared by the tests of one file. */
export class WebviewRig {
  private constructor(readonly browser: Browser, readonly server: WebviewServer) {}

  static async start(): Promise<WebviewRig> {
    const bundles = await buildWebviews();
    const server = await startWebviewServer(bundles);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    return new WebviewRig(browser, server);
  }

  /** Opens a fresh page of `view` (in `language`, English by default) and waits for its `webview/ready`. */
  async open(view: 'chat' | 'compare' | 'leaderboard' | 'usage', viewport = { width: 420, height: 800 }, language?: string): Promise<WebviewPage> {
    const page = await this.browser.newPage({ viewport });
    const webviewPage = new WebviewPage(page, this.server.origin);
    await webviewPage.attach();
    await page.goto(this.server.url(view, language));
    await webviewPage.waitForPosted((message) => message.type === 'webview/ready');
    return webviewPage;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}

export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
}

export class WebviewPage {
  /** every URL the page asked for, in order */
  readonly requests: string[] = [];
  /** requests to anything but the harness origin (aborted before they leave) */
  readonly foreignRequests: string[] = [];
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page, private readonly origin: string) {}

  async attach(): Promise<void> {
    this.page.on('request', (request) => this.requests.push(request.url()));
    this.page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    this.page.on('pageerror', (error) => this.pageErrors.push(error.message));
    await this.page.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${this.origin}/`)) {
        await route.continue();
      } else {
        this.foreignRequests.push(url);
        await route.abort('blockedbyclient');
      }
    });
  }

  /**
   * Delivers a host message the way VS Code does (a message event on the webview window) and returns once
   * the webview handled it: a marker posted right after it arrives after it (messages keep their order).
   */
  async send(message: HostToWebview): Promise<void> {
    await this.page.evaluate((data) => (window as unknown as { __deliver(message: unknown): Promise<void> }).__deliver(data), message);
  }

  async posted(): Promise<WebviewToHost[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; });
  }

  /** Waits until the webview posted a message matching `predicate`, and returns it. */
  async waitForPosted(predicate: (message: WebviewToHost) => boolean, timeoutMs = 5000): Promise<WebviewToHost> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.posted()).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the webview did not post the expected message; it posted ${JSON.stringify(await this.posted())}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async pwned(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __pwned: string[] }).__pwned);
  }

  async violations(): Promise<CspViolation[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: CspViolation[] }).__violations);
  }

  /** Trimmed text of the first element matching `selector`, waiting for it to exist. */
  async text(selector: string): Promise<string> {
    return ((await this.page.locator(selector).first().textContent()) ?? '').trim();
  }

  /** Lets pending frames, error events and resource loads happen before checking that nothing did. */
  async settle(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))));
    await this.page.waitForLoadState('networkidle');
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
