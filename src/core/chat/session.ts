import type { ChatResult, ChatSession, SendOptions } from '../api';
import type { ChatMessage } from '../providers/chatProvider';

/**
 * A conversation: the transcript plus the model and system prompt it is sent with.
 * `send` appends the user message, streams the reply through `sendChat`, and appends the reply, also when
 * it failed or was stopped part way (the partial text is what the person saw). An empty failed reply is not
 * appended: providers refuse empty assistant messages.
 */
export class ChatSessionImpl implements ChatSession {
  private readonly transcript: ChatMessage[];

  constructor(
    private readonly sendChat: (options: SendOptions) => Promise<ChatResult>,
    init: { model: string; systemPrompt?: string; messages?: ChatMessage[] },
    public model: string = init.model,
    public systemPrompt: string | undefined = init.systemPrompt,
  ) {
    this.transcript = (init.messages ?? []).filter((message) => message.role !== 'system').map((message) => ({ ...message }));
    if (this.systemPrompt === undefined) {
      const system = init.messages?.find((message) => message.role === 'system');
      if (system) this.systemPrompt = system.content;
    }
  }

  get messages(): readonly ChatMessage[] {
    return this.transcript;
  }

  async send(text: string, options: Omit<SendOptions, 'model' | 'messages'> = {}): Promise<ChatResult> {
    this.transcript.push({ role: 'user', content: text });
    const messages: ChatMessage[] = this.systemPrompt ? [{ role: 'system', content: this.systemPrompt }, ...this.transcript] : [...this.transcript];
    const result = await this.sendChat({ ...options, model: this.model, messages });
    if (result.text !== '') this.transcript.push({ role: 'assistant', content: result.text });
    return result;
  }

  truncate(index: number): void {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`truncate(${index}): index must be a whole number from 0`);
    this.transcript.splice(index);
  }
}
