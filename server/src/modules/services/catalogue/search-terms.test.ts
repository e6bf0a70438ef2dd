import { describe, expect, it } from 'vitest';
import { expandQuery, indexTermsOf, itemSearchTerms, minimumHits, normalizeQuery, queryTermsOf, synonymAppliesTo } from './search-terms.js';

describe('normalizeQuery', () => {
  it.each([
    ['怎么开公司', '开公司'],
    ['我要办营业执照需要什么材料?', '营业执照'],
    ['怎么办营业执照', '营业执照'],
    ['如何申请排污许可证', '排污许可证'],
    ['施工许可证办理流程', '施工许可证'],
    ['想开一家公司', '开公司'],
    ['房产证怎么办', '房产证'],
    ['请问，在哪里办理接水？', '接水'],
  ])('reads “%s” as “%s”', (raw, expected) => {
    expect(normalizeQuery(raw)).toBe(expected);
  });

  it('keeps words that merely start like filler when no question word came first', () => {
    expect(normalizeQuery('办公用房')).toBe('办公用房');
  });

  it('folds full-width letters and digits and never returns an empty query for filler only', () => {
    expect(normalizeQuery('ＩＣＰ许可')).toBe('icp许可');
    expect(normalizeQuery('怎么办')).not.toBe('');
  });
});

describe('terms', () => {
  it('indexes every Han character and adjacent pair, and ASCII words whole, without pairs across punctuation', () => {
    const terms = indexTermsOf('企业开办(设立登记)ICP');
    expect(terms).toEqual(expect.arrayContaining(['企', '企业', '开办', '设立', '登记', 'icp']));
    expect(terms).not.toContain('办设');
  });

  it('cuts a query into bigrams, or its one character', () => {
    expect(queryTermsOf('营业执照')).toEqual(['营业', '业执', '执照']);
    expect(queryTermsOf('水')).toEqual(['水']);
    expect(queryTermsOf('排污')).toEqual(['排污']);
  });

  it('needs any term of a short query and half the terms of a long one', () => {
    expect(minimumHits(1)).toBe(1);
    expect(minimumHits(2)).toBe(1);
    expect(minimumHits(4)).toBe(2);
    expect(minimumHits(5)).toBe(3);
  });
});

describe('synonyms', () => {
  const synonyms = [
    { term: '开公司', expandsTo: ['企业开办', '设立登记'] },
    { term: '营业执照', expandsTo: ['企业开办'] },
    { term: '接水', expandsTo: ['供水报装'] },
  ];

  it('expands a query that contains a term, and a two-character query contained in a term', () => {
    expect(expandQuery('开公司', synonyms)).toEqual(['企业开办', '设立登记']);
    expect(expandQuery('执照', synonyms)).toEqual(['企业开办']);
    expect(expandQuery('水', synonyms)).toEqual([]);
  });

  it('indexes a synonym with the items whose name holds one of its catalogue words', () => {
    const item = { code: 'A1', name: '企业开办', keywords: [] };
    expect(synonymAppliesTo(item, synonyms[0]!)).toBe(true);
    expect(synonymAppliesTo(item, synonyms[2]!)).toBe(false);
    const { searchTerms, nameTerms } = itemSearchTerms(item, synonyms);
    expect(searchTerms).toEqual(expect.arrayContaining(['公司', '营业', '执照', 'a1']));
    expect(nameTerms).not.toContain('公司');
  });
});
