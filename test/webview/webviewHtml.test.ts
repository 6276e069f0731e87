import assert from 'node:assert/strict';
import { renderWebviewHtml, webviewContentSecurityPolicy } from '../../src/shared/webviewHtml';

describe('renderWebviewHtml', function () {
  const options = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123XYZ',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/chat.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/codicon.css'],
    title: 'Chat <Switchboard>',
  };

  it('allows only the nonce for scripts and the extension origin for styles, fonts and images', function () {
    const csp = webviewContentSecurityPolicy(options.cspSource, options.nonce);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123XYZ'(;|$)/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net 'nonce-abc123XYZ'/);
    assert.match(csp, /img-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|data:|\*/);
  });

  it('puts the CSP, the root, the nonce\'d module script and the codicon link id in the page', function () {
    const html = renderWebviewHtml({ ...options, bodyAttributes: { 'data-view': 'chat' } });
    assert.ok(html.includes('<meta http-equiv="Content-Security-Policy"'));
    assert.ok(html.includes('<div id="root"></div>'));
    assert.ok(html.includes(`<script type="module" nonce="abc123XYZ" src="${options.scriptUri}"></script>`));
    assert.ok(html.includes('id="vscode-codicon-stylesheet"'));
    assert.ok(html.includes('<title>Chat &lt;Switchboard&gt;</title>'));
    assert.ok(html.includes('<body data-view="chat">'));
  });

  it('refuses a nonce or body attribute that could break out of the markup', function () {
    assert.throws(() => renderWebviewHtml({ ...options, nonce: `x' 'unsafe-inline` }), /nonce/);
    assert.throws(() => renderWebviewHtml({ ...options, bodyAttributes: { onload: 'pwn()' } }), /attribute/);
    assert.throws(() => renderWebviewHtml({ ...options, bodyAttributes: { 'a b': 'x' } }), /attribute/);
  });

  it('escapes URIs and attribute values', function () {
    const html = renderWebviewHtml({ ...options, scriptUri: 'https://x/a.js"><script>pwn()</script>', bodyAttributes: { 'data-x': '"><b>' } });
    assert.ok(!html.includes('<script>pwn()</script>'));
    assert.ok(html.includes('data-x="&quot;&gt;&lt;b&gt;"'));
  });
});
