// 金融服务 — events (see finance.ts). Filled by the events sub-domain.
export {};
