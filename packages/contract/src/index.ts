export * from './common.js';
export * from './errors.js';
export * from './identifiers.js';
export * from './money.js';
export * from './roles.js';
export * from './enterprises.js';
export * from './auth.js';
export * from './calendar.js';
