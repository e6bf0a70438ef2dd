/** 产业云 reports: see industry.ts. */
export {};
