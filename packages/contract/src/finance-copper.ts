// 金融服务 — copper (see finance.ts). Filled by the copper sub-domain.
export {};
