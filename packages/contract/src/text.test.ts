import { describe, expect, it } from 'vitest';
import { cleanInput, cleanText, MAX_INPUT_DEPTH } from './text.js';

const label = (path: string) => (path.endsWith('name') ? '名称' : path);

describe('cleanText', () => {
  it('refuses NUL and the other control characters in any field', () => {
    for (const bad of ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085', '\u009f', '\ufffe', '\uffff']) {
      expect(cleanText(`a${bad}b`, 'name').ok, JSON.stringify(bad)).toBe(false);
      expect(cleanText(`a${bad}b`, 'note').ok, JSON.stringify(bad)).toBe(false);
    }
    expect(cleanText('a\u0000', 'name')).toEqual({ ok: false, reason: '不能包含空字符(NUL)' });
  });

  it('refuses unpaired surrogates but keeps paired ones (emoji, rare 汉字)', () => {
    expect(cleanText('x\ud800y', 'name').ok).toBe(false);
    expect(cleanText('x\udc00', 'name').ok).toBe(false);
    expect(cleanText('𠀀企业😀', 'name')).toEqual({ ok: true, text: '𠀀企业😀' });
  });

  it('keeps tab and line breaks in multi-line fields and folds them into a space elsewhere', () => {
    expect(cleanText('第一行\r\n第二行\t完', 'note')).toEqual({ ok: true, text: '第一行\r\n第二行\t完' });
    expect(cleanText('鹰潭某某\n有限公司\t', 'name')).toEqual({ ok: true, text: '鹰潭某某 有限公司 ' });
  });

  it('never rewrites a secret', () => {
    expect(cleanText('pa\tss\nword', 'password')).toEqual({ ok: true, text: 'pa\tss\nword' });
    expect(cleanText('pa\u0000ss', 'password').ok).toBe(false);
  });
});

describe('cleanInput', () => {
  it('names every refused field by its path, keys and array items included', () => {
    const { issues } = cleanInput({ name: 'a\u0000', items: [{ note: 'ok' }, { note: '\u0007' }], ['k\u0000']: 1 }, label);
    expect(issues.map((i) => i.path)).toEqual(['name', 'items.1.note', '(字段名)']);
    expect(issues[0]!.message).toBe('名称不能包含空字符(NUL)');
  });

  it('returns the same object when nothing changes and a cleaned copy otherwise', () => {
    const input = { name: '企业', list: ['a', 'b'], n: 3, b: true, z: null };
    expect(cleanInput(input, label).value).toBe(input);
    const changed = cleanInput({ name: '企\n业', n: 3 }, label);
    expect(changed.value).toEqual({ name: '企 业', n: 3 });
    expect(changed.issues).toEqual([]);
  });

  it('refuses nesting deeper than the limit instead of recursing without end', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const { issues } = cleanInput({ deep }, label);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain(`最多${MAX_INPUT_DEPTH}层`);
  });
});
