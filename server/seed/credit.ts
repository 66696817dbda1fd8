import { fileAppeal, recordIntegrityEvent, reportMisconduct, verifyQualification } from '../credit/casework';
import { ledgerHead } from '../credit/ledger';
import { tally, seededOrg, type SeedContext } from './context';
import { roleActor, Timeline } from './marketplace-timeline';

/**
 * The credit bureau's demo casework, after the marketplace (whose contract acts already wrote the contract
 * evidence into the ledger): qualifications the bureau verified, one minor integrity event the team has appealed
 * (waiting in the bureau's queue), and one open 举报. Through the credit domain, on the demo's timeline.
 */

const QUALIFICATIONS: ReadonlyArray<{ org: string; name: string; agoDays: number; validDays: number; reference: string }> = [
  { org: 'enterprise.bearing', name: '高新技术企业', agoDays: 320, validDays: 3 * 365, reference: 'GR202433001278' },
  { org: 'enterprise.pharma', name: '高新技术企业', agoDays: 280, validDays: 3 * 365, reference: 'GR202433002041' },
  { org: 'enterprise.sensors', name: '科技型中小企业', agoDays: 150, validDays: 365, reference: '202633062400153' },
  { org: 'enterprise.tea-machinery', name: '科技型中小企业', agoDays: 90, validDays: 365, reference: '202633062400219' },
  { org: 'team.zjut-bearing', name: '发明专利', agoDays: 400, validDays: 20 * 365, reference: 'ZL2021 1 0563218.X' },
  { org: 'team.zju-reliability', name: '省级重点实验室', agoDays: 500, validDays: 5 * 365, reference: '浙科发基〔2023〕41号' },
  { org: 'team.nimte-graphene', name: '发明专利', agoDays: 210, validDays: 20 * 365, reference: 'ZL2022 1 1187406.3' },
];

export async function seedCredit(ctx: SeedContext): Promise<void> {
  const tl = new Timeline(ctx);
  const officer = roleActor(seededOrg(ctx, 'bureau'), 'owner');
  for (const q of QUALIFICATIONS) {
    const org = seededOrg(ctx, q.org);
    tl.add(tl.at(q.agoDays, '10:00'), `credit: ${q.org} ${q.name}`, async () => {
      await verifyQualification(tl.db, officer, { orgId: org.id, name: q.name, expires: tl.date(q.agoDays - q.validDays), reference: q.reference });
    });
  }

  const nvh = seededOrg(ctx, 'team.tongji-nvh');
  tl.add(tl.at(40, '15:30'), 'credit: minor integrity event', async () => {
    await recordIntegrityEvent(tl.db, officer, {
      orgId: nvh.id,
      severity: 'minor',
      negativeList: false,
      note: '在县级科技项目中期报告中引用的部分振动测试数据未注明来源，经核查属实。',
      documentRef: '新科信〔2026〕12号',
      until: tl.date(40 - 365),
      reportId: undefined,
    });
  });
  tl.add(tl.at(36, '09:20'), 'credit: appeal', async () => {
    await fileAppeal(tl.db, roleActor(nvh, 'owner'), {
      eventSeq: await lastSeqOf(tl.db, nvh.id),
      reason: '相关测试数据来自合作企业的台架试验，已于中期报告附件三中列明来源，现补充企业出具的证明材料，请予复核。',
    });
  });

  const reporter = seededOrg(ctx, 'enterprise.motor');
  const reported = seededOrg(ctx, 'team.sjtu-carbon');
  tl.add(tl.at(5, '16:45'), 'credit: misconduct report', async () => {
    await reportMisconduct(tl.db, roleActor(reporter, 'owner'), {
      orgId: reported.id,
      description: '该团队在我司参与的项目验收材料中，将其他单位的检测报告作为本项目成果提交，涉嫌成果造假。',
      evidence: '验收材料第 3 册检测报告编号 NB-2025-0871（与宁波某检测机构为他方出具的报告编号一致）',
    });
  });
  await tl.replay();
  tally(ctx, 'creditCasework', tl.size);
}

async function lastSeqOf(db: SeedContext['tx'], orgId: string): Promise<number> {
  return (await ledgerHead(db, orgId)).lastSeq;
}
