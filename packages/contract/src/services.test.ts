import { describe, expect, it } from 'vitest';
import { ZCreateServiceItemRequest, ZServiceMaterial, formatMaterialsCell, parseMaterialsCell } from './services.js';

describe('materials cell', () => {
  it('reads names with marks, keeping brackets that belong to the name', () => {
    const r = parseMaterialsCell('营业执照(关键);法定代表人身份证明(复印件,2份,容缺)；场地证明(承诺,选填)\n投资者主体资格证明(经公证认证)(原件,关键)');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.materials).toEqual([
      expect.objectContaining({ name: '营业执照', isKey: true, rongqueAllowed: false, form: '原件或复印件', copies: 1, required: true }),
      expect.objectContaining({ name: '法定代表人身份证明', form: '复印件', copies: 2, rongqueAllowed: true }),
      expect.objectContaining({ name: '场地证明', chengnuoReplaceable: true, required: false }),
      expect.objectContaining({ name: '投资者主体资格证明(经公证认证)', form: '原件', isKey: true }),
    ]);
  });

  it('refuses a key material marked 容缺 and an unknown mark', () => {
    expect(parseMaterialsCell('营业执照(关键,容缺)')).toEqual({ ok: false, message: '材料“营业执照”是关键材料,不能容缺后补' });
    const bad = parseMaterialsCell('营业执照(关建,原件)');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('关建');
  });

  it('writes back what it reads', () => {
    const cell = '申请书(关键,原件);身份证明(容缺,复印件,2份);场地证明(承诺);其他材料(选填,备注:如有)';
    const r = parseMaterialsCell(cell);
    expect(r.ok).toBe(true);
    if (r.ok) expect(formatMaterialsCell(r.materials.map((m) => ZServiceMaterial.parse({ ...m, key: 'x' })))).toBe(cell);
  });
});

describe('item rules', () => {
  const base = {
    code: 'A-1', name: '测试事项', itemType: 'license', caseKind: 'promised', legalDays: 20, committedDays: 5, visits: 0,
    materials: [{ name: '申请书', form: '原件' }],
  };

  it('accepts a minimal item with defaults', () => {
    const parsed = ZCreateServiceItemRequest.parse(base);
    expect(parsed.department).toBe('行政审批局');
    expect(parsed.materials[0]).toMatchObject({ required: true, isKey: false, copies: 1 });
  });

  it.each([
    [{ committedDays: 30 }, 'committedDays', '承诺办结时限不能超过法定办结时限'],
    [{ caseKind: 'instant' }, 'committedDays', '即办件当场办结,承诺办结时限应为0'],
    [{ chengnuoAllowed: true }, 'chengnuoText', '适用告知承诺制的事项须填写告知承诺书内容'],
    [{ materials: [{ name: '申请书', form: '原件', isKey: true, rongqueAllowed: true }] }, 'materials.0.rongqueAllowed', '关键材料不能容缺后补'],
    [{ materials: [{ name: '申请书', form: '原件', chengnuoReplaceable: true }] }, 'chengnuoAllowed', '有材料可用告知承诺替代时,事项须适用告知承诺制'],
    [{ feeCharged: true }, 'feeBasis', '收费事项须填写收费依据'],
  ])('refuses %j', (patch, path, message) => {
    const r = ZCreateServiceItemRequest.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues).toContainEqual(expect.objectContaining({ path: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message }));
  });
});
