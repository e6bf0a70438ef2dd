// 金融服务 — credit (see finance.ts). Filled by the credit sub-domain.
export {};
