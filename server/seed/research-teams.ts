import { eq } from 'drizzle-orm';
import { organizations } from '@/db/schema';
import type { IndustryField } from '../accounts/inputs';
import { cslTeamToInput, importResearchTeams } from '../orgs/import';
import { addMembers, daysAgo, generatedPerson, tally, type PersonSpec, type SeedContext, type SeededOrg } from './context';
import { cslSample } from './csl';
import { DEMO, type DemoLogin } from './demo-logins';
import { demoCreditCode } from './orgs';

/**
 * Research teams of real universities and institutes, each carrying the papers of one CSL record
 * (db/data/csl-teams-sample.jsonl: real Chinese abstracts, Apache-2.0, see NOTICE-CSL.md). Team names
 * and people are invented; the host institutions are real, their credit codes generated (valid, not real).
 * They are loaded through `importResearchTeams`, the same path as any bulk load.
 */

interface Institution {
  name: string;
  /** Division of the registering authority: 100000 for central institutions, else the province or city. */
  division: string;
  city: string;
}

const INSTITUTIONS = {
  zju: { name: '浙江大学', division: '100000', city: '杭州市' },
  zjut: { name: '浙江工业大学', division: '330000', city: '杭州市' },
  cjlu: { name: '中国计量大学', division: '330000', city: '杭州市' },
  zcmu: { name: '浙江中医药大学', division: '330000', city: '杭州市' },
  hdu: { name: '杭州电子科技大学', division: '330000', city: '杭州市' },
  zafu: { name: '浙江农林大学', division: '330000', city: '杭州市' },
  zjgsu: { name: '浙江工商大学', division: '330000', city: '杭州市' },
  tric: { name: '中国农业科学院茶叶研究所', division: '100000', city: '杭州市' },
  usx: { name: '绍兴文理学院', division: '330600', city: '绍兴市' },
  nimte: { name: '中国科学院宁波材料技术与工程研究所', division: '100000', city: '宁波市' },
  sjtu: { name: '上海交通大学', division: '100000', city: '上海市' },
  tongji: { name: '同济大学', division: '100000', city: '上海市' },
  cpu: { name: '中国药科大学', division: '100000', city: '南京市' },
  sustech: { name: '南方科技大学', division: '440300', city: '深圳市' },
} as const satisfies Record<string, Institution>;

type InstitutionKey = keyof typeof INSTITUTIONS;

interface TeamSpec {
  key: string;
  /** The CSL record whose papers are the team's achievements. */
  csl: string;
  host: InstitutionKey;
  name: string;
  industryField: IndustryField;
  /** Expertise keywords in the county's words, before the record's own. */
  keywords: string[];
  description: string;
  registeredDaysAgo: number;
  status?: 'pending';
  demo?: DemoLogin[];
}

const TEAMS: TeamSpec[] = [
  {
    key: 'team.zjut-bearing',
    csl: 't244',
    host: 'zjut',
    name: '精密轴承与传动可靠性研究团队',
    industryField: 'smart_equipment',
    keywords: ['精密轴承', '轴承寿命预测', '故障诊断'],
    description:
      '依托浙江工业大学机械工程学院，研究滚动轴承扩展寿命计算、行星齿轮传动系统设计与仿真、轴承故障特征提取，为轴承与传动部件企业提供寿命评估与可靠性设计服务。',
    registeredDaysAgo: 320,
    demo: [DEMO.team],
  },
  {
    key: 'team.zju-reliability',
    csl: 't242',
    host: 'zju',
    name: '数控装备可靠性与精密检测团队',
    industryField: 'smart_equipment',
    keywords: ['数控机床', '可靠性增长', '精密检测'],
    description: '面向高端数控装备，开展可靠性建模与优化设计、凸轮等精密零件的计算机辅助检测与误差分析、电解加工CAD/CAE/CAM研究。',
    registeredDaysAgo: 300,
  },
  {
    key: 'team.sjtu-transmission',
    csl: 't243',
    host: 'sjtu',
    name: '精密传动与密封技术团队',
    industryField: 'smart_equipment',
    keywords: ['行星传动', '磁性液体密封', '柔顺机构'],
    description: '研究针摆行星传动动态性能、磁性液体轴封密封能力和柔顺机构构型综合，承担多项精密传动部件企业委托项目。',
    registeredDaysAgo: 280,
  },
  {
    key: 'team.sustech-vision',
    csl: 't246',
    host: 'sustech',
    name: '机器视觉与智能装备团队',
    industryField: 'smart_equipment',
    keywords: ['机器视觉', '视觉定位', '结构优化'],
    description: '研究单目视觉-激光测距定位系统标定、重型装备结构模态分析与优化、感应式电能传输，致力于视觉检测在制造现场的落地。',
    registeredDaysAgo: 210,
  },
  {
    key: 'team.cjlu-gear',
    csl: 't98',
    host: 'cjlu',
    name: '齿轮动力学与故障诊断团队',
    industryField: 'smart_equipment',
    keywords: ['齿轮啮合', '振动分析', '故障诊断'],
    description: '依托中国计量大学计量测试工程学院，研究齿轮副动态啮合特性的接触有限元分析、基于传动误差的早期磨损故障诊断和压电俘能技术。',
    registeredDaysAgo: 260,
  },
  {
    key: 'team.tongji-nvh',
    csl: 't103',
    host: 'tongji',
    name: '汽车振动与噪声控制团队',
    industryField: 'smart_equipment',
    keywords: ['汽车NVH', '磁流变悬置', '载荷识别'],
    description: '研究动力装置磁流变悬置隔振控制、非线性汽车悬架动力学和结构载荷识别方法，为汽车零部件企业提供振动噪声测试与优化。',
    registeredDaysAgo: 240,
  },
  {
    key: 'team.nimte-ceramics',
    csl: 't247',
    host: 'nimte',
    name: '先进陶瓷与功能薄膜团队',
    industryField: 'new_materials',
    keywords: ['结构陶瓷', '功能薄膜', '光催化'],
    description: '研究陶瓷材料显微结构设计与自补强增韧、氟化非晶碳薄膜、铁电薄膜和TiO2光催化材料，可为耐磨涂层与功能器件提供材料方案。',
    registeredDaysAgo: 290,
  },
  {
    key: 'team.sjtu-composites',
    csl: 't255',
    host: 'sjtu',
    name: '金属基复合材料与焊接团队',
    industryField: 'new_materials',
    keywords: ['高氮不锈钢', '熔焊', '泡沫铝'],
    description: '研究高氮奥氏体不锈钢熔焊、金属基复合材料界面与纤维涂层、泡沫铝复合材料的腐蚀与力学性能。',
    registeredDaysAgo: 230,
  },
  {
    key: 'team.nimte-graphene',
    csl: 't256',
    host: 'nimte',
    name: '石墨烯功能材料团队',
    industryField: 'new_materials',
    keywords: ['石墨烯', '导热材料', '纳米复合'],
    description: '研究功能化石墨烯的表面性能调控、近红外吸收染料和磁性纳米复合颗粒，推动石墨烯导热与防护材料在装备制造中的应用。',
    registeredDaysAgo: 270,
    demo: [DEMO.lab],
  },
  {
    key: 'team.sustech-battery',
    csl: 't253',
    host: 'sustech',
    name: '动力电池热管理材料团队',
    industryField: 'new_materials',
    keywords: ['相变储能', '电池热管理', '有机-无机杂化'],
    description: '研究相变储能材料在电动汽车电池热管理系统中的应用、生物矿化粉体形貌控制和倍半硅氧烷杂化材料。',
    registeredDaysAgo: 180,
  },
  {
    key: 'team.zju-semiconductor',
    csl: 't258',
    host: 'zju',
    name: '薄膜力学与宽禁带半导体团队',
    industryField: 'electronics',
    keywords: ['纳米压痕', '第三代半导体', '薄膜表征'],
    description: '以纳米压痕、纳米划痕等技术表征薄膜/基体体系显微力学性能，研究SiC、GaN等第三代半导体材料及其在LED产业中的应用。',
    registeredDaysAgo: 250,
  },
  {
    key: 'team.zjut-synthesis',
    csl: 't372',
    host: 'zjut',
    name: '药物合成与工艺研究团队',
    industryField: 'biomedicine',
    keywords: ['手性药物', '原料药工艺', '药物分析'],
    description: '依托浙江工业大学药学院，开展手性药物消旋化与拆分、原料药合成工艺和制剂质量分析研究，长期服务省内原料药企业。',
    registeredDaysAgo: 310,
  },
  {
    key: 'team.zju-delivery',
    csl: 't375',
    host: 'zju',
    name: '药物制剂与递送团队',
    industryField: 'biomedicine',
    keywords: ['制剂工艺', '药物偶联', '吸入制剂'],
    description: '研究口服固体制剂制备与质量控制、聚合物-药物偶联物设计合成、计算流体动力学在吸入制剂中的应用以及心肌保护机制。',
    registeredDaysAgo: 275,
  },
  {
    key: 'team.cpu-generics',
    csl: 't378',
    host: 'cpu',
    name: '仿制药一致性评价团队',
    industryField: 'biomedicine',
    keywords: ['一致性评价', '生物等效性', '药物分析'],
    description: '开展药物合成、体内药动学与生物等效性研究、固相萃取-HPLC分析方法开发和药物利用分析，为企业一致性评价提供全流程技术支持。',
    registeredDaysAgo: 220,
  },
  {
    key: 'team.zcmu-herbal',
    csl: 't11',
    host: 'zcmu',
    name: '中药化学与质量控制团队',
    industryField: 'biomedicine',
    keywords: ['中药质量控制', '生物碱', '质谱分析'],
    description: '研究附子等中药中生物碱的质谱裂解规律、提取分离纯化工艺和中药质量标准，兼顾中医临床急救与护理研究。',
    registeredDaysAgo: 200,
  },
  {
    key: 'team.tric-tea-safety',
    csl: 't390',
    host: 'tric',
    name: '茶叶质量安全与加工团队',
    industryField: 'tea_agriculture',
    keywords: ['茶叶农残检测', '茶叶加工', '食品安全'],
    description: '研究茶叶中农药残留的快速检测（QuEChERS-GC/MS）、美拉德反应产物与食品品质、果蔬保鲜与快速检测方法，服务茶叶主产区企业。',
    registeredDaysAgo: 330,
  },
  {
    key: 'team.zju-packaging',
    csl: 't396',
    host: 'zju',
    name: '食品包装与保鲜团队',
    industryField: 'tea_agriculture',
    keywords: ['绿茶保鲜', '纳米包装', '微胶囊'],
    description: '研究纳米包装材料对绿茶保鲜品质的影响、气调包装和香精纳米微胶囊制备，可为名优茶储运保鲜提供方案。',
    registeredDaysAgo: 190,
  },
  {
    key: 'team.zjgsu-natural',
    csl: 't111',
    host: 'zjgsu',
    name: '天然产物与茶资源利用团队',
    industryField: 'tea_agriculture',
    keywords: ['茶多糖', '天然产物提取', '茶资源综合利用'],
    description: '研究碱溶性茶多糖的提取与分析、荧光功能分子和配合物合成，兼做煤气化过程模拟，探索茶叶副产物的高值化利用。',
    registeredDaysAgo: 170,
  },
  {
    key: 'team.zafu-drying',
    csl: 't76',
    host: 'zafu',
    name: '农产品干燥与设施农业装备团队',
    industryField: 'tea_agriculture',
    keywords: ['热泵干燥', '温室控制', '农业装备'],
    description: '研究热泵干燥系统设计、温室变温管理的模糊控制和LED动态补光，面向茶叶等农产品加工装备的节能改造。',
    registeredDaysAgo: 250,
  },
  {
    key: 'team.zju-motor',
    csl: 't216',
    host: 'zju',
    name: '电机驱动与运动控制团队',
    industryField: 'smart_equipment',
    keywords: ['永磁同步电机', '无传感器控制', '路径规划'],
    description: '研究永磁同步电机基于扩展卡尔曼滤波的无传感器直接转矩控制、智能路径导航算法和不确定系统的鲁棒控制。',
    registeredDaysAgo: 235,
  },
  {
    key: 'team.cjlu-bms',
    csl: 't333',
    host: 'cjlu',
    name: '电池管理与电机控制团队',
    industryField: 'electronics',
    keywords: ['电池管理系统', 'CAN总线', '无刷直流电机'],
    description: '开发基于CAN总线的动力电池组采集系统、无刷直流电机重复控制和多通道数据记录装置，研究限流器暂态过程。',
    registeredDaysAgo: 205,
  },
  {
    key: 'team.hdu-ic',
    csl: 't325',
    host: 'hdu',
    name: '低功耗集成电路设计团队',
    industryField: 'electronics',
    keywords: ['集成电路设计', '功率放大器', '锂电池保护'],
    description: '研究功率放大器预失真电路、低功耗锂离子电池保护电路、FPGA嵌入式接口和SoC低功耗设计策略。',
    registeredDaysAgo: 215,
  },
  {
    key: 'team.zjut-wastewater',
    csl: 't310',
    host: 'zjut',
    name: '工业废水深度处理团队',
    industryField: 'energy_saving',
    keywords: ['高级氧化', '废水深度处理', '生物脱氮除磷'],
    description: '研究焦化等难降解工业废水的臭氧/芬顿高级氧化与曝气生物滤池组合深度处理、生物除磷机理和规模化养殖粪污处理工艺。',
    registeredDaysAgo: 285,
  },
  {
    key: 'team.usx-dyeing',
    csl: 't307',
    host: 'usx',
    name: '印染废水资源化团队',
    industryField: 'energy_saving',
    keywords: ['印染废水', '厌氧反应器', '生物炭吸附'],
    description: '立足绍兴印染产业，研究印染废水高效厌氧反应器技术、改性生物炭对重金属的吸附固定、废蚀刻液资源回收和染料微生物脱色。',
    registeredDaysAgo: 160,
  },
  {
    key: 'team.sjtu-carbon',
    csl: 't106',
    host: 'sjtu',
    name: '燃烧诊断与碳减排团队',
    industryField: 'energy_saving',
    keywords: ['CO2捕集', '燃烧诊断', '锅炉节能'],
    description: '研究钾基固体吸收剂烟气CO2脱除、差分吸收光谱污染气体监测、电站锅炉强化传热计算和火焰温度场测量。',
    registeredDaysAgo: 195,
  },
  {
    key: 'team.usx-gear',
    csl: 't245',
    host: 'usx',
    name: '齿轮精密加工与刀具团队',
    industryField: 'smart_equipment',
    keywords: ['齿轮加工', '硬质合金滚刀', '表面形貌'],
    description: '研究硬质合金滚刀加工淬硬齿轮的切削性能、机构型综合和分形粗糙表面轮廓合成，希望与县内齿轮、轴承企业合作。',
    registeredDaysAgo: 2,
    status: 'pending',
    demo: [DEMO.pendingTeam],
  },
];

/** The team keys the seed makes, for later steps (needs, bids, contracts) to pick from. */
export const RESEARCH_TEAM_KEYS = TEAMS.map((t) => t.key);

export async function seedResearchTeams(ctx: SeedContext): Promise<void> {
  const sample = cslSample();
  // One credit code per institution: its teams share it, since the institution signs their contracts.
  const codes = new Map<InstitutionKey, string>();
  for (const key of Object.keys(INSTITUTIONS) as InstitutionKey[]) {
    codes.set(key, demoCreditCode(ctx.random, '12', INSTITUTIONS[key].division, 'established'));
  }
  const inputs = TEAMS.map((spec) => {
    const record = sample.get(spec.csl);
    if (!record) throw new Error(`seed: CSL record ${spec.csl} is not in db/data/csl-teams-sample.jsonl`);
    const host = INSTITUTIONS[spec.host];
    return cslTeamToInput(record, {
      name: spec.name,
      hostInstitution: host.name,
      creditCode: codes.get(spec.host) ?? '',
      city: host.city,
      description: spec.description,
      industryField: spec.industryField,
      status: spec.status ?? 'verified',
      keywords: spec.keywords,
      // CSL has no publication years: illustrative ones over the last few years, newest first (NOTICE-CSL.md).
      years: record.achievements.map((_, i) => ctx.at.getFullYear() - 1 - i - ctx.random.int(0, 1)),
    });
  });
  // Inside the seed's transaction each chunk becomes a savepoint: the whole seed still commits or not at all.
  const imported = await importResearchTeams(ctx.tx, null, inputs);
  tally(ctx, 'researchTeams', imported.length);
  tally(ctx, 'achievements', imported.reduce((n, t) => n + t.achievementIds.length, 0));

  for (const [i, spec] of TEAMS.entries()) {
    const team = imported[i];
    if (!team) throw new Error('seed: import returned fewer teams');
    // The import stamps the load time; a demo team registered months ago, like the other organisations.
    const createdAt = daysAgo(ctx, spec.registeredDaysAgo);
    const reviewedAt = spec.status === 'pending' ? null : new Date(createdAt.getTime() + ctx.random.int(1, 5) * 86_400_000);
    await ctx.tx.update(organizations).set({ createdAt, updatedAt: reviewedAt ?? createdAt, reviewedAt }).where(eq(organizations.id, team.orgId));
    const org: SeededOrg = {
      key: spec.key,
      id: team.orgId,
      kind: 'research_team',
      status: spec.status ?? 'verified',
      name: spec.name,
      creditCode: codes.get(spec.host) ?? '',
      industryField: spec.industryField,
      rejectionReason: null,
      createdAt,
      members: [],
    };
    ctx.orgs.set(spec.key, org);
    await addMembers(ctx, org, teamPeople(ctx, spec));
  }
}

function teamPeople(ctx: SeedContext, spec: TeamSpec): PersonSpec[] {
  const people: PersonSpec[] = (spec.demo ?? []).map((d) => ({ name: d.name, email: d.email, title: d.title, role: d.role }));
  if (!people.some((p) => p.role === 'owner')) people.push(generatedPerson(ctx, 'owner', ctx.random.pick(['教授', '研究员'])));
  if (spec.status === 'pending') return people;
  people.push(generatedPerson(ctx, 'admin', ctx.random.pick(['副教授', '副研究员'])));
  const members = ctx.random.int(0, 2);
  for (let i = 0; i < members; i++) people.push(generatedPerson(ctx, 'member', ctx.random.pick(['讲师', '博士后', '助理研究员', '高级实验师'])));
  return people;
}

/**
 * The demo login of a second verified team that can bid (README): added after the whole market has been
 * replayed, so the seed's pseudo-random choices before it — names, dates, the market — stay what they were.
 */
export async function seedSecondTeamLogin(ctx: SeedContext): Promise<void> {
  const org = [...ctx.orgs.values()].find((o) => o.name === DEMO.reliability.org);
  if (!org) throw new Error(`seed: no team named ${DEMO.reliability.org}`);
  const { name, email, title, role } = DEMO.reliability;
  await addMembers(ctx, org, [{ name, email, title, role }]);
}
