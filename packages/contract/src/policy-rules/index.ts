/** Policy rules as data (政策规则): model, catalogue, validation, evaluation, compilation, plain-Chinese text. */
export * from './types.js';
export * from './catalogue.js';
export * from './params.js';
export * from './validate.js';
export * from './describe.js';
export * from './evaluate.js';
export * from './compile.js';
export * from './builders.js';
export * from './examples.js';
export * from './refs.js';
export * from './money-entry.js';
export * from './columns.js';
