/** 要素保障 — 闲置用地清理专项行动: campaigns, candidates, the case per parcel (认定 → 告知 → 约谈 → outcome → 收回 → 再出让), figures. Shared names in land.ts. */
export {};
