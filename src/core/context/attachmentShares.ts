/**
 * What each attachment weighs in the pre-send estimate: its tokens, its share of the prompt, its cost at the
 * model's prompt price; and the estimate with the images' catalog price added where the catalog has one.
 */
import type { ModelPricing } from '../catalog/modelInfo';
import type { CostEstimate } from '../cost/cost';
import type { Attachment } from './attachment';
import { imageCostMicroUsd } from './imageAttachment';

/** One chip's figures. */
export interface AttachmentShare {
  id: string;
  /** tokens of the attachment's block; undefined for images (providers count image tokens their own way) */
  tokens?: number;
  /** fraction (0-1) of the estimate's prompt tokens this attachment takes; undefined for images */
  share?: number;
  /** integer micro-USD this attachment adds to the minimum; undefined = not priced */
  microUsd?: number;
}

/**
 * The figures per attachment against an estimate of the whole prompt (which must include the attachments' text).
 * `pricing` is the model's catalog pricing; prompt tokens are priced at `pricing.prompt`, images at `pricing.image`.
 */
export function attachmentShares(attachments: readonly Attachment[], estimate: Pick<CostEstimate, 'promptTokens'>, pricing: ModelPricing | undefined): AttachmentShare[] {
  return attachments.map((attachment) => {
    if (attachment.kind === 'image') return { id: attachment.id, microUsd: imageCostMicroUsd(1, pricing) };
    const share = estimate.promptTokens > 0 ? Math.min(1, attachment.tokens / estimate.promptTokens) : 0;
    const microUsd = pricing?.prompt !== undefined && pricing.prompt >= 0 ? Math.round(attachment.tokens * pricing.prompt) : undefined;
    return { id: attachment.id, tokens: attachment.tokens, share, microUsd };
  });
}

/** The estimate with the images' cost added to both ends; images the catalog does not price are counted in `unpricedImages`. */
export function withImageCost(estimate: CostEstimate, imageCount: number, pricing: ModelPricing | undefined): CostEstimate & { imageMicroUsd: number; unpricedImages: number } {
  const cost = imageCount > 0 ? imageCostMicroUsd(imageCount, pricing) : 0;
  if (cost === undefined) return { ...estimate, imageMicroUsd: 0, unpricedImages: imageCount };
  return { ...estimate, minMicroUsd: estimate.minMicroUsd + cost, maxMicroUsd: estimate.maxMicroUsd + cost, imageMicroUsd: cost, unpricedImages: 0 };
}
