/** 要素保障 — 征地拆迁 register: areas and their officers, households/units, agreements, compensation payments, incidents, the computed statement. Shared names in land.ts. */
export {};
