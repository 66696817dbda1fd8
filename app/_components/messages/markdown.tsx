import { Fragment, type ReactNode } from 'react';

/**
 * The message Markdown subset, rendered as React elements built from the text — never as HTML, so a
 * message cannot inject markup or script: **bold**, *italic*, `code`, [text](https://…), bare https links,
 * @mentions, and line breaks. Only http(s) links become anchors (javascript: and data: stay text).
 */
const INLINE = /(\*\*[^*\n]+\*\*|\*[^*\n]+\*|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\)|https?:\/\/[^\s<>()]+|@[\p{L}\p{N}_·.-]{1,30})/gu;

export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function link(href: string, text: string, key: number): ReactNode {
  return (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow ugc" className="text-primary-700 underline break-all">
      {text}
    </a>
  );
}

function inline(line: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const match of line.matchAll(INLINE)) {
    const token = match[0];
    const at = match.index;
    if (at > last) out.push(line.slice(last, at));
    last = at + token.length;
    if (token.startsWith('**')) out.push(<strong key={key++}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith('`')) out.push(<code key={key++} className="rounded bg-gray-100 px-1 font-mono text-[0.9em]">{token.slice(1, -1)}</code>);
    else if (token.startsWith('*')) out.push(<em key={key++}>{token.slice(1, -1)}</em>);
    else if (token.startsWith('[')) {
      const close = token.indexOf('](');
      const text = token.slice(1, close);
      const href = safeHref(token.slice(close + 2, -1));
      out.push(href ? link(href, text, key++) : token);
    } else if (token.startsWith('@')) out.push(<span key={key++} className="font-medium text-primary-700">{token}</span>);
    else {
      const href = safeHref(token);
      out.push(href ? link(href, token, key++) : token);
    }
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}

export function MessageText({ body }: { body: string }) {
  const lines = body.split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {inline(line)}
        </Fragment>
      ))}
    </>
  );
}
