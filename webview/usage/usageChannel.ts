/** The usage view's side of the message channel, typed by the usage protocol. */
import type { HostToUsage, UsageToHost } from '../../src/shared/usage/protocol';
import { channel } from '../common/vscodeApi';

export const { post, onHostMessage } = channel<UsageToHost, HostToUsage>();
