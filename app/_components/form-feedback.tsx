'use client';
import { useTranslations } from 'next-intl';
import type { Problem } from '../_lib/form-state';

/** A field's error under its input, tied to it by id for screen readers (aria-describedby). */
export function FieldError({ id, problem }: { id: string; problem?: Problem }) {
  const t = useTranslations('errors');
  if (!problem) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {t(problem.key, problem.params)}
    </p>
  );
}

/** The form's general answer: an error (role=alert) or a success note (role=status). */
export function FormMessage({ problem, success }: { problem?: Problem; success?: string }) {
  const t = useTranslations('errors');
  if (problem) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {t(problem.key, problem.params)}
      </p>
    );
  }
  if (success) {
    return (
      <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
        {success}
      </p>
    );
  }
  return null;
}
