import crypto from 'node:crypto';
import { enclaves, organizations } from '@/db/schema';
import type { IndustryField } from '../accounts/inputs';
import type { OrgKind, OrgStatus } from '../actor';
import { CREDIT_CODE_ALPHABET, checkCharacter } from '../orgs/credit-code';
import { addMembers, daysAgo, generatedPerson, tally, type PersonSpec, type SeedContext, type SeededOrg } from './context';
import { DEMO, type DemoLogin } from './demo-logins';
import type { Random } from './random';

/**
 * The county's organisations: the bureau, enterprises of 新昌's industries (智能装备 with bearings and
 * auto parts, 生物医药, 新材料, 茶产业, 电子信息, 节能环保, 数字经济), the incubators running the enclaves
 * in 杭州, 上海 and 深圳, and the applications waiting in (or turned away from) the bureau's queue.
 * Names are invented; places are real.
 */

/** 新昌县's administrative division code. */
export const XINCHANG = '330624';

/**
 * A valid 统一社会信用代码 that looks like a real one: established organisations carry their old 9-character
 * organisation code (digits) in positions 9–17, companies registered since 2015 the "MA" series. The check
 * character (position 18) is computed as GB 32100-2015 says (server/orgs/credit-code.ts).
 */
export function demoCreditCode(random: Random, prefix: string, division: string, style: 'established' | 'new'): string {
  let body = '';
  if (style === 'new') {
    body = 'MA2';
    for (let i = 0; i < 6; i++) body += random.pick([...CREDIT_CODE_ALPHABET]);
  } else {
    for (let i = 0; i < 9; i++) body += String(random.int(0, 9));
  }
  const first17 = `${prefix}${division}${body}`;
  return first17 + checkCharacter(first17);
}

interface OrgSpec {
  key: string;
  kind: OrgKind;
  status: OrgStatus;
  name: string;
  creditCode: string;
  industryField: IndustryField | null;
  city: string;
  description: string;
  website?: string;
  keywords: string[];
  /** How long ago it registered. */
  registeredDaysAgo: number;
  rejectionReason?: string;
}

/** Inserts the organisation (verified ones reviewed a few days after registering), audited as the system. */
export async function insertSeedOrg(ctx: SeedContext, spec: OrgSpec): Promise<SeededOrg> {
  const id = crypto.randomUUID();
  const createdAt = daysAgo(ctx, spec.registeredDaysAgo);
  const reviewed = spec.status === 'pending' ? null : new Date(createdAt.getTime() + ctx.random.int(1, 4) * 86_400_000);
  await ctx.tx.insert(organizations).values({
    id,
    kind: spec.kind,
    name: spec.name,
    creditCode: spec.creditCode,
    hostInstitution: null,
    status: spec.status,
    rejectionReason: spec.rejectionReason ?? null,
    reviewedAt: reviewed,
    industryField: spec.industryField,
    city: spec.city,
    description: spec.description,
    website: spec.website ?? null,
    keywords: spec.keywords,
    createdAt,
    updatedAt: reviewed ?? createdAt,
  });
  ctx.audit({
    action: 'org.create',
    entityType: 'organization',
    entityId: id,
    orgId: id,
    after: { kind: spec.kind, name: spec.name, creditCode: spec.creditCode, industryField: spec.industryField, city: spec.city, status: spec.status },
  });
  if (spec.status === 'rejected') {
    ctx.audit({
      action: 'org.reject',
      entityType: 'organization',
      entityId: id,
      orgId: id,
      before: { status: 'pending' },
      after: { status: 'rejected', rejectionReason: spec.rejectionReason ?? null },
    });
  }
  const org: SeededOrg = {
    key: spec.key,
    id,
    kind: spec.kind,
    status: spec.status,
    name: spec.name,
    creditCode: spec.creditCode,
    industryField: spec.industryField,
    rejectionReason: spec.rejectionReason ?? null,
    createdAt,
    members: [],
  };
  ctx.orgs.set(spec.key, org);
  return org;
}

const demoPerson = (login: DemoLogin): PersonSpec => ({ name: login.name, email: login.email, title: login.title, role: login.role });

/** An owner (or the demo login given), then generated admins and members with the titles of the kind. */
function staff(ctx: SeedContext, kind: OrgKind, demo: readonly DemoLogin[], admins: number, members: number): PersonSpec[] {
  const titles = TITLES[kind];
  const people: PersonSpec[] = demo.map(demoPerson);
  if (!people.some((p) => p.role === 'owner')) people.unshift(generatedPerson(ctx, 'owner', ctx.random.pick(titles.owner)));
  for (let i = 0; i < admins; i++) people.push(generatedPerson(ctx, 'admin', ctx.random.pick(titles.admin)));
  for (let i = people.filter((p) => p.role === 'member').length; i < members; i++) {
    people.push(generatedPerson(ctx, 'member', ctx.random.pick(titles.member)));
  }
  return people;
}

const TITLES: Record<OrgKind, { owner: string[]; admin: string[]; member: string[] }> = {
  enterprise: {
    owner: ['董事长', '总经理', '执行董事'],
    admin: ['技术总监', '研发中心主任', '副总经理', '技术中心主任'],
    member: ['研发工程师', '工艺工程师', '质量工程师', '项目经理', '设备工程师'],
  },
  research_team: {
    owner: ['教授', '研究员'],
    admin: ['副教授', '副研究员'],
    member: ['讲师', '博士后', '助理研究员', '高级实验师'],
  },
  incubator: {
    owner: ['总经理', '主任'],
    admin: ['运营总监', '副总经理'],
    member: ['项目经理', '企业服务专员', '招商经理'],
  },
  bureau: {
    owner: ['科长'],
    admin: ['副科长'],
    member: ['科员', '四级主任科员'],
  },
};

// ---- The bureau ----

export async function seedBureau(ctx: SeedContext): Promise<void> {
  const bureau = await insertSeedOrg(ctx, {
    key: 'bureau',
    kind: 'bureau',
    status: 'verified',
    name: '新昌县科学技术局',
    creditCode: demoCreditCode(ctx.random, '11', XINCHANG, 'established'),
    industryField: null,
    city: '新昌县七星街道',
    description:
      '新昌县科学技术局负责全县科技创新政策落实、高新技术企业培育、产学研合作与科技成果转化、科创飞地建设和技术市场管理。众创共享科创云由本局建设运营。',
    keywords: ['科技创新', '产学研合作', '成果转化', '科创飞地', '技术市场'],
    registeredDaysAgo: 420,
  });
  await addMembers(ctx, bureau, [
    demoPerson(DEMO.bureau),
    generatedPerson(ctx, 'admin', '高新技术科副科长'),
    generatedPerson(ctx, 'member', '科技服务中心科员'),
  ]);
}

// ---- Enterprises ----

interface EnterpriseSpec extends Omit<OrgSpec, 'kind' | 'status' | 'creditCode'> {
  industryField: IndustryField;
  style: 'established' | 'new';
  demo?: DemoLogin[];
}

const ENTERPRISES: EnterpriseSpec[] = [
  {
    key: 'enterprise.bearing',
    name: '浙江新昌精工轴承股份有限公司',
    industryField: 'smart_equipment',
    city: '新昌县七星街道',
    style: 'established',
    registeredDaysAgo: 380,
    description:
      '专业从事精密角接触球轴承、汽车轮毂轴承单元和空调压缩机轴承的研发与制造，年产各类轴承4000余万套，国家高新技术企业、浙江省“专精特新”企业。当前重点攻关高速主轴轴承寿命预测、保持架减振降噪和套圈磨削自动化。',
    keywords: ['精密轴承', '轮毂轴承单元', '轴承寿命', '保持架', '磨削加工', '热处理'],
    demo: [DEMO.enterprise, DEMO.engineer],
  },
  {
    key: 'enterprise.auto-parts',
    name: '新昌县恒锐汽车零部件有限公司',
    industryField: 'smart_equipment',
    city: '新昌县澄潭街道',
    style: 'established',
    registeredDaysAgo: 350,
    description:
      '为整车厂配套汽车热管理系统零部件：电子膨胀阀、电磁阀、新能源汽车电子水泵。拥有省级企业研发中心，正在开发800V平台热泵空调用阀件，需要流体仿真与振动噪声方面的技术支持。',
    keywords: ['汽车热管理', '电子膨胀阀', '电子水泵', '新能源汽车', 'NVH'],
  },
  {
    key: 'enterprise.equipment',
    name: '浙江沃川智能装备有限公司',
    industryField: 'smart_equipment',
    city: '新昌县高新园区',
    style: 'new',
    registeredDaysAgo: 300,
    description:
      '提供轴承套圈数控磨床、机器人上下料单元和轴承装配自动化产线，服务县内及长三角轴承、汽车零部件企业。希望引入机器视觉在线检测和设备预测性维护技术。',
    keywords: ['数控磨床', '自动化产线', '机器人上下料', '机器视觉检测', '预测性维护'],
  },
  {
    key: 'enterprise.motor',
    name: '浙江鼓山微电机有限公司',
    industryField: 'smart_equipment',
    city: '新昌县南明街道',
    style: 'established',
    registeredDaysAgo: 330,
    description:
      '生产汽车空调鼓风机电机、永磁同步电机及驱动控制器，年产微特电机600万台。正在推进无位置传感器控制算法和电机能效提升。',
    keywords: ['微特电机', '永磁同步电机', '电机控制器', '无传感器控制', '能效'],
  },
  {
    key: 'enterprise.pharma',
    name: '浙江天姥制药有限公司',
    industryField: 'biomedicine',
    city: '新昌县羽林街道',
    style: 'established',
    registeredDaysAgo: 360,
    description:
      '化学原料药与制剂生产企业，产品涵盖心血管、抗感染和中枢神经类药物，多个品种通过仿制药质量和疗效一致性评价。关注绿色合成工艺、杂质研究和新型制剂开发。',
    keywords: ['原料药', '仿制药一致性评价', '绿色合成工艺', '制剂开发', '杂质研究'],
    demo: [DEMO.pharma],
  },
  {
    key: 'enterprise.biotech',
    name: '新昌康瑞生物科技有限公司',
    industryField: 'biomedicine',
    city: '新昌县梅渚镇',
    style: 'new',
    registeredDaysAgo: 240,
    description:
      '以微生物发酵和酶催化为核心技术，生产维生素类营养化学品和药用中间体。正在建设连续化发酵示范线，寻求菌种改良与分离纯化方面的合作团队。',
    keywords: ['生物发酵', '酶催化', '维生素', '药用中间体', '分离纯化'],
  },
  {
    key: 'enterprise.materials',
    name: '浙江澄潭新材料科技有限公司',
    industryField: 'new_materials',
    city: '新昌县澄潭街道',
    style: 'new',
    registeredDaysAgo: 270,
    description:
      '研发生产功能涂层材料、改性工程塑料和石墨烯导热复合材料，产品用于轴承防护、电子散热和新能源汽车电池包。计划开发耐磨防腐纳米陶瓷涂层。',
    keywords: ['功能涂层', '改性工程塑料', '石墨烯导热', '纳米陶瓷涂层', '电池热管理'],
  },
  {
    key: 'enterprise.tea',
    name: '新昌县大佛龙井茶业有限公司',
    industryField: 'tea_agriculture',
    city: '新昌县回山镇',
    style: 'established',
    registeredDaysAgo: 400,
    description:
      '大佛龙井茶的种植、加工与销售企业，拥有生态茶园3200亩，“公司+合作社+农户”带动茶农1800余户。正在推进名优茶标准化加工、茶叶农残快速检测和茶叶深加工产品开发。',
    keywords: ['大佛龙井', '名优茶加工', '茶叶质量安全', '农残检测', '茶叶深加工'],
    demo: [DEMO.tea],
  },
  {
    key: 'enterprise.tea-machinery',
    name: '浙江沃洲茶叶机械有限公司',
    industryField: 'tea_agriculture',
    city: '新昌县沃洲镇',
    style: 'established',
    registeredDaysAgo: 310,
    description:
      '生产扁形茶炒制机、名优茶连续化加工生产线和茶叶干燥设备，产品销往全国主要茶区。希望在热泵干燥节能和炒制过程智能控制上取得突破。',
    keywords: ['茶叶机械', '扁形茶炒制', '连续化生产线', '热泵干燥', '智能控制'],
  },
  {
    key: 'enterprise.sensors',
    name: '浙江星辰传感科技有限公司',
    industryField: 'electronics',
    city: '新昌县七星街道',
    style: 'new',
    registeredDaysAgo: 200,
    description:
      '研发MEMS压力传感器、汽车电子控制模块和工业物联网网关，为县内装备企业提供设备联网改造。正在开发低功耗无线振动传感器。',
    keywords: ['MEMS传感器', '汽车电子', '工业物联网', '低功耗设计', '无线传感'],
  },
  {
    key: 'enterprise.environment',
    name: '新昌县绿源环保科技有限公司',
    industryField: 'energy_saving',
    city: '新昌县大市聚镇',
    style: 'new',
    registeredDaysAgo: 260,
    description:
      '为制药、化工和印染企业提供高浓度有机废水处理、VOCs治理和工业余热回收的工程总包与运营服务。关注高级氧化深度处理与污泥减量技术。',
    keywords: ['制药废水', '高级氧化', 'VOCs治理', '余热回收', '污泥减量'],
  },
  {
    key: 'enterprise.digital',
    name: '浙江天姥数字科技有限公司',
    industryField: 'digital_economy',
    city: '新昌县高新园区',
    style: 'new',
    registeredDaysAgo: 150,
    description:
      '面向轴承、汽车零部件企业的工业互联网平台服务商，提供制造执行系统（MES）、设备远程运维和能耗管理软件。',
    keywords: ['工业互联网', 'MES', '设备远程运维', '能耗管理', '数字化车间'],
  },
];

export async function seedEnterprises(ctx: SeedContext): Promise<void> {
  for (const spec of ENTERPRISES) {
    const org = await insertSeedOrg(ctx, {
      ...spec,
      kind: 'enterprise',
      status: 'verified',
      creditCode: demoCreditCode(ctx.random, '91', XINCHANG, spec.style),
    });
    await addMembers(ctx, org, staff(ctx, 'enterprise', spec.demo ?? [], 1, ctx.random.int(1, 2)));
  }
}

// ---- Incubators and their enclaves (科创飞地) ----

const INCUBATORS = [
  {
    key: 'incubator.hangzhou',
    name: '新昌科创飞地运营管理（杭州）有限公司',
    division: '330110', // 杭州市余杭区
    city: '杭州市余杭区',
    registeredDaysAgo: 420,
    description:
      '受新昌县委托运营新昌（杭州）科创飞地，位于杭州未来科技城，为县内企业设立的研发中心和高校院所团队提供办公、中试和人才服务，孵化成熟后回新昌加速和产业化。',
    keywords: ['科创飞地', '研发孵化', '人才引进', '未来科技城'],
    enclave: { name: '新昌（杭州）科创飞地', city: '杭州', address: '杭州市余杭区仓前街道文一西路 未来科技城', capacity: 40 },
    demo: [DEMO.incubator],
  },
  {
    key: 'incubator.shanghai',
    name: '上海新昌科技企业孵化器有限公司',
    division: '310112', // 上海市闵行区
    city: '上海市闵行区',
    registeredDaysAgo: 290,
    description: '运营新昌（上海）科创中心，对接上海高校院所和外资研发资源，重点孵化生物医药和新材料项目。',
    keywords: ['科创中心', '生物医药孵化', '新材料', '长三角协同'],
    enclave: { name: '新昌（上海）科创中心', city: '上海', address: '上海市闵行区 紫竹高新技术产业开发区', capacity: 30 },
    demo: [],
  },
  {
    key: 'incubator.shenzhen',
    name: '深圳新昌创新飞地管理有限公司',
    division: '440305', // 深圳市南山区
    city: '深圳市南山区',
    registeredDaysAgo: 230,
    description: '运营新昌（深圳）创新飞地，链接粤港澳大湾区电子信息与智能制造资源，引进项目到新昌落地。',
    keywords: ['创新飞地', '电子信息', '智能制造', '大湾区'],
    enclave: { name: '新昌（深圳）创新飞地', city: '深圳', address: '深圳市南山区粤海街道 深圳湾科技生态园', capacity: 25 },
    demo: [],
  },
] as const;

export async function seedIncubators(ctx: SeedContext): Promise<void> {
  for (const spec of INCUBATORS) {
    const org = await insertSeedOrg(ctx, {
      key: spec.key,
      kind: 'incubator',
      status: 'verified',
      name: spec.name,
      creditCode: demoCreditCode(ctx.random, '91', spec.division, 'new'),
      industryField: null,
      city: spec.city,
      description: spec.description,
      keywords: [...spec.keywords],
      registeredDaysAgo: spec.registeredDaysAgo,
    });
    await addMembers(ctx, org, staff(ctx, 'incubator', spec.demo, 1, 1));
    const id = crypto.randomUUID();
    await ctx.tx.insert(enclaves).values({ id, incubatorOrgId: org.id, ...spec.enclave, createdAt: new Date(org.createdAt.getTime() + 86_400_000) });
    ctx.audit({ action: 'enclave.create', entityType: 'enclave', entityId: id, orgId: org.id, after: spec.enclave });
    tally(ctx, 'enclaves');
  }
}

// ---- The bureau's queue: applications pending review, and one turned away ----

export async function seedApplications(ctx: SeedContext): Promise<void> {
  const herbal = await insertSeedOrg(ctx, {
    key: 'enterprise.pending-herbal',
    kind: 'enterprise',
    status: 'pending',
    name: '新昌县云岭生物医药科技有限公司',
    creditCode: demoCreditCode(ctx.random, '91', XINCHANG, 'new'),
    industryField: 'biomedicine',
    city: '新昌县儒岙镇',
    description: '新设立的中药材深加工企业，以本地铁皮石斛、白术为原料开发中药提取物和健康食品，计划建设GMP提取车间。',
    keywords: ['中药提取', '铁皮石斛', '健康食品'],
    registeredDaysAgo: 3,
  });
  await addMembers(ctx, herbal, [demoPerson(DEMO.pending), generatedPerson(ctx, 'member', '质量负责人')]);

  const precision = await insertSeedOrg(ctx, {
    key: 'enterprise.pending-precision',
    kind: 'enterprise',
    status: 'pending',
    name: '浙江远洲精密机械有限公司',
    creditCode: demoCreditCode(ctx.random, '91', XINCHANG, 'new'),
    industryField: 'smart_equipment',
    city: '新昌县小将镇',
    description: '生产精密齿轮、减速器壳体等机加工件，正在申请高新技术企业认定。',
    keywords: ['精密齿轮', '减速器', '机加工'],
    registeredDaysAgo: 1.5,
  });
  await addMembers(ctx, precision, [generatedPerson(ctx, 'owner', '总经理')]);

  const rejected = await insertSeedOrg(ctx, {
    key: 'enterprise.rejected',
    kind: 'enterprise',
    status: 'rejected',
    name: '新昌县鑫泰机械配件厂',
    creditCode: demoCreditCode(ctx.random, '92', XINCHANG, 'new'),
    industryField: 'smart_equipment',
    city: '新昌县镜岭镇',
    description: '机械配件加工。',
    keywords: ['机械配件'],
    registeredDaysAgo: 12,
    rejectionReason:
      '统一社会信用代码第2位为“2”（个体工商户），与申请的企业类型不符；机构简介过于简单。请核对营业执照，补充主营产品与研发情况后重新提交。',
  });
  await addMembers(ctx, rejected, [demoPerson(DEMO.rejected)]);
}
