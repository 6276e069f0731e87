/** How many columns a comparison has: at least two (one model is a chat), at most what the core runs at once. */
export const MIN_COMPARE_MODELS = 2;
export const MAX_COMPARE_MODELS = 6;
