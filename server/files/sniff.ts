/**
 * What a file IS, from its bytes: the client's content type and file name are never trusted. Accepted:
 * pdf, docx, xlsx, pptx, png, jpg, zip, plain text and Markdown. Everything else — executables renamed
 * to report.pdf above all — is refused.
 *
 * Office documents are zip archives; they are told apart (and from a plain zip) by the entries listed in
 * the archive's central directory, which sits at the end of the file: the sniffer gets the first bytes
 * (`head`) and the last bytes (`tail`) of the upload, kept while streaming it to storage.
 */

export const ALLOWED_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  zip: 'application/zip',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
} as const;
export type FileKind = keyof typeof ALLOWED_TYPES;

/** Bytes kept from the start of an upload. */
export const HEAD_BYTES = 64 * 1024;
/** Bytes kept from the end: the zip end-of-central-directory record plus a comment of up to 64 KiB. */
export const TAIL_BYTES = 128 * 1024;

export type SniffResult = { ok: true; kind: FileKind; contentType: string } | { ok: false; reason: 'empty' | 'executable' | 'unknown' };

const startsWith = (buf: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => buf[at + i] === b);

const EXECUTABLE_SIGNATURES: readonly (readonly number[])[] = [
  [0x4d, 0x5a], // MZ: Windows PE / DOS
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal / Java class
  [0x23, 0x21], // #! script
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
];

/** Entry names in a zip's central directory (empty if the tail holds none). */
export function zipEntryNames(tail: Uint8Array): string[] {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  // End of central directory record: signature 0x06054b50, at least 22 bytes from the end.
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const cdSize = view.getUint32(eocd + 12, true);
  // The central directory ends where the EOCD starts (no zip64 here; Office files are far below 4 GB).
  let p = eocd - cdSize;
  if (p < 0) return [];
  const names: string[] = [];
  const decoder = new TextDecoder();
  while (p + 46 <= eocd && view.getUint32(p, true) === 0x02014b50 && names.length < 10_000) {
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    names.push(decoder.decode(tail.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function isUtf8Text(head: Uint8Array): boolean {
  // A multi-byte character may be cut at the end of `head`: allow up to 3 trailing bytes to be incomplete.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
  } catch {
    return false;
  }
  // Control characters other than tab, newline, form feed and carriage return mean binary.
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/**
 * Sniffs an upload. `nameHint` only chooses between .md and .txt for text (both are served as text and
 * downloaded, never rendered), nothing else.
 */
export function sniff(head: Uint8Array, tail: Uint8Array, size: number, nameHint = ''): SniffResult {
  if (size === 0) return { ok: false, reason: 'empty' };
  if (EXECUTABLE_SIGNATURES.some((sig) => startsWith(head, sig))) return { ok: false, reason: 'executable' };
  const kind = ((): FileKind | null => {
    if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
    if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpg';
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
      const names = zipEntryNames(tail);
      if (names.length === 0 && !startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return null; // truncated or not a zip
      if (names.includes('[Content_Types].xml')) {
        if (names.includes('word/document.xml')) return 'docx';
        if (names.includes('xl/workbook.xml')) return 'xlsx';
        if (names.includes('ppt/presentation.xml')) return 'pptx';
      }
      return 'zip';
    }
    // UTF-8 byte order mark, or plain UTF-8 text.
    const body = startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;
    if (isUtf8Text(body)) return /\.(md|markdown)$/i.test(nameHint) ? 'md' : 'txt';
    return null;
  })();
  if (!kind) return { ok: false, reason: 'unknown' };
  return { ok: true, kind, contentType: ALLOWED_TYPES[kind] };
}
