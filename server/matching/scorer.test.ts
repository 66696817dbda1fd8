import { describe, expect, it } from 'vitest';
import { buildMatchDocument, decodeTerms, encodeTerms, type TeamText } from './documents';
import { InvertedIndex } from './inverted-index';
import { type MatchQuery, scoreTeams, topDocuments } from './scorer';
import { charTerms, countTerms, wordTerms } from './tokens';

function team(name: string, codes: string[], works: string[], extra: Partial<TeamText> = {}): TeamText {
  return {
    name,
    keywords: [],
    description: null,
    disciplineCodes: codes,
    achievements: works.map((w) => ({ title: w, abstract: '', keywords: [] })),
    contractSubjects: [],
    ...extra,
  };
}

function indexOf(teams: Record<string, TeamText>): InvertedIndex {
  const index = new InvertedIndex();
  for (const [id, t] of Object.entries(teams)) {
    const d = buildMatchDocument(t);
    index.add(id, { ...d, chars: decodeTerms(d.chars), words: decodeTerms(d.words) });
  }
  return index;
}

const query = (text: string, more: Partial<MatchQuery> = {}): MatchQuery => ({ title: text, keywords: [], description: '', disciplines: [], categories: [], ...more });

function ranking(index: InvertedIndex, q: MatchQuery): string[] {
  const scores = scoreTeams(index, q);
  return topDocuments(scores, index.alive, index.size).map((d) => index.orgIds[d] as string);
}

describe('tokens', () => {
  it('cuts Chinese into characters and bigrams, keeps Latin and digit runs whole, lower-cased and NFKC-normalised', () => {
    expect(charTerms('精密轴承')).toEqual(['精', '精密', '密', '密轴', '轴', '轴承', '承']);
    // Full-width letters and digits become ASCII; punctuation separates runs; no bigram crosses it.
    expect(charTerms('ＣＹＰ2E1表达，轴承')).toEqual(['cyp2e1', '表', '表达', '达', '轴', '轴承', '承']);
    expect(charTerms('')).toEqual([]);
  });

  it('segments words with jieba (search mode: the compound and the words inside it)', () => {
    const words = wordTerms('新能源汽车电池管理系统');
    expect(words).toContain('新能源');
    expect(words).toContain('汽车');
    expect(words).toContain('电池');
  });

  it('stores term counts as text and reads them back', () => {
    const counts = countTerms(['轴承', '轴承', 'cyp2e1', '3d']);
    const decoded = decodeTerms(encodeTerms(counts));
    expect(decoded.terms).toEqual(['轴承', 'cyp2e1', '3d']);
    expect(decoded.counts).toEqual([2, 1, 1]);
    expect(decodeTerms('')).toEqual({ terms: [], counts: [] });
  });
});

describe('BM25 text relevance', () => {
  it('ranks the team whose text shares the need\'s terms first', () => {
    const index = indexOf({
      bearing: team('轴承研究团队', ['0802'], ['高速精密轴承套圈磨削工艺研究']),
      pharma: team('药物制剂团队', ['1007'], ['缓释制剂的体外释放研究']),
    });
    const scores = scoreTeams(index, query('精密轴承磨削'));
    expect(scores.text[index.documentOf('bearing') as number]).toBeGreaterThan(0);
    expect(scores.text[index.documentOf('pharma') as number]).toBe(0);
    expect(ranking(index, query('精密轴承磨削'))[0]).toBe('bearing');
  });

  it('saturates repeated terms (k1) and prefers the shorter of two equal matches (b)', () => {
    const filler = '本文研究了相关问题并给出了结论。'.repeat(20);
    const index = indexOf({
      once: team('甲', ['0802'], ['陶瓷轴承']),
      tenTimes: team('乙', ['0802'], ['陶瓷轴承'.repeat(10)]),
      long: team('丙', ['0802'], [`陶瓷轴承${filler}`]),
      other: team('丁', ['1007'], ['中药提取']),
    });
    const s = scoreTeams(index, query('陶瓷轴承'));
    const at = (id: string) => s.text[index.documentOf(id) as number] as number;
    expect(at('tenTimes')).toBeGreaterThan(at('once'));
    expect(at('tenTimes')).toBeLessThan(at('once') * 3);
    expect(at('once')).toBeGreaterThan(at('long'));
  });
});

describe('discipline fit', () => {
  const index = indexOf({
    m1: team('机械团队一', ['0802'], ['数控机床主轴热误差补偿', '齿轮箱振动故障诊断']),
    m2: team('机械团队二', ['0802'], ['滚动轴承寿命试验台设计', '机床导轨磨损']),
    p1: team('药学团队一', ['1007'], ['阿司匹林缓释片制备工艺', '药物晶型筛选']),
    p2: team('药学团队二', ['1007'], ['注射剂有关物质检测方法', '片剂溶出度一致性评价']),
  });

  it('infers the need\'s 一级学科 from the text and prefers its teams', () => {
    const scores = scoreTeams(index, query('机床主轴轴承振动'));
    expect(scores.disciplines[0]?.code).toBe('0802');
    expect(scores.disciplines[0]?.probability).toBeGreaterThan(0.5);
    const top2 = ranking(index, query('机床主轴轴承振动')).slice(0, 2).sort();
    expect(top2).toEqual(['m1', 'm2']);
  });

  it('infers only among the disciplines the need names, or those of its 学科门类', () => {
    const named = scoreTeams(index, query('机床主轴轴承振动', { disciplines: ['1007'] }));
    expect(named.disciplines.map((d) => d.code)).toEqual(['1007']);
    const category = scoreTeams(index, query('机床主轴轴承振动', { categories: ['10'] }));
    expect(category.disciplines.map((d) => d.code)).toEqual(['1007']);
    // A team outside every candidate discipline still ranks, by its text, after the candidates' teams.
    expect(ranking(index, query('机床主轴轴承振动', { categories: ['10'] })).slice(2).sort()).toEqual(['m1', 'm2']);
  });
});

describe('incremental updates', () => {
  it('a replaced document scores by its new text only, and dead documents change no statistic', () => {
    const index = indexOf({
      a: team('甲团队', ['0802'], ['精密轴承磨削']),
      b: team('乙团队', ['0802'], ['伺服电机控制']),
    });
    expect(ranking(index, query('伺服'))[0]).toBe('b');
    const replaced = buildMatchDocument(team('乙团队', ['0802'], ['茶叶加工']));
    index.add('b', { ...replaced, chars: decodeTerms(replaced.chars), words: decodeTerms(replaced.words) });
    expect(index.live).toBe(2);
    expect(index.dead).toBe(1);
    const scores = scoreTeams(index, query('伺服'));
    expect(scores.text[index.documentOf('b') as number]).toBe(0);
    expect(topDocuments(scores, index.alive, 10)).toHaveLength(2);
    index.remove('a');
    expect(ranking(index, query('精密轴承'))).toEqual(['b']);
  });
});
