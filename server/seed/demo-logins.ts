/**
 * The demo accounts the README's table lists (all with DEMO_PASSWORD; a test checks the README names each
 * one). The seed's steps place each in its organisation; the tests sign in as each one.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoLogin {
  email: string;
  name: string;
  title: string;
  /** The seeded organisation's name (the README names it too) and the role there. */
  org: string;
  role: 'owner' | 'admin' | 'member';
}

export const DEMO = {
  bureau: {
    email: 'bureau@demo.kechuang.cn',
    name: '王建国',
    title: '成果转化与产学研合作科科长',
    org: '新昌县科学技术局',
    role: 'owner',
  },
  enterprise: {
    email: 'enterprise@demo.kechuang.cn',
    name: '张立新',
    title: '董事长',
    org: '浙江新昌精工轴承股份有限公司',
    role: 'owner',
  },
  engineer: {
    email: 'engineer@demo.kechuang.cn',
    name: '潘晓东',
    title: '工艺工程师',
    org: '浙江新昌精工轴承股份有限公司',
    role: 'member',
  },
  pharma: {
    email: 'pharma@demo.kechuang.cn',
    name: '吕慧芳',
    title: '总经理',
    org: '浙江天姥制药有限公司',
    role: 'owner',
  },
  tea: {
    email: 'tea@demo.kechuang.cn',
    name: '梁国华',
    title: '总经理',
    org: '新昌县大佛龙井茶业有限公司',
    role: 'owner',
  },
  team: {
    email: 'team@demo.kechuang.cn',
    name: '李文博',
    title: '教授',
    org: '精密轴承与传动可靠性研究团队',
    role: 'owner',
  },
  lab: {
    email: 'lab@demo.kechuang.cn',
    name: '沈佳琪',
    title: '研究员',
    org: '石墨烯功能材料团队',
    role: 'owner',
  },
  incubator: {
    email: 'incubator@demo.kechuang.cn',
    name: '周雅琴',
    title: '总经理',
    org: '新昌科创飞地运营管理（杭州）有限公司',
    role: 'owner',
  },
  /** A second team that can bid (an admin of 数控装备可靠性与精密检测团队): two demo teams compete for one need. */
  reliability: {
    email: 'reliability@demo.kechuang.cn',
    name: '陈思远',
    title: '副研究员',
    org: '数控装备可靠性与精密检测团队',
    role: 'admin',
  },
  pending: {
    email: 'pending@demo.kechuang.cn',
    name: '钱志远',
    title: '总经理',
    org: '新昌县云岭生物医药科技有限公司',
    role: 'owner',
  },
  pendingTeam: {
    email: 'pending-team@demo.kechuang.cn',
    name: '丁博文',
    title: '副教授',
    org: '齿轮精密加工与刀具团队',
    role: 'owner',
  },
  rejected: {
    email: 'rejected@demo.kechuang.cn',
    name: '石建华',
    title: '厂长',
    org: '新昌县鑫泰机械配件厂',
    role: 'owner',
  },
} as const satisfies Record<string, DemoLogin>;

export const DEMO_LOGINS: readonly DemoLogin[] = Object.values(DEMO);
