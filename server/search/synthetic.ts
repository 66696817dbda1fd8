import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { Db } from '@/db/client';
import { needs } from '@/db/schema';
import { now } from '../clock';
import type { NeedIndustryField, NeedMode, NeedStatus } from '../needs/inputs';
import { searchColumns } from '../needs/needs';

const DAY = 24 * 3600 * 1000;

/**
 * Synthetic but realistic Chinese needs, generated from templates and each industry field's vocabulary:
 * for the search benchmark (100,000 needs) and the planner test (enough rows for PostgreSQL to prefer
 * the GIN index). Deterministic for a given seed, so runs compare.
 */
export const VOCABULARY: Record<NeedIndustryField, readonly string[]> = {
  smart_equipment: ['精密轴承', '数控机床', '工业机器人', '伺服电机', '精密减速器', '视觉检测', '磨削工艺', '轴承套圈', '齿轮箱', '自动化产线', '激光焊接', '液压系统', '故障诊断', '振动监测', '刀具磨损', '空压机', '纺织机械'],
  biomedicine: ['原料药', '制剂工艺', '一致性评价', '中药提取', '抗体药物', '缓释制剂', '结晶工艺', '杂质分析', '生物发酵', '医疗器械', '药物递送', '质量标准', '微生物检测', '细胞培养', '维生素合成'],
  new_materials: ['高温合金', '碳纤维复合材料', '石墨烯', '陶瓷材料', '稀土永磁', '表面涂层', '粉末冶金', '金属3D打印', '纳米材料', '轻量化结构', '耐磨材料', '高分子材料', '真空热处理'],
  electronics: ['集成电路', '压力传感器', '功率器件', 'PCB', '嵌入式系统', '电源管理', '射频模块', '芯片封装', '电磁兼容', '物联网终端', '柔性电路', 'LED驱动', '电池管理系统'],
  tea_agriculture: ['茶叶深加工', '名优茶', '茶多酚', '龙井茶', '智能采茶', '茶园管理', '病虫害防治', '有机肥', '农产品溯源', '冷链保鲜', '茶饮料', '抹茶', '设施农业', '节水灌溉'],
  energy_saving: ['余热回收', '节能改造', '污水处理', '废气治理', 'VOCs治理', '光伏发电', '储能系统', '电机能效', '固废资源化', '碳排放核算', '空气源热泵', '清洁生产'],
  digital_economy: ['工业互联网', '数字孪生', '大数据平台', '人工智能', '机器视觉', 'MES系统', '区块链', '云计算', '边缘计算', '智能制造', '知识图谱', '供应链协同'],
  other: ['检验检测', '标准制定', '知识产权运营', '管理咨询', '人才培训', '技术评估', '科技金融', '成果转化'],
};

const ACTIONS = ['工艺优化', '关键技术攻关', '国产化替代', '性能提升', '质量控制', '智能化改造', '检测方法开发', '成本降低研究', '稳定性提升', '产业化应用'];
const TITLE_TEMPLATES = [
  (a: string, b: string, act: string) => `${a}${act}`,
  (a: string, b: string, act: string) => `基于${b}的${a}${act}`,
  (a: string, b: string) => `${a}与${b}集成技术研发`,
  (a: string, _b: string, act: string) => `新昌县${a}${act}项目`,
  (a: string, b: string) => `面向${a}的${b}解决方案`,
];
const PROBLEMS = ['效率偏低', '良品率不高', '能耗较高', '核心部件依赖进口', '批次一致性差', '生产成本过高', '检测依赖人工', '工艺参数不稳定'];
const GOALS = ['提升产品质量', '降低生产成本', '实现国产化替代', '提高自动化水平', '缩短研发周期', '通过客户认证', '满足出口标准', '减少碳排放'];
const DETAILS = [
  '企业现有生产线年产能约{n}万件，希望合作团队具备相关工程化经验。',
  '需提供小试、中试验证数据，并完成不少于{n}批次的稳定性试验。',
  '合作方式可为技术开发或技术服务，成果须在新昌本地实现产业化。',
  '项目周期内企业提供场地、设备及{n}名工程技术人员配合。',
  '要求关键指标达到国内先进水平，形成发明专利不少于{n}项。',
];

/** mulberry32: a small deterministic generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

export interface SyntheticNeed {
  mode: NeedMode;
  title: string;
  summary: string;
  description: string;
  keywords: string[];
  industryField: NeedIndustryField;
  budgetMin: string | null;
  budgetMax: string | null;
  bounty: string | null;
  deliveryMonths: number;
  anonymous: boolean;
}

const FIELDS = Object.keys(VOCABULARY) as NeedIndustryField[];

/** One synthetic need; `extraSentences` (e.g. real abstracts) may enrich descriptions. */
export function syntheticNeed(random: () => number, extraSentences: readonly string[] = []): SyntheticNeed {
  const industryField = pick(random, FIELDS);
  const vocab = VOCABULARY[industryField];
  const a = pick(random, vocab);
  let b = pick(random, vocab);
  if (b === a) b = pick(random, VOCABULARY.digital_economy);
  const act = pick(random, ACTIONS);
  const title = pick(random, TITLE_TEMPLATES)(a, b, act);
  const summary = `本企业在${a}方面存在${pick(random, PROBLEMS)}的问题，希望通过${b}相关技术${pick(random, GOALS)}。`;
  const details = [pick(random, DETAILS), pick(random, DETAILS)].map((d) => d.replace('{n}', String(1 + Math.floor(random() * 20))));
  const extra = extraSentences.length > 0 && random() < 0.5 ? `\n\n参考文献摘要：${pick(random, extraSentences)}` : '';
  const description = `## 需求背景\n${summary}\n\n## 技术要求\n${details.join('\n')}${extra}`;
  const modeRoll = random();
  const mode: NeedMode = modeRoll < 0.7 ? 'open' : modeRoll < 0.9 ? 'jiebang' : 'horse_race';
  const low = 10 + Math.floor(random() * 90);
  const high = low + 10 + Math.floor(random() * 200);
  return {
    mode,
    title,
    summary,
    description,
    keywords: [...new Set([a, b, act])],
    industryField,
    budgetMin: mode === 'jiebang' ? null : low.toFixed(2),
    budgetMax: mode === 'jiebang' ? null : high.toFixed(2),
    bounty: mode === 'jiebang' ? (high * 2).toFixed(2) : null,
    deliveryMonths: 3 + Math.floor(random() * 33),
    anonymous: random() < 0.2,
  };
}

export interface BulkOptions {
  seed?: number;
  /** Sentences (e.g. real abstracts) mixed into some descriptions. */
  extraSentences?: readonly string[];
  chunk?: number;
  onProgress?: (inserted: number) => void;
}

/**
 * A year or more of a living market: most needs are done (awarded, completed), about one in seven is
 * open for bids at any time, a few are drafts or cancelled.
 */
const STATUS_ROLLS: readonly [number, NeedStatus][] = [
  [0.15, 'published'],
  [0.22, 'closed'],
  [0.27, 'evaluating'],
  [0.42, 'awarded'],
  [0.85, 'completed'],
  [0.92, 'draft'],
  [1, 'cancelled'],
];

/**
 * The bulk path: `count` synthetic needs spread over `owners`, segmented and inserted in multi-row
 * statements (a few hundred rows each), statuses mixed like a living market.
 */
export async function insertSyntheticNeeds(db: Db, owners: readonly { orgId: string; userId: string }[], count: number, options: BulkOptions = {}): Promise<void> {
  const random = rng(options.seed ?? 20261127);
  const chunk = options.chunk ?? 500;
  const at = now().getTime();
  for (let done = 0; done < count; ) {
    const rows: PgInsertValue<typeof needs>[] = [];
    for (let i = 0; i < chunk && done + i < count; i++) {
      const n = syntheticNeed(random, options.extraSentences);
      const owner = pick(random, owners);
      const roll = random();
      const status = STATUS_ROLLS.find(([limit]) => roll < limit)?.[1] ?? 'published';
      const open = status === 'published' || status === 'draft';
      const deadline = new Date(at + (open ? 1 : -1) * (1 + Math.floor(random() * 90)) * DAY);
      const published = status === 'draft' ? null : new Date(deadline.getTime() - 30 * DAY);
      rows.push({
        ...n,
        ownerOrgId: owner.orgId,
        authorUserId: owner.userId,
        status,
        bidDeadline: deadline,
        publishedAt: published,
        closedAt: open || status === 'cancelled' ? null : deadline,
        cancelledAt: status === 'cancelled' ? new Date(at) : null,
        awardCount: n.mode === 'horse_race' ? 2 : 1,
        eligibility: n.mode === 'jiebang' ? [{ kind: 'verified_org' }] : [],
        ndaText: '接收方对保密附件负有保密义务。',
        annexText: '保密附件：工艺参数与图纸。',
        createdAt: published ?? new Date(at),
        updatedAt: new Date(at),
        ...searchColumns(n),
      });
    }
    await db.insert(needs).values(rows);
    done += rows.length;
    options.onProgress?.(done);
  }
}
