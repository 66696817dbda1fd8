import crypto from 'node:crypto';
import type { Db } from '@/db/client';
import { needs } from '@/db/schema';
import { now } from '../clock';
import type { NeedMode, NeedStatus } from './inputs';
import { searchColumns } from './needs';
import type { NeedRow } from './states';

/**
 * A need row in any state, inserted directly (tests, refusal cases, the demo seed): unique, complete
 * enough to publish, and indexed for search like one written through the acts.
 */
export interface NeedOverrides extends Partial<Omit<typeof needs.$inferInsert, 'searchVector'>> {
  mode?: NeedMode;
  status?: NeedStatus;
}

const DAY = 24 * 3600 * 1000;

export async function insertNeed(db: Db, owner: { orgId: string; userId: string | null }, overrides: NeedOverrides = {}): Promise<NeedRow> {
  const at = now();
  const mode = overrides.mode ?? 'open';
  const status = overrides.status ?? 'draft';
  const suffix = crypto.randomBytes(3).toString('hex');
  const base = {
    title: `精密轴承加工工艺优化-${suffix}`,
    summary: '面向新昌轴承企业，提升精密轴承套圈磨削加工的一致性与效率。',
    description: '## 背景\n企业现有磨削工艺存在尺寸一致性差、废品率偏高的问题。\n\n## 目标\n将废品率降低至 1% 以内。',
    keywords: ['轴承', '磨削', '工艺优化'],
    ...overrides,
  };
  const [row] = await db
    .insert(needs)
    .values({
      ownerOrgId: owner.orgId,
      authorUserId: owner.userId,
      industryField: 'smart_equipment',
      expectedResults: '工艺方案一套，样件验证报告一份。',
      budgetMin: mode === 'jiebang' ? null : '30.00',
      budgetMax: mode === 'jiebang' ? null : '80.00',
      bounty: mode === 'jiebang' ? '200.00' : null,
      bidDeadline: new Date(at.getTime() + 30 * DAY),
      deliveryMonths: 12,
      ipTerms: 'shared',
      eligibility: mode === 'jiebang' ? [{ kind: 'verified_org' }] : [],
      awardCount: mode === 'horse_race' ? 2 : 1,
      annexText: '附件：现有工艺参数表与设备清单（保密）。',
      ndaText: '接收方对本需求保密附件内容负有保密义务，未经许可不得向第三方披露。',
      // A cancelled draft was never public: pass `publishedAt: null` with `status: 'cancelled'`.
      publishedAt: status === 'draft' ? null : at,
      createdAt: at,
      updatedAt: at,
      ...base,
      mode,
      status,
      ...searchColumns({ title: base.title, summary: base.summary, keywords: base.keywords, description: base.description }),
    })
    .returning();
  if (!row) throw new Error('insert need returned no row');
  return row;
}
