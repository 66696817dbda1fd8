'use client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { FieldError, FormMessage } from '../form-feedback';
import { useTRPC } from '../../_lib/trpc';
import type { Problem } from '../../_lib/form-state';
import { FileUploads, useUploads, type UploadedFile } from '../files/uploads';
import { amount as formatAmount, fileSize, sumAmounts } from './format';
import { Markdown } from '../markdown/markdown';
import { NO_PROBLEMS, problemsOf, type Problems } from './problems';
import { buttonClass, inputClass, secondaryButtonClass } from './styles';

/** A file attached to the bid (already stored; the bid only lists its id). */
type BidFile = Pick<UploadedFile, 'id' | 'name' | 'size'>;

interface MilestoneRow {
  key: number;
  deliverable: string;
  dueDate: string;
  amount: string;
}
interface MemberRow {
  key: number;
  name: string;
  role: string;
}

export interface BidFormProps {
  needId: string;
  bidId: string | null;
  /** What the team may do now (from the bid's transition table): which buttons show. */
  can: { draft: boolean; submit: boolean; revise: boolean };
  /** 揭榜挂帅: the price must equal the bounty. */
  bounty: string | null;
  initial: {
    approach: string;
    milestones: Array<{ deliverable: string; dueDate: string; amount: string }>;
    teamMembers: Array<{ name: string; role: string }>;
    achievementIds: string[];
    attachments: BidFile[];
  };
  achievements: Array<{ id: string; title: string; kind: string; year: number | null }>;
  /** Tomorrow in the county: a hint for the date pickers (the server checks due dates). */
  minDate: string;
  maxAttachments: number;
  maxMilestones: number;
}

type Act = 'draft' | 'submit' | 'revise';

/**
 * The team's bid: approach (Markdown, with a preview), milestones whose amounts add up to the price shown
 * live, team members, the team's own achievements and attachments (uploaded with progress and a cancel
 * button). One form for a new bid, a draft, a revision and a withdrawn bid entered again; the buttons are
 * the acts the bid's transition table allows now.
 */
export function BidForm(props: BidFormProps) {
  const t = useTranslations('bids');
  const tf = useTranslations('bids.form');
  const router = useRouter();
  const trpc = useTRPC();
  const saveDraft = useMutation(trpc.bids.saveDraft.mutationOptions());
  const submit = useMutation(trpc.bids.submit.mutationOptions());
  const revise = useMutation(trpc.bids.revise.mutationOptions());

  const keys = useRef(0);
  const nextKey = () => keys.current++;
  const [approach, setApproach] = useState(props.initial.approach);
  const [preview, setPreview] = useState(false);
  const [milestones, setMilestones] = useState<MilestoneRow[]>(() =>
    (props.initial.milestones.length ? props.initial.milestones : [{ deliverable: '', dueDate: '', amount: '' }]).map((m) => ({ ...m, key: nextKey() })),
  );
  const [members, setMembers] = useState<MemberRow[]>(() =>
    (props.initial.teamMembers.length ? props.initial.teamMembers : [{ name: '', role: '' }]).map((m) => ({ ...m, key: nextKey() })),
  );
  const [achievementIds, setAchievementIds] = useState<string[]>(props.initial.achievementIds);
  const [files, setFiles] = useState<BidFile[]>(props.initial.attachments);
  // Each finished upload joins the bid's own list (download link, remove); the widget shows only transfers.
  const uploads = useUploads('', { max: props.maxAttachments, attached: files.length, onDone: (file) => setFiles((list) => [...list, file]) });
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [success, setSuccess] = useState<string | undefined>();
  const [working, setWorking] = useState<Act | null>(null);

  // After a refusal, the first marked field takes the focus (the form is long; the message sits at its end).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(problems.fields).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const total = sumAmounts(milestones.map((m) => m.amount));
  const bountyCents = props.bounty === null ? null : Math.round(Number(props.bounty) * 100);
  const totalCents = Math.round(Number(total) * 100);
  const field = (path: string): Problem | undefined => problems.fields[path];
  const aria = (id: string, path: string, hint?: boolean) => ({
    id,
    'aria-invalid': Boolean(field(path)),
    'aria-describedby': [hint ? `${id}-hint` : null, field(path) ? `${id}-error` : null].filter(Boolean).join(' ') || undefined,
  });

  /**
   * The content to send. A draft drops rows left entirely empty; the field errors' row numbers are mapped
   * back to the rows on screen through `rowOf`.
   */
  function content(act: Act) {
    const keepMilestone = (m: MilestoneRow) => act !== 'draft' || m.deliverable.trim() || m.dueDate || m.amount.trim();
    const keepMember = (m: MemberRow) => act !== 'draft' || m.name.trim() || m.role.trim();
    const sentMilestones = milestones.map((m, i) => [i, m] as const).filter(([, m]) => keepMilestone(m));
    const sentMembers = members.map((m, i) => [i, m] as const).filter(([, m]) => keepMember(m));
    return {
      value: {
        approach,
        milestones: sentMilestones.map(([, m]) => ({
          deliverable: m.deliverable,
          dueDate: m.dueDate,
          // Empty is "not filled in" (NaN fails as a missing number), not zero.
          amount: m.amount.trim() === '' ? Number.NaN : Number(m.amount),
        })),
        teamMembers: sentMembers.map(([, m]) => ({ name: m.name, role: m.role })),
        achievementIds,
        attachmentIds: files.map((f) => f.id),
      },
      rowOf: { milestones: sentMilestones.map(([i]) => i), teamMembers: sentMembers.map(([i]) => i) },
    };
  }

  function remap(found: Problems, rowOf: { milestones: number[]; teamMembers: number[] }): Problems {
    const fields: Record<string, Problem> = {};
    for (const [path, problem] of Object.entries(found.fields)) {
      const m = /^(milestones|teamMembers)\.(\d+)(\..*)?$/.exec(path);
      const list = m?.[1] as 'milestones' | 'teamMembers' | undefined;
      fields[m && list ? `${list}.${rowOf[list][Number(m[2])] ?? m[2]}${m[3] ?? ''}` : path] = problem;
    }
    return { error: found.error, fields };
  }

  async function act(which: Act) {
    setWorking(which);
    setSuccess(undefined);
    setProblems(NO_PROBLEMS);
    const { value, rowOf } = content(which);
    // Client-side only what the server would phrase badly: an amount of zero or below.
    const local: Record<string, Problem> = {};
    value.milestones.forEach((m, i) => {
      if (!Number.isNaN(m.amount) && m.amount <= 0) local[`milestones.${rowOf.milestones[i] ?? i}.amount`] = { key: 'v.bid.amountPositive' };
    });
    if (Object.keys(local).length > 0) {
      setProblems({ error: { key: 'invalidInput' }, fields: local });
      setWorking(null);
      return;
    }
    try {
      if (which === 'draft') {
        await saveDraft.mutateAsync({ needId: props.needId, content: value });
        setSuccess(tf('saved'));
      } else if (which === 'submit') {
        const res = await submit.mutateAsync({ needId: props.needId, content: value });
        setSuccess(tf('submitted', { number: res.revision }));
      } else if (props.bidId) {
        const res = await revise.mutateAsync({ bidId: props.bidId, content: value });
        setSuccess(tf('revised', { number: res.revision }));
      }
      router.refresh();
    } catch (e) {
      setProblems(remap(problemsOf(e), rowOf));
    } finally {
      setWorking(null);
    }
  }

  const updateMilestone = (key: number, patch: Partial<MilestoneRow>) => setMilestones((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const updateMember = (key: number, patch: Partial<MemberRow>) => setMembers((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const section = 'space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6';

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void act(props.can.revise ? 'revise' : props.can.submit ? 'submit' : 'draft');
      }}
    >
      <section className={section}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="bf-approach-title" className="text-lg font-semibold text-gray-900">
            <label htmlFor="bf-approach">{t('fields.approach')}</label>
          </h2>
          <div role="group" aria-label={tf('writeOrPreview')} className="inline-flex rounded-md border border-gray-300 text-sm">
            <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)} className={`rounded-l-md px-3 py-1 ${preview ? 'bg-white text-gray-700' : 'bg-primary-600 text-white'}`}>
              {tf('write')}
            </button>
            <button type="button" aria-pressed={preview} onClick={() => setPreview(true)} className={`rounded-r-md px-3 py-1 ${preview ? 'bg-primary-600 text-white' : 'bg-white text-gray-700'}`}>
              {tf('preview')}
            </button>
          </div>
        </div>
        <textarea
          {...aria('bf-approach', 'approach', true)}
          value={approach}
          onChange={(e) => setApproach(e.target.value)}
          rows={12}
          maxLength={50_000}
          hidden={preview}
          className={`${inputClass} font-mono text-sm`}
        />
        {preview ? (
          <div className="min-h-40 rounded-md border border-gray-200 bg-gray-50 p-3">
            {approach.trim() ? <Markdown source={approach} /> : <p className="text-gray-600">{tf('previewEmpty')}</p>}
          </div>
        ) : null}
        <p id="bf-approach-hint" className="text-xs text-gray-600">
          {tf('approachHint')}
        </p>
        <FieldError id="bf-approach-error" problem={field('approach')} />
      </section>

      <section className={section} aria-labelledby="bf-milestones-title">
        <h2 id="bf-milestones-title" className="text-lg font-semibold text-gray-900">
          {t('fields.milestones')}
        </h2>
        <p className="text-sm text-gray-600">{tf('milestonesHint')}</p>
        <ol className="space-y-3">
          {milestones.map((m, i) => {
            const id = `bf-m${m.key}`;
            return (
              <li key={m.key}>
                <fieldset className="rounded-md border border-gray-200 p-3">
                  <legend className="px-1 text-sm font-medium text-gray-800">{tf('milestoneN', { n: i + 1 })}</legend>
                  <div className="grid gap-3 sm:grid-cols-[1fr_10rem_9rem_auto] sm:items-start">
                    <div>
                      <label htmlFor={`${id}-d`} className="block text-sm text-gray-800">
                        {t('fields.deliverable')}
                      </label>
                      <input {...aria(`${id}-d`, `milestones.${i}.deliverable`)} value={m.deliverable} maxLength={500} onChange={(e) => updateMilestone(m.key, { deliverable: e.target.value })} className={inputClass} />
                      <FieldError id={`${id}-d-error`} problem={field(`milestones.${i}.deliverable`)} />
                    </div>
                    <div>
                      <label htmlFor={`${id}-t`} className="block text-sm text-gray-800">
                        {t('fields.dueDate')}
                      </label>
                      <input {...aria(`${id}-t`, `milestones.${i}.dueDate`)} type="date" min={props.minDate} value={m.dueDate} onChange={(e) => updateMilestone(m.key, { dueDate: e.target.value })} className={inputClass} />
                      <FieldError id={`${id}-t-error`} problem={field(`milestones.${i}.dueDate`)} />
                    </div>
                    <div>
                      <label htmlFor={`${id}-a`} className="block text-sm text-gray-800">
                        {t('fields.amount')}
                      </label>
                      <input
                        {...aria(`${id}-a`, `milestones.${i}.amount`)}
                        type="number"
                        inputMode="decimal"
                        min="0.01"
                        step="0.01"
                        value={m.amount}
                        onChange={(e) => updateMilestone(m.key, { amount: e.target.value })}
                        className={`${inputClass} tabular-nums`}
                      />
                      <FieldError id={`${id}-a-error`} problem={field(`milestones.${i}.amount`)} />
                    </div>
                    <button
                      type="button"
                      disabled={milestones.length <= 1}
                      onClick={() => setMilestones((rows) => rows.filter((r) => r.key !== m.key))}
                      className={`${secondaryButtonClass} justify-self-start sm:mt-6`}
                    >
                      <span aria-hidden="true" className="hidden sm:inline">
                        ✕
                      </span>
                      <span className="sm:sr-only">{tf('removeMilestone', { n: i + 1 })}</span>
                    </button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <button
            type="button"
            disabled={milestones.length >= props.maxMilestones}
            onClick={() => setMilestones((rows) => [...rows, { key: nextKey(), deliverable: '', dueDate: '', amount: '' }])}
            className={secondaryButtonClass}
          >
            + {tf('addMilestone')}
          </button>
          <p className="text-right" aria-live="polite">
            <span className="text-sm text-gray-700">{tf('total')} </span>
            <output className="text-lg font-semibold text-gray-900 tabular-nums">{t('amount', { amount: total })}</output>
          </p>
        </div>
        {bountyCents !== null ? (
          <p aria-live="polite" className={`text-sm ${bountyCents === totalCents ? 'text-green-800' : 'text-amber-800'}`}>
            {bountyCents === totalCents
              ? `✓ ${tf('bountyMatch', { bounty: formatAmount(props.bounty) })}`
              : `! ${tf('bountyMismatch', { bounty: formatAmount(props.bounty), diff: formatAmount(Math.abs(bountyCents - totalCents) / 100) })}`}
          </p>
        ) : null}
        <FieldError id="bf-milestones-error" problem={field('milestones')} />
      </section>

      <section className={section} aria-labelledby="bf-members-title">
        <h2 id="bf-members-title" className="text-lg font-semibold text-gray-900">
          {t('fields.teamMembers')}
        </h2>
        <p className="text-sm text-gray-600">{tf('membersHint')}</p>
        <ul className="space-y-2">
          {members.map((m, i) => {
            const id = `bf-p${m.key}`;
            return (
              <li key={m.key} className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[12rem_1fr_auto] sm:items-start">
                <div>
                  <label htmlFor={`${id}-n`} className="block text-sm text-gray-800">
                    {t('fields.memberName')} <span className="sr-only">{tf('memberN', { n: i + 1 })}</span>
                  </label>
                  <input {...aria(`${id}-n`, `teamMembers.${i}.name`)} value={m.name} maxLength={40} onChange={(e) => updateMember(m.key, { name: e.target.value })} className={inputClass} />
                  <FieldError id={`${id}-n-error`} problem={field(`teamMembers.${i}.name`)} />
                </div>
                <div className="col-span-2 row-start-2 sm:col-span-1 sm:row-start-auto">
                  <label htmlFor={`${id}-r`} className="block text-sm text-gray-800">
                    {t('fields.memberRole')} <span className="sr-only">{tf('memberN', { n: i + 1 })}</span>
                  </label>
                  <input {...aria(`${id}-r`, `teamMembers.${i}.role`)} value={m.role} maxLength={60} onChange={(e) => updateMember(m.key, { role: e.target.value })} className={inputClass} />
                  <FieldError id={`${id}-r-error`} problem={field(`teamMembers.${i}.role`)} />
                </div>
                <button
                  type="button"
                  disabled={members.length <= 1}
                  onClick={() => setMembers((rows) => rows.filter((r) => r.key !== m.key))}
                  aria-label={tf('removeMember', { n: i + 1 })}
                  className={`${secondaryButtonClass} mt-6 self-start`}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" disabled={members.length >= 30} onClick={() => setMembers((rows) => [...rows, { key: nextKey(), name: '', role: '' }])} className={secondaryButtonClass}>
          + {tf('addMember')}
        </button>
        <FieldError id="bf-members-error" problem={field('teamMembers')} />
      </section>

      <section className={section} aria-labelledby="bf-ach-title">
        <h2 id="bf-ach-title" className="text-lg font-semibold text-gray-900">
          {t('fields.achievements')}
        </h2>
        {props.achievements.length === 0 ? (
          <p className="text-sm text-gray-600">
            {tf('noAchievements')}{' '}
            <Link href="/org/achievements" className="text-primary-700 underline">
              {tf('manageAchievements')}
            </Link>
          </p>
        ) : (
          <fieldset>
            <legend className="text-sm text-gray-600">{tf('achievementsHint')}</legend>
            <ul className="mt-2 space-y-1">
              {props.achievements.map((a) => (
                <li key={a.id}>
                  <label className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      className="mt-1.5"
                      checked={achievementIds.includes(a.id)}
                      onChange={(e) => setAchievementIds((ids) => (e.target.checked ? [...ids, a.id] : ids.filter((x) => x !== a.id)))}
                    />
                    <span>
                      <span className="mr-1 rounded bg-gray-100 px-1.5 text-sm text-gray-800">{t(`detail.achievementKinds.${a.kind}`)}</span>
                      {a.title}
                      {a.year ? <span className="text-gray-600"> · {a.year}</span> : null}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
      </section>

      <section className={section} aria-labelledby="bf-files-title">
        <h2 id="bf-files-title" className="text-lg font-semibold text-gray-900">
          {t('fields.attachments')}
        </h2>
        {files.length > 0 ? (
          <ul className="space-y-1">
            {files.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center gap-2 text-sm">
                <a href={`/api/files/${f.id}`} className="min-w-0 break-all text-primary-700 underline">
                  {f.name}
                </a>
                <span className="text-gray-600">{fileSize(f.size)}</span>
                <button type="button" onClick={() => setFiles((list) => list.filter((x) => x.id !== f.id))} aria-label={tf('removeFileLabel', { name: f.name })} className="text-red-800 underline">
                  {tf('removeFile')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <FileUploads id="bf-files" state={uploads} label={tf('chooseFiles')} hint={tf('attachmentsHint', { max: props.maxAttachments })} />
        <FieldError id="bf-files-error" problem={field('attachmentIds')} />
      </section>

      <div className="space-y-3">
        <FormMessage problem={problems.error} success={success} />
        <div className="flex flex-wrap gap-3">
          {props.can.revise ? (
            <button type="submit" disabled={working !== null} className={buttonClass}>
              {working === 'revise' ? tf('working') : tf('revise')}
            </button>
          ) : null}
          {props.can.submit ? (
            <button type="submit" disabled={working !== null} className={buttonClass}>
              {working === 'submit' ? tf('working') : tf('submit')}
            </button>
          ) : null}
          {props.can.draft ? (
            <button type="button" disabled={working !== null} onClick={() => void act('draft')} className={secondaryButtonClass}>
              {working === 'draft' ? tf('working') : tf('saveDraft')}
            </button>
          ) : null}
        </div>
      </div>
    </form>
  );
}
