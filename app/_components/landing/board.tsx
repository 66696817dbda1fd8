'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type DragEvent } from 'react';
import type { GateStatus, LandingGate, LandingStage } from '@/server/landing/states';
import { GateStatusBadge, gateStatusKey, StageBadge } from './badges';

export interface BoardCard {
  id: string;
  name: string;
  stage: LandingStage;
  stageReason: string | null;
  field: string;
  city: string;
  enclaveName: string;
  teamOrgId: string;
  teamName: string;
  daysInStage: number;
  gate: LandingGate | null;
  gateStatus: GateStatus | null;
}

const PROGRESS: readonly LandingStage[] = ['incubating', 'accelerating', 'industrializing', 'landed'];
const ASIDE: readonly LandingStage[] = ['paused', 'exited'];

/** Where a card's gate is prepared or reviewed: the gate panel of the project page. */
const gateHref = (id: string) => `/landing/${id}?gate=open#gate`;

/**
 * The board by stage (desktop) and the same projects as a list (phones). Dragging a card onto the next stage's
 * column requests that stage's gate — it opens the gate form; nothing moves without the gate. Each card also
 * has a button for the same, for keyboards and touch.
 */
export function LandingBoard({ cards, orgId }: { cards: BoardCard[]; orgId: string }) {
  const t = useTranslations('landing');
  const router = useRouter();
  const [dragging, setDragging] = useState<BoardCard | null>(null);
  const [over, setOver] = useState<LandingStage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const nextStage = (c: BoardCard) => (c.gate && PROGRESS.includes(c.stage) ? c.gate : null);

  function drop(e: DragEvent, stage: LandingStage) {
    e.preventDefault();
    setOver(null);
    const card = dragging ?? cards.find((c) => c.id === e.dataTransfer.getData('text/plain'));
    setDragging(null);
    if (!card || card.stage === stage) return;
    if (nextStage(card) === stage) {
      router.push(gateHref(card.id));
      return;
    }
    setNotice(t('board.onlyNext', { name: card.name }));
  }

  const column = (stage: LandingStage) => cards.filter((c) => c.stage === stage);

  const card = (c: BoardCard, draggable: boolean) => {
    const next = nextStage(c);
    const ours = c.teamOrgId === orgId;
    return (
      <li
        key={c.id}
        draggable={draggable && !!next}
        onDragStart={(e) => {
          e.dataTransfer.setData('text/plain', c.id);
          e.dataTransfer.effectAllowed = 'move';
          setDragging(c);
          setNotice(null);
        }}
        onDragEnd={() => setDragging(null)}
        data-testid="landing-card"
        className={`rounded-md border border-gray-200 bg-white p-3 shadow-sm ${draggable && next ? 'cursor-grab' : ''}`}
      >
        <h3 className="text-sm font-semibold text-gray-900">
          <Link href={`/landing/${c.id}`} className="hover:text-primary-700 hover:underline">
            {c.name}
          </Link>
        </h3>
        <p className="mt-1 text-xs text-gray-700">
          {c.teamName} · {c.city}
        </p>
        <p className="mt-1 text-xs text-gray-600">{t('board.daysInStage', { days: c.daysInStage })}</p>
        {c.stageReason && (c.stage === 'paused' || c.stage === 'exited') ? <p className="mt-1 text-xs text-gray-700">{t('events.reason', { reason: c.stageReason })}</p> : null}
        {next ? (
          <div className="mt-2 flex flex-wrap items-center gap-2">
            {c.gateStatus ? <GateStatusBadge status={c.gateStatus} label={t(gateStatusKey(next, c.gateStatus))} /> : null}
            <Link href={gateHref(c.id)} className="rounded border border-primary-600 px-2 py-0.5 text-xs font-medium text-primary-700 hover:bg-primary-50">
              {ours && (!c.gateStatus || c.gateStatus === 'draft' || c.gateStatus === 'sent_back') ? t('board.requestGate', { stage: t(`stages.${next}`) }) : t('board.openGate', { stage: t(`stages.${next}`) })}
            </Link>
          </div>
        ) : null}
      </li>
    );
  };

  return (
    <>
      <p role="status" aria-live="polite" className={notice ? 'mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900' : 'sr-only'}>
        {notice}
      </p>
      {/* Desktop: columns by stage. */}
      <div className="hidden md:block">
        <div className="grid grid-cols-4 gap-3">
          {PROGRESS.map((stage) => {
            const target = dragging && nextStage(dragging) === stage;
            return (
              <section
                key={stage}
                aria-label={t(`stages.${stage}`)}
                data-stage={stage}
                onDragOver={(e) => {
                  e.preventDefault();
                  setOver(stage);
                }}
                onDragLeave={() => setOver((s) => (s === stage ? null : s))}
                onDrop={(e) => drop(e, stage)}
                className={`min-h-40 rounded-lg border p-2 ${over === stage ? (target ? 'border-primary-600 bg-primary-50' : 'border-red-300 bg-red-50') : target ? 'border-dashed border-primary-600 bg-gray-50' : 'border-gray-200 bg-gray-50'}`}
              >
                <h2 className="mb-2 flex items-center justify-between px-1 text-sm font-semibold text-gray-900">
                  <span>{t(`stages.${stage}`)}</span>
                  <span className="rounded-full bg-white px-2 text-xs text-gray-700" data-testid={`count-${stage}`}>
                    {column(stage).length}
                  </span>
                </h2>
                <ul className="space-y-2">{column(stage).map((c) => card(c, true))}</ul>
              </section>
            );
          })}
        </div>
        <div className="mt-4 grid grid-cols-2 gap-3">
          {ASIDE.map((stage) => (
            <section key={stage} aria-label={t(`stages.${stage}`)} className="rounded-lg border border-gray-200 bg-gray-50 p-2">
              <h2 className="mb-2 flex items-center justify-between px-1 text-sm font-semibold text-gray-900">
                <span>{t(`stages.${stage}`)}</span>
                <span className="rounded-full bg-white px-2 text-xs text-gray-700">{column(stage).length}</span>
              </h2>
              {column(stage).length ? <ul className="grid grid-cols-2 gap-2">{column(stage).map((c) => card(c, false))}</ul> : <p className="px-1 text-xs text-gray-600">{t('board.none')}</p>}
            </section>
          ))}
        </div>
      </div>
      {/* Phones: the same projects as a list, grouped by stage. */}
      <div className="space-y-4 md:hidden">
        {[...PROGRESS, ...ASIDE].map((stage) =>
          column(stage).length ? (
            <section key={stage} aria-label={t(`stages.${stage}`)}>
              <h2 className="mb-2 flex items-center gap-2 text-sm font-semibold text-gray-900">
                <StageBadge stage={stage} label={t(`stages.${stage}`)} />
                <span className="text-gray-700">{column(stage).length}</span>
              </h2>
              <ul className="space-y-2">{column(stage).map((c) => card(c, false))}</ul>
            </section>
          ) : null,
        )}
      </div>
    </>
  );
}
