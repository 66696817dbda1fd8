'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

/**
 * Files a team attaches to a deliverable: each chosen file goes at once to `POST /api/files` (the organisation's
 * own upload, raw bytes, name in X-File-Name) through XMLHttpRequest, which reports progress and can be aborted
 * — the cancel button stops the transfer and the server keeps nothing. The parent reads the finished ids.
 */
export interface Upload {
  key: number;
  name: string;
  percent: number;
  state: 'uploading' | 'done' | 'failed';
  id?: string;
  error?: { key: string; params?: Record<string, string | number> };
}

export function useUploads() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const requests = useRef(new Map<number, XMLHttpRequest>());
  const next = useRef(0);
  // Leaving the page mid-upload: stop the transfers.
  useEffect(() => {
    const open = requests.current;
    return () => open.forEach((xhr) => xhr.abort());
  }, []);
  const patch = (key: number, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  function add(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const key = next.current++;
      const xhr = new XMLHttpRequest();
      requests.current.set(key, xhr);
      setUploads((list) => [...list, { key, name: file.name, percent: 0, state: 'uploading' }]);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) patch(key, { percent: Math.round((e.loaded / e.total) * 100) });
      };
      xhr.onload = () => {
        requests.current.delete(key);
        let body: { id?: string; error?: { messageKey?: string; params?: Record<string, string | number> } } = {};
        try {
          body = JSON.parse(xhr.responseText) as typeof body;
        } catch {
          // An answer that is not JSON is an upload failure like any other.
        }
        if (xhr.status === 201 && body.id) patch(key, { state: 'done', percent: 100, id: body.id });
        else patch(key, { state: 'failed', error: { key: body.error?.messageKey ?? 'internal', params: body.error?.params } });
      };
      xhr.onerror = () => {
        requests.current.delete(key);
        patch(key, { state: 'failed', error: { key: 'internal' } });
      };
      xhr.open('POST', '/api/files');
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.send(file);
    }
  }

  function remove(key: number) {
    requests.current.get(key)?.abort();
    requests.current.delete(key);
    setUploads((list) => list.filter((u) => u.key !== key));
  }

  return {
    uploads,
    add,
    remove,
    busy: uploads.some((u) => u.state === 'uploading'),
    ids: uploads.flatMap((u) => (u.state === 'done' && u.id ? [u.id] : [])),
  };
}

/** `label` names what the files are for (default: a deliverable's files). */
export function FileUploads({ id, state, label }: { id: string; state: ReturnType<typeof useUploads>; label?: string }) {
  const t = useTranslations('contracts.acts');
  const te = useTranslations('errors');
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-gray-800">
        {label ?? t('files')}
      </label>
      <input
        id={id}
        type="file"
        multiple
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          state.add(e.currentTarget.files);
          e.currentTarget.value = '';
        }}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
        {t('filesHint')}
      </p>
      {state.uploads.length > 0 ? (
        <ul className="mt-2 space-y-2" aria-live="polite">
          {state.uploads.map((u) => (
            <li key={u.key} className="rounded-md border border-gray-200 bg-white p-2">
              <div className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate text-gray-900">{u.name}</span>
                <button type="button" onClick={() => state.remove(u.key)} className="shrink-0 rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50">
                  {u.state === 'uploading' ? t('cancelUpload') : t('removeFile')}
                </button>
              </div>
              {u.state === 'uploading' ? (
                <div className="mt-1 flex items-center gap-2 text-xs text-gray-700">
                  <progress max={100} value={u.percent} aria-label={u.name} className="h-2 flex-1" />
                  <span>{t('uploading', { percent: u.percent })}</span>
                </div>
              ) : u.state === 'done' ? (
                <p className="mt-1 text-xs text-green-800">✓ {t('uploaded')}</p>
              ) : (
                <p className="mt-1 text-xs text-red-700">
                  ✕ {t('uploadFailed')}
                  {u.error ? ` — ${te(u.error.key, u.error.params)}` : ''}
                </p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
