/** 要素保障 — 厂房 premises: buildings, units, leases, monthly bills, rent relief measures, payments and arrears, occupancy. Shared names in land.ts. */
export {};
