import type { FeedbackCode } from '../reviews/inputs';
import type { NeedIndustryField } from '../needs/inputs';
import type { Random } from './random';

/**
 * The words of the demo market: how research teams write their approaches, what owners answer, what
 * reviewers note, what parties say when rating each other. Composed per need and team by
 * server/seed/marketplace.ts, so no two bids read alike while every sentence is one a person would write.
 */

interface FieldWords {
  /** Technical routes a team may propose (“采用……的技术路线”). */
  routes: string[];
  /** What each phase of the work does, in order (the milestones' deliverables come from `phases`). */
  methods: string[];
  /** Deliverables of the phases, first to last (2–4 are used; the last one always closes the work). */
  phases: string[];
  innovations: string[];
  risks: string[];
}

export const FIELD_WORDS: Record<NeedIndustryField, FieldWords> = {
  smart_equipment: {
    routes: ['机理建模—仿真分析—台架验证—产线应用', '数据驱动与物理模型融合', '多体动力学仿真结合试验模态分析', '在线测量—闭环补偿—工艺固化'],
    methods: [
      '赴企业现场调研工况与失效件，完成失效机理分析，确定关键影响因素与评价指标',
      '建立参数化仿真模型，开展灵敏度分析与多目标优化，给出2～3套候选方案',
      '在团队试验台和企业台架上开展对比试验，用试验数据修正模型',
      '在企业产线小批量验证，固化工艺参数并编制作业指导书',
    ],
    phases: ['工况调研、失效机理分析与技术方案报告', '仿真模型、优化方案与样件试制', '台架对比试验报告与参数优化', '产线应用验证、工艺文件及验收报告'],
    innovations: [
      '将轴承/传动部件的热-力耦合效应纳入模型，预测精度明显高于经验公式',
      '采用小样本迁移学习，解决企业故障与缺陷样本不足的问题',
      '试验方案按企业现有设备设计，成果可直接在产线落地',
      '建立可持续更新的数据库，后续新型号只需少量试验即可标定',
    ],
    risks: ['现场数据不足时，团队以加速试验补充样本', '若优化方案需改模具，优先选择改动最小的方案并提前与企业确认'],
  },
  biomedicine: {
    routes: ['路线筛选—小试优化—杂质研究—中试放大', '质量源于设计（QbD）', '连续流工艺替代间歇釜式工艺', '体外释放—体内相关性研究'],
    methods: [
      '系统检索文献与专利，比选3条以上合成/制剂路线，完成风险评估',
      '开展小试工艺开发，采用实验设计（DoE）确定关键工艺参数与设计空间',
      '开展杂质谱研究与分析方法开发验证，制定质量控制策略',
      '协助企业完成中试放大与工艺验证，整理申报所需研究资料',
    ],
    phases: ['文献调研、路线筛选与小试方案', '小试工艺开发与关键杂质研究报告', '中试放大（3批）与工艺验证报告', '工艺规程、质量标准草案及申报资料'],
    innovations: [
      '采用绿色溶剂体系与可回收催化剂，三废排放显著减少',
      '基于QbD理念建立设计空间，工艺稳健性更好',
      '团队具备完整的杂质分析平台，可快速完成方法学验证',
      '与企业GMP体系对接，研究资料可直接用于注册申报',
    ],
    risks: ['若放大过程出现收率下降，团队将驻厂配合排查', '关键物料供应风险提前与企业共同评估备选供应商'],
  },
  new_materials: {
    routes: ['配方设计—界面调控—中试放大', '表面改性与复合增强', '组织-性能定量调控', '高通量筛选结合机理研究'],
    methods: [
      '分析应用工况与失效样品，确定材料体系与原材料筛选方案',
      '开展配方设计与实验室制备，系统表征微观结构与关键性能',
      '委托第三方检测关键指标，按应用工况开展加速老化/可靠性试验',
      '在企业中试线完成放大制备，形成工艺包与企业标准草案',
    ],
    phases: ['配方设计与原材料筛选报告', '实验室制备与性能表征（含第三方检测）', '中试制备与应用验证报告', '工艺包、企业标准草案及验收报告'],
    innovations: [
      '通过界面化学键合替代物理混合，关键性能提升明显',
      '团队自有的表征平台可同步开展结构与性能分析，迭代快',
      '配方兼顾成本，主要原材料均可国内采购',
      '建立组织/结构与性能的定量关系，便于企业后续自主调整配方',
    ],
    risks: ['若中试分散效果不及实验室，将调整工艺设备参数并驻厂调试', '原材料批次波动通过来料检验规范控制'],
  },
  electronics: {
    routes: ['系统建模—电路设计—样机验证—小批量导入', '软硬件协同的低功耗设计', '基于模型的标定与补偿', '国产化器件替代与可靠性验证'],
    methods: [
      '梳理产品需求与应用场景，完成系统架构与关键器件选型',
      '完成原理图与PCB设计、嵌入式软件开发，制作原理样机',
      '开展关键指标、环境适应性与EMC测试，迭代工程样机',
      '支持企业小批量试产，交付设计文件、测试规范与源代码',
    ],
    phases: ['需求分析与系统/电路方案设计', '原理样机与关键指标测试报告', '工程样机、可靠性及EMC测试报告', '小批量试产支持与技术资料交付'],
    innovations: [
      '采用事件触发的采样与上报策略，整体功耗显著降低',
      '补偿算法以查表与分段拟合结合，可在低成本MCU上实现',
      '全部器件可选国产型号，供应链风险可控',
      '设计阶段同步考虑EMC与可靠性，减少后期整改',
    ],
    risks: ['关键器件交期风险通过双型号备选应对', '若测试不达标，预留一轮改版的时间与费用'],
  },
  tea_agriculture: {
    routes: ['茶区调研—实验室研究—生产季验证', '近红外光谱与机器视觉融合', '工艺参数化与标准化', '绿色防控与智能监测结合'],
    methods: [
      '赴公司茶园、加工车间和收购点调研，采集代表性样品建立基础数据',
      '在实验室建立方法/工艺，完成条件优化与性能评价',
      '在春茶（或夏秋茶）生产季开展现场试验，与现行做法对比',
      '编制技术规程，开展茶农和操作工培训，整理验收资料',
    ],
    phases: ['茶区调研与技术方案', '实验室研究与方法/工艺建立报告', '生产季现场试验与验证报告', '技术规程、培训与验收资料'],
    innovations: [
      '针对大佛龙井的原料与工艺特点建立专用模型/方法，而非照搬通用方案',
      '方法简便、成本低，适合茶农和中小茶企推广',
      '研究覆盖一个完整茶季，数据代表性强',
      '团队长期在茶区开展科技服务，熟悉当地生产实际',
    ],
    risks: ['生产季窗口短，团队提前完成实验室验证，确保茶季不误时', '天气导致的原料差异通过多批次试验覆盖'],
  },
  energy_saving: {
    routes: ['诊断评估—小试—中试—工程化', '高级氧化与生物处理组合', '系统能效诊断与运行优化', '余热梯级利用'],
    methods: [
      '开展水质/工况诊断与现有工艺评估，比选技术路线',
      '开展小试试验，确定关键设计与运行参数',
      '建设并运行中试装置（连续运行不少于60天），记录完整在线数据',
      '完成工程化设计方案、经济性与碳减排分析',
    ],
    phases: ['水质/工况诊断与工艺比选报告', '小试试验报告与设计参数', '中试装置运行（连续60天）与数据报告', '工程化设计方案及验收报告'],
    innovations: [
      '采用低成本非均相催化剂，避免芬顿工艺的大量铁泥',
      '运行策略根据负荷自适应调整，节能效果稳定',
      '中试装置数据全程在线记录并向甲方开放',
      '同步给出碳减排核算，便于企业申报节能减排项目',
    ],
    risks: ['进水水质波动通过调节池与预处理控制', '若中试未达标，延长运行期并调整工艺参数'],
  },
  digital_economy: {
    routes: ['业务建模—数据治理—模型开发—平台部署', '机理模型与数据驱动融合', '低代码配置化平台', '边缘-云协同'],
    methods: [
      '调研业务流程与数据现状，完成数据治理方案与系统架构设计',
      '开发核心模型与算法，用历史数据离线验证',
      '在试点企业部署并试运行，持续迭代',
      '完成上线验收，编写运维手册并培训企业人员',
    ],
    phases: ['业务调研与系统架构设计', '核心模型/算法开发与离线验证报告', '平台部署与试运行报告', '上线验收、运维手册与培训'],
    innovations: [
      '以设备机理约束数据模型，小样本下仍有较好的泛化能力',
      '模块化设计，可在县内同类企业快速复制',
      '支持国产化软硬件环境',
      '模型具备在线更新机制，无需团队长期驻场',
    ],
    risks: ['数据质量问题在第一阶段集中治理', '试点企业生产繁忙时，部署安排在检修窗口'],
  },
  other: {
    routes: ['调研诊断—专题研究—方案论证', '标准化方法与案例分析结合', '指标体系构建与试评价'],
    methods: [
      '开展现状调研与访谈，梳理问题清单',
      '开展专题研究，形成报告初稿',
      '组织专家论证与征求意见，修改完善',
      '交付最终成果并开展宣讲培训',
    ],
    phases: ['现状调研与研究框架', '专题研究报告（初稿）', '方案论证与征求意见稿', '最终报告与成果交付'],
    innovations: ['结合县内产业实际，成果可操作性强', '团队具备相关标准与评价工作经验', '形成可复用的工具与模板'],
    risks: ['调研对象配合度通过甲方协调保障'],
  },
};

/** The deliverables of `n` milestones (2–4): the first phases, and always the closing one last. */
export function phasesFor(field: NeedIndustryField, n: number): string[] {
  const all = FIELD_WORDS[field].phases;
  const last = all[all.length - 1] ?? '验收报告';
  return [...all.slice(0, Math.max(0, n - 1)), last];
}

/** A team's approach (Markdown) to a need. */
export function approachText(
  random: Random,
  input: {
    field: NeedIndustryField;
    needTitle: string;
    problems: string[];
    teamName: string;
    teamDescription: string;
    achievements: string[];
    phases: string[];
    months: number;
  },
): string {
  const words = FIELD_WORDS[input.field];
  const route = random.pick(words.routes);
  const problem = input.problems.slice(0, 2).join('、');
  // The last phase always closes the work (phasesFor): it takes the last method, the others theirs in order.
  const last = input.phases.length - 1;
  const steps = input.phases.map((phase, i) => `${i + 1}. **${phase}**：${words.methods[i === last ? words.methods.length - 1 : i] ?? phase}。`);
  const innovations = pickSome(random, words.innovations, 2).map((s) => `- ${s}。`);
  const foundation = [
    `- ${input.teamDescription.split('。')[0] ?? input.teamDescription}。`,
    ...input.achievements.slice(0, 2).map((t) => `- 相关成果：《${t}》。`),
  ];
  return [
    '## 技术路线',
    `针对「${input.needTitle}」中${problem}等难点，${input.teamName}拟采用“${route}”的技术路线，计划${input.months}个月内完成。`,
    '',
    '## 研究内容与进度',
    ...steps,
    '',
    '## 创新点',
    ...innovations,
    '',
    '## 前期基础',
    ...foundation,
    '',
    '## 风险与对策',
    `- ${random.pick(words.risks)}。`,
  ].join('\n');
}

/** What a second revision says it changed. */
export const REVISION_NOTES = [
  '根据需求方答疑澄清，补充了现场验证方案，并调整了第二阶段的进度安排。',
  '细化了考核指标的测试方法，报价按最新的试验工作量作了调整。',
  '增加一名具有产线经验的工程师，补充了风险应对措施。',
];

export function pickSome<T>(random: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(random.int(0, pool.length - 1), 1)[0] as T);
  return out;
}

/** 未中标反馈: one sentence per code, several variants each. */
export const FEEDBACK_TEXTS: Record<FeedbackCode, string[]> = {
  budget: [
    '方案技术上可行，但报价高于本需求预算上限，且未说明超出部分的必要性。',
    '报价明显高于其他方案，第三阶段的试验费用测算偏高。',
  ],
  approach: [
    '技术路线以实验室研究为主，对产线应用和工程化实施的论证不足。',
    '方案对关键难点的应对措施较笼统，缺少可量化的中间考核指标。',
    '所提路线与企业现有设备条件匹配度不高，实施需较大改造。',
  ],
  timing: [
    '计划周期长于需求要求的交付期，首阶段成果出得较晚。',
    '进度安排与企业生产计划冲突，现场试验时间窗口不足。',
  ],
  capability: [
    '团队在该方向的工程化案例较少，中试条件需依赖外部单位。',
    '项目组核心成员同时承担多个项目，投入本项目的时间不足。',
  ],
  other: [
    '方案整体可行，但综合评分略低于中标方案，欢迎关注我们后续发布的需求。',
    '评审专家认为方案与中标方案相比创新性稍弱，期待今后合作。',
  ],
};

export const REVIEW_COMMENTS = [
  '技术路线清晰，前期基础扎实，考核指标可验证。',
  '方案完整，但中试验证部分论述偏简略。',
  '团队工程经验丰富，报价合理。',
  '创新点突出，建议进一步明确现场试验安排。',
  '对关键难点分析到位，进度安排略紧。',
  '方案可行，团队投入人员需进一步落实。',
];

export const COI_CONFLICT_TEXT = '本人近三年与其中一家投标团队的负责人共同承担过省级科研项目，存在合作关系，申请回避本次评审。';

export const DELIVERY_NOTES = [
  '提交本阶段成果，附技术报告、原始数据和测试记录，请审阅。',
  '本阶段工作已按计划完成，成果文件与现场照片一并提交，如有问题请随时联系项目负责人。',
  '提交阶段成果。本阶段各项指标均已达到合同要求，详见报告第3章测试结果汇总。',
];

export const RESUBMIT_NOTES = [
  '已按验收意见补充试验并修改报告，补充数据见附录，请再次审阅。',
  '针对退回意见逐条作了修改说明（见修改说明表），补测数据已附上。',
];

export const REJECT_REASONS = [
  '报告中对比试验的样本量不足（仅3组），未达到合同约定的不少于8组，请补充试验后重新提交。',
  '关键指标的测试条件与合同约定不一致，请按约定工况重新测试。',
  '成果中缺少原始数据和测试记录，无法复核结论，请补齐后重新提交。',
];

export const PAYMENT_REFERENCES = ['网银转账', '银行电汇', '对公转账'];

export const ESCALATION_REASON = '本阶段成果提交已超过14天，甲方未予验收答复，经电话和邮件多次联系无果，申请科技局协调处理。';

export const ESCALATION_RULING =
  '经核实，乙方已按合同约定提交本阶段成果，甲方逾14日未提出书面意见；经组织专家审阅，成果符合合同要求。裁定本阶段视为验收通过，甲方应按约支付款项，合同继续履行。';

export const STAGE_GATE_NOTE = '第一阶段比对结束，按检出率、节拍与成本综合评分择优保留一家深化，其余合同按约正常结束，感谢各团队的投入。';

export const CLIENT_RATING_COMMENTS = [
  '团队响应及时，阶段成果扎实，现场调试配合很好，期待继续合作。',
  '技术水平高，报告规范；个别阶段比计划晚了一周，但提前沟通了原因。',
  '成果已在产线应用，效果达到预期。',
  '沟通顺畅，项目负责人多次到厂指导。',
];

export const PROVIDER_RATING_COMMENTS = [
  '企业技术人员配合积极，试验条件保障到位，验收和付款都很及时。',
  '需求明确，过程中沟通顺畅，样件和数据提供及时。',
  '企业重视项目，现场验证安排得当；个别付款稍有延迟。',
  '甲方工程师专业，共同解决了不少现场问题，合作愉快。',
];
