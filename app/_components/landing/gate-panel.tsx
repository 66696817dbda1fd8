'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/routers/_app';
import { useTRPC } from '../../_lib/trpc';
import { ActButton, ActDone, ActError, ActPanel, fieldClass, formText } from '../contracts/act-kit';
import { FileUploads, useUploads } from '../files/uploads';
import { wan, ymd } from '../contracts/format';
import { problemOf, type CallProblem } from '../contracts/problem';
import { GateStatusBadge, gateStatusKey } from './badges';

export type GateView = inferRouterOutputs<AppRouter>['landing']['gate'];
type Item = GateView['items'][number];

interface Draft {
  files: Array<{ id: string; name: string }>;
  uploaded: string[];
  busy: boolean;
  number: string;
  code: string;
  text: string;
}

const EMPTY: Draft = { files: [], uploaded: [], busy: false, number: '', code: '', text: '' };

function draftOf(item: Item): Draft {
  const e = item.entry;
  return {
    files: e?.files.map((f) => ({ id: f.id, name: f.name })) ?? [],
    uploaded: [],
    busy: false,
    number: e?.numberValue === null || e?.numberValue === undefined ? '' : String(e.numberValue),
    code: e?.creditCode ?? '',
    text: e?.text ?? '',
  };
}

/** An item's label: the default checklist's translated name, or the label the bureau wrote. */
export function useItemLabel() {
  const t = useTranslations('landing');
  return (item: { key: string; label?: string }) => item.label ?? (t.has(`items.${item.key}`) ? t(`items.${item.key}`) : item.key);
}

/** Uploads of one document item; tells the form which files are done (and whether some are still going). */
function ItemUploads({ id, label, onChange }: { id: string; label: string; onChange: (ids: string[], busy: boolean) => void }) {
  // for=landing: the project's team uploads as the party that prepares the gate (landing.prepareGate), so a
  // company that owns a project may upload too — a plain own-file upload is a research team's only.
  const uploads = useUploads('?for=landing');
  const key = uploads.files.map((f) => f.id).join(',');
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => report.current(key ? key.split(',') : [], uploads.busy), [key, uploads.busy]);
  return <FileUploads id={id} state={uploads} label={label} />;
}

function Evidence({ item }: { item: Item }) {
  const t = useTranslations('landing');
  const tg = useTranslations('landing.gate');
  const e = item.entry;
  if (!e) return <p className="text-gray-600">{tg('noEvidence')}</p>;
  return (
    <div className="space-y-1">
      {e.files.length ? (
        <ul className="space-y-0.5">
          {e.files.map((f) => (
            <li key={f.id}>
              <a href={`/api/files/${f.id}`} className="break-all text-primary-700 underline">
                {f.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {e.numberValue !== null ? (
        <p className="text-gray-900">
          {item.unit === 'wan' ? wan(e.numberValue) : e.numberValue} {item.unit ? (t.has(`units.${item.unit}`) ? t(`units.${item.unit}`) : item.unit) : ''}
        </p>
      ) : null}
      {e.creditCode ? <p className="font-mono text-gray-900">{e.creditCode}</p> : null}
      {e.text ? <p className="whitespace-pre-wrap text-gray-900">{e.text}</p> : null}
    </div>
  );
}

/**
 * One gate of a project (阶段评审): its checklist with the evidence given, and the caller's acts — the team saves
 * a draft and submits; the incubator approves or sends back with reasons; the bureau signs off the last two gates
 * or sends them back. Reads the gate through tRPC so a save shows the stored evidence again at once.
 */
export function GatePanel({ initial, open }: { initial: GateView; open: boolean }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.landing.gate.queryOptions({ projectId: initial.projectId, gate: initial.gate }), initialData: initial });
  // The answer to an act outlives the form: approving the first gate moves the project on to the next gate's form.
  const [done, setDone] = useState<string | null>(null);
  return <GateForm key={`${query.dataUpdatedAt}`} view={query.data} open={open} done={done} setDone={setDone} refetch={async () => void (await query.refetch())} />;
}

function GateForm(props: { view: GateView; open: boolean; done: string | null; setDone: (text: string | null) => void; refetch: () => Promise<void> }) {
  const { view, open, done, setDone, refetch } = props;
  const t = useTranslations('landing');
  const tg = useTranslations('landing.gate');
  const te = useTranslations('errors');
  const label = useItemLabel();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.landing.saveGate.mutationOptions());
  const submit = useMutation(trpc.landing.submitGate.mutationOptions());
  const approve = useMutation(trpc.landing.approveGate.mutationOptions());
  const sendBack = useMutation(trpc.landing.sendBackGate.mutationOptions());
  const signOff = useMutation(trpc.landing.signOffGate.mutationOptions());
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(view.items.map((i) => [i.key, draftOf(i)])));
  const [note, setNote] = useState(view.note);
  const [problem, setProblem] = useState<CallProblem | null>(null);
  const [panel, setPanel] = useState<'sendBack' | 'approve' | 'signOff' | null>(null);
  const [pending, setPending] = useState(false);
  const [started, setStarted] = useState(open);
  const editing = view.can.edit && (started || view.status !== null);
  const gate = view.gate;
  const patch = (key: string, change: Partial<Draft>) => setDrafts((d) => ({ ...d, [key]: { ...(d[key] ?? EMPTY), ...change } }));
  const busy = Object.values(drafts).some((d) => d.busy);

  function entries() {
    return view.items.map((item) => {
      const d = drafts[item.key] ?? EMPTY;
      const n = d.number.trim();
      return {
        itemKey: item.key,
        attachmentIds: [...d.files.map((f) => f.id), ...d.uploaded],
        numberValue: item.evidence === 'number' && n !== '' ? Number(n) : null,
        creditCode: item.evidence === 'credit_code' ? d.code.trim() || null : null,
        text: d.text.trim() || null,
      };
    });
  }

  async function act(call: () => Promise<unknown>, doneText: string) {
    setProblem(null);
    setDone(null);
    setPending(true);
    try {
      await call();
      setDone(doneText);
      setPanel(null);
      router.refresh();
      await refetch();
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setPending(false);
    }
  }

  const base = { projectId: view.projectId, gate };
  const saveDraft = () => save.mutateAsync({ ...base, note, entries: entries() });

  return (
    <section id="gate" aria-labelledby="gate-title" className="scroll-mt-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="gate-title" className="min-w-0 flex-1 text-lg font-semibold text-gray-900">
          {tg('title', { gate: t(`gates.${gate}`) })}
        </h2>
        <GateStatusBadge status={view.status} label={t(gateStatusKey(gate, view.status))} />
      </div>
      <p className="mt-1 text-sm text-gray-600">
        {view.needsSignOff ? tg('whoSignOff') : tg('whoApprove')}
        {view.attempt > 0 ? ` · ${tg('attempt', { attempt: view.attempt })}` : ''}
        {view.submittedAt ? ` · ${tg('submittedAt', { date: ymd(view.submittedAt) })}` : ''}
      </p>
      {view.status === 'sent_back' && view.sendBackReason ? (
        <div role="note" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-medium">{tg('sentBackBy', { org: view.sentBackByOrg ?? '', date: ymd(view.sentBackAt) })}</p>
          <p className="mt-1 whitespace-pre-wrap" data-testid="send-back-reason">
            {view.sendBackReason}
          </p>
        </div>
      ) : null}

      <div className="mt-3 space-y-2">
        <ActDone text={done} />
        {panel ? null : <ActError problem={problem} />}
      </div>

      <ol className="mt-3 divide-y divide-gray-100 text-sm">
        {view.items.map((item) => {
          const d = drafts[item.key] ?? EMPTY;
          const itemLabel = label(item);
          const fieldProblem = problem?.fields[`entries.${item.key}`];
          const id = `item-${item.key}`;
          return (
            <li key={item.key} className="py-3" data-testid={`checklist-${item.key}`}>
              <div className="flex flex-wrap items-center gap-2">
                <span aria-hidden="true" className={item.done ? 'text-green-700' : 'text-gray-400'}>
                  {item.done ? '✓' : '○'}
                </span>
                <span className="font-medium text-gray-900">{itemLabel}</span>
                <span className="text-xs text-gray-600">
                  {t(`evidence.${item.evidence}`)} · {item.required ? tg('required') : tg('optional')}
                  {item.done ? ` · ${tg('provided')}` : ''}
                </span>
              </div>
              {editing ? (
                <div className="mt-2 space-y-2 pl-5">
                  {item.evidence === 'document' || d.files.length ? (
                    <>
                      {d.files.length ? (
                        <ul className="space-y-1">
                          {d.files.map((f) => (
                            <li key={f.id} className="flex items-center gap-2">
                              <a href={`/api/files/${f.id}`} className="min-w-0 flex-1 truncate text-primary-700 underline">
                                {f.name}
                              </a>
                              <button
                                type="button"
                                onClick={() => patch(item.key, { files: d.files.filter((x) => x.id !== f.id) })}
                                aria-label={tg('removeFile', { name: f.name })}
                                className="shrink-0 rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50"
                              >
                                {tg('remove')}
                              </button>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                      {item.evidence === 'document' ? <ItemUploads id={`${id}-files`} label={tg('upload', { item: itemLabel })} onChange={(ids, b) => patch(item.key, { uploaded: ids, busy: b })} /> : null}
                    </>
                  ) : null}
                  {item.evidence === 'number' ? (
                    <label className="block">
                      <span className="text-gray-800">{tg('value', { unit: item.unit ? (t.has(`units.${item.unit}`) ? t(`units.${item.unit}`) : item.unit) : '' })}</span>
                      <input
                        type="number"
                        min={0}
                        step="0.01"
                        inputMode="decimal"
                        aria-label={itemLabel}
                        aria-invalid={!!fieldProblem}
                        value={d.number}
                        onChange={(e) => patch(item.key, { number: e.target.value })}
                        className={fieldClass}
                      />
                    </label>
                  ) : null}
                  {item.evidence === 'credit_code' ? (
                    <>
                      <label className="block">
                        <span className="text-gray-800">{tg('companyName')}</span>
                        <input value={d.text} onChange={(e) => patch(item.key, { text: e.target.value })} maxLength={200} className={fieldClass} />
                      </label>
                      <label className="block">
                        <span className="text-gray-800">{t('evidence.credit_code')}</span>
                        <input
                          value={d.code}
                          onChange={(e) => patch(item.key, { code: e.target.value.toUpperCase() })}
                          maxLength={18}
                          aria-invalid={!!fieldProblem}
                          aria-describedby={fieldProblem ? `${id}-error` : `${id}-hint`}
                          className={`${fieldClass} font-mono`}
                        />
                        <span id={`${id}-hint`} className="mt-1 block text-xs text-gray-600">
                          {tg('creditCodeHint')}
                        </span>
                      </label>
                    </>
                  ) : null}
                  {item.evidence === 'text' ? (
                    <textarea aria-label={itemLabel} value={d.text} onChange={(e) => patch(item.key, { text: e.target.value })} rows={3} className={fieldClass} />
                  ) : null}
                  {fieldProblem ? (
                    <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
                      {te(fieldProblem.key, fieldProblem.params)}
                    </p>
                  ) : null}
                </div>
              ) : (
                <div className="mt-1 pl-5">
                  <Evidence item={item} />
                </div>
              )}
            </li>
          );
        })}
      </ol>

      {editing ? (
        <div className="mt-3 space-y-3 text-sm">
          <label className="block">
            <span className="font-medium text-gray-800">{tg('note')}</span>
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={5000} className={fieldClass} />
          </label>
          {busy ? <p className="text-amber-800">{tg('waitUploads')}</p> : null}
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              disabled={pending || busy}
              onClick={() => void act(saveDraft, tg('done.saved'))}
              className="rounded-md border border-gray-300 bg-white px-4 py-2 font-medium text-gray-800 hover:bg-gray-50 disabled:opacity-60"
            >
              {tg('saveDraft')}
            </button>
            <button
              type="button"
              disabled={pending || busy}
              onClick={() =>
                void act(async () => {
                  await saveDraft();
                  await submit.mutateAsync(base);
                }, tg('done.submitted'))
              }
              className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60"
            >
              {pending ? tg('working') : view.status === 'sent_back' ? tg('resubmit') : tg('submit')}
            </button>
          </div>
        </div>
      ) : view.can.edit ? (
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          <p className="text-gray-700">{tg('notStarted')}</p>
          <button type="button" onClick={() => setStarted(true)} className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700">
            {tg('start')}
          </button>
        </div>
      ) : view.note ? (
        <div className="mt-3 text-sm">
          <p className="font-medium text-gray-800">{tg('note')}</p>
          <p className="whitespace-pre-wrap text-gray-900">{view.note}</p>
        </div>
      ) : null}

      {view.can.approve || view.can.sendBack || view.can.signOff ? (
        <div className="mt-4 flex flex-wrap gap-2 border-t border-gray-100 pt-3">
          {view.can.approve ? <ActButton label={tg('approve')} tone="primary" expanded={panel === 'approve'} onClick={() => setPanel(panel === 'approve' ? null : 'approve')} /> : null}
          {view.can.signOff ? <ActButton label={tg('signOff')} tone="primary" expanded={panel === 'signOff'} onClick={() => setPanel(panel === 'signOff' ? null : 'signOff')} /> : null}
          {view.can.sendBack ? <ActButton label={tg('sendBack')} tone="danger" expanded={panel === 'sendBack'} onClick={() => setPanel(panel === 'sendBack' ? null : 'sendBack')} /> : null}
          {panel === 'approve' || panel === 'signOff' ? (
            <ActPanel
              tone="primary"
              warning={panel === 'approve' ? (view.needsSignOff ? tg('approveWarningSignOff') : tg('approveWarning', { stage: t(`stages.${gate}`) })) : tg('signOffWarning', { stage: t(`stages.${gate}`) })}
              problem={problem}
              pending={pending}
              confirmLabel={panel === 'approve' ? tg('approveConfirm') : tg('signOffConfirm')}
              onCancel={() => setPanel(null)}
              onSubmit={(form) => {
                const input = { ...base, note: formText(form, 'note') };
                void act(() => (panel === 'approve' ? approve.mutateAsync(input) : signOff.mutateAsync(input)), panel === 'approve' ? tg('done.approved') : tg('done.signedOff'));
              }}
            >
              <label className="block">
                <span className="text-gray-800">{tg('decisionNote')}</span>
                <textarea name="note" rows={2} maxLength={2000} className={fieldClass} />
              </label>
            </ActPanel>
          ) : null}
          {panel === 'sendBack' ? (
            <ActPanel
              tone="danger"
              warning={tg('sendBackWarning')}
              problem={problem}
              pending={pending}
              confirmLabel={tg('sendBackConfirm')}
              onCancel={() => setPanel(null)}
              onSubmit={(form) => void act(() => sendBack.mutateAsync({ ...base, reason: formText(form, 'reason') }), tg('done.sentBack'))}
            >
              <label className="block">
                <span className="text-gray-800">{tg('reason')}</span>
                <textarea name="reason" rows={3} maxLength={2000} required aria-invalid={!!problem?.fields.reason} className={fieldClass} />
              </label>
              {problem?.fields.reason ? <p className="text-sm text-red-700">{te(problem.fields.reason.key, problem.fields.reason.params)}</p> : null}
            </ActPanel>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
