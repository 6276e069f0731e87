import type * as vscode from 'vscode';
import { redactSecrets, type Logger } from '../../core/index';

/** The core's Logger on the "Switchboard" log output channel; every line goes through the core's redaction. */
export function createOutputLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    info: (message) => channel.info(redactSecrets(message)),
    warn: (message) => channel.warn(redactSecrets(message)),
    error: (message) => channel.error(redactSecrets(message)),
    debug: (message) => channel.debug(redactSecrets(message)),
  };
}
