/** The leaderboard page's side of the message channel, typed by the leaderboard protocol. */
import type { HostToWebview, WebviewToHost } from '../../src/shared/leaderboard/protocol';
import { channel } from '../common/vscodeApi';

export const { post, onHostMessage } = channel<WebviewToHost, HostToWebview>();
