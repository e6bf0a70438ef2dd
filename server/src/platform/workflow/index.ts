/** The case kit: see definition.ts (the table), commit.ts (applying it), deadlines.ts, clock.ts (the pausing working-day clock), and docs/ARCHITECTURE.md. */
export * from './definition.js';
export * from './commit.js';
export * from './deadlines.js';
export * from './clock.js';
export * from './present.js';
