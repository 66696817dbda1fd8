'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useRef, useState, type ReactNode } from 'react';
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import { FieldError, FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import type { Problem } from '../../_lib/form-state';
import { problemsOf } from '../bids/problems';
import { buttonClass, inputClass, secondaryButtonClass } from '../bids/styles';
import { EligibilityEditor } from './eligibility-editor';
import { fileSize } from '../bids/format';
import { FileUploads, useUploads } from '../files/uploads';

const MODES = ['open', 'jiebang', 'horse_race'] as const;
const FIELDS = ['smart_equipment', 'biomedicine', 'new_materials', 'electronics', 'tea_agriculture', 'energy_saving', 'digital_economy', 'other'] as const;
const IP = ['enterprise', 'team', 'shared'] as const;
const DEFAULT_KEYS = ['technical', 'team', 'price', 'credit'];
const DEFAULT_RUBRIC = [
  { key: 'technical', label: '', weight: '40' },
  { key: 'team', label: '', weight: '20' },
  { key: 'price', label: '', weight: '20' },
  { key: 'credit', label: '', weight: '20' },
];

type Mode = (typeof MODES)[number];
export interface NeedFile {
  id: string;
  name: string;
  size: number;
  confidential: boolean;
}
/** A need's eligibility rules as the API takes them (server/needs/eligibility.ts lists the kinds). */
export type EligibilityRuleValue = inferRouterInputs<AppRouter>['needs']['createDraft']['eligibility'] extends (infer R)[] | undefined ? R : never;
type Field = (typeof FIELDS)[number];
type Ip = (typeof IP)[number];

export interface NeedDraftValues {
  mode: Mode;
  title: string;
  summary: string;
  description: string;
  anonymous: boolean;
  industryField: Field | '';
  disciplines: string[];
  keywords: string[];
  expectedResults: string;
  budgetMin: string | null;
  budgetMax: string | null;
  bounty: string | null;
  /** `YYYY-MM-DDTHH:mm` in Beijing time (a datetime-local value). */
  bidDeadline: string;
  deliveryMonths: number | null;
  ipTerms: Ip;
  rubric: Array<{ key: string; label?: string | null; weight: number }>;
  /** Kept as loaded and sent back on every save: an update replaces the whole draft, so a rule left out would be dropped. */
  eligibility: EligibilityRuleValue[];
  awardCount: number;
  annexText: string;
  ndaText: string;
}

interface Category {
  code: string;
  name: string;
  disciplines: Array<{ code: string; name: string }>;
}

const num = (s: string) => (s.trim() === '' ? null : Number(s));

/**
 * The need draft form (SPEC §2): every field, the mode's own ones (榜额 for 揭榜挂帅, 2–3 teams for 赛马制),
 * a rubric editor whose weights must total 100, attachments once the draft exists, 保存草稿 and 发布需求.
 * Field errors come back as keys under `errors` (zod's, or publishProblems' when publishing).
 */
export function NeedForm(props: {
  needId: string | null;
  initial: NeedDraftValues;
  files: NeedFile[];
  categories: Category[];
  orgKind: string;
  canPublish: boolean;
  pendingOrg: boolean;
  justSaved?: boolean;
}) {
  const t = useTranslations('needs');
  const tf = useTranslations('needs.form');
  const router = useRouter();
  const trpc = useTRPC();
  const create = useMutation(trpc.needs.createDraft.mutationOptions());
  const update = useMutation(trpc.needs.updateDraft.mutationOptions());
  const publish = useMutation(trpc.needs.publish.mutationOptions());
  const i = props.initial;
  const [needId, setNeedId] = useState(props.needId);
  const [mode, setMode] = useState<Mode>(props.orgKind === 'bureau' ? 'jiebang' : i.mode);
  const [v, setV] = useState({
    title: i.title,
    summary: i.summary,
    description: i.description,
    industryField: i.industryField,
    keywords: i.keywords.join('，'),
    expectedResults: i.expectedResults,
    budgetMin: i.budgetMin ?? '',
    budgetMax: i.budgetMax ?? '',
    bounty: i.bounty ?? '',
    bidDeadline: i.bidDeadline,
    deliveryMonths: i.deliveryMonths ? String(i.deliveryMonths) : '',
    ipTerms: i.ipTerms,
    awardCount: String(i.mode === 'horse_race' ? i.awardCount : 2),
    annexText: i.annexText,
    ndaText: i.ndaText,
  });
  const [anonymous, setAnonymous] = useState(i.anonymous);
  const [disciplines, setDisciplines] = useState<string[]>(i.disciplines);
  const [eligibility, setEligibility] = useState<EligibilityRuleValue[]>(i.eligibility);
  const [rubric, setRubric] = useState(() => i.rubric.map((c) => ({ key: c.key, label: c.label ?? '', weight: String(c.weight) })));
  const [files, setFiles] = useState(props.files);
  const [fields, setFields] = useState<Record<string, Problem>>({});
  const [general, setGeneral] = useState<Problem | undefined>();
  const [saved, setSaved] = useState(!!props.justSaved);
  const busy = create.isPending || update.isPending || publish.isPending;
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [k]: e.target.value }));
  const total = rubric.reduce((s, c) => s + (Number(c.weight) || 0), 0);

  function payload() {
    const keywords = v.keywords
      .split(/[,，;；、\s]+/)
      .map((k) => k.trim())
      .filter(Boolean);
    return {
      mode,
      title: v.title,
      summary: v.summary,
      description: v.description,
      anonymous,
      industryField: v.industryField as Field,
      disciplines,
      keywords,
      expectedResults: v.expectedResults,
      budgetMin: mode === 'jiebang' ? null : num(v.budgetMin),
      budgetMax: mode === 'jiebang' ? null : num(v.budgetMax),
      bounty: mode === 'jiebang' ? num(v.bounty) : null,
      // The deadline is a Beijing wall-clock time whatever the browser's zone.
      bidDeadline: v.bidDeadline ? new Date(`${v.bidDeadline}:00+08:00`) : null,
      deliveryMonths: v.deliveryMonths.trim() === '' ? null : Number(v.deliveryMonths),
      ipTerms: v.ipTerms,
      rubric: rubric.map((c) => ({ key: c.key, ...(DEFAULT_KEYS.includes(c.key) ? {} : { label: c.label }), weight: Number(c.weight) || 0 })),
      eligibility,
      awardCount: mode === 'horse_race' ? Number(v.awardCount) : 1,
      annexText: v.annexText,
      ndaText: v.ndaText,
    };
  }

  function fail(e: unknown) {
    const p = problemsOf(e);
    const byField: Record<string, Problem> = {};
    for (const [path, problem] of Object.entries(p.fields)) {
      // updateDraft's input nests the fields; rubric.2.weight → rubric.
      const name = path.replace(/^fields\./, '').split('.')[0] ?? path;
      if (!byField[name]) byField[name] = problem;
    }
    setFields(byField);
    setGeneral(Object.keys(byField).length > 0 ? { key: 'invalidInput' } : p.error);
  }

  async function save(): Promise<string | null> {
    setGeneral(undefined);
    setFields({});
    setSaved(false);
    try {
      if (needId) {
        await update.mutateAsync({ id: needId, fields: payload() });
        return needId;
      }
      const created = await create.mutateAsync(payload());
      setNeedId(created.id);
      // The edit page holds attachments; the URL now names the draft.
      router.replace(`/needs/${created.id}/edit?saved=1`);
      return created.id;
    } catch (e) {
      fail(e);
      return null;
    }
  }

  const err = (name: string) => (fields[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${name}-error` } : {});
  const label = (name: string, text: string, required = false) => (
    <label htmlFor={`need-${name}`} className="block text-sm font-medium text-gray-800">
      {text}
      {required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
    </label>
  );
  const hint = (name: string, text: string) => (
    <p id={`${name}-hint`} className="mt-1 text-xs text-gray-600">
      {text}
    </p>
  );
  const group = (title: string, children: ReactNode) => (
    <fieldset className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
      <legend className="px-1 text-base font-semibold text-gray-900">{title}</legend>
      {children}
    </fieldset>
  );

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await save()) setSaved(true);
      }}
    >
      <p className="text-sm text-gray-700">{tf('lead')}</p>
      {group(
        tf('basics'),
        <>
          <div>
            {label('mode', tf('modeLabel'), true)}
            <select id="need-mode" value={mode} disabled={props.orgKind === 'bureau'} onChange={(e) => setMode(e.target.value as Mode)} className={inputClass} aria-describedby="mode-hint" {...err('mode')}>
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`modes.${m}`)}
                </option>
              ))}
            </select>
            {hint('mode', props.orgKind === 'bureau' ? tf('bureauJiebang') : t(`modeHints.${mode}`))}
            <FieldError id="mode-error" problem={fields.mode} />
          </div>
          <div>
            {label('title', tf('titleLabel'), true)}
            <input id="need-title" value={v.title} onChange={set('title')} maxLength={120} className={inputClass} {...err('title')} />
            <FieldError id="title-error" problem={fields.title} />
          </div>
          <div>
            {label('industryField', t('fields.industryField'), true)}
            <select id="need-industryField" value={v.industryField} onChange={set('industryField')} className={inputClass} {...err('industryField')}>
              <option value="">{tf('pickOne')}</option>
              {FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`industryFields.${f}`)}
                </option>
              ))}
            </select>
            <FieldError id="industryField-error" problem={fields.industryField} />
          </div>
          <div>
            {label('keywords', t('fields.keywords'))}
            <input id="need-keywords" value={v.keywords} onChange={set('keywords')} className={inputClass} aria-describedby="keywords-hint" {...err('keywords')} />
            {hint('keywords', tf('keywordsHint'))}
            <FieldError id="keywords-error" problem={fields.keywords} />
          </div>
          <div>
            {label('disciplines', t('fields.disciplines'))}
            <select
              id="need-disciplines"
              multiple
              size={6}
              value={disciplines}
              onChange={(e) => setDisciplines([...e.target.selectedOptions].map((o) => o.value).slice(0, 12))}
              className={inputClass}
              aria-describedby="disciplines-hint"
              {...err('disciplines')}
            >
              {props.categories.map((c) => (
                <optgroup key={c.code} label={c.name}>
                  {c.disciplines.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {hint('disciplines', tf('disciplinesHint'))}
            <FieldError id="disciplines-error" problem={fields.disciplines} />
          </div>
          <div>
            {label('summary', t('fields.summary'), true)}
            <textarea id="need-summary" rows={3} value={v.summary} onChange={set('summary')} maxLength={1000} className={inputClass} aria-describedby="summary-hint" {...err('summary')} />
            {hint('summary', tf('summaryHint'))}
            <FieldError id="summary-error" problem={fields.summary} />
          </div>
          <div className="flex items-start gap-2">
            <input id="need-anonymous" type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} className="mt-1 h-4 w-4" />
            <label htmlFor="need-anonymous" className="text-sm text-gray-800">
              {t('fields.anonymous')}
            </label>
          </div>
          <div>
            {label('description', t('fields.description'), true)}
            <textarea id="need-description" rows={8} value={v.description} onChange={set('description')} maxLength={20000} className={inputClass} aria-describedby="description-hint" {...err('description')} />
            {hint('description', tf('descriptionHint'))}
            <FieldError id="description-error" problem={fields.description} />
          </div>
          <div>
            {label('expectedResults', t('fields.expectedResults'))}
            <textarea id="need-expectedResults" rows={3} value={v.expectedResults} onChange={set('expectedResults')} maxLength={5000} className={inputClass} {...err('expectedResults')} />
            <FieldError id="expectedResults-error" problem={fields.expectedResults} />
          </div>
        </>,
      )}

      {group(
        tf('money'),
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {mode === 'jiebang' ? (
            <div>
              {label('bounty', t('fields.bounty'), true)}
              <input id="need-bounty" type="number" min={0} step="0.01" inputMode="decimal" value={v.bounty} onChange={set('bounty')} className={inputClass} aria-describedby="bounty-hint" {...err('bounty')} />
              {hint('bounty', tf('bountyHint'))}
              <FieldError id="bounty-error" problem={fields.bounty} />
            </div>
          ) : (
            <>
              <div>
                {label('budgetMin', t('fields.budgetMin'), true)}
                <input id="need-budgetMin" type="number" min={0} step="0.01" inputMode="decimal" value={v.budgetMin} onChange={set('budgetMin')} className={inputClass} {...err('budgetMin')} />
                <FieldError id="budgetMin-error" problem={fields.budgetMin} />
              </div>
              <div>
                {label('budgetMax', t('fields.budgetMax'), true)}
                <input id="need-budgetMax" type="number" min={0} step="0.01" inputMode="decimal" value={v.budgetMax} onChange={set('budgetMax')} className={inputClass} {...err('budgetMax')} />
                <FieldError id="budgetMax-error" problem={fields.budgetMax} />
              </div>
            </>
          )}
          {mode === 'horse_race' ? (
            <div>
              {label('awardCount', t('fields.awardCount'), true)}
              <select id="need-awardCount" value={v.awardCount} onChange={set('awardCount')} className={inputClass} aria-describedby="awardCount-hint" {...err('awardCount')}>
                <option value="2">2</option>
                <option value="3">3</option>
              </select>
              {hint('awardCount', tf('awardCountHint'))}
              <FieldError id="awardCount-error" problem={fields.awardCount} />
            </div>
          ) : null}
          <div>
            {label('bidDeadline', t('fields.bidDeadline'), true)}
            <input id="need-bidDeadline" type="datetime-local" value={v.bidDeadline} onChange={set('bidDeadline')} className={inputClass} aria-describedby="bidDeadline-hint" {...err('bidDeadline')} />
            {hint('bidDeadline', tf('deadlineHint'))}
            <FieldError id="bidDeadline-error" problem={fields.bidDeadline} />
          </div>
          <div>
            {label('deliveryMonths', t('fields.deliveryMonths'), true)}
            <input id="need-deliveryMonths" type="number" min={1} max={120} step={1} inputMode="numeric" value={v.deliveryMonths} onChange={set('deliveryMonths')} className={inputClass} {...err('deliveryMonths')} />
            <FieldError id="deliveryMonths-error" problem={fields.deliveryMonths} />
          </div>
          <div>
            {label('ipTerms', t('fields.ipTerms'), true)}
            <select id="need-ipTerms" value={v.ipTerms} onChange={set('ipTerms')} className={inputClass} {...err('ipTerms')}>
              {IP.map((k) => (
                <option key={k} value={k}>
                  {t(`ipTerms.${k}`)}
                </option>
              ))}
            </select>
            <FieldError id="ipTerms-error" problem={fields.ipTerms} />
          </div>
        </div>,
      )}

      {group(
        tf('review'),
        <>
          <EligibilityEditor mode={mode} value={eligibility} onChange={setEligibility} problem={fields.eligibility} />
          <div role="group" aria-labelledby="rubric-title" aria-describedby="rubric-hint">
            <h3 id="rubric-title" className="text-sm font-medium text-gray-800">
              {t('fields.rubric')}
            </h3>
            {hint('rubric', tf('rubricHint'))}
            <ul className="mt-2 space-y-2">
              {rubric.map((c, idx) => {
                const builtIn = DEFAULT_KEYS.includes(c.key);
                const name = builtIn ? t(`rubric.${c.key}`) : c.label || tf('rubricCustom');
                return (
                  <li key={c.key} className="flex flex-wrap items-end gap-2">
                    <div className="min-w-0 flex-1">
                      <label htmlFor={`rubric-${c.key}-label`} className="text-xs text-gray-600">
                        {tf('rubricName')}
                      </label>
                      <input
                        id={`rubric-${c.key}-label`}
                        value={builtIn ? t(`rubric.${c.key}`) : c.label}
                        readOnly={builtIn}
                        maxLength={30}
                        onChange={(e) => setRubric((r) => r.map((x, j) => (j === idx ? { ...x, label: e.target.value } : x)))}
                        className={`${inputClass} ${builtIn ? 'bg-gray-50' : ''}`}
                      />
                    </div>
                    <div className="w-24">
                      <label htmlFor={`rubric-${c.key}-weight`} className="text-xs text-gray-600">
                        {tf('rubricWeight')}
                      </label>
                      <input
                        id={`rubric-${c.key}-weight`}
                        type="number"
                        min={0}
                        max={100}
                        step={1}
                        inputMode="numeric"
                        value={c.weight}
                        onChange={(e) => setRubric((r) => r.map((x, j) => (j === idx ? { ...x, weight: e.target.value } : x)))}
                        className={inputClass}
                      />
                    </div>
                    <button type="button" className={secondaryButtonClass} disabled={rubric.length <= 1} onClick={() => setRubric((r) => r.filter((_, j) => j !== idx))}>
                      {tf('remove')}
                      <span className="sr-only">{tf('rubricRemove', { name })}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            <p aria-live="polite" className={`mt-2 text-sm font-medium ${total === 100 ? 'text-green-800' : 'text-red-700'}`}>
              {tf('rubricTotal', { total })}
            </p>
            <FieldError id="rubric-error" problem={fields.rubric} />
            <div className="mt-2 flex flex-wrap gap-2">
              <button
                type="button"
                className={secondaryButtonClass}
                disabled={rubric.length >= 8}
                onClick={() =>
                  setRubric((r) => {
                    let n = 1;
                    while (r.some((c) => c.key === `custom_${n}`)) n++;
                    return [...r, { key: `custom_${n}`, label: '', weight: '0' }];
                  })
                }
              >
                {tf('rubricAdd')}
              </button>
              <button type="button" className={secondaryButtonClass} onClick={() => setRubric(DEFAULT_RUBRIC)}>
                {tf('rubricReset')}
              </button>
            </div>
          </div>
        </>,
      )}

      {group(
        tf('confidential'),
        <>
          <div>
            {label('annexText', t('fields.annexText'))}
            <textarea id="need-annexText" rows={4} value={v.annexText} onChange={set('annexText')} maxLength={20000} className={inputClass} aria-describedby="annexText-hint" {...err('annexText')} />
            {hint('annexText', tf('annexHint'))}
            <FieldError id="annexText-error" problem={fields.annexText} />
          </div>
          <div>
            {label('ndaText', t('fields.ndaText'))}
            <textarea id="need-ndaText" rows={4} value={v.ndaText} onChange={set('ndaText')} maxLength={10000} className={inputClass} aria-describedby="ndaText-hint" {...err('ndaText')} />
            {hint('ndaText', tf('ndaHint'))}
            <FieldError id="ndaText-error" problem={fields.ndaText} />
          </div>
          <div className="space-y-4">
            <h3 className="text-sm font-medium text-gray-800">{t('fields.attachments')}</h3>
            <p className="text-xs text-gray-600">{tf('attachmentsHint')}</p>
            {needId ? (
              <>
                <NeedAttachments needId={needId} confidential={false} files={files} onChange={setFiles} />
                <NeedAttachments needId={needId} confidential files={files} onChange={setFiles} />
              </>
            ) : (
              <p className="text-sm text-gray-700">{tf('attachmentsAfterSave')}</p>
            )}
          </div>
        </>,
      )}

      <div className="sticky bottom-0 space-y-3 border-t border-gray-200 bg-white/95 py-3">
        <FormMessage problem={general} success={saved ? tf('saved') : undefined} />
        {props.pendingOrg ? <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{tf('pendingOrg')}</p> : null}
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" disabled={busy} className={secondaryButtonClass.replace('py-1.5', 'py-2')}>
            {create.isPending || update.isPending ? tf('saving') : tf('save')}
          </button>
          {props.canPublish ? (
            <button
              type="button"
              disabled={busy}
              className={buttonClass}
              aria-describedby="publish-note"
              onClick={async () => {
                const id = await save();
                if (!id) return;
                try {
                  await publish.mutateAsync({ id });
                  router.push(`/needs/${id}`);
                  router.refresh();
                } catch (e) {
                  fail(e);
                }
              }}
            >
              {publish.isPending ? tf('publishing') : tf('publish')}
            </button>
          ) : null}
          {needId ? (
            <a href={`/needs/${needId}`} className="text-sm text-primary-700 underline">
              {tf('view')}
            </a>
          ) : null}
        </div>
        {props.canPublish ? (
          <p id="publish-note" className="text-xs text-gray-600">
            {tf('publishNote')}
          </p>
        ) : null}
      </div>
    </form>
  );
}

/**
 * A draft's attachments, public or confidential (the annex's files): uploads go through the shared widget to
 * POST /api/files?needId=…&confidential=0|1, which attaches them to the draft, so each finished one joins the
 * list at once; removing one deletes it from the draft and asks first.
 */
function NeedAttachments({ needId, confidential, files, onChange }: { needId: string; confidential: boolean; files: NeedFile[]; onChange: (files: NeedFile[]) => void }) {
  const t = useTranslations('needs.form');
  const tErrors = useTranslations('errors');
  const trpc = useTRPC();
  const remove = useMutation(trpc.needs.removeAttachment.mutationOptions());
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const latest = useRef(files);
  latest.current = files;
  const title = confidential ? t('attachmentsConfidential') : t('attachmentsPublic');
  const uploads = useUploads(`?needId=${encodeURIComponent(needId)}&confidential=${confidential ? '1' : '0'}`, {
    onDone: (f) => onChange([...latest.current, { id: f.id, name: f.name, size: f.size, confidential }]),
  });
  const mine = files.filter((f) => f.confidential === confidential);

  return (
    <div>
      <h4 className="text-sm font-medium text-gray-900">{title}</h4>
      {mine.length === 0 ? (
        <p className="mt-1 text-sm text-gray-600">{t('noFiles')}</p>
      ) : (
        <ul className="mt-1 mb-2 space-y-1">
          {mine.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center gap-2 text-sm">
              <a href={`/api/files/${f.id}`} className="min-w-0 truncate text-primary-700 underline">
                {f.name}
              </a>
              <span className="text-xs text-gray-600">{fileSize(f.size)}</span>
              {confirming === f.id ? (
                <span className="flex items-center gap-2">
                  <span className="text-red-900">{t('removeConfirm', { name: f.name })}</span>
                  <button
                    type="button"
                    disabled={remove.isPending}
                    className="rounded bg-red-700 px-2 py-0.5 text-xs text-white hover:bg-red-800"
                    onClick={async () => {
                      try {
                        await remove.mutateAsync({ id: f.id });
                        onChange(latest.current.filter((x) => x.id !== f.id));
                        setNote({ text: t('removed', { name: f.name }), error: false });
                      } catch (e) {
                        const p = problemsOf(e).error;
                        setNote({ text: t('uploadFailed', { name: f.name, reason: p && tErrors.has(p.key) ? tErrors(p.key, p.params) : tErrors('internal') }), error: true });
                      } finally {
                        setConfirming(null);
                      }
                    }}
                  >
                    {t('remove')}
                  </button>
                  <button type="button" className="rounded border border-gray-300 px-2 py-0.5 text-xs" onClick={() => setConfirming(null)}>
                    {t('keepFile')}
                  </button>
                </span>
              ) : (
                <button type="button" className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50" aria-label={t('removeFile', { name: f.name })} onClick={() => setConfirming(f.id)}>
                  {t('remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FileUploads
        id={confidential ? 'need-files-confidential' : 'need-files-public'}
        state={uploads}
        label={
          <>
            {t('choose')}
            <span className="sr-only">{title}</span>
          </>
        }
      />
      <p aria-live="polite" className={`mt-1 text-sm ${note?.error ? 'text-red-700' : 'text-gray-700'}`}>
        {note?.text}
      </p>
    </div>
  );
}
