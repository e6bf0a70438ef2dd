/** 产业云 alarms: see industry.ts. */
export {};
