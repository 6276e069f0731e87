/**
 * The one HTML page both webviews (sidebar chat, compare panel) are served in. The host and the webview
 * tests both call it, so the browser tests run under the real Content-Security-Policy.
 * No vscode, no DOM: plain string building with escaping.
 */

export interface WebviewHtmlOptions {
  /** `webview.cspSource` (the origin the webview resources are served from) */
  cspSource: string;
  /** fresh random value per page load; only scripts and styles carrying it run */
  nonce: string;
  /** URI of the ESM bundle (dist/webview/chat.js or compare.js), already through asWebviewUri */
  scriptUri: string;
  /** stylesheets to link; a URI ending in codicon.css gets the id vscode-elements' `vscode-icon` looks for */
  styleUris: string[];
  /** page title, for screen readers */
  title: string;
  /** extra attributes on <body>, e.g. `{ 'data-view': 'chat' }`; names must be plain attribute names */
  bodyAttributes?: Record<string, string>;
}

/** Escapes text for use inside an HTML attribute value or element content. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The Content-Security-Policy of a webview page: nothing but our nonce'd script and the extension's files. */
export function webviewContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "object-src 'none'",
  ].join('; ');
}

const ATTRIBUTE_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]*$/;

/** Renders the full page: CSP meta, stylesheets, `<div id="root">` and the nonce'd module script. */
export function renderWebviewHtml(options: WebviewHtmlOptions): string {
  const { cspSource, nonce, scriptUri, styleUris, title } = options;
  if (!/^[A-Za-z0-9+/=_-]+$/.test(nonce)) throw new Error('renderWebviewHtml: the nonce must be base64 or alphanumeric');
  const links = styleUris
    .map((uri) => {
      const id = /codicon\.css(\?|#|$)/.test(uri) ? ' id="vscode-codicon-stylesheet"' : '';
      return `<link rel="stylesheet"${id} href="${escapeHtml(uri)}" nonce="${nonce}">`;
    })
    .join('\n    ');
  const bodyAttributes = Object.entries(options.bodyAttributes ?? {})
    .map(([name, value]) => {
      if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new Error(`renderWebviewHtml: bad body attribute name ${name}`);
      return ` ${name}="${escapeHtml(value)}"`;
    })
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(webviewContentSecurityPolicy(cspSource, nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>${escapeHtml(title)}</title>
    ${links}
  </head>
  <body${bodyAttributes}>
    <div id="root"></div>
    <script type="module" nonce="${nonce}" src="${escapeHtml(scriptUri)}"></script>
  </body>
</html>
`;
}
