/**
 * Serves the two webviews the way VS Code does: a page from `renderWebviewHtml` (the real CSP) loading the
 * real bundles, built with esbuild into a temp dir. The only seam is a nonce'd script standing in for
 * `acquireVsCodeApi` that records what the webview posts, and a set of `--vscode-*` theme variables.
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { renderWebviewHtml } from '../../../src/shared/webviewHtml';

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/** Builds dist-like bundles of both webviews into a fresh temp dir (same options as esbuild.mjs). */
export async function buildWebviews(): Promise<string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-webview-'));
  await esbuild.build({
    absWorkingDir: repositoryRoot,
    entryPoints: { chat: 'webview/chat/main.ts', compare: 'webview/compare/main.ts', leaderboard: 'webview/leaderboard/main.ts', usage: 'webview/usage/main.ts' },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const codicons = path.join(repositoryRoot, 'node_modules', '@vscode', 'codicons', 'dist');
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, file), path.join(outdir, file));
  return outdir;
}

/** Dark+ like values for the variables VS Code injects into every webview. */
const THEME_VARIABLES: Record<string, string> = {
  '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': 'monospace',
  '--vscode-editor-font-size': '13px',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-sideBar-background': '#181818',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-input-placeholderForeground': '#989898',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#026ec1',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-textLink-activeForeground': '#4daafc',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-toolbar-hoverBackground': 'rgba(90, 93, 94, 0.31)',
  '--vscode-icon-foreground': '#cccccc',
  '--vscode-inputValidation-errorBackground': '#5a1d1d',
  '--vscode-inputValidation-errorBorder': '#be1100',
  '--vscode-symbolIcon-keywordForeground': '#569cd6',
  '--vscode-symbolIcon-stringForeground': '#ce9178',
  '--vscode-symbolIcon-numberForeground': '#b5cea8',
  '--vscode-symbolIcon-functionForeground': '#dcdcaa',
  '--vscode-dropdown-background': '#313131',
  '--vscode-dropdown-border': '#3c3c3c',
  '--vscode-dropdown-foreground': '#cccccc',
  '--vscode-list-activeSelectionBackground': '#04395e',
};

/**
 * The stand-in for VS Code's webview preload: `acquireVsCodeApi` (callable once, like the real one) records
 * posted messages in `window.__posted`; `window.__deliver(message)` posts a host message and resolves once it
 * was handled (a marker posted after it arrives after it); `window.pwn(id)` and `alert` record attempts by hostile payloads;
 * CSP violations are collected in `window.__violations`.
 */
function preloadScript(): string {
  return `
window.__posted = [];
window.__pwned = [];
window.__violations = [];
window.pwn = function (id) { window.__pwned.push(String(id)); };
window.alert = function (text) { window.__pwned.push('alert:' + text); };
document.addEventListener('securitypolicyviolation', function (event) {
  window.__violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
});
window.__deliver = function (message) {
  return new Promise(function (resolve) {
    var marker = 'flush-' + Math.random();
    function listener(event) {
      if (!event.data || event.data.marker !== marker) return;
      window.removeEventListener('message', listener);
      resolve();
    }
    window.addEventListener('message', listener);
    window.postMessage(message, '*');
    window.postMessage({ marker: marker }, '*');
  });
};
var acquired = false;
window.acquireVsCodeApi = function () {
  if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
  acquired = true;
  return {
    postMessage: function (message) { window.__posted.push(JSON.parse(JSON.stringify(message))); },
    // like VS Code, the state survives the webview being hidden and reloaded
    getState: function () { var saved = sessionStorage.getItem('vscode-state'); return saved ? JSON.parse(saved) : undefined; },
    setState: function (state) { sessionStorage.setItem('vscode-state', JSON.stringify(state)); },
  };
};`;
}

function themeCss(): string {
  return `html { ${Object.entries(THEME_VARIABLES).map(([name, value]) => `${name}: ${value};`).join(' ')} }`;
}

export interface WebviewServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** URL of the page for `view`; with `language` the page carries that language's bundle, as the host passes it */
  url(view: 'chat' | 'compare' | 'leaderboard' | 'usage', language?: string): string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

/** Starts the page server on 127.0.0.1 (port 0) over the bundles in `bundleDirectory`. */
export async function startWebviewServer(bundleDirectory: string): Promise<WebviewServer> {
  let origin = '';
  const server = http.createServer((request, response) => {
    const requestUrl = new URL(request.url ?? '/', 'http://127.0.0.1');
    const pathname = requestUrl.pathname;
    const language = requestUrl.searchParams.get('language');
    const page = /^\/(chat|compare|leaderboard|usage)\.html$/.exec(pathname);
    if (page) {
      const nonce = crypto.randomBytes(16).toString('base64');
      const html = renderWebviewHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/${page[1]}.js`,
        styleUris: [`${origin}/codicon.css`],
        title: { chat: 'Switchboard Chat', compare: 'Switchboard Compare', usage: 'Switchboard Usage' }[page[1]] ?? page[1],
        // what the host does with vscode.l10n.bundle (src/host/webviews/hostWebview.ts)
        bodyAttributes: language && /^[a-z-]+$/.test(language)
          ? { 'data-view': page[1], 'data-l10n': fs.readFileSync(path.join('l10n', `bundle.l10n.${language}.json`), 'utf8') }
          : { 'data-view': page[1] },
      }).replace('<div id="root">',
        `<style nonce="${nonce}">${themeCss()}</style>\n    <script nonce="${nonce}">${preloadScript()}</script>\n    <div id="root">`);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
      return;
    }
    const file = path.join(bundleDirectory, path.basename(pathname));
    const type = CONTENT_TYPES[path.extname(file)];
    if (!type || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (view, language) => `${origin}/${view}.html${language ? `?language=${language}` : ''}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
