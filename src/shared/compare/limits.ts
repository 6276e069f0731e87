/**
 * How many columns a comparison has: at least two (one model is a chat), at most what the core runs at once.
 * The one place for the limit: the core's compare, the host's pickers and the protocol's column range read it.
 */
export const MIN_COMPARE_COLUMNS = 2;
export const MAX_COMPARE_COLUMNS = 6;
