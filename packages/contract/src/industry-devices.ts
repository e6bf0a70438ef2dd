/** 产业云 devices: see industry.ts. */
export {};
