import { and, count, isNull, like, lt, sql } from 'drizzle-orm';
import { contracts, enclaves, landingKpiReports, landingProjects, notifications } from '@/db/schema';
import type { MemberActor } from '../actor';
import { uploadOwnFile } from '../files/attachments';
import { DEFAULT_CHECKLISTS } from '../landing/checklists';
import { approveGate, saveGate, sendBackGate, signOffGate, submitGate } from '../landing/gates';
import type { ChecklistEntryInput } from '../landing/inputs';
import { previousQuarter, quarterEnd, quarterOf, reportKpi, type Quarter } from '../landing/kpi';
import { createProject, linkContract, steerProject } from '../landing/projects';
import { GATES, SIGN_OFF_GATES, type LandingGate, type LandingStage } from '../landing/states';
import { addTask, setTaskDone } from '../landing/tasks';
import { makeCreditCode } from '../orgs/credit-code';
import { seededOrg, tally, type SeedContext, type SeededOrg } from './context';
import { DEMO } from './demo-logins';
import { DAY_MS, roleActor, Timeline } from './marketplace-timeline';
import { createRandom, type Random } from './random';

/**
 * 项目落地 demo (SPEC §8): 32 projects from the three enclaves (杭州, 上海, 深圳) at every stage, paused and exited ones
 * included, with their gate histories (evidence, send-backs, approvals, the bureau's sign-offs), four quarters of KPI
 * reports, tasks and linked contracts. Like the market, each story is planned first and then replayed act by act
 * through the domain at the moment it happened, so every row is what the product writes.
 */

type Enclave = 'hangzhou' | 'shanghai' | 'shenzhen';
type Field = 'smart_equipment' | 'biomedicine' | 'new_materials' | 'electronics' | 'tea_agriculture' | 'energy_saving' | 'digital_economy';

interface Spec {
  name: string;
  field: Field;
  enclave: Enclave;
  /** Where the project is now; paused and exited projects name the stage they reached. */
  stage: LandingStage;
  reached?: LandingStage;
  /** Owned by a local company rather than a research team (then there is no separate enterprise). */
  company?: string;
  team?: string;
  enterprise?: string;
  /** The gate out of its stage is under way: submitted to the incubator, sent back, or approved awaiting the bureau. */
  pending?: 'submitted' | 'sent_back' | 'approved';
  /** Its last KPI report fell sharply; the reporter confirmed the warning with an explanation. */
  anomaly?: boolean;
  reason?: string;
  description: string;
  site: string;
}

const SPECS: readonly Spec[] = [
  { name: '高精度轴承在线检测装备', field: 'smart_equipment', enclave: 'hangzhou', stage: 'landed', team: DEMO.team.org, enterprise: DEMO.enterprise.org, description: '基于声发射和机器视觉的轴承套圈在线检测装备，在杭州飞地完成样机，已在新昌批量生产。', site: '新昌高新技术产业园区 轴承产业园' },
  { name: '轴承钢超纯净冶炼工艺', field: 'new_materials', enclave: 'hangzhou', stage: 'landed', description: '真空感应加电渣重熔双联工艺，降低轴承钢氧含量和夹杂物级别，提高疲劳寿命。', site: '新昌县澄潭工业园区' },
  { name: '名优茶智能分级分选装备', field: 'tea_agriculture', enclave: 'hangzhou', stage: 'landed', company: 'enterprise.tea-machinery', description: '高光谱与深度学习结合的茶叶外形、色泽分级分选装备，替代人工挑拣。', site: '新昌县七星街道 茶机产业园' },
  { name: '数控机床热误差补偿系统', field: 'smart_equipment', enclave: 'hangzhou', stage: 'industrializing', pending: 'approved', description: '多测点温度建模的主轴与进给轴热误差实时补偿系统，已与本地机床企业合作中试。', site: '新昌高新技术产业园区' },
  { name: '工业设备预测性维护平台', field: 'digital_economy', enclave: 'hangzhou', stage: 'industrializing', description: '面向纺机、轴承产线的振动监测与剩余寿命预测平台，SaaS 部署。', site: '新昌县数字经济产业园' },
  { name: '新能源汽车空调压缩机轻量化', field: 'smart_equipment', enclave: 'hangzhou', stage: 'accelerating', pending: 'approved', description: '涡旋压缩机壳体铝合金压铸与拓扑优化，减重 18%。', site: '新昌县梅渚工业园区' },
  { name: '名优绿茶连续化加工生产线', field: 'tea_agriculture', enclave: 'hangzhou', stage: 'accelerating', description: '杀青、揉捻、烘干全程连续化与在线水分控制，适配大佛龙井工艺。', site: '新昌县回山镇 茶叶加工园' },
  { name: '高效永磁同步电机', field: 'energy_saving', enclave: 'hangzhou', stage: 'accelerating', company: 'enterprise.motor', description: 'IE5 能效等级永磁同步电机及驱动器，面向纺机和风机水泵改造。', site: '新昌高新技术产业园区' },
  { name: '精密减速器齿形修形技术', field: 'smart_equipment', enclave: 'hangzhou', stage: 'incubating', pending: 'submitted', description: 'RV 减速器摆线轮齿形修形与传动误差优化，降低回差。', site: '新昌县小将镇' },
  { name: '工业视觉缺陷检测算法', field: 'digital_economy', enclave: 'hangzhou', stage: 'incubating', pending: 'sent_back', description: '小样本缺陷检测算法与边缘部署方案，面向汽配件表面质检。', site: '新昌县数字经济产业园' },
  { name: '茶多酚高纯度提取', field: 'tea_agriculture', enclave: 'hangzhou', stage: 'paused', reached: 'accelerating', anomaly: true, reason: '核心技术人员调离，团队重组中，暂停推进。', description: '膜分离与柱层析联用制备高纯度茶多酚，用于功能食品原料。', site: '新昌县七星街道' },
  { name: '纺机智能张力控制系统', field: 'smart_equipment', enclave: 'hangzhou', stage: 'exited', reached: 'incubating', reason: '团队决定与外地企业合作产业化，项目退出。', description: '基于模型预测控制的纱线张力闭环控制系统。', site: '新昌县羽林街道' },
  { name: '园区能耗监测与碳管理平台', field: 'energy_saving', enclave: 'hangzhou', stage: 'incubating', description: '工业园区分项计量、能耗诊断与碳排放核算平台。', site: '新昌高新技术产业园区' },
  { name: '中药配方颗粒智能制造', field: 'biomedicine', enclave: 'hangzhou', stage: 'industrializing', company: 'enterprise.pharma', description: '配方颗粒提取浓缩与干法制粒的连续化、数字化生产线。', site: '新昌县省级高新园区 医药园' },
  { name: '高端原料药绿色合成工艺', field: 'biomedicine', enclave: 'shanghai', stage: 'landed', description: '酶催化替代重金属催化的原料药合成路线，三废减少 60%。', site: '新昌县省级高新园区 医药园' },
  { name: '缓控释制剂关键技术', field: 'biomedicine', enclave: 'shanghai', stage: 'industrializing', description: '渗透泵与多单元微丸缓释技术平台，首个品种进入中试放大。', site: '新昌县省级高新园区 医药园' },
  { name: '医用高分子导管材料', field: 'new_materials', enclave: 'shanghai', stage: 'accelerating', description: '医用级 TPU 与亲水涂层导管材料国产化。', site: '新昌县澄潭工业园区' },
  { name: '生物可降解茶叶包装材料', field: 'new_materials', enclave: 'shanghai', stage: 'accelerating', description: 'PBAT/PLA 共混改性薄膜，用于茶叶内包装，可工业堆肥。', site: '新昌县梅渚工业园区' },
  { name: '抗体药物连续流生产工艺', field: 'biomedicine', enclave: 'shanghai', stage: 'incubating', pending: 'submitted', description: '灌流培养与连续层析联用的抗体药物生产工艺。', site: '新昌县省级高新园区 医药园' },
  { name: '碳纤维复合材料轴承保持架', field: 'new_materials', enclave: 'shanghai', stage: 'incubating', description: '高速轴承用碳纤维增强 PEEK 保持架的成型工艺。', site: '新昌高新技术产业园区 轴承产业园' },
  { name: '细胞培养基国产化', field: 'biomedicine', enclave: 'shanghai', stage: 'paused', reached: 'incubating', reason: '等待关键原料供应商资质审核，暂停三个月。', description: '无血清细胞培养基配方与规模化配制工艺。', site: '新昌县省级高新园区 医药园' },
  { name: '纳米复合涂层刀具', field: 'new_materials', enclave: 'shanghai', stage: 'exited', reached: 'accelerating', reason: '市场验证不及预期，企业终止投资，项目退出。', description: 'AlTiSiN 纳米复合涂层硬质合金刀具，面向轴承套圈车削。', site: '新昌县小将镇' },
  { name: '体外诊断试剂冻干工艺', field: 'biomedicine', enclave: 'shanghai', stage: 'incubating', description: '常温运输的冻干微球诊断试剂工艺开发。', site: '新昌县省级高新园区 医药园' },
  { name: '石墨烯导热膜', field: 'new_materials', enclave: 'shanghai', stage: 'accelerating', team: DEMO.lab.org, description: '高取向石墨烯导热膜的连续化制备，用于电子产品散热。', site: '新昌县澄潭工业园区' },
  { name: '车规级功率半导体模块封装', field: 'electronics', enclave: 'shenzhen', stage: 'industrializing', description: 'SiC 功率模块银烧结封装与可靠性测试能力建设。', site: '新昌高新技术产业园区' },
  { name: 'MEMS 智能传感器芯片', field: 'electronics', enclave: 'shenzhen', stage: 'accelerating', company: 'enterprise.sensors', description: '压力与振动 MEMS 传感器芯片及其信号调理模组。', site: '新昌县数字经济产业园' },
  { name: '工业机器人伺服驱动器', field: 'smart_equipment', enclave: 'shenzhen', stage: 'landed', description: '高动态响应伺服驱动器与电机一体化设计，面向本地装备企业配套。', site: '新昌高新技术产业园区' },
  { name: '柔性电子皮肤传感器', field: 'electronics', enclave: 'shenzhen', stage: 'incubating', description: '可拉伸压力传感阵列，用于机器人触觉与康复监测。', site: '新昌县数字经济产业园' },
  { name: '工业边缘计算网关', field: 'digital_economy', enclave: 'shenzhen', stage: 'incubating', description: '支持多协议采集与本地推理的工业边缘网关。', site: '新昌县数字经济产业园' },
  { name: '储能电池系统热管理', field: 'energy_saving', enclave: 'shenzhen', stage: 'paused', reached: 'industrializing', reason: '产线选址调整，等待园区厂房交付后恢复。', description: '液冷储能电池包热管理与热失控预警系统。', site: '新昌县梅渚工业园区' },
  { name: 'AR 远程运维系统', field: 'digital_economy', enclave: 'shenzhen', stage: 'accelerating', description: '面向装备售后的 AR 远程指导与知识库系统。', site: '新昌县数字经济产业园' },
  { name: '激光雷达光学模组', field: 'electronics', enclave: 'shenzhen', stage: 'incubating', description: '车载激光雷达收发光学模组的精密装调工艺。', site: '新昌高新技术产业园区' },
];

const ENCLAVE_INCUBATOR: Record<Enclave, string> = { hangzhou: 'incubator.hangzhou', shanghai: 'incubator.shanghai', shenzhen: 'incubator.shenzhen' };
const PROGRESS: readonly LandingStage[] = ['incubating', 'accelerating', 'industrializing', 'landed'];

const SEND_BACK_REASONS: Record<LandingGate, readonly string[]> = {
  accelerating: ['样机验证报告缺少第三方检测数据，请补充。', '场地协议未盖章，请上传盖章版本。'],
  industrializing: ['到位投资的银行流水与填报金额不一致，请核对。', '首批订单合同缺少客户盖章页。'],
  landed: ['纳税额与税务证明口径不一致，请补充完税证明。', '批量生产证明缺少连续三个月产量记录。'],
};

/** A minimal PDF: the upload is sniffed, as every upload is. */
function pdf(title: string): AsyncIterable<Uint8Array> {
  const body = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Title (${Buffer.from(title).toString('hex')}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  return (async function* () {
    yield body;
  })();
}

interface Plan {
  spec: Spec;
  incubator: SeededOrg;
  enclaveId: string;
  owner: SeededOrg;
  enterprise: SeededOrg | null;
  /** Days ago the project was created, and each progress stage it entered. */
  createdAgo: number;
  entered: Partial<Record<LandingStage, number>>;
  contract: { id: string; signedAt: Date } | null;
}

export async function seedLanding(ctx: SeedContext): Promise<void> {
  // Its own generator: adding landing projects changes none of the earlier steps' choices.
  const random = createRandom(20_261_208);
  const tl = new Timeline(ctx);
  const bureau = seededOrg(ctx, 'bureau');
  const orgs = [...ctx.orgs.values()].filter((o) => o.status === 'verified');
  const teams = orgs.filter((o) => o.kind === 'research_team');
  const companies = orgs.filter((o) => o.kind === 'enterprise');
  const enclaveRows = await ctx.tx.select({ id: enclaves.id, incubatorOrgId: enclaves.incubatorOrgId, createdAt: enclaves.createdAt }).from(enclaves);
  const signed = await ctx.tx.select({ id: contracts.id, clientOrgId: contracts.clientOrgId, providerOrgId: contracts.providerOrgId, signedAt: contracts.signedAt }).from(contracts);

  const used = new Map<string, number>();
  const pickTeam = (field: Field) => {
    const fitting = teams.filter((t) => t.industryField === field);
    const pool = fitting.length > 0 ? fitting : teams;
    const ordered = [...pool].sort((a, b) => (used.get(a.id) ?? 0) - (used.get(b.id) ?? 0));
    const team = ordered[0] ?? random.pick(teams);
    used.set(team.id, (used.get(team.id) ?? 0) + 1);
    return team;
  };

  const plans: Plan[] = [];
  for (const spec of SPECS) {
    const incubator = seededOrg(ctx, ENCLAVE_INCUBATOR[spec.enclave]);
    const enclave = enclaveRows.find((e) => e.incubatorOrgId === incubator.id);
    if (!enclave) throw new Error(`seed: no enclave for ${incubator.key}`);
    const owner = spec.company ? seededOrg(ctx, spec.company) : spec.team ? byName(orgs, spec.team) : pickTeam(spec.field);
    // A team's project is taken up by a local company: one it has a contract with when there is one.
    const contract = spec.company ? undefined : signed.find((c) => c.providerOrgId === owner.id && companies.some((e) => e.id === c.clientOrgId));
    const enterprise = spec.company
      ? null
      : spec.enterprise
        ? byName(orgs, spec.enterprise)
        : contract
          ? (companies.find((e) => e.id === contract.clientOrgId) ?? null)
          : (companies.filter((e) => e.industryField === spec.field)[0] ?? random.pick(companies));
    const reached = spec.reached ?? spec.stage;
    const steps = PROGRESS.indexOf(reached);
    const enclaveAge = Math.floor((ctx.at.getTime() - enclave.createdAt.getTime()) / DAY_MS) - 5;
    // Days in each progress stage before the next; the stage it is in now has lasted `tail` days.
    const stays = PROGRESS.slice(0, steps).map(() => random.int(45, 90));
    const tail = spec.stage === 'paused' || spec.stage === 'exited' ? random.int(40, 70) : random.int(20, 75);
    let total = stays.reduce((s, d) => s + d, 0) + tail;
    // Landed projects are the enclave's first: their reports cover the last four quarters.
    const budget = spec.stage === 'landed' || spec.anomaly ? enclaveAge : Math.min(enclaveAge, random.int(total, total + 60));
    const scale = total > budget ? budget / total : 1;
    for (let i = 0; i < stays.length; i++) stays[i] = Math.max(25, Math.floor((stays[i] ?? 0) * scale));
    total = stays.reduce((s, d) => s + d, 0) + Math.max(12, Math.floor(tail * scale));
    const createdAgo = Math.min(Math.max(total, budget), enclaveAge);
    const entered: Partial<Record<LandingStage, number>> = { incubating: createdAgo };
    let ago = createdAgo;
    for (let i = 0; i < stays.length; i++) {
      ago -= stays[i] ?? 0;
      entered[PROGRESS[i + 1] as LandingStage] = ago;
    }
    plans.push({ spec, incubator, enclaveId: enclave.id, owner, enterprise, createdAgo, entered, contract: contract ? { id: contract.id, signedAt: contract.signedAt } : null });
  }

  const ids = new Map<Plan, string>();
  const idOf = (plan: Plan) => {
    const id = ids.get(plan);
    if (!id) throw new Error(`seed: ${plan.spec.name} not created yet`);
    return id;
  };
  let serial = 7_000;
  for (const plan of plans) schedule(tl, random, plan, bureau, ids, idOf, ++serial);
  await tl.replay();

  // The demo opens on a quiet bell: what happened more than a week ago has been read.
  const cut = new Date(ctx.at.getTime() - 7 * DAY_MS);
  await ctx.tx
    .update(notifications)
    .set({ readAt: sql`${notifications.createdAt} + interval '3 hours'` })
    .where(and(isNull(notifications.readAt), lt(notifications.createdAt, cut), like(notifications.kind, 'landing.%')));

  const [projects] = await ctx.tx.select({ n: count() }).from(landingProjects);
  const [reports] = await ctx.tx.select({ n: count() }).from(landingKpiReports);
  tally(ctx, 'landingProjects', projects?.n ?? 0);
  tally(ctx, 'kpiReports', reports?.n ?? 0);
  tally(ctx, 'landingActs', tl.size);
}

function byName(orgs: readonly SeededOrg[], name: string): SeededOrg {
  const org = orgs.find((o) => o.name === name);
  if (!org) throw new Error(`seed: no organisation named ${name}`);
  return org;
}

/** Plans one project's story on the timeline: creation, gates, pause/exit, tasks, KPI reports. */
function schedule(tl: Timeline, random: Random, plan: Plan, bureau: SeededOrg, ids: Map<Plan, string>, idOf: (p: Plan) => string, serial: number) {
  const { spec } = plan;
  const incubator = roleActor(plan.incubator, 'owner');
  const team = roleActor(plan.owner, 'owner');
  const signer = roleActor(bureau, 'owner');
  const db = tl.db;

  tl.add(tl.at(plan.createdAgo, '10:00'), `landing: create ${spec.name}`, async () => {
    const created = await createProject(db, incubator, {
      name: spec.name,
      enclaveId: plan.enclaveId,
      teamOrgId: plan.owner.id,
      enterpriseOrgId: plan.enterprise?.id ?? null,
      field: spec.field,
      disciplineCodes: [],
      description: spec.description,
      plannedSite: spec.site,
      targetInvestment: random.int(8, 60) * 100,
      targetRevenue: random.int(20, 120) * 100,
      targetEmployees: random.int(4, 30) * 10,
      targetNote: '',
      contractIds: [],
    });
    ids.set(plan, created.id);
  });
  if (plan.contract) {
    const contractId = plan.contract.id;
    // Linked when both exist: the day after the later of the project's creation and the contract's signing.
    const linkAgo = Math.min(plan.createdAgo, Math.floor(tl.daysAgoOf(plan.contract.signedAt))) - 1;
    if (linkAgo >= 1) {
      tl.add(tl.at(linkAgo, '15:00'), `landing: link contract to ${spec.name}`, async () => {
        await linkContract(db, team, { projectId: idOf(plan), contractId });
      });
    }
  }

  // Tasks the parties keep (on every other project, to keep the seed short): the site search (done once the
  // project is a month old) and the next KPI report.
  const taskAgo = Math.max(2, plan.createdAgo - 3);
  if (serial % 2 === 0) tl.add(tl.at(taskAgo, '11:00'), `landing: tasks of ${spec.name}`, async () => {
    const projectId = idOf(plan);
    const first = await addTask(db, incubator, { projectId, title: '对接新昌落地园区，确认意向场地', ownerUserId: incubator.userId, dueDate: tl.date(taskAgo - 20) });
    if (taskAgo > 25) await setTaskDone(db, incubator, { taskId: first.id, done: true });
    if (spec.stage !== 'exited') await addTask(db, team, { projectId, title: '准备下一季度指标填报材料', ownerUserId: team.userId, dueDate: tl.date(-random.int(5, 40)) });
  });

  const reached = spec.reached ?? spec.stage;
  const passed = GATES.filter((g) => PROGRESS.indexOf(g) <= PROGRESS.indexOf(reached));
  for (const gate of passed) {
    const enteredAgo = plan.entered[gate];
    if (enteredAgo === undefined) continue;
    scheduleGate(tl, random, plan, idOf, gate, enteredAgo, 'complete', { team, incubator, signer }, serial);
  }
  // The gate under way out of the current stage.
  if (spec.pending) {
    const gate = PROGRESS[PROGRESS.indexOf(spec.stage) + 1] as LandingGate | undefined;
    const since = plan.entered[spec.stage] ?? plan.createdAgo;
    if (gate && since > 12) scheduleGate(tl, random, plan, idOf, gate, random.int(1, 3), spec.pending, { team, incubator, signer }, serial);
  }
  if (spec.stage === 'paused' || spec.stage === 'exited') {
    const since = plan.entered[reached] ?? plan.createdAgo;
    const at = Math.max(2, Math.floor(since / 3));
    const steward = spec.stage === 'exited' && random.chance(0.5) ? signer : incubator;
    tl.add(tl.at(at, '16:00'), `landing: ${spec.stage} ${spec.name}`, async () => {
      await steerProject(db, steward, spec.stage === 'paused' ? 'pause' : 'exit', { projectId: idOf(plan), reason: spec.reason ?? '—' });
    });
  }
  scheduleKpis(tl, random, plan, idOf, team, reached);
}

interface Actors {
  team: MemberActor;
  incubator: MemberActor;
  signer: MemberActor;
}

/**
 * A gate's acts around the day the project enters its stage (`enteredAgo`): evidence and submission about ten days
 * before, sometimes a send-back and a resubmission, the approval and — for the last two gates — the sign-off on the day.
 * `until` stops it part-way for gates still under way.
 */
function scheduleGate(tl: Timeline, random: Random, plan: Plan, idOf: (p: Plan) => string, gate: LandingGate, enteredAgo: number, until: 'complete' | 'submitted' | 'sent_back' | 'approved', who: Actors, serial: number) {
  const db = tl.db;
  const signOff = SIGN_OFF_GATES.includes(gate);
  const sendBack = until === 'sent_back' || (until === 'complete' && random.chance(0.25));
  const byBureau = sendBack && signOff && until === 'complete' && random.chance(0.4);
  const lead = until === 'complete' ? random.int(8, 14) : until === 'approved' ? 4 : 0;
  const submitAgo = enteredAgo + lead + (sendBack ? 6 : 0);
  const label = `${plan.spec.name} ${gate}`;
  tl.add(tl.at(submitAgo + 2, '14:30'), `landing: evidence ${label}`, async () => {
    const entries = await evidence(db, who.team, gate, plan, serial);
    await saveGate(db, who.team, { projectId: idOf(plan), gate, note: '', entries });
  });
  tl.add(tl.at(submitAgo, '09:40'), `landing: submit ${label}`, async () => {
    await submitGate(db, who.team, { projectId: idOf(plan), gate });
  });
  if (until === 'submitted') return;
  if (sendBack) {
    const reason = random.pick(SEND_BACK_REASONS[gate]);
    if (byBureau) {
      tl.add(tl.at(submitAgo - 2, '10:30'), `landing: approve ${label}`, async () => {
        await approveGate(db, who.incubator, { projectId: idOf(plan), gate });
      });
    }
    tl.add(tl.at(submitAgo - 3, '15:20'), `landing: send back ${label}`, async () => {
      await sendBackGate(db, byBureau ? who.signer : who.incubator, { projectId: idOf(plan), gate, reason });
    });
    if (until === 'sent_back') return;
    tl.add(tl.at(submitAgo - 5, '16:10'), `landing: resubmit ${label}`, async () => {
      await submitGate(db, who.team, { projectId: idOf(plan), gate });
    });
  }
  const approveAgo = until === 'approved' ? Math.max(1, enteredAgo) : signOff ? enteredAgo + 3 : enteredAgo;
  tl.add(tl.at(approveAgo, '10:00'), `landing: approve ${label}`, async () => {
    await approveGate(db, who.incubator, { projectId: idOf(plan), gate });
  });
  if (!signOff || until === 'approved') return;
  tl.add(tl.at(enteredAgo, '15:00'), `landing: sign off ${label}`, async () => {
    await signOffGate(db, who.signer, { projectId: idOf(plan), gate });
  });
}

/** Complete evidence of a gate's default checklist: documents uploaded by the team, figures, the local company's code. */
async function evidence(db: Timeline['db'], team: MemberActor, gate: LandingGate, plan: Plan, serial: number): Promise<ChecklistEntryInput[]> {
  // One compiled evidence package per gate (as teams usually hand in), cited by each document item.
  const file = await uploadOwnFile(db, team, { name: `${plan.spec.name}-${PACKAGE_NAMES[gate]}.pdf`, body: pdf(`${plan.spec.name} ${gate}`) }, 'landing.prepareGate');
  const out: ChecklistEntryInput[] = [];
  for (const item of DEFAULT_CHECKLISTS[gate]) {
    if (!item.required) continue;
    const entry: ChecklistEntryInput = { itemKey: item.key, attachmentIds: [], numberValue: null, creditCode: null, text: null };
    if (item.evidence === 'document') {
      entry.attachmentIds = [file.id];
    } else if (item.evidence === 'credit_code') {
      entry.creditCode = plan.spec.company ? plan.owner.creditCode : makeCreditCode('91', '330624', serial * 97 + 13);
      entry.text = plan.spec.company ? plan.owner.name : `新昌${plan.spec.name.slice(0, 4)}科技有限公司`;
    } else if (item.evidence === 'number') {
      entry.numberValue = FIGURES[item.key] ?? 1;
    }
    out.push(entry);
  }
  return out;
}

const PACKAGE_NAMES: Record<LandingGate, string> = {
  accelerating: '加速阶段评审佐证材料（样机验证报告、场地协议）',
  industrializing: '产业化阶段评审佐证材料（中试线验收、首批订单）',
  landed: '投产落地评审佐证材料（批量生产记录）',
};
const FIGURES: Record<string, number> = { investmentInPlace: 1500, firstOrdersCount: 4, annualRevenue: 3600, taxPaid: 210, localEmployees: 85 };

/** KPI bands by stage at the quarter's end: investment, revenue and tax 万元 in the quarter; employees at its end. */
interface Band {
  investment: [number, number];
  revenue: [number, number];
  employees: [number, number];
}
type Progress = 'incubating' | 'accelerating' | 'industrializing' | 'landed';
const BANDS: Record<Progress, Band> = {
  incubating: { investment: [20, 80], revenue: [0, 30], employees: [5, 14] },
  accelerating: { investment: [200, 700], revenue: [50, 380], employees: [15, 40] },
  industrializing: { investment: [800, 2600], revenue: [400, 2200], employees: [40, 110] },
  landed: { investment: [300, 1200], revenue: [2000, 7000], employees: [90, 240] },
};

/** The stage a plan was in `ago` days before the seed. */
function stageAt(plan: Plan, ago: number, reached: LandingStage): Progress {
  let stage: Progress = 'incubating';
  for (const s of ['incubating', 'accelerating', 'industrializing', 'landed'] as const) {
    const e = plan.entered[s];
    if (e !== undefined && e >= ago && PROGRESS.indexOf(s) <= PROGRESS.indexOf(reached)) stage = s;
  }
  return stage;
}

/** The last four completed quarters the project existed in, reported 3–12 days after each quarter's end. */
function scheduleKpis(tl: Timeline, random: Random, plan: Plan, idOf: (p: Plan) => string, team: MemberActor, reached: LandingStage) {
  const quarters: Quarter[] = [];
  let q = previousQuarter(quarterOf(tl.ctx.at));
  for (let i = 0; i < 4; i++) {
    quarters.unshift(q);
    q = previousQuarter(q);
  }
  const createdAt = tl.at(plan.createdAgo, '10:00');
  let prev = { investment: 0, revenue: 0, employees: 0, filed: 0, granted: 0 };
  const steps: Array<{ quarter: Quarter; at: Date; figures: ReturnType<typeof figuresFor> }> = [];
  for (const quarter of quarters) {
    const end = quarterEnd(quarter);
    if (end.getTime() <= createdAt.getTime()) continue;
    const at = new Date(end.getTime() + random.int(3, 12) * DAY_MS + 2 * 3600_000);
    if (at.getTime() >= tl.ctx.at.getTime() - 3600_000) continue;
    const endedAgo = tl.daysAgoOf(end);
    // Paused and exited projects report until they stopped.
    if (plan.spec.stage === 'exited' && endedAgo < Math.floor((plan.entered[reached] ?? plan.createdAgo) / 3)) continue;
    const figures = figuresFor(random, BANDS[stageAt(plan, endedAgo, reached)], prev);
    prev = { investment: figures.investment, revenue: figures.revenue, employees: figures.employees, filed: prev.filed + figures.patentsFiled, granted: prev.granted + figures.patentsGranted };
    steps.push({ quarter, at, figures });
  }
  // One paused project's last quarter fell sharply: the warning was confirmed with an explanation.
  const last = steps.at(-1);
  if (plan.spec.anomaly && last && steps.length > 1) {
    last.figures.revenue = Math.round(last.figures.revenue * 0.06);
    last.figures.tax = Math.round(last.figures.revenue * 0.05);
  }
  for (const step of steps) {
    tl.add(step.at, `landing: KPI ${plan.spec.name} ${step.quarter.year}Q${step.quarter.quarter}`, async () => {
      const result = await reportKpi(tl.db, team, { projectId: idOf(plan), ...step.quarter, ...step.figures, note: step === last && plan.spec.anomaly ? '核心人员调离，订单暂停交付，营收大幅下降。' : '', confirm: step === last && !!plan.spec.anomaly });
      if (!result.saved) throw new Error(`seed: KPI of ${plan.spec.name} raised ${result.warnings.map((w) => w.key).join(', ')}`);
    });
  }
}

function figuresFor(random: Random, band: Band, prev: { investment: number; revenue: number; employees: number; filed: number; granted: number }) {
  const within = ([lo, hi]: [number, number], before: number) => Math.min(hi, Math.max(lo, Math.round(before * (1 + random.int(5, 45) / 100)), random.int(lo, lo + Math.round((hi - lo) / 3))));
  // Never ten times the last quarter's revenue: a plausible story raises no warning (the one anomaly is deliberate).
  const revenue = prev.revenue >= 10 ? Math.min(within(band.revenue, prev.revenue), prev.revenue * 8) : within(band.revenue, prev.revenue);
  const patentsFiled = random.int(0, 3);
  return {
    investment: within(band.investment, prev.investment * 0.8),
    employees: Math.max(prev.employees, prev.employees > 0 ? Math.min(within(band.employees, prev.employees), prev.employees * 6) : within(band.employees, 0)),
    revenue,
    patentsFiled,
    patentsGranted: Math.min(random.int(0, 2), prev.filed - prev.granted + patentsFiled),
    tax: Math.round(revenue * random.int(3, 8)) / 100,
  };
}

