// 金融服务 — bridge (see finance.ts). Filled by the bridge sub-domain.
export {};
