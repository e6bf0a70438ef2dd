/**
 * Chinese search without a word segmenter: text becomes character unigrams and bigrams (plus
 * lower-cased ASCII words such as codes), stored with each item in `search_terms`. A query is
 * first stripped of the words people wrap around what they want ("怎么", "我要", "办理",
 * "需要什么材料", "吗"), then cut the same way. Synonyms map the users' words onto the
 * catalogue's (开公司 → 企业开办): they are indexed with the items they point at, and the query's
 * matches boost the items they name.
 */

const HAN = /\p{Script=Han}/u;
const ASCII_WORD = /[0-9a-z]/;

/** Full-width to half-width, lower case, one space for any run of white space. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Runs of Han characters and runs of ASCII letters/digits; everything else separates. */
function runsOf(text: string): { han: boolean; text: string }[] {
  const runs: { han: boolean; text: string }[] = [];
  let current: { han: boolean; text: string } | null = null;
  for (const ch of foldText(text)) {
    const han = HAN.test(ch);
    const word = !han && ASCII_WORD.test(ch);
    if (!han && !word) {
      current = null;
      continue;
    }
    if (current && current.han === han) current.text += ch;
    else {
      current = { han, text: ch };
      runs.push(current);
    }
  }
  return runs;
}

/** Index terms of a text: every Han character, every pair of adjacent Han characters, ASCII words. */
export function indexTermsOf(text: string | null | undefined): string[] {
  if (!text) return [];
  const terms = new Set<string>();
  for (const run of runsOf(text)) {
    if (!run.han) {
      terms.add(run.text);
      continue;
    }
    const chars = [...run.text];
    chars.forEach((ch, i) => {
      terms.add(ch);
      if (i + 1 < chars.length) terms.add(ch + chars[i + 1]);
    });
  }
  return [...terms];
}

/**
 * Terms of a query: the bigrams of each Han run (its character when the run is one character
 * long) and ASCII words. Every one must be found for a perfect match; an item matching half of
 * them still shows, ranked lower.
 */
export function queryTermsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const run of runsOf(text)) {
    if (!run.han) {
      terms.add(run.text);
      continue;
    }
    const chars = [...run.text];
    if (chars.length === 1) terms.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i += 1) terms.add(chars[i] + chars[i + 1]);
  }
  return [...terms];
}

// Filler words around what the user wants. Order matters: longer first.
const LEADING_QUESTION = [
  '请问一下', '请问', '您好', '你好', '我们公司', '我公司', '我们', '我想要', '我想', '我要', '想要', '需要', '打算', '准备',
  '怎么样才能', '怎样才能', '怎么才能', '如何才能', '怎么样', '怎么', '怎样', '如何', '在哪里', '在哪儿', '在哪', '去哪里', '去哪儿', '去哪',
  '哪里', '哪儿', '可以', '能否', '能不能', '要', '想',
];
// Verbs that only mean "do it" once a question word came before ("怎么办营业执照").
const LEADING_VERB_STRONG = ['办理', '申请', '申办', '咨询'];
const LEADING_VERB_WEAK = ['办一个', '办一下', '办个', '办', '弄', '搞', '做'];
const TRAILING = [
  '需要准备什么材料', '需要准备哪些材料', '需要什么材料', '要什么材料', '需要哪些材料', '要哪些材料', '什么材料', '哪些材料', '的材料',
  '需要什么条件', '要什么条件', '的条件', '需要什么', '要什么', '的流程', '流程', '的手续', '手续', '怎么办理', '怎么申请', '怎么办',
  '怎么弄', '怎么做', '如何办理', '如何申请', '在哪里办', '在哪办', '去哪办', '哪里办', '要多久', '多长时间', '多久', '办理', '申请', '申办',
  '一下', '吗', '呢', '啊', '呀', '吧', '么', '了', '的',
];

function stripLeading(text: string, words: readonly string[]): { text: string; stripped: boolean } {
  let stripped = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of words) {
      if (text.startsWith(w) && text.length > w.length) {
        text = text.slice(w.length).trim();
        stripped = true;
        changed = true;
        break;
      }
    }
  }
  return { text, stripped };
}

/**
 * The query as the catalogue would word it: folded, question and filler words removed
 * ("怎么开公司" → "开公司", "我要办营业执照需要什么材料?" → "营业执照"). Never empties a query:
 * when only filler is left, the folded input is returned.
 */
export function normalizeQuery(raw: string): string {
  const folded = foldText(raw).replace(/[?？!！。,，、;；:："“”'‘’()（）【】《》\[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  if (folded === '') return '';
  let text = folded.replace(/一个|一家|一间/g, '').replace(/([开办])个/g, '$1');
  const question = stripLeading(text, LEADING_QUESTION);
  text = question.text;
  text = stripLeading(text, LEADING_VERB_STRONG).text;
  if (question.stripped) text = stripLeading(text, LEADING_VERB_WEAK).text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of TRAILING) {
      if (text.endsWith(w) && text.length > w.length) {
        text = text.slice(0, -w.length).trim();
        changed = true;
        break;
      }
    }
  }
  text = text.replace(/的/g, '').trim();
  return text === '' ? folded : text;
}

export type SynonymEntry = { term: string; expandsTo: readonly string[] };

/**
 * Catalogue words a query stands for: every synonym whose term occurs in the query, and, for a
 * query of two characters or more, every synonym whose term contains the query ("执照" →
 * 营业执照 → 企业开办).
 */
export function expandQuery(normalized: string, synonyms: readonly SynonymEntry[]): string[] {
  const q = foldText(normalized);
  if (q === '') return [];
  const out = new Set<string>();
  for (const s of synonyms) {
    const term = foldText(s.term);
    if (term === '') continue;
    if (q.includes(term) || ([...q].length >= 2 && term.includes(q))) for (const e of s.expandsTo) out.add(e.trim());
  }
  out.delete('');
  return [...out];
}

export type ItemTextForIndex = {
  code: string;
  basicCode?: string | null;
  name: string;
  mainItem?: string | null;
  subItem?: string | null;
  keywords?: readonly string[];
};

/** Does a synonym point at this item (one of its catalogue words is in the item's name, 主项/子项 or keywords)? */
export function synonymAppliesTo(item: ItemTextForIndex, synonym: SynonymEntry): boolean {
  const texts = [item.name, item.mainItem ?? '', item.subItem ?? '', ...(item.keywords ?? [])].map(foldText);
  return synonym.expandsTo.some((e) => {
    const word = foldText(e);
    return word !== '' && texts.some((t) => t.includes(word));
  });
}

/** `search_terms` and `name_terms` of an item under the park's synonyms. */
export function itemSearchTerms(item: ItemTextForIndex, synonyms: readonly SynonymEntry[]): { searchTerms: string[]; nameTerms: string[] } {
  const terms = new Set<string>();
  const add = (text: string | null | undefined) => {
    for (const t of indexTermsOf(text)) terms.add(t);
  };
  add(item.name);
  add(item.mainItem);
  add(item.subItem);
  for (const k of item.keywords ?? []) add(k);
  terms.add(foldText(item.code));
  if (item.basicCode) terms.add(foldText(item.basicCode));
  for (const s of synonyms) if (synonymAppliesTo(item, s)) add(s.term);
  return { searchTerms: [...terms].sort(), nameTerms: indexTermsOf(item.name).sort() };
}

/** The ASCII part of a query when it looks like an item code (for prefix/contains matching). */
export function codeFragmentOf(raw: string): string | null {
  const folded = foldText(raw).replace(/\s+/g, '');
  return /^[0-9a-z._-]{3,60}$/.test(folded) ? folded : null;
}

/** How many of the query's terms must match: all of one or two, half of more. */
export function minimumHits(termCount: number): number {
  return termCount <= 2 ? Math.min(termCount, 1) : Math.ceil(termCount / 2);
}
