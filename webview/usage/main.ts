/** Entry of the usage view (dist/webview/usage.js); the only bundle that loads uPlot. */
import uplotCss from 'uplot/dist/uPlot.min.css';
import baseCss from '../common/base.css';
import { adoptStyles } from '../common/dom';
import { onHostMessage, post } from './usageChannel';
import { UsageApp } from './usageApp';
import usageCss from './usage.css';

adoptStyles(baseCss, uplotCss, usageCss);
const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
const app = new UsageApp(root, post);
onHostMessage((message) => app.handle(message));
post({ type: 'webview/ready' });
