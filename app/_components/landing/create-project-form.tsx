'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { NEED_INDUSTRY_FIELDS } from '@/server/needs/inputs';
import { useTRPC } from '../../_lib/trpc';
import { ActError, ActField, fieldClass, formText } from '../contracts/act-kit';
import { wan, ymd } from '../contracts/format';
import { problemOf, type CallProblem } from '../contracts/problem';

interface Partner {
  id: string;
  name: string;
  kind: string;
  city: string | null;
}

/** Picks a verified team or company by name (the owner of the project, or the local enterprise taking it up). */
function PartnerPicker(props: { id: string; label: string; hint: string; kind?: 'research_team' | 'enterprise'; value: Partner | null; onChange: (p: Partner | null) => void; problem?: CallProblem['error'] }) {
  const t = useTranslations('landing.create');
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const found = useQuery({ ...trpc.landing.partners.queryOptions({ q, kind: props.kind }), enabled: q.trim().length >= 1 && !props.value });
  return (
    <ActField id={props.id} label={props.label} hint={props.hint} problem={props.problem}>
      {(aria) =>
        props.value ? (
          <div className="mt-1 flex flex-wrap items-center gap-2 rounded-md border border-gray-300 bg-white px-3 py-2">
            <span className="min-w-0 flex-1 text-gray-900" data-testid={`${props.id}-chosen`}>
              {props.value.name}
              <span className="text-gray-600"> · {t(`kinds.${props.value.kind}`)}</span>
            </span>
            <button type="button" onClick={() => props.onChange(null)} className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50">
              {t('change')}
            </button>
          </div>
        ) : (
          <>
            <input {...aria} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('searchPartner')} className={fieldClass} autoComplete="off" />
            {q.trim() && found.data ? (
              found.data.length ? (
                <ul className="mt-1 max-h-56 overflow-y-auto rounded-md border border-gray-200 bg-white" aria-label={t('results')}>
                  {found.data.map((p) => (
                    <li key={p.id}>
                      <button type="button" onClick={() => props.onChange(p)} className="block w-full px-3 py-2 text-left hover:bg-primary-50">
                        {p.name}
                        <span className="text-gray-600">
                          {' '}
                          · {t(`kinds.${p.kind}`)}
                          {p.city ? ` · ${p.city}` : ''}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-1 text-sm text-gray-600">{t('noPartner')}</p>
              )
            ) : null}
          </>
        )
      }
    </ActField>
  );
}

/** The picked team's and enterprise's contracts, ticked to be linked as the project is registered. */
function PartnerContracts({ teamOrgId, enterpriseOrgId, chosen, onChange }: { teamOrgId: string; enterpriseOrgId: string | null; chosen: string[]; onChange: (ids: string[]) => void }) {
  const t = useTranslations('landing.create');
  const tc = useTranslations('landing.contracts');
  const trpc = useTRPC();
  const found = useQuery(trpc.landing.partnerContracts.queryOptions({ teamOrgId, enterpriseOrgId }));
  const list = found.data ?? [];
  return (
    <fieldset className="space-y-2 rounded-md border border-gray-200 p-3">
      <legend className="px-1 font-medium text-gray-800">{tc('heading')}</legend>
      {found.isPending ? <p className="text-gray-600">{tc('loading')}</p> : list.length === 0 ? <p className="text-gray-600">{t('noPartnerContracts')}</p> : null}
      {list.map((c) => (
        <label key={c.id} className="flex items-start gap-2">
          <input
            type="checkbox"
            checked={chosen.includes(c.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id))}
            className="mt-1"
          />
          <span className="min-w-0 break-words">
            {c.subject}
            <span className="ml-2 text-xs text-gray-600">
              {tc('value', { amount: wan(c.value) })} · {ymd(c.signedAt)}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

const num = (form: FormData, name: string) => {
  const s = formText(form, name).trim();
  return s === '' ? null : Number(s);
};

type Problems = CallProblem['fields'];
/** The stored details a form starts from (empty on the create form). */
export interface ProjectDetails {
  name?: string;
  field?: string;
  description?: string;
  plannedSite?: string;
  targetInvestment?: string | number | null;
  targetRevenue?: string | number | null;
  targetEmployees?: number | null;
  targetNote?: string;
}
const shown = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function FieldSelect({ defaultValue, problem }: { defaultValue: string; problem?: CallProblem['error'] }) {
  const t = useTranslations('landing.create');
  const tn = useTranslations('needs');
  return (
    <ActField id="field" label={t('field')} problem={problem}>
      {(aria) => (
        <select {...aria} name="field" defaultValue={defaultValue} className={fieldClass}>
          <option value="" disabled>
            {t('chooseField')}
          </option>
          {NEED_INDUSTRY_FIELDS.map((v) => (
            <option key={v} value={v}>
              {tn(`industryFields.${v}`)}
            </option>
          ))}
        </select>
      )}
    </ActField>
  );
}

/** Description and planned site. */
function ProjectDescription({ defaults, problem: f }: { defaults: ProjectDetails; problem: Problems }) {
  const t = useTranslations('landing.create');
  return (
    <>
      <ActField id="description" label={t('description')} problem={f.description}>
        {(aria) => <textarea {...aria} name="description" defaultValue={defaults.description ?? ''} rows={4} maxLength={10000} className={fieldClass} />}
      </ActField>
      <ActField id="plannedSite" label={t('plannedSite')} hint={t('plannedSiteHint')} problem={f.plannedSite}>
        {(aria) => <input {...aria} name="plannedSite" defaultValue={defaults.plannedSite ?? ''} maxLength={500} className={fieldClass} />}
      </ActField>
    </>
  );
}

/** The targets: investment and revenue (万元), employees, other. */
function ProjectTargets({ defaults, problem: f }: { defaults: ProjectDetails; problem: Problems }) {
  const t = useTranslations('landing.create');
  return (
    <fieldset className="space-y-3 rounded-md border border-gray-200 p-3">
      <legend className="px-1 font-medium text-gray-800">{t('targets')}</legend>
      <div className="grid gap-3 sm:grid-cols-3">
        <ActField id="targetInvestment" label={t('targetInvestment')} problem={f.targetInvestment}>
          {(aria) => <input {...aria} name="targetInvestment" defaultValue={shown(defaults.targetInvestment)} type="number" min={0} step="0.01" inputMode="decimal" className={fieldClass} />}
        </ActField>
        <ActField id="targetRevenue" label={t('targetRevenue')} problem={f.targetRevenue}>
          {(aria) => <input {...aria} name="targetRevenue" defaultValue={shown(defaults.targetRevenue)} type="number" min={0} step="0.01" inputMode="decimal" className={fieldClass} />}
        </ActField>
        <ActField id="targetEmployees" label={t('targetEmployees')} problem={f.targetEmployees}>
          {(aria) => <input {...aria} name="targetEmployees" defaultValue={shown(defaults.targetEmployees)} type="number" min={0} step="1" inputMode="numeric" className={fieldClass} />}
        </ActField>
      </div>
      <ActField id="targetNote" label={t('targetNote')} problem={f.targetNote}>
        {(aria) => <input {...aria} name="targetNote" defaultValue={shown(defaults.targetNote)} maxLength={2000} className={fieldClass} />}
      </ActField>
    </fieldset>
  );
}

/** The detail fields every project form sends (create and update). */
const detailsOf = (form: FormData) => ({
  name: formText(form, 'name'),
  field: formText(form, 'field') as (typeof NEED_INDUSTRY_FIELDS)[number],
  description: formText(form, 'description'),
  plannedSite: formText(form, 'plannedSite'),
  targetInvestment: num(form, 'targetInvestment'),
  targetRevenue: num(form, 'targetRevenue'),
  targetEmployees: num(form, 'targetEmployees'),
  targetNote: formText(form, 'targetNote'),
});

/** The incubator's form for a new landing project: who owns it, which enclave, field, description, site and targets. */
export function CreateProjectForm({ enclaves }: { enclaves: Array<{ id: string; name: string; city: string }> }) {
  const t = useTranslations('landing.create');
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.landing.create.mutationOptions());
  const [team, setTeam] = useState<Partner | null>(null);
  const [enterprise, setEnterprise] = useState<Partner | null>(null);
  const [contractIds, setContractIds] = useState<string[]>([]);
  // Another team or enterprise offers other contracts: none of the earlier ticks may stay.
  const pickParty = (set: (p: Partner | null) => void, p: Partner | null) => {
    set(p);
    setContractIds([]);
  };
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const f = problem?.fields ?? {};

  async function submit(form: FormData) {
    setProblem(null);
    if (!team) {
      setProblem({ error: { key: 'invalidInput' }, fields: { teamOrgId: { key: 'v.invalid_type' } } });
      return;
    }
    try {
      const made = await create.mutateAsync({
        ...detailsOf(form),
        teamOrgId: team.id,
        enterpriseOrgId: enterprise?.id ?? null,
        enclaveId: formText(form, 'enclaveId'),
        contractIds,
      });
      router.push(`/landing/${made.id}`);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit(new FormData(e.currentTarget));
      }}
      className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm sm:p-6"
    >
      <ActError problem={problem} />
      <ActField id="name" label={t('name')} problem={f.name}>
        {(aria) => <input {...aria} name="name" required maxLength={200} className={fieldClass} />}
      </ActField>
      <PartnerPicker id="team" label={t('team')} hint={t('teamHint')} value={team} onChange={(p) => pickParty(setTeam, p)} problem={f.teamOrgId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <ActField id="enclaveId" label={t('enclave')} problem={f.enclaveId}>
          {(aria) => (
            <select {...aria} name="enclaveId" defaultValue={enclaves[0]?.id ?? ''} className={fieldClass}>
              {enclaves.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}（{e.city}）
                </option>
              ))}
            </select>
          )}
        </ActField>
        <FieldSelect defaultValue="" problem={f.field} />
      </div>
      <ProjectDescription defaults={{}} problem={f} />
      <PartnerPicker id="enterprise" label={t('enterprise')} hint={t('enterpriseHint')} kind="enterprise" value={enterprise} onChange={(p) => pickParty(setEnterprise, p)} problem={f.enterpriseOrgId} />
      <ProjectTargets defaults={{}} problem={f} />
      {team ? (
        <PartnerContracts teamOrgId={team.id} enterpriseOrgId={enterprise?.id ?? null} chosen={contractIds} onChange={setContractIds} />
      ) : (
        <p className="text-xs text-gray-600">{t('contractsAfterTeam')}</p>
      )}
      <button type="submit" disabled={create.isPending} className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60">
        {create.isPending ? t('creating') : t('submit')}
      </button>
    </form>
  );
}

/**
 * The incubator corrects a project's details (landing.update): name, field, description, site, targets and the
 * local enterprise. The team, the enclave and the stage are not details: they stay as registered.
 */
export function EditProjectForm({ project }: { project: ProjectDetails & { id: string; disciplineCodes: string[]; enterpriseOrgId: string | null; enterpriseName: string | null } }) {
  const t = useTranslations('landing.create');
  const te = useTranslations('landing.edit');
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.landing.update.mutationOptions());
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const [enterprise, setEnterprise] = useState<Partner | null>(project.enterpriseOrgId ? { id: project.enterpriseOrgId, name: project.enterpriseName ?? '', kind: 'enterprise', city: null } : null);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const f = problem?.fields ?? {};

  async function submit(form: FormData) {
    setProblem(null);
    try {
      await update.mutateAsync({ ...detailsOf(form), projectId: project.id, disciplineCodes: project.disciplineCodes, enterpriseOrgId: enterprise?.id ?? null });
      setOpen(false);
      setDone(true);
      router.refresh();
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  if (!open)
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <button
          type="button"
          aria-expanded={false}
          onClick={() => {
            setDone(false);
            setOpen(true);
          }}
          className="rounded-md border border-gray-300 bg-white px-3 py-1.5 text-gray-800 hover:bg-gray-50"
        >
          {te('open')}
        </button>
        {done ? (
          <p role="status" className="text-green-800">
            {te('saved')}
          </p>
        ) : null}
      </div>
    );
  return (
    <form
      noValidate
      aria-label={te('open')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(new FormData(e.currentTarget));
      }}
      className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-sm"
    >
      <ActError problem={problem} />
      <ActField id="name" label={t('name')} problem={f.name}>
        {(aria) => <input {...aria} name="name" defaultValue={project.name ?? ''} required maxLength={200} className={fieldClass} />}
      </ActField>
      <FieldSelect defaultValue={project.field ?? ''} problem={f.field} />
      <ProjectDescription defaults={project} problem={f} />
      <PartnerPicker id="enterprise" label={t('enterprise')} hint={t('enterpriseHint')} kind="enterprise" value={enterprise} onChange={setEnterprise} problem={f.enterpriseOrgId} />
      <ProjectTargets defaults={project} problem={f} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={update.isPending} className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60">
          {update.isPending ? te('saving') : te('save')}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-gray-300 bg-white px-4 py-2 text-gray-800 hover:bg-gray-50">
          {te('cancel')}
        </button>
      </div>
    </form>
  );
}
