/** Model names as the narrow views show them. */

/** "Anthropic: Claude 3 Haiku" → vendor "Anthropic", model "Claude 3 Haiku"; a name without a vendor stays whole. */
export function splitModelName(name: string): { vendor?: string; model: string } {
  const match = /^([^:]{1,40}):\s+(\S.*)$/.exec(name);
  return match ? { vendor: match[1]!.trim(), model: match[2]! } : { model: name };
}
