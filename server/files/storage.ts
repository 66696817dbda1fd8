import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HEAD_BYTES, TAIL_BYTES } from './sniff';

/**
 * Where uploaded bytes live, behind a small interface: local disk under `.data/uploads` by default; an
 * S3-compatible store can implement the same three calls. Keys are random and made here — a client's
 * file name never becomes a path.
 */
export interface StoredObject {
  size: number;
  sha256: string;
  /** The first and last bytes, for content sniffing without reading the object again. */
  head: Uint8Array;
  tail: Uint8Array;
}

export interface FileStore {
  /** Stores the stream under `key`; rejects with `FileTooLargeError` (and keeps nothing) past `maxBytes`. */
  put(key: string, source: AsyncIterable<Uint8Array>, options: { maxBytes: number; signal?: AbortSignal }): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** 20 MB per file. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function newStorageKey(): string {
  return crypto.randomBytes(16).toString('hex');
}

const KEY = /^[0-9a-f]{32}$/;

/** Keeps the first HEAD_BYTES and the last TAIL_BYTES of a stream, hashing and counting as it goes. */
class Probe {
  size = 0;
  private readonly hash = crypto.createHash('sha256');
  private headParts: Buffer[] = [];
  private headLen = 0;
  private tailParts: Buffer[] = [];
  private tailLen = 0;

  feed(chunk: Buffer) {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.headLen < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLen);
      this.headParts.push(part);
      this.headLen += part.length;
    }
    this.tailParts.push(chunk);
    this.tailLen += chunk.length;
    while (this.tailParts.length > 1 && this.tailLen - (this.tailParts[0]?.length ?? 0) >= TAIL_BYTES) {
      this.tailLen -= this.tailParts.shift()?.length ?? 0;
    }
  }

  result(): StoredObject {
    const tail = Buffer.concat(this.tailParts);
    return {
      size: this.size,
      sha256: this.hash.digest('hex'),
      head: new Uint8Array(Buffer.concat(this.headParts)),
      tail: new Uint8Array(tail.subarray(Math.max(0, tail.length - TAIL_BYTES))),
    };
  }
}

export class LocalDiskStore implements FileStore {
  constructor(readonly root: string) {}

  /** `ab/cd/abcd…`: two levels of directories keep any one directory small. */
  private pathFor(key: string): string {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, source: AsyncIterable<Uint8Array>, options: { maxBytes: number; signal?: AbortSignal }): Promise<StoredObject> {
    const file = this.pathFor(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.part`;
    const probe = new Probe();
    const maxBytes = options.maxBytes;
    async function* counted() {
      for await (const chunk of source) {
        const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (probe.size + buf.length > maxBytes) throw new FileTooLargeError(maxBytes);
        probe.feed(buf);
        yield buf;
      }
    }
    try {
      await pipeline(counted, fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 }), { signal: options.signal });
      await fs.promises.rename(partial, file);
    } catch (e) {
      await fs.promises.rm(partial, { force: true });
      throw e;
    }
    return probe.result();
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathFor(key);
    await fs.promises.access(file);
    return fs.createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathFor(key), { force: true });
  }
}

const holder = globalThis as unknown as { __kcFileStore?: FileStore };

/** The process's file store: `.data/uploads` under the working directory unless one was installed. */
export function fileStore(): FileStore {
  holder.__kcFileStore ??= new LocalDiskStore(path.join(process.cwd(), '.data', 'uploads'));
  return holder.__kcFileStore;
}

/** Installs another store (tests use a temporary directory; a deployment may use object storage). */
export function setFileStore(store: FileStore | undefined): void {
  holder.__kcFileStore = store;
}

/** A web ReadableStream (a fetch Request body) as the async iterable `put` takes. */
export function fromWebStream(body: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
}
