/**
 * The stable VS Code declarations (1.104+, `LanguageModelDataPart` 1.106+) that Switchboard uses beyond its
 * `@types/vscode` 1.90 (vsce refuses types newer than `engines`). Copied in shape from `@types/vscode@1.140.0`
 * (PLATFORM-FACTS §1.1). Everything that may be missing at run time is declared optional: read it through
 * feature detection, never at module load.
 */
import 'vscode';

declare module 'vscode' {
  export enum LanguageModelChatToolMode {
    Auto = 1,
    Required = 2,
  }

  export interface LanguageModelChatTool {
    readonly name: string;
    readonly description: string;
    readonly inputSchema?: object | undefined;
  }

  export interface ProvideLanguageModelChatResponseOptions {
    readonly modelOptions?: { readonly [name: string]: unknown };
    readonly tools?: readonly LanguageModelChatTool[];
    readonly toolMode: LanguageModelChatToolMode;
  }

  export interface LanguageModelChatCapabilities {
    readonly imageInput?: boolean;
    readonly toolCalling?: boolean | number;
  }

  export interface LanguageModelChatInformation {
    readonly id: string;
    readonly name: string;
    readonly family: string;
    readonly tooltip?: string;
    readonly detail?: string;
    readonly version: string;
    readonly maxInputTokens: number;
    readonly maxOutputTokens: number;
    readonly capabilities: LanguageModelChatCapabilities;
  }

  export interface LanguageModelChatRequestMessage {
    /** 1 = User, 2 = Assistant; Copilot also sends 3 (System), which the stable enum lacks */
    readonly role: LanguageModelChatMessageRole | number;
    readonly content: ReadonlyArray<unknown>;
    readonly name: string | undefined;
  }

  export interface PrepareLanguageModelChatModelOptions {
    readonly silent: boolean;
  }

  export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
    readonly onDidChangeLanguageModelChatInformation?: Event<void>;
    provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions, token: CancellationToken): ProviderResult<T[]>;
    provideLanguageModelChatResponse(model: T, messages: readonly LanguageModelChatRequestMessage[], options: ProvideLanguageModelChatResponseOptions,
      progress: Progress<unknown>, token: CancellationToken): Thenable<void>;
    provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: CancellationToken): Thenable<number>;
  }

  // The part classes: a type plus a constructor that is undefined on older VS Code (a class cannot be optional).

  export interface LanguageModelTextPart {
    value: string;
  }
  /** >= 1.104 (1.95-1.103 had it too); undefined on 1.90 */
  export const LanguageModelTextPart: (new (value: string) => LanguageModelTextPart) | undefined;

  export interface LanguageModelToolCallPart {
    callId: string;
    name: string;
    input: object;
  }
  /** >= 1.104 (1.95-1.103 had it too); undefined on 1.90 */
  export const LanguageModelToolCallPart: (new (callId: string, name: string, input: object) => LanguageModelToolCallPart) | undefined;

  export interface LanguageModelToolResultPart {
    callId: string;
    content: unknown[];
  }
  /** >= 1.104 (1.95-1.103 had it too); undefined on 1.90 */
  export const LanguageModelToolResultPart: (new (callId: string, content: unknown[]) => LanguageModelToolResultPart) | undefined;

  export interface LanguageModelDataPart {
    mimeType: string;
    data: Uint8Array;
  }
  /** >= 1.106; undefined before */
  export const LanguageModelDataPart: (new (data: Uint8Array, mimeType: string) => LanguageModelDataPart) | undefined;

  export namespace lm {
    /** >= 1.104; undefined before: check with typeof before calling */
    export const registerLanguageModelChatProvider: ((vendor: string, provider: LanguageModelChatProvider) => Disposable) | undefined;
  }
}
