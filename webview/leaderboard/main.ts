/** Entry of the model leaderboard webview (dist/webview/leaderboard.js). */
import baseCss from '../common/base.css';
import { adoptStyles } from '../common/dom';
import { onHostMessage, post } from './leaderboardChannel';
import { LeaderboardApp } from './leaderboardApp';
import leaderboardCss from './leaderboard.css';

adoptStyles(baseCss, leaderboardCss);
const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
const app = new LeaderboardApp(root, {
  filter: (period, tag) => post({ type: 'leaderboard/filter', period, ...(tag ? { tag } : {}) }),
  exportCsv: () => post({ type: 'leaderboard/exportCsv' }),
});
onHostMessage((message) => {
  if (message.type === 'leaderboard/snapshot') app.render(message.state);
});
post({ type: 'webview/ready' });
