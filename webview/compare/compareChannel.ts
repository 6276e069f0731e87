/** The compare panel's side of the message channel, typed by the compare protocol. */
import type { HostToWebview, WebviewToHost } from '../../src/shared/compare/protocol';
import { channel } from '../common/vscodeApi';

export const { post, onHostMessage } = channel<WebviewToHost, HostToWebview>();
