/** Entry of the sidebar chat webview (dist/webview/chat.js). */
import baseCss from '../common/base.css';
import { adoptStyles } from '../common/dom';
import { warmUpRendering } from '../common/warmUp';
import { onHostMessage, post } from './chatChannel';
import { ChatApp } from './chatApp';
import chatCss from './chat.css';

adoptStyles(baseCss, chatCss);
const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
const app = new ChatApp(root);
onHostMessage((message) => app.handle(message));
post({ type: 'webview/ready' });
warmUpRendering();
