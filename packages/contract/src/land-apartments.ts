/** 要素保障 — 人才公寓: eligibility rule sets, applications (ID hashed and masked), waitlist, allocation, move-in/out, occupancy. Shared names in land.ts. */
export {};
