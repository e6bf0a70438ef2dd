// 金融服务 — products and institutions (see finance.ts). Filled by the products sub-domain.
export {};
