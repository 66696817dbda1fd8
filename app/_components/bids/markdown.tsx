import type { ReactNode } from 'react';

/**
 * A small, safe Markdown renderer for approaches and descriptions written on the platform: headings,
 * paragraphs, lists, quotes, fenced code, **bold**, *italic*, `code` and http(s) links. It builds React
 * elements from text — never HTML — so nothing a bidder writes can run as markup, and it ships a few
 * hundred bytes to the client (the bid form's preview uses it too) instead of a Markdown library.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'code'; text: string };

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
    const bullet = /^\s*([-*+]|\d+[.)])\s+/;
    if (bullet.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length && bullet.test(lines[i] ?? '')) items.push((lines[i++] ?? '').replace(bullet, ''));
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
      if (l.trim() === '' || /^(#{1,6})\s/.test(l) || bullet.test(l) || l.startsWith('>') || l.trimStart().startsWith('```')) break;
      body.push(l);
      i++;
    }
    blocks.push({ kind: 'paragraph', text: body.join('\n') });
  }
  return blocks;
}

const INLINE = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`|\[[^\]]+\]\(https?:\/\/[^\s)]+\))/g;

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const match of text.matchAll(INLINE)) {
    const token = match[0];
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    if (token.startsWith('**')) out.push(<strong key={key++}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith('`')) out.push(<code key={key++} className="rounded bg-gray-100 px-1 text-[0.9em]">{token.slice(1, -1)}</code>);
    else if (token.startsWith('[')) {
      const link = /^\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)$/.exec(token);
      out.push(
        <a key={key++} href={link?.[2]} rel="noopener noreferrer nofollow" target="_blank" className="text-primary-700 underline">
          {link?.[1]}
        </a>,
      );
    } else out.push(<em key={key++}>{token.slice(1, -1)}</em>);
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const HEADING = ['text-lg font-semibold', 'text-base font-semibold', 'text-base font-semibold', 'font-semibold', 'font-semibold', 'font-semibold'];

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
