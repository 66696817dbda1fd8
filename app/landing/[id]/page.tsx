import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { projectIdInput } from '@/server/landing/inputs';
import type { LandingStage } from '@/server/landing/states';
import { currentActor, serverApi } from '../../_lib/api';
import { StageBadge } from '../../_components/landing/badges';
import { GatePanel } from '../../_components/landing/gate-panel';
import { ContractLinks } from '../../_components/landing/contract-links';
import { KpiBars } from '../../_components/landing/kpi-chart';
import { KpiReportForm } from '../../_components/landing/kpi-report';
import { EditProjectForm } from '../../_components/landing/create-project-form';
import { SteerActs } from '../../_components/landing/project-acts';
import { ProjectTasks } from '../../_components/landing/tasks';
import { ConversationPanel } from '../../_components/messages/conversation-panel';
import { todayYmd, wan, ymd } from '../../_components/contracts/format';

const PROGRESS: readonly LandingStage[] = ['incubating', 'accelerating', 'industrializing', 'landed'];
const CST_MS = 8 * 3600 * 1000;

async function load(id: string) {
  if (!projectIdInput.safeParse({ projectId: id }).success) notFound();
  try {
    return await (await serverApi()).landing.get({ projectId: id });
  } catch (e) {
    if (e instanceof TRPCError && e.code === 'NOT_FOUND') notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor?.org) return {};
  try {
    return { title: (await load(id)).project.name };
  } catch {
    return {};
  }
}

/** The quarters a report may be for: from the project's creation quarter to the current one (county time). */
function reportableQuarters(createdAt: Date, now: Date) {
  const q = (d: Date) => {
    const c = new Date(d.getTime() + CST_MS);
    return c.getUTCFullYear() * 4 + Math.floor(c.getUTCMonth() / 3);
  };
  const out = [];
  for (let i = q(now); i >= q(createdAt) && out.length < 12; i--) out.push({ year: Math.floor(i / 4), quarter: (i % 4) + 1 });
  return out;
}

/** One landing project: stage and time in stage, the gate panel, timeline, documents, tasks, KPI reports, contracts, room. */
export default async function LandingProjectPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ gate?: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/login?callbackUrl=/landing/${id}`);
  if (!actor.org) redirect('/org');
  const data = await load(id);
  const { project, can } = data;
  const api = await serverApi();
  const started = data.gates.filter((g) => g.status !== null).map((g) => g.gate);
  const shown = [...new Set([...(data.workingGate ? [data.workingGate] : []), ...started])];
  const [t, tn, views] = await Promise.all([
    getTranslations('landing'),
    getTranslations('needs'),
    Promise.all(shown.map((gate) => api.landing.gate({ projectId: project.id, gate }))),
  ]);
  const working = data.workingGate ? (views.find((v) => v.gate === data.workingGate) ?? null) : null;
  const open = (await searchParams).gate === 'open';
  const stageLabel = (s: string | null) => (s ? t(`stages.${s}`) : '');
  const gateLabel = (g: string | null) => (g ? t(`gates.${g}`) : '');
  const documents = views.flatMap((v) =>
    v.items.flatMap((item) => (item.entry?.files ?? []).map((f) => ({ ...f, gate: v.gate, item: item.label ?? (t.has(`items.${item.key}`) ? t(`items.${item.key}`) : item.key) }))),
  );
  const kpis = data.kpis.slice(-8);
  const point = (k: (typeof kpis)[number]) => `${String(k.year).slice(2)}Q${k.quarter}`;
  const quarters = reportableQuarters(project.createdAt, new Date());
  const kpiDue = data.kpiDue;
  const initialQuarter = kpiDue ?? quarters[0] ?? { year: new Date().getFullYear(), quarter: 1 };

  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <p className="text-sm">
        <Link href="/landing" className="text-primary-700 hover:underline">
          ← {t('title')}
        </Link>
      </p>
      <header className="mt-2 flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 sm:flex-1">
          <h1 className="text-2xl font-semibold break-words text-gray-900">{project.name}</h1>
          <p className="mt-1 text-sm text-gray-700">
            {project.teamName}
            {project.enterpriseName ? ` · ${project.enterpriseName}` : ''} · {project.enclave?.name ?? ''} · {tn(`industryFields.${project.field}`)}
          </p>
        </div>
        <div className="flex flex-col items-start gap-1 sm:items-end">
          <StageBadge stage={project.stage} label={stageLabel(project.stage)} />
          <span className="text-sm text-gray-700" data-testid="time-in-stage">
            {t('project.timeInStage', { days: project.daysInStage, date: ymd(project.stageEnteredAt) })}
          </span>
        </div>
      </header>
      {project.stageReason && (project.stage === 'paused' || project.stage === 'exited') ? (
        <p className="mt-3 rounded-md border border-gray-300 bg-gray-50 px-3 py-2 text-sm text-gray-800">{t('events.reason', { reason: project.stageReason })}</p>
      ) : null}

      <ol aria-label={t('project.stages')} className="mt-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        {PROGRESS.map((s, i) => {
          const reachedAt = PROGRESS.indexOf(project.reachedStage);
          const state = project.stage === s ? 'current' : i <= reachedAt ? 'past' : 'future';
          const days = data.stages.filter((x) => x.stage === s).reduce((sum, x) => sum + x.days, 0);
          return (
            <li
              key={s}
              aria-current={state === 'current' ? 'step' : undefined}
              className={`rounded-md border px-3 py-2 ${state === 'current' ? 'border-primary-600 bg-primary-50' : state === 'past' ? 'border-green-300 bg-green-50' : 'border-gray-200 bg-white'}`}
            >
              <span className="block font-medium text-gray-900">
                {state === 'past' ? '✓ ' : ''}
                {stageLabel(s)}
              </span>
              <span className="text-xs text-gray-600">{state === 'future' ? t('project.notYet') : t('project.days', { days })}</span>
            </li>
          );
        })}
      </ol>

      <div className="mt-3">
        <SteerActs projectId={project.id} can={{ pause: can.pause, resume: can.resume, exit: can.exit }} />
      </div>
      {can.update ? (
        <div className="mt-3">
          <EditProjectForm
            project={{
              id: project.id,
              name: project.name,
              field: project.field,
              disciplineCodes: project.disciplineCodes,
              description: project.description,
              plannedSite: project.plannedSite,
              targetInvestment: project.targetInvestment,
              targetRevenue: project.targetRevenue,
              targetEmployees: project.targetEmployees,
              targetNote: project.targetNote,
              enterpriseOrgId: project.enterpriseOrgId,
              enterpriseName: project.enterpriseName,
            }}
          />
        </div>
      ) : null}

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          {working ? <GatePanel initial={working} open={open} /> : null}
          {views
            .filter((v) => v.gate !== working?.gate)
            .map((v) => (
              <details key={v.gate} className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
                <summary className="cursor-pointer font-medium text-gray-900">
                  {t('gate.title', { gate: gateLabel(v.gate) })} · {t(v.status === 'approved' && v.gate === 'accelerating' ? 'gateStatusDone' : `gateStatus.${v.status ?? 'none'}`)}
                </summary>
                <ul className="mt-2 space-y-1">
                  {v.items.map((item) => (
                    <li key={item.key}>
                      {item.done ? '✓' : '○'} {item.label ?? (t.has(`items.${item.key}`) ? t(`items.${item.key}`) : item.key)}
                    </li>
                  ))}
                </ul>
              </details>
            ))}

          <section aria-labelledby="kpi-title" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="kpi-title" className="text-lg font-semibold text-gray-900">
              {t('kpi.title')}
            </h2>
            {kpiDue ? (
              <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('kpi.due', { year: kpiDue.year, quarter: kpiDue.quarter, due: kpiDue.due })}</p>
            ) : null}
            {data.kpis.length === 0 ? (
              <p className="mt-2 text-sm text-gray-600">{t('kpi.empty')}</p>
            ) : (
              <>
                <div className="mt-3 grid gap-3 sm:grid-cols-3">
                  <KpiBars title={t('kpi.figures.revenue')} unit={t('units.wan')} points={kpis.map((k) => ({ label: point(k), value: k.revenue }))} />
                  <KpiBars title={t('kpi.figures.investment')} unit={t('units.wan')} points={kpis.map((k) => ({ label: point(k), value: k.investment }))} />
                  <KpiBars title={t('kpi.figures.employees')} unit={t('units.people')} points={kpis.map((k) => ({ label: point(k), value: k.employees }))} />
                </div>
                <div className="mt-3 overflow-x-auto">
                  <table className="w-full min-w-[36rem] text-left text-sm">
                    <caption className="sr-only">{t('kpi.title')}</caption>
                    <thead className="text-gray-700">
                      <tr>
                        <th className="py-1 pr-2 font-medium">{t('kpi.quarter')}</th>
                        {(['investment', 'revenue', 'tax', 'employees', 'patentsFiled', 'patentsGranted'] as const).map((f) => (
                          <th key={f} className="py-1 pr-2 font-medium">
                            {t(`kpi.figures.${f}`)}
                          </th>
                        ))}
                        <th className="py-1 font-medium">{t('kpi.warnings')}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-gray-100">
                      {[...data.kpis].reverse().map((k) => (
                        <tr key={k.id} data-testid="kpi-row">
                          <td className="py-1 pr-2 whitespace-nowrap">{t('kpi.quarterLabel', { year: k.year, quarter: k.quarter })}</td>
                          <td className="py-1 pr-2">{wan(k.investment)}</td>
                          <td className="py-1 pr-2">{wan(k.revenue)}</td>
                          <td className="py-1 pr-2">{wan(k.tax)}</td>
                          <td className="py-1 pr-2">{k.employees}</td>
                          <td className="py-1 pr-2">{k.patentsFiled}</td>
                          <td className="py-1 pr-2">{k.patentsGranted}</td>
                          <td className="py-1 text-amber-900">{k.warnings.length ? `${t('kpi.confirmed')}：${k.warnings.map((w) => (t.has(`kpiWarningShort.${w}`) ? t(`kpiWarningShort.${w}`) : w)).join('、')}` : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            {can.reportKpi && quarters.length ? (
              <div className="mt-4">
                <KpiReportForm projectId={project.id} quarters={quarters} initial={initialQuarter} />
              </div>
            ) : null}
          </section>

          <section aria-labelledby="tasks-title" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="tasks-title" className="mb-2 text-lg font-semibold text-gray-900">
              {t('tasks.heading')}
            </h2>
            <ProjectTasks projectId={project.id} tasks={data.tasks} manage={can.manageTasks} today={todayYmd()} />
          </section>

          <section aria-labelledby="timeline-title" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="timeline-title" className="mb-2 text-lg font-semibold text-gray-900">
              {t('project.timeline')}
            </h2>
            <ol className="space-y-2 text-sm" data-testid="timeline">
              {data.timeline.map((e) => {
                const d = (e.data ?? {});
                const params = {
                  gate: gateLabel(e.gate),
                  to: stageLabel(e.toStage),
                  attempt: Number(d.attempt ?? 1),
                  year: Number(d.year ?? 0),
                  quarter: Number(d.quarter ?? 0),
                  due: String(d.due ?? ''),
                };
                const text = t.has(`events.${e.kind}`) ? t(`events.${e.kind}`, params) : t('events.other');
                return (
                  <li key={e.id} className="border-l-2 border-gray-200 pl-3">
                    <p className="text-gray-900">
                      <span className="font-medium">{e.actorName ? `${e.actorName}${e.actorOrgName ? `（${e.actorOrgName}）` : ''}` : t('events.system')}</span> {text}
                    </p>
                    {e.reason ? <p className="whitespace-pre-wrap text-gray-700">{t('events.reason', { reason: e.reason })}</p> : null}
                    <p className="text-xs text-gray-500">{ymd(e.at)}</p>
                  </li>
                );
              })}
            </ol>
          </section>
        </div>

        <aside className="min-w-0 space-y-6">
          <section aria-labelledby="about-title" className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm">
            <h2 id="about-title" className="mb-2 text-lg font-semibold text-gray-900">
              {t('project.about')}
            </h2>
            {project.description ? <p className="mb-3 whitespace-pre-wrap text-gray-800">{project.description}</p> : null}
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-gray-600">{t('project.incubator')}</dt>
              <dd className="text-gray-900">{project.incubatorName}</dd>
              <dt className="text-gray-600">{t('project.enclave')}</dt>
              <dd className="text-gray-900">
                {project.enclave?.name}（{project.enclave?.city}）
              </dd>
              <dt className="text-gray-600">{t('project.plannedSite')}</dt>
              <dd className="text-gray-900">{project.plannedSite || '—'}</dd>
              {project.localCompanyName || project.localCreditCode ? (
                <>
                  <dt className="text-gray-600">{t('project.localCompany')}</dt>
                  <dd className="break-all text-gray-900">
                    {project.localCompanyName} {project.localCreditCode ? <span className="font-mono">{project.localCreditCode}</span> : null}
                  </dd>
                </>
              ) : null}
              <dt className="text-gray-600">{t('project.targets')}</dt>
              <dd className="text-gray-900">
                {[
                  project.targetInvestment !== null ? t('project.targetInvestment', { amount: wan(project.targetInvestment) }) : null,
                  project.targetRevenue !== null ? t('project.targetRevenue', { amount: wan(project.targetRevenue) }) : null,
                  project.targetEmployees !== null ? t('project.targetEmployees', { count: project.targetEmployees }) : null,
                  project.targetNote || null,
                ]
                  .filter(Boolean)
                  .join('；') || '—'}
              </dd>
            </dl>
          </section>

          <section aria-labelledby="contracts-title" className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
            <h2 id="contracts-title" className="mb-2 text-lg font-semibold text-gray-900">
              {t('contracts.heading')}
            </h2>
            <ContractLinks projectId={project.id} linked={data.contracts} manage={can.linkContract} />
          </section>

          <section aria-labelledby="documents-title" className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm">
            <h2 id="documents-title" className="mb-2 text-lg font-semibold text-gray-900">
              {t('project.documents')}
            </h2>
            {documents.length === 0 ? (
              <p className="text-gray-600">{t('project.noDocuments')}</p>
            ) : (
              <ul className="space-y-2">
                {documents.map((f) => (
                  <li key={`${f.gate}-${f.id}`}>
                    <a href={`/api/files/${f.id}`} className="break-all text-primary-700 underline">
                      {f.name}
                    </a>
                    <span className="block text-xs text-gray-600">
                      {gateLabel(f.gate)} · {f.item}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>

      {project.conversationId ? (
        <section aria-labelledby="room-title" className="mt-6">
          <h2 id="room-title" className="mb-2 text-lg font-semibold text-gray-900">
            {t('project.room')}
          </h2>
          <ConversationPanel conversationId={project.conversationId} userId={actor.userId} title={t('project.roomTitle', { name: project.name })} />
        </section>
      ) : null}
    </main>
  );
}
