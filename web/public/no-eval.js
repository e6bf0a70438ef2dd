// The page's Content-Security-Policy allows no eval. zod compiles object parsers with
// `new Function` unless told not to, and even its probe for eval is reported as a violation.
// zod reads this object as its global config, and reads `jitless` when each schema is built —
// the contract's schemas are built as the app's modules load — so it is set here, in a classic
// script that runs before any module of the app.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
