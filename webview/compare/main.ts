/** Entry of the compare panel webview (dist/webview/compare.js). */
import baseCss from '../common/base.css';
import { adoptStyles } from '../common/dom';
import { warmUpRendering } from '../common/warmUp';
import { onHostMessage, post } from './compareChannel';
import { CompareApp } from './compareApp';
import compareCss from './compare.css';

adoptStyles(baseCss, compareCss);
const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
const app = new CompareApp(root);
onHostMessage((message) => app.handle(message));
post({ type: 'webview/ready' });
warmUpRendering();
