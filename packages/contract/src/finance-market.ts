// 金融服务 — market (see finance.ts). Filled by the market sub-domain.
export {};
