import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MessageText } from './markdown';

const html = (body: string) => renderToStaticMarkup(createElement(MessageText, { body }));

describe('message Markdown subset', () => {
  it('renders bold, italic, code, links and mentions as elements', () => {
    expect(html('**重点** *注意* `ls` [官网](https://example.cn/a) @张工')).toBe(
      '<strong>重点</strong> <em>注意</em> <code class="rounded bg-gray-100 px-1 font-mono text-[0.9em]">ls</code> ' +
        '<a href="https://example.cn/a" target="_blank" rel="noopener noreferrer nofollow ugc" class="text-primary-700 underline break-all">官网</a> ' +
        '<span class="font-medium text-primary-700">@张工</span>',
    );
  });

  it('never turns user text into markup or script', () => {
    const out = html('<img src=x onerror="alert(1)"><script>alert(2)</script>\n[x](javascript:alert(3)) [y](data:text/html,hi)');
    expect(out).not.toMatch(/<img|<script|href="javascript|href="data/);
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;');
    expect(out).toContain('[x](javascript:alert(3))');
    expect(out).toContain('<br/>');
  });
});
