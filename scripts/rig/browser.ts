// Launches Debian's headless Chromium through playwright-core with the flags that keep it offline and quiet.
import { chromium, type Browser } from 'playwright-core';

/** Chromium binary; override with SWITCHBOARD_CHROMIUM. */
export const chromiumPath = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}
