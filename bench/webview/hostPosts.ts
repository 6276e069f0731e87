/**
 * Host-side figures of the webview bench, measured in Node with the host's own code:
 *   posted bytes   what the chat host posts when a send starts and when its reply ends in a 1,000-message
 *                  conversation: full snapshots (before) against what StatePosts chooses (snapshot or update)
 *   history list   ms for a fresh ConversationStore to list 1,000 saved conversations (cold: a new store, files on
 *                  disk), from the index, and with the index removed (the rebuild every first listing paid before)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StatePosts } from '../../src/host/chat/statePosts';
import type { StoredConversation } from '../../src/host/conversations/conversation';
import { INDEX_FILE } from '../../src/host/conversations/conversationIndex';
import { ConversationStore, type ConversationFiles } from '../../src/host/conversations/conversationStore';
import type { ChatViewState } from '../../src/shared/viewModels';
import { assistantMessage, chatState, userMessage } from '../../test/webview/support/viewStates';
import { conversation } from './timelines';

/** bytes of JSON (what postMessage serialises) posted at send start and reply end, both ways */
export function postedBytes(count: number): { snapshotBytes: number; updateBytes: number } {
  const history = conversation(count);
  const states: ChatViewState[] = [
    chatState({ messages: history }),
    chatState({ activeRequestId: 'r1', messages: [...history, userMessage('u-new', 'One more question?'), assistantMessage('a-new', '', { status: 'streaming', meta: undefined })] }),
    chatState({ messages: [...history, userMessage('u-new', 'One more question?'), assistantMessage('a-new', 'The answer, in a few paragraphs.')] }),
  ];
  const posts = new StatePosts();
  posts.next(states[0]!); // what the page has (the snapshot on ready)
  let snapshotBytes = 0;
  let updateBytes = 0;
  for (const state of states.slice(1)) {
    snapshotBytes += Buffer.byteLength(JSON.stringify({ type: 'state/snapshot', state }));
    updateBytes += Buffer.byteLength(JSON.stringify(posts.next(state)));
  }
  return { snapshotBytes, updateBytes };
}

function folderFiles(folder: string): ConversationFiles {
  const at = (name: string) => path.join(folder, name);
  return {
    read: (name) => fs.readFile(at(name), 'utf8'),
    write: (name, content) => fs.writeFile(at(name), content),
    append: (name, content) => fs.appendFile(at(name), content),
    rename: (from, to) => fs.rename(at(from), at(to)),
    delete: (name) => fs.unlink(at(name)),
    list: () => fs.readdir(folder),
  };
}

/** ms to list `count` saved conversations of `messages` messages each with a fresh store: from the index, and rebuilding it */
export async function listConversations(count: number, messages: number, runs: number): Promise<{ indexedMs: number[]; rebuildMs: number[] }> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-conversations-'));
  try {
    const views = conversation(messages);
    const writer = new ConversationStore(folderFiles(folder));
    for (let index = 0; index < count; index++) {
      const stored: StoredConversation = {
        schemaVersion: 1, id: `c${index}`, kind: 'chat', title: `Conversation ${index}`, model: 'openrouter:openai/gpt-4o', createdAt: index, updatedAt: index,
        messages: views.map((view) => ({ id: view.id, role: view.role, text: view.text, status: 'done', createdAt: index })),
      };
      await writer.save(stored);
    }
    const time = async () => {
      const started = performance.now();
      const listed = await new ConversationStore(folderFiles(folder)).list();
      if (listed.length !== count) throw new Error(`listed ${listed.length} of ${count} conversations`);
      return performance.now() - started;
    };
    const indexedMs: number[] = [];
    const rebuildMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      indexedMs.push(await time());
      await fs.unlink(path.join(folder, INDEX_FILE));
      rebuildMs.push(await time());
    }
    return { indexedMs, rebuildMs };
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
