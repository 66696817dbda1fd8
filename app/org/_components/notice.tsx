import { getTranslations } from 'next-intl/server';

/**
 * The answer of a button-only action (remove, revoke, delete...), carried in the URL after its redirect:
 * `?ok=<key>` (a key under `org.done`) or `?error=<key>` (a key under `errors`). Unknown keys show nothing.
 */
export async function ActionNotice({ ok, error }: { ok?: string; error?: string }) {
  const [tDone, tErrors] = await Promise.all([getTranslations('org.done'), getTranslations('errors')]);
  if (error && /^[A-Za-z.]+$/.test(error) && tErrors.has(error)) {
    return (
      <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {tErrors(error)}
      </p>
    );
  }
  if (ok && /^[A-Za-z]+$/.test(ok) && tDone.has(ok)) {
    return (
      <p role="status" className="mb-4 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
        {tDone(ok)}
      </p>
    );
  }
  return null;
}
