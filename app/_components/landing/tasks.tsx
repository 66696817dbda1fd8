'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '../../_lib/trpc';
import { ActError, fieldClass, useAct } from '../contracts/act-kit';
import { ymd } from '../contracts/format';

interface Task {
  id: string;
  title: string;
  ownerName: string | null;
  dueDate: string | null;
  doneAt: Date | null;
}

interface Person {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
}

/** The parties' people under their organisation's name, in the order the server gives (team, enterprise, incubator). */
function groupByOrg(people: Person[]) {
  const orgs: Array<{ orgId: string; orgName: string; people: Person[] }> = [];
  for (const p of people) {
    const org = orgs.find((o) => o.orgId === p.orgId);
    if (org) org.people.push(p);
    else orgs.push({ orgId: p.orgId, orgName: p.orgName, people: [p] });
  }
  return orgs;
}

/** The project's tasks: owner and due date, done / reopen; parties add tasks (owner: anyone of the project's parties). */
export function ProjectTasks({ projectId, tasks, manage, today }: { projectId: string; tasks: Task[]; manage: boolean; today: string }) {
  const t = useTranslations('landing.tasks');
  const te = useTranslations('errors');
  const trpc = useTRPC();
  const { problem, pending, run } = useAct();
  const add = useMutation(trpc.landing.addTask.mutationOptions());
  const setDone = useMutation(trpc.landing.setTaskDone.mutationOptions());
  const members = useQuery({ ...trpc.landing.members.queryOptions({ projectId }), enabled: manage });
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');

  return (
    <div className="space-y-3 text-sm">
      {tasks.length === 0 ? <p className="text-gray-600">{t('empty')}</p> : null}
      <ul className="divide-y divide-gray-100">
        {tasks.map((task) => {
          const overdue = !task.doneAt && task.dueDate !== null && task.dueDate < today;
          return (
            <li key={task.id} className="flex flex-wrap items-center gap-2 py-2" data-testid="task">
              <span aria-hidden="true" className={task.doneAt ? 'text-green-700' : 'text-gray-400'}>
                {task.doneAt ? '✓' : '○'}
              </span>
              <span className={`min-w-0 flex-1 ${task.doneAt ? 'text-gray-500 line-through' : 'text-gray-900'}`}>{task.title}</span>
              <span className="text-xs text-gray-600">{task.ownerName ?? t('noOwner')}</span>
              <span className={`text-xs ${overdue ? 'font-medium text-red-700' : 'text-gray-600'}`}>
                {task.dueDate ? (overdue ? t('overdue', { date: ymd(task.dueDate) }) : t('due', { date: ymd(task.dueDate) })) : t('noDue')}
              </span>
              {manage ? (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => void run(() => setDone.mutateAsync({ taskId: task.id, done: !task.doneAt }))}
                  className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50"
                  aria-label={task.doneAt ? t('reopenTask', { title: task.title }) : t('doneTask', { title: task.title })}
                >
                  {task.doneAt ? t('reopen') : t('done')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {manage ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => add.mutateAsync({ projectId, title, ownerUserId: owner || null, dueDate: due || null })).then((ok) => {
              if (ok) {
                setTitle('');
                setDue('');
              }
            });
          }}
          className="grid gap-2 rounded-md border border-gray-200 bg-gray-50 p-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end"
        >
          <label className="block">
            <span className="text-gray-800">{t('title')}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} aria-invalid={!!problem?.fields.title} className={fieldClass} />
          </label>
          <label className="block">
            <span className="text-gray-800">{t('owner')}</span>
            <select value={owner} onChange={(e) => setOwner(e.target.value)} className={fieldClass}>
              <option value="">{t('noOwner')}</option>
              {groupByOrg(members.data ?? []).map((org) => (
                <optgroup key={org.orgId} label={org.orgName}>
                  {org.people.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="text-gray-800">{t('dueDate')}</span>
            <input type="date" value={due} onChange={(e) => setDue(e.target.value)} className={fieldClass} />
          </label>
          <button type="submit" disabled={pending} className="rounded-md bg-primary-600 px-4 py-2 font-medium text-white hover:bg-primary-700 disabled:opacity-60">
            {t('add')}
          </button>
          {problem ? (
            <div className="sm:col-span-4">
              <ActError problem={problem} />
              {problem.fields.title ? <p className="mt-1 text-red-700">{te(problem.fields.title.key, problem.fields.title.params)}</p> : null}
            </div>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
