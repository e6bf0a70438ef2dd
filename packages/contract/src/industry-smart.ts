/** 产业云 smart: see industry.ts. */
export {};
