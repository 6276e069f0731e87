/** The chat view's side of the message channel, typed by the chat protocol. */
import type { HostToWebview, WebviewToHost } from '../../src/shared/chat/protocol';
import { channel } from '../common/vscodeApi';

export const { post, onHostMessage } = channel<WebviewToHost, HostToWebview>();
