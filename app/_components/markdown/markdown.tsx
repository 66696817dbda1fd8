import { Fragment, type ReactNode } from 'react';
import { findMentions } from '@/server/messaging/inputs';

/**
 * THE safe Markdown renderer of the platform: bid approaches and need texts (`Markdown`: headings,
 * paragraphs, lists, quotes, fenced code) and chat messages (`MessageText`: lines only). Both share one
 * inline grammar — **bold**, *italic*, `code`, [text](https://…), bare http(s) links and @mentions of
 * the people given. Everything is built as React elements from the text, never as HTML, so nothing a
 * user writes can become markup or script; only http(s) URLs become links (javascript: and data: stay text).
 * A few hundred bytes on the client instead of a Markdown library.
 */

const INLINE = /(\*\*[^*\n]+\*\*|\*[^*\s\n][^*\n]*\*|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\)|https?:\/\/[^\s<>()]+)/gu;

export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function link(href: string, text: string, key: string): ReactNode {
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow ugc" className="text-primary-700 underline break-all">
      {text}
    </a>
  );
}

/** Plain text with @mentions of `people` marked (a mention is a name of someone present, nothing else). */
function withMentions(text: string, people: readonly string[], key: string): ReactNode[] {
  const found = findMentions(text, people);
  if (found.length === 0) return [text];
  const out: ReactNode[] = [];
  let last = 0;
  found.forEach((m, i) => {
    if (m.at > last) out.push(text.slice(last, m.at));
    out.push(
      <span key={`${key}m${i}`} data-mention={m.name} className="rounded bg-primary-50 px-0.5 font-medium text-primary-700">
        @{m.name}
      </span>,
    );
    last = m.at + 1 + m.name.length;
  });
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function inline(text: string, people: readonly string[] = []): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  const plain = (s: string) => out.push(...withMentions(s, people, `t${key++}`));
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const at = match.index;
    if (at > last) plain(text.slice(last, at));
    last = at + token.length;
    const k = `i${key++}`;
    if (token.startsWith('**')) out.push(<strong key={k}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith('`')) out.push(<code key={k} className="rounded bg-gray-100 px-1 font-mono text-[0.9em]">{token.slice(1, -1)}</code>);
    else if (token.startsWith('*')) out.push(<em key={k}>{token.slice(1, -1)}</em>);
    else if (token.startsWith('[')) {
      const close = token.indexOf('](');
      const label = token.slice(1, close);
      const href = safeHref(token.slice(close + 2, -1));
      out.push(href ? link(href, label, k) : token);
    } else {
      const href = safeHref(token);
      out.push(href ? link(href, token, k) : token);
    }
  }
  if (last < text.length) plain(text.slice(last));
  return out;
}

/** A chat message: the inline grammar, line by line. `people`: names that may be @mentioned. */
export function MessageText({ body, people = [] }: { body: string; people?: readonly string[] }) {
  return (
    <>
      {body.split('\n').map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {inline(line, people)}
        </Fragment>
      ))}
    </>
  );
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'code'; text: string };

const BULLET = /^\s*([-*+]|\d+[.)])\s+/;

function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (line.trimStart().startsWith('```')) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith('```')) body.push(lines[i++] ?? '');
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      i++;
      continue;
    }
    if (BULLET.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length && BULLET.test(lines[i] ?? '')) items.push((lines[i++] ?? '').replace(BULLET, ''));
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (line.startsWith('>')) {
      const body: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>')) body.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      blocks.push({ kind: 'quote', text: body.join('\n') });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length) {
      const l = lines[i] ?? '';
      if (l.trim() === '' || /^(#{1,6})\s/.test(l) || BULLET.test(l) || l.startsWith('>') || l.trimStart().startsWith('```')) break;
      body.push(l);
      i++;
    }
    blocks.push({ kind: 'paragraph', text: body.join('\n') });
  }
  return blocks;
}

const HEADING = ['text-lg font-semibold', 'text-base font-semibold', 'text-base font-semibold', 'font-semibold', 'font-semibold', 'font-semibold'];

/** A document (a bid's approach, a need's annex): blocks, each with the inline grammar. */
export function Markdown({ source, className = '' }: { source: string; className?: string }) {
  const blocks = parseBlocks(source);
  // Headings inside a bid sit below the page's own h1/h2: the document's top level becomes h3 and the rest
  // follow in order, so no level is skipped (screen readers navigate by them).
  const top = Math.min(7, ...blocks.map((b) => (b.kind === 'heading' ? b.level : 7)));
  return (
    <div className={`space-y-3 leading-relaxed break-words text-gray-800 ${className}`}>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            const Tag = (['h3', 'h4', 'h5', 'h6', 'h6', 'h6'] as const)[b.level - top] ?? 'h6';
            return (
              <Tag key={i} className={`${HEADING[b.level - 1] ?? 'font-semibold'} text-gray-900`}>
                {inline(b.text)}
              </Tag>
            );
          }
          case 'list': {
            const Tag = b.ordered ? 'ol' : 'ul';
            return (
              <Tag key={i} className={`space-y-1 pl-6 ${b.ordered ? 'list-decimal' : 'list-disc'}`}>
                {b.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </Tag>
            );
          }
          case 'quote':
            return (
              <blockquote key={i} className="border-l-4 border-gray-300 pl-3 whitespace-pre-line text-gray-700">
                {inline(b.text)}
              </blockquote>
            );
          case 'code':
            return (
              <pre key={i} className="overflow-x-auto rounded-md bg-gray-100 p-3 text-sm">
                <code>{b.text}</code>
              </pre>
            );
          default:
            return (
              <p key={i} className="whitespace-pre-line">
                {inline(b.text)}
              </p>
            );
        }
      })}
    </div>
  );
}
