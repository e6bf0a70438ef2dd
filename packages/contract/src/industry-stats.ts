/** 产业云 stats: see industry.ts. */
export {};
