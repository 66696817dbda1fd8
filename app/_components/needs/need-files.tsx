'use client';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useTRPC } from '../../_lib/trpc';
import { fileSize } from '../bids/format';
import { problemsOf } from '../bids/problems';

export interface NeedFile {
  id: string;
  name: string;
  size: number;
  confidential: boolean;
}

interface Upload {
  key: number;
  name: string;
  loaded: number;
  total: number;
  xhr: XMLHttpRequest;
}

/**
 * A draft's attachments, public or confidential (the annex's files): each file goes up as the raw body of
 * POST /api/files?needId=…&confidential=0|1 so the browser shows progress and the upload can be cancelled
 * (the server keeps nothing of an aborted one); removing a file asks first.
 */
export function NeedFiles({ needId, confidential, files, onChange }: { needId: string; confidential: boolean; files: NeedFile[]; onChange: (files: NeedFile[]) => void }) {
  const t = useTranslations('needs.form');
  const tErrors = useTranslations('errors');
  const trpc = useTRPC();
  const remove = useMutation(trpc.needs.removeAttachment.mutationOptions());
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [notes, setNotes] = useState<Array<{ key: number; text: string; error: boolean }>>([]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const counter = useRef(0);
  const latest = useRef(files);
  latest.current = files;
  const id = confidential ? 'need-files-confidential' : 'need-files-public';
  const mine = files.filter((f) => f.confidential === confidential);

  const note = (text: string, error: boolean) => setNotes((n) => [...n.slice(-3), { key: counter.current++, text, error }]);
  const drop = (key: number) => setUploads((list) => list.filter((u) => u.key !== key));
  const reasonOf = (body: string) => {
    try {
      const parsed = JSON.parse(body) as { error?: { messageKey?: string; params?: Record<string, string | number> } };
      const k = parsed.error?.messageKey;
      if (k && tErrors.has(k)) return tErrors(k, parsed.error?.params);
    } catch {
      // Not JSON (a proxy's error page): the generic reason stands.
    }
    return tErrors('internal');
  };

  function start(file: File) {
    const key = counter.current++;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/files?needId=${encodeURIComponent(needId)}&confidential=${confidential ? '1' : '0'}`);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, loaded: e.loaded, total: e.lengthComputable ? e.total : u.total } : u)));
    xhr.onload = () => {
      drop(key);
      if (xhr.status === 201) {
        const body = JSON.parse(xhr.responseText) as { id: string; name: string; size: number };
        onChange([...latest.current, { id: body.id, name: body.name, size: body.size, confidential }]);
        note(t('uploaded', { name: file.name }), false);
      } else note(t('uploadFailed', { name: file.name, reason: reasonOf(xhr.responseText) }), true);
    };
    xhr.onerror = () => {
      drop(key);
      note(t('uploadFailed', { name: file.name, reason: tErrors('internal') }), true);
    };
    xhr.onabort = () => {
      drop(key);
      note(t('uploadCancelled', { name: file.name }), false);
    };
    setUploads((list) => [...list, { key, name: file.name, loaded: 0, total: file.size, xhr }]);
    xhr.send(file);
  }

  return (
    <div>
      <h4 className="text-sm font-medium text-gray-900">{confidential ? t('attachmentsConfidential') : t('attachmentsPublic')}</h4>
      {mine.length === 0 ? (
        <p className="mt-1 text-sm text-gray-600">{t('noFiles')}</p>
      ) : (
        <ul className="mt-1 space-y-1">
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
                        note(t('removed', { name: f.name }), false);
                      } catch (e) {
                        const p = problemsOf(e).error;
                        note(t('uploadFailed', { name: f.name, reason: p && tErrors.has(p.key) ? tErrors(p.key, p.params) : tErrors('internal') }), true);
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
      <label htmlFor={id} className="mt-2 inline-flex cursor-pointer items-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-primary-600">
        {t('choose')}
        <span className="sr-only">{confidential ? t('attachmentsConfidential') : t('attachmentsPublic')}</span>
        <input
          id={id}
          type="file"
          multiple
          className="sr-only"
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = '';
            chosen.forEach(start);
          }}
        />
      </label>
      {uploads.length > 0 ? (
        <ul className="mt-2 space-y-2">
          {uploads.map((u) => {
            const percent = u.total ? Math.round((u.loaded / u.total) * 100) : 0;
            return (
              <li key={u.key} className="flex flex-wrap items-center gap-2 text-sm">
                <span className="min-w-0 flex-1 truncate">{t('uploading', { name: u.name, percent })}</span>
                <progress aria-label={t('uploading', { name: u.name, percent })} max={u.total || 1} value={u.loaded} className="h-2 w-32" />
                <button type="button" onClick={() => u.xhr.abort()} className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50">
                  {t('cancelUpload', { name: u.name })}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div aria-live="polite" className="mt-1 space-y-1">
        {notes.map((n) => (
          <p key={n.key} className={`text-sm ${n.error ? 'text-red-700' : 'text-gray-700'}`}>
            {n.text}
          </p>
        ))}
      </div>
    </div>
  );
}
