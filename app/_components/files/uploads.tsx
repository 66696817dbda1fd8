'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { fileSize } from '../bids/format';

/**
 * THE upload widget: each chosen file goes at once to `POST /api/files<query>` as the raw request body (name
 * in X-File-Name) through XMLHttpRequest, which reports progress and can be aborted — cancel stops the
 * transfer and the server keeps nothing. The server sniffs the type and caps the size; its refusal is shown
 * translated. The parent reads the finished files (id, name, type, size) from the hook — or, with `onDone`, each
 * finished file is handed over and leaves the list (a form that keeps its own list of attached files).
 */
export interface UploadedFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export interface Upload {
  key: number;
  name: string;
  loaded: number;
  total: number;
  state: 'uploading' | 'done' | 'failed';
  file?: UploadedFile;
  error?: { key: string; params?: Record<string, string | number> };
}

export interface UploadOptions {
  /** At most this many files, counting `attached` ones the parent already holds. */
  max?: number;
  attached?: number;
  onDone?: (file: UploadedFile) => void;
}

export function useUploads(query = '', { max = 10, attached = 0, onDone }: UploadOptions = {}) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const handOver = useRef(onDone);
  handOver.current = onDone;
  const requests = useRef(new Map<number, XMLHttpRequest>());
  const next = useRef(0);
  // Leaving the page mid-upload: stop the transfers.
  useEffect(() => {
    const open = requests.current;
    return () => open.forEach((xhr) => xhr.abort());
  }, []);
  const patch = (key: number, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  function add(files: FileList | File[] | null): { refused: number } {
    const chosen = Array.from(files ?? []);
    const room = Math.max(0, max - attached - uploads.length);
    for (const file of chosen.slice(0, room)) {
      const key = next.current++;
      const xhr = new XMLHttpRequest();
      requests.current.set(key, xhr);
      setUploads((list) => [...list, { key, name: file.name, loaded: 0, total: file.size, state: 'uploading' }]);
      xhr.upload.onprogress = (e) => patch(key, { loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => {
        requests.current.delete(key);
        let body: Partial<UploadedFile> & { error?: { messageKey?: string; params?: Record<string, string | number> } } = {};
        try {
          body = JSON.parse(xhr.responseText) as typeof body;
        } catch {
          // An answer that is not JSON (a proxy's page) is an upload failure like any other.
        }
        if (xhr.status === 201 && body.id) {
          const done = { id: body.id, name: body.name ?? file.name, contentType: body.contentType ?? '', size: body.size ?? file.size };
          if (handOver.current) {
            handOver.current(done);
            setUploads((list) => list.filter((u) => u.key !== key));
          } else patch(key, { state: 'done', loaded: file.size, file: done });
        } else patch(key, { state: 'failed', error: { key: body.error?.messageKey ?? 'internal', params: body.error?.params } });
      };
      xhr.onerror = () => {
        requests.current.delete(key);
        patch(key, { state: 'failed', error: { key: 'internal' } });
      };
      xhr.open('POST', `/api/files${query}`);
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.send(file);
    }
    return { refused: Math.max(0, chosen.length - room) };
  }

  /** Cancels an upload in flight, or drops a finished or failed one from the list. */
  function remove(key: number) {
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    setUploads((list) => list.filter((u) => u.key !== key));
  }

  return {
    uploads,
    add,
    remove,
    clear: () => setUploads([]),
    max,
    busy: uploads.some((u) => u.state === 'uploading'),
    files: uploads.flatMap((u) => (u.state === 'done' && u.file ? [u.file] : [])),
  };
}

export type Uploads = ReturnType<typeof useUploads>;

/** The picker button and the list of uploads (progress with cancel, done, or the translated refusal). */
export function FileUploads({ id, state, label, hint, compact = false }: { id: string; state: Uploads; label: ReactNode; hint?: string; compact?: boolean }) {
  const t = useTranslations('common.upload');
  const te = useTranslations('errors');
  const [tooMany, setTooMany] = useState(false);
  return (
    <div className={compact ? 'min-w-0' : ''}>
      <label
        htmlFor={id}
        className="inline-flex cursor-pointer items-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-primary-600"
      >
        {label}
        <input
          id={id}
          type="file"
          multiple
          className="sr-only"
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => {
            setTooMany(state.add(e.currentTarget.files).refused > 0);
            e.currentTarget.value = '';
          }}
        />
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
          {hint}
        </p>
      ) : null}
      {tooMany ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t('tooMany', { max: state.max })}
        </p>
      ) : null}
      {state.uploads.length > 0 ? (
        <ul className="mt-2 space-y-1" aria-live="polite">
          {state.uploads.map((u) => (
            <li key={u.key} className="rounded-md border border-gray-200 bg-white px-2 py-1 text-sm">
              <div className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate text-gray-900">{u.name}</span>
                <span className="shrink-0 text-xs text-gray-600 tabular-nums">{fileSize(u.total)}</span>
                <button type="button" onClick={() => state.remove(u.key)} aria-label={`${u.state === 'uploading' ? t('cancel') : t('remove')} ${u.name}`} className="shrink-0 rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50">
                  {u.state === 'uploading' ? t('cancel') : t('remove')}
                </button>
              </div>
              {u.state === 'uploading' ? (
                <div className="mt-1 flex items-center gap-2 text-xs text-gray-700">
                  <progress max={u.total || 1} value={u.loaded} aria-label={t('progress', { name: u.name })} className="h-2 flex-1" />
                  <span className="tabular-nums">{u.total ? Math.round((u.loaded / u.total) * 100) : 0}%</span>
                </div>
              ) : u.state === 'failed' ? (
                <p className="mt-1 text-xs text-red-700">
                  {t('failed')}
                  {u.error ? ` — ${te.has(u.error.key) ? te(u.error.key, u.error.params) : te('internal')}` : ''}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
