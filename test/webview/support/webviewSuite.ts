/**
 * The mocha hooks every webview test file needs, declared once: one rig (Chromium + the bundle server) per file, and
 * after each test the pages it opened are checked for what must never happen (an uncaught error, a CSP violation, a
 * request to another origin, a payload that ran) and closed, also when the test failed.
 */
import assert from 'node:assert/strict';
import { WebviewRig, type WebviewPage, type WebviewToHost } from './webviewPage';

/** The views the harness serves. */
export type ViewName = Parameters<WebviewRig['open']>[0];

/** What is checked on every page after each test; all true unless switched off. */
export interface PageChecks {
  /** no uncaught error in the page */
  pageErrors?: boolean;
  /** no CSP violation (off where a test provokes them on purpose) */
  violations?: boolean;
  /** no request left the harness origin */
  foreignRequests?: boolean;
  /** no script smuggled in by the rendered data ran */
  pwned?: boolean;
}

export interface WebviewSuite {
  /** the rig of this file (started in `before`) */
  readonly rig: WebviewRig;
  /** opens a page of `view`; it is checked and closed after the test */
  open(view: ViewName, viewport?: { width: number; height: number }, language?: string): Promise<WebviewPage>;
}

/** Registers the hooks in the enclosing `describe` and returns its rig's opener. */
export function useWebviewRig(checks: PageChecks = {}): WebviewSuite {
  let rig: WebviewRig | undefined;
  const opened: WebviewPage[] = [];

  before(async function () {
    rig = await WebviewRig.start();
  });
  after(async function () {
    await rig?.stop();
  });
  afterEach(async function () {
    const pages = opened.splice(0);
    try {
      for (const page of pages) await assertClean(page, checks);
    } finally {
      for (const page of pages) await page.close();
    }
  });

  const started = (): WebviewRig => {
    if (!rig) throw new Error('the webview rig is not started: open pages inside a test or a beforeEach');
    return rig;
  };
  return {
    get rig() {
      return started();
    },
    async open(view, viewport, language) {
      const page = await started().open(view, viewport, language);
      opened.push(page);
      return page;
    },
  };
}

async function assertClean(page: WebviewPage, checks: PageChecks): Promise<void> {
  if (checks.pageErrors !== false) assert.deepEqual(page.pageErrors, [], 'no uncaught errors in the page');
  if (checks.pwned !== false) assert.deepEqual(await page.pwned(), [], 'no script from the data ran');
  if (checks.violations !== false) assert.deepEqual(await page.violations(), [], 'benign content causes no CSP violation');
  if (checks.foreignRequests !== false) assert.deepEqual(page.foreignRequests, [], 'no request leaves the harness origin');
}

/** A type guard for one kind of posted message: `posted.filter(ofType('chat/send'))`. */
export const ofType = <T extends WebviewToHost['type']>(type: T) =>
  (message: WebviewToHost): message is Extract<WebviewToHost, { type: T }> => message.type === type;
