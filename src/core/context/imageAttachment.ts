/**
 * Images for vision models: whether the catalog says a model takes them, what the bytes really are (the type is
 * read from the bytes, not trusted from the clipboard or file name), and what they cost where the catalog prices
 * images.
 */
import type { ModelInfo, ModelPricing } from '../catalog/modelInfo';
import type { AttachmentRefusal, ImageAttachment } from './attachment';

/** The largest image attached, in bytes (Anthropic's per-image limit, the strictest of the providers). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** true when the model's catalog entry lists image input. */
export function takesImages(model: Pick<ModelInfo, 'inputModalities'> | undefined): boolean {
  return model?.inputModalities.includes('image') ?? false;
}

/** Why a model cannot take images, for a person; undefined = it can. */
export function imageRefusal(modelId: string, model: Pick<ModelInfo, 'inputModalities' | 'name'> | undefined): string | undefined {
  if (takesImages(model)) return undefined;
  if (!model) {
    return `Images were not attached: ${modelId} is not in the model catalog, so Switchboard cannot tell whether it reads images. Pick a model whose catalog entry lists image input (the model picker shows its modalities).`;
  }
  return `Images were not attached: ${model.name} reads ${model.inputModalities.join(' and ') || 'text'} only. Pick a model with image input (the model picker shows its modalities), or remove the image.`;
}

/** The image type from the file's first bytes; undefined = not PNG, JPEG, GIF or WebP. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (signature: number[], offset = 0): boolean => signature.every((byte, index) => bytes[offset + index] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

/**
 * An image attachment from base64 data (as pasted or dropped into the chat), checked for the model: refused when
 * the model takes no images, the bytes are not PNG/JPEG/GIF/WebP, or it is larger than MAX_IMAGE_BYTES.
 */
export function createImageAttachment(options: {
  id: string;
  name: string;
  /** base64, with or without a `data:...;base64,` prefix */
  data: string;
  modelId: string;
  model: Pick<ModelInfo, 'inputModalities' | 'name'> | undefined;
}): ImageAttachment | AttachmentRefusal {
  const refusal = imageRefusal(options.modelId, options.model);
  if (refusal) return { refused: true, message: refusal };
  const data = options.data.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  const bytes = Buffer.from(data, 'base64');
  const mimeType = sniffImageType(bytes);
  if (!mimeType) {
    return { refused: true, message: `${options.name} was not attached: it is not a PNG, JPEG, GIF or WebP image.` };
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    const megabytes = (bytes.length / (1024 * 1024)).toFixed(1);
    return { refused: true, message: `${options.name} was not attached: it is ${megabytes} MB, over the 5 MB some providers accept. Shrink or crop it first.` };
  }
  return { kind: 'image', id: options.id, name: options.name, mimeType, data, bytes: bytes.length };
}

/** micro-USD for `count` images at the catalog's per-image price; undefined = the catalog prices no images. */
export function imageCostMicroUsd(count: number, pricing: ModelPricing | undefined): number | undefined {
  if (pricing?.image === undefined || pricing.image < 0) return undefined;
  return Math.ceil(count * pricing.image);
}
