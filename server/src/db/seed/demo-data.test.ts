import { describe, expect, it } from 'vitest';
import { ABOVE_SCALE_REVENUE_FEN, hasValidOrgCode, isValidMobile, validateUscc } from '@yuanqi/contract';
import { DEFAULT_DEMO_SEED, generateDemoPark, type DemoPark } from './demo-data.js';

const SEEDS = [DEFAULT_DEMO_SEED, 1, 2, 42, 987654321];
const parks = new Map<number, DemoPark>(SEEDS.map((s) => [s, generateDemoPark(s)]));

/** Which GB/T 4754 classes fit which chain. */
const CHAIN_INDUSTRY: Record<string, RegExp> = {
  copper: /^C3[238]\d\d$/,
  iot: /^(C39|I65)\d\d$/,
  health: /^(C14|C27|Q84)\d\d$/,
  services: /^[LMI]\d{4}$/,
  electronics: /^C39\d\d$/,
  water: /^(C29|C30|C33|C34)\d\d$/,
  other: /^[A-T]\d{4}$/,
};

describe('generateDemoPark', () => {
  it('is deterministic for a seed and varies between seeds', () => {
    expect(generateDemoPark(7)).toEqual(generateDemoPark(7));
    expect(generateDemoPark()).toEqual(parks.get(DEFAULT_DEMO_SEED));
    expect(generateDemoPark(8).enterprises[0]).not.toEqual(generateDemoPark(7).enterprises[0]);
  });

  describe.each(SEEDS)('seed %i', (seed) => {
    const park = parks.get(seed)!;
    const firms = park.enterprises;

    it('has about 1,000 firms with IoT as the leading industry', () => {
      expect(firms.length).toBeGreaterThanOrEqual(950);
      expect(firms.length).toBeLessThanOrEqual(1050);
      const byChain = new Map<string, number>();
      for (const f of firms) byChain.set(f.chain, (byChain.get(f.chain) ?? 0) + 1);
      const iot = byChain.get('iot')!;
      for (const [chain, n] of byChain) if (chain !== 'iot') expect(n).toBeLessThan(iot);
      for (const c of park.chains) expect(byChain.get(c.code) ?? 0).toBeGreaterThan(0);
    });

    it('has exactly 31 规上 copper firms plus smaller copper firms', () => {
      const copper = firms.filter((f) => f.chain === 'copper');
      expect(copper.filter((f) => f.isAboveScale)).toHaveLength(31);
      expect(copper.filter((f) => !f.isAboveScale).length).toBeGreaterThan(20);
    });

    it('keeps isAboveScale consistent with revenue', () => {
      for (const f of firms) {
        expect(Number.isSafeInteger(f.annualRevenueFen)).toBe(true);
        expect(f.annualRevenueFen).toBeGreaterThanOrEqual(0);
        expect(f.isAboveScale, f.name).toBe(f.annualRevenueFen >= ABOVE_SCALE_REVENUE_FEN);
      }
    });

    it('has 13 partner banks', () => {
      expect(park.banks).toHaveLength(13);
      expect(new Set(park.banks.map((b) => b.code)).size).toBe(13);
      expect(new Set(park.banks.map((b) => b.name)).size).toBe(13);
      for (const b of park.banks) expect(b.name).toMatch(/银行/);
      for (const short of ['工商银行', '农业银行', '中国银行', '建设银行', '交通银行', '邮储银行', '九江银行', '江西银行', '赣州银行', '上饶银行', '鹰潭农商银行', '兴业银行', '中信银行']) {
        expect(park.banks.map((b) => b.shortName)).toContain(short);
      }
    });

    it("has about 20 liaisons, 'liaison' first, serving 200–230 firms", () => {
      expect(park.liaisons.length).toBeGreaterThanOrEqual(18);
      expect(park.liaisons.length).toBeLessThanOrEqual(22);
      expect(park.liaisons[0].username).toBe('liaison');
      expect(new Set(park.liaisons.map((l) => l.username)).size).toBe(park.liaisons.length);
      expect(new Set(park.liaisons.map((l) => l.displayName)).size).toBe(park.liaisons.length);
      const usernames = new Set(park.liaisons.map((l) => l.username));
      const assigned = firms.filter((f) => f.liaisonUsername !== null);
      expect(assigned.length).toBeGreaterThanOrEqual(200);
      expect(assigned.length).toBeLessThanOrEqual(230);
      for (const f of assigned) expect(usernames.has(f.liaisonUsername!)).toBe(true);
      // every officer has a portfolio
      for (const l of park.liaisons) expect(assigned.some((f) => f.liaisonUsername === l.username)).toBe(true);
    });

    it('has only valid, unique USCCs (GB 32100 and GB 11714)', () => {
      for (const f of firms) {
        const r = validateUscc(f.uscc);
        expect(r, f.uscc).toEqual({ ok: true, value: f.uscc });
        expect(hasValidOrgCode(f.uscc), f.uscc).toBe(true);
        expect(f.uscc).toMatch(/^91360[0-9]{3}/);
      }
      expect(new Set(firms.map((f) => f.uscc)).size).toBe(firms.length);
    });

    it('has unique names and unique valid phones', () => {
      expect(new Set(firms.map((f) => f.name)).size).toBe(firms.length);
      const phones = [...firms.map((f) => f.contactPhone), ...park.liaisons.map((l) => l.phone)];
      for (const p of phones) expect(isValidMobile(p), p).toBe(true);
      for (const p of phones) expect(p).toMatch(/^1\d{10}$/);
      expect(new Set(phones).size).toBe(phones.length);
    });

    it('uses only dictionary codes, and industry codes fit the chain', () => {
      const chains = new Set(park.chains.map((c) => c.code));
      const tags = new Set(park.tags.map((t) => t.code));
      const industries = new Set(park.industries.map((i) => i.code));
      expect(chains.size).toBe(park.chains.length);
      expect(tags.size).toBe(park.tags.length);
      expect(industries.size).toBe(park.industries.length);
      expect(park.chains.map((c) => c.label)).toEqual(expect.arrayContaining(['物联网', '铜基新材料', '大健康', '电子信息', '现代服务']));
      expect(park.tags.map((t) => t.label)).toEqual(
        expect.arrayContaining(['高新技术企业', '专精特新', '专精特新小巨人', '上市后备', '科技型中小企业', '瞪羚企业', '外资企业']),
      );
      for (const f of firms) {
        expect(chains.has(f.chain), f.chain).toBe(true);
        expect(industries.has(f.industryCode), f.industryCode).toBe(true);
        expect(f.industryCode, `${f.name} ${f.chain}`).toMatch(CHAIN_INDUSTRY[f.chain]);
        for (const t of f.tags) expect(tags.has(t), t).toBe(true);
        expect(new Set(f.tags).size).toBe(f.tags.length);
        if (f.tags.includes('little_giant')) expect(f.tags).toContain('specialized');
      }
      // the industry dictionary lists exactly the classes in use, with Chinese labels
      expect(new Set(firms.map((f) => f.industryCode))).toEqual(industries);
      for (const i of park.industries) expect(i.label).toMatch(/[\u4e00-\u9fa5]/);
    });

    it('has plausible registry fields', () => {
      const plots = new Set<string>();
      for (const f of firms) {
        expect(f.name).toMatch(/(有限公司|股份有限公司)$/);
        expect(f.legalRepresentative).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
        expect(f.contactName).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
        expect(f.foundedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${f.foundedOn}T00:00:00Z`).toISOString().slice(0, 10)).toBe(f.foundedOn);
        expect(f.foundedOn >= '1995-01-01' && f.foundedOn <= '2026-06-30', f.foundedOn).toBe(true);
        expect(f.registeredCapitalFen).toBeGreaterThan(0);
        expect(f.registeredCapitalFen % 1_000_000).toBe(0); // whole 万元
        expect(Number.isInteger(f.headcount)).toBe(true);
        expect(f.headcount).toBeGreaterThan(0);
        if (f.isAboveScale) expect(f.headcount).toBeGreaterThanOrEqual(20);
        else expect(f.headcount).toBeLessThanOrEqual(200);
        expect(f.address.startsWith('鹰潭市高新区')).toBe(true);
        if (f.plot !== null) {
          expect(f.plot).toMatch(/^GX-(\d{4})-\d{3}$/);
          expect(Number(f.plot.slice(3, 7))).toBeGreaterThanOrEqual(Math.min(2025, Number(f.foundedOn.slice(0, 4))));
          expect(plots.has(f.plot)).toBe(false);
          plots.add(f.plot);
        }
      }
      // bigger firms employ more people on average
      const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(avg(firms.filter((f) => f.isAboveScale).map((f) => f.headcount))).toBeGreaterThan(
        3 * avg(firms.filter((f) => !f.isAboveScale).map((f) => f.headcount)),
      );
    });

    it("makes the demo firm a 规上 IoT firm served by 'liaison'", () => {
      const demo = firms.find((f) => f.uscc === park.demoEnterpriseUscc);
      expect(demo).toBeDefined();
      expect(demo!.chain).toBe('iot');
      expect(demo!.isAboveScale).toBe(true);
      expect(demo!.liaisonUsername).toBe('liaison');
    });
  });
});
