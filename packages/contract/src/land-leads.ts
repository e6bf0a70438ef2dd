/** 要素保障 — 招商线索 before signing: leads (a case), negotiation records (屏对屏 or in person), committee, signing, funnel. Shared names in land.ts. */
export {};
