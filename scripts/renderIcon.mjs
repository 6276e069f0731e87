// Renders media/icon.png (128x128, the marketplace icon) from media/switchboard.svg with headless Chromium:
// the activity-bar glyph in light strokes on a coloured rounded square. Run after changing the SVG:
//   node scripts/renderIcon.mjs
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const glyph = fs.readFileSync('media/switchboard.svg', 'utf8')
  .replace(/stroke="currentColor"/, 'stroke="#f4f7ff"')
  .replace(/stroke-width="[\d.]+"/, 'stroke-width="1.9"')
  .replace(/width="24" height="24"/, 'width="88" height="88"');
const html = `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:128px;height:128px;border-radius:28px;display:flex;align-items:center;justify-content:center;
  background:linear-gradient(145deg,#3b6fe0 0%,#2446a8 100%)">${glyph}</div></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  await page.screenshot({ path: 'media/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  console.log('wrote media/icon.png (128x128)');
} finally {
  await browser.close();
}
