/** Real temp folders for ledger tests (the LedgerDirectory port on real files), removed after each test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodeLedgerDirectory } from '../../src/core/ledger/nodeLedgerDirectory';
import type { LedgerDirectory } from '../../src/core/ledger/ledgerDirectory';
import type { NewLedgerRecord } from '../../src/core/ledger/costLedger';

const made: string[] = [];

/** a fresh empty folder and the port on it */
export function tempLedger(): { folder: string; directory: LedgerDirectory } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-ledger-'));
  made.push(folder);
  return { folder, directory: createNodeLedgerDirectory(folder) };
}

/** removes every folder tempLedger made */
export function removeTempLedgers(): void {
  for (const folder of made.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
}

let counter = 0;

/** a request record with sensible defaults (a billed OpenRouter chat reply) */
export function sampleRecord(overrides: Partial<NewLedgerRecord> = {}): NewLedgerRecord {
  counter++;
  return {
    requestId: `request-${counter}`,
    time: Date.UTC(2026, 0, 15, 12, 0, 0),
    workspace: 'switchboard',
    conversationId: 'conversation-1',
    messageId: `message-${counter}`,
    source: 'chat',
    requestedModel: 'openrouter:openai/gpt-4o',
    servedModel: 'openrouter:openai/gpt-4o',
    upstreamProvider: 'OpenAI',
    generationId: `gen-${counter}`,
    tokens: { input: 17, output: 6 },
    cost: { kind: 'billed', microUsd: 103 },
    status: 'ok',
    ...overrides,
  };
}
