import type { PolicyMaterial, PolicyMode } from './policies.js';
import { conditionPartName, validateRule } from './policy-rules/validate.js';
import type { Cond, PolicyRule, RuleCatalogue } from './policy-rules/types.js';

/**
 * The one check that decides whether a policy version can be published: the rule validator plus
 * every precondition the publish endpoint enforces (资金来源, validity, the version's date, 申报
 * materials). The rule page shows its answer ("规则完整,可以发布" only when it has no error) and
 * the server's publish refuses with the same errors, so the page never says complete for a policy
 * that publishing then refuses. Warnings do not stop publishing; the page shows them before.
 */
export type PolicyPublishInput = {
  rule: unknown;
  mode: PolicyMode | null | undefined;
  fundId: string | null | undefined;
  validFrom: string | null | undefined;
  validTo: string | null | undefined;
  /** The version's effective date. */
  effectiveFrom: string | null | undefined;
  /** The effective date of the latest published version (a new version must start after it). */
  previousEffectiveFrom?: string | null;
  previousVersionNo?: number | null;
  materials: readonly PolicyMaterial[] | null | undefined;
};

export type PolicyPublishContext = {
  catalogue: RuleCatalogue;
  /** The industry codes of the park's firms (exact-match conditions are checked against them). */
  industryCodes?: readonly string[] | null;
};

/** A problem with the path of the field it is in: `rule.eligibility.items.0`, `fundId`, `materials`… */
export type PolicyCheckProblem = { path: string; message: string };

export type PolicyPublishCheck = {
  /** True exactly when publishing would succeed (no error). */
  ok: boolean;
  /** The clean rule when the rule itself is valid. */
  rule: PolicyRule | null;
  errors: PolicyCheckProblem[];
  warnings: PolicyCheckProblem[];
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkPolicyPublish(input: PolicyPublishInput, ctx: PolicyPublishContext): PolicyPublishCheck {
  const errors: PolicyCheckProblem[] = [];
  const warnings: PolicyCheckProblem[] = [];
  let rule: PolicyRule | null = null;
  if (input.rule === undefined || input.rule === null) errors.push({ path: 'rule', message: '请填写政策规则' });
  else {
    const v = validateRule(input.rule, ctx.catalogue);
    if (v.ok) rule = v.rule;
    else errors.push(...v.errors.map((e) => ({ path: e.path ? `rule.${e.path}` : 'rule', message: e.message })));
  }
  if (!input.fundId) errors.push({ path: 'fundId', message: '资金来源:发布前请指定资金来源(专项资金)' });
  if (!input.mode) errors.push({ path: 'mode', message: '兑现方式:请选择申报或免申即享' });
  const validFrom = input.validFrom && DATE.test(input.validFrom) ? input.validFrom : null;
  if (!validFrom) errors.push({ path: 'validFrom', message: '有效期起:请选择有效期起' });
  if (validFrom && input.validTo && input.validTo < validFrom) errors.push({ path: 'validTo', message: '有效期止:不能早于有效期起' });
  const effectiveFrom = input.effectiveFrom && DATE.test(input.effectiveFrom) ? input.effectiveFrom : null;
  if (!effectiveFrom) errors.push({ path: 'effectiveFrom', message: '本版本生效日期:请选择生效日期' });
  else {
    if (input.previousEffectiveFrom && effectiveFrom <= input.previousEffectiveFrom) {
      errors.push({ path: 'effectiveFrom', message: `本版本生效日期:应晚于第${input.previousVersionNo ?? ''}版的生效日期(${input.previousEffectiveFrom})` });
    }
    if (input.validTo && effectiveFrom > input.validTo) errors.push({ path: 'effectiveFrom', message: `本版本生效日期:晚于政策有效期止(${input.validTo}),发布后不会生效` });
  }
  const materials = (input.materials ?? []).filter((m) => m && typeof m.name === 'string' && m.name.trim() !== '');
  if (input.mode === 'apply' && materials.length === 0) errors.push({ path: 'materials', message: '申报材料:申报制政策至少列出一项企业须上传的材料' });
  if (rule && ctx.industryCodes) warnings.push(...industryCodeWarnings(rule.eligibility, 'eligibility', new Set(ctx.industryCodes)));
  return { ok: errors.length === 0, rule, errors, warnings };
}

/**
 * "行业代码 属于 C" matches only firms whose code is exactly C: an exact code no firm of the park
 * holds is almost always meant as a prefix (C covers C3983). Warned before publishing.
 */
export function industryCodeWarnings(c: Cond, path: string, codes: ReadonlySet<string>): PolicyCheckProblem[] {
  switch (c.op) {
    case 'all':
    case 'any':
      return c.items.flatMap((item, i) => industryCodeWarnings(item, `${path}.items.${i}`, codes));
    case 'not':
      return industryCodeWarnings(c.item, path, codes);
    case 'in': {
      if (c.left.op !== 'field' || c.left.field !== 'industry_code') return [];
      const unmatched = c.values.filter((v) => !codes.has(v));
      if (unmatched.length === 0) return [];
      return [
        {
          path: `rule.${path}`,
          message: `${conditionPartName(path)}:行业代码${unmatched.map((v) => `“${v}”`).join('、')}在本园区没有企业完全相同(“属于”只匹配完全相同的代码);如要包含其下各类(如 C 包含 C3983),请改用“以…开头”`,
        },
      ];
    }
    default:
      return [];
  }
}
