/** 要素保障 — 亩均论英雄: dated thresholds, firms' yearly figures, the graded results of a year, ranking and export. Shared names in land.ts. */
export {};
