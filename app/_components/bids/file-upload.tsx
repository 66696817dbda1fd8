'use client';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { fileSize } from './format';

export interface UploadedFile {
  id: string;
  name: string;
  size: number;
}

interface Upload {
  key: number;
  name: string;
  loaded: number;
  total: number;
  xhr: XMLHttpRequest;
}

/**
 * Uploads the team's own files (POST /api/files without a need) one request per file, with the raw bytes
 * as the body so the browser reports progress, and a cancel button that aborts the request (the server
 * keeps nothing of an aborted upload). Each finished file is handed to `onUploaded`.
 */
export function FileUpload(props: { id: string; label: string; hint: string; max: number; attached: number; onUploaded: (file: UploadedFile) => void }) {
  const { id, label, hint, max, onUploaded } = props;
  const t = useTranslations('bids.form');
  const tErrors = useTranslations('errors');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [notes, setNotes] = useState<Array<{ key: number; text: string; error: boolean }>>([]);
  const counter = useRef(0);

  const note = (text: string, error: boolean) => setNotes((n) => [...n.slice(-3), { key: counter.current++, text, error }]);
  const drop = (key: number) => setUploads((list) => list.filter((u) => u.key !== key));

  function start(file: File) {
    const key = counter.current++;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/files');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, loaded: e.loaded, total: e.lengthComputable ? e.total : u.total } : u)));
    xhr.onload = () => {
      drop(key);
      if (xhr.status === 201) {
        const body = JSON.parse(xhr.responseText) as UploadedFile;
        onUploaded({ id: body.id, name: body.name, size: body.size });
        note(t('uploaded', { name: file.name }), false);
        return;
      }
      let reason = tErrors('internal');
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { messageKey?: string; params?: Record<string, string | number> } };
        const k = body.error?.messageKey;
        if (k && tErrors.has(k)) reason = tErrors(k, body.error?.params);
      } catch {
        // Not JSON (a proxy's error page): the generic reason stands.
      }
      note(t('uploadFailed', { name: file.name, reason }), true);
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
      <label htmlFor={id} className="inline-flex cursor-pointer items-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-primary-600">
        {label}
        <input
          id={id}
          type="file"
          multiple
          className="sr-only"
          aria-describedby={`${id}-hint`}
          disabled={props.attached + uploads.length >= max}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            const room = max - props.attached - uploads.length;
            if (files.length > room) note(t('tooManyFiles', { max }), true);
            files.slice(0, Math.max(0, room)).forEach(start);
          }}
        />
      </label>
      <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
        {hint}
      </p>
      {uploads.length > 0 ? (
        <ul className="mt-2 space-y-2">
          {uploads.map((u) => (
            <li key={u.key} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="min-w-0 flex-1 truncate">{u.name}</span>
              <progress aria-label={t('uploadProgress', { name: u.name })} max={u.total || 1} value={u.loaded} className="h-2 w-32" />
              <span className="w-24 text-xs text-gray-600 tabular-nums">
                {fileSize(u.loaded)} / {fileSize(u.total)}
              </span>
              <button type="button" onClick={() => u.xhr.abort()} className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-800 hover:bg-gray-50">
                {t('cancelUpload')}
              </button>
            </li>
          ))}
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
