/** A demand carries at most this many attachments (their types and sizes: platform/uploads.ts). */
export const MAX_ATTACHMENTS_PER_DEMAND = 10;
