/** 要素保障 — 地块 parcels: list/detail/create/update, status actions, GeoJSON and .xlsx import, the map's layers. Shared names in land.ts. */
export {};
