import type { ChooseCase, CompareOp, Cond, Expr, Tier } from './types.js';

/** Terse constructors for rule nodes (fixtures, tests, generated benchmark rules). */
export const rb = {
  field: (field: string): Expr => ({ op: 'field', field }),
  fact: (key: string, year = 0): Expr => ({ op: 'fact', key, year }),
  param: (key: string): Expr => ({ op: 'param', key }),
  num: (value: number): Expr => ({ op: 'num', value }),
  /** 元 → fen literal */
  yuan: (yuan: number): Expr => ({ op: 'num', value: Math.round(yuan * 100) }),
  /** 万元 → fen literal */
  wan: (wan: number): Expr => ({ op: 'num', value: Math.round(wan * 1_000_000) }),
  add: (...args: Expr[]): Expr => ({ op: 'add', args }),
  sub: (a: Expr, b: Expr): Expr => ({ op: 'sub', args: [a, b] }),
  mul: (...args: Expr[]): Expr => ({ op: 'mul', args }),
  div: (a: Expr, b: Expr): Expr => ({ op: 'div', args: [a, b] }),
  min: (...args: Expr[]): Expr => ({ op: 'min', args }),
  max: (...args: Expr[]): Expr => ({ op: 'max', args }),
  percent: (base: Expr, rate: Expr): Expr => ({ op: 'percent', base, rate }),
  tiers: (input: Expr, tiers: Tier[], otherwise?: Expr): Expr => (otherwise ? { op: 'tiers', input, tiers, otherwise } : { op: 'tiers', input, tiers }),
  if: (when: Cond, then: Expr, otherwise: Expr): Expr => ({ op: 'if', when, then, else: otherwise }),
  choose: (input: Expr, cases: ChooseCase[], otherwise?: Expr): Expr =>
    otherwise ? { op: 'choose', input, cases, otherwise } : { op: 'choose', input, cases },

  all: (...items: Cond[]): Cond => ({ op: 'all', items }),
  any: (...items: Cond[]): Cond => ({ op: 'any', items }),
  not: (item: Cond): Cond => ({ op: 'not', item }),
  cmp: (left: Expr, cmp: CompareOp, right: Expr): Cond => ({ op: 'compare', left, cmp, right }),
  hasTag: (tag: string): Cond => ({ op: 'hasTag', tag }),
  in: (left: Expr, values: string[]): Cond => ({ op: 'in', left, values }),
  startsWith: (left: Expr, prefix: string): Cond => ({ op: 'startsWith', left, prefix }),
  isTrue: (value: Expr): Cond => ({ op: 'isTrue', value }),
  known: (value: Expr): Cond => ({ op: 'known', value }),
};
