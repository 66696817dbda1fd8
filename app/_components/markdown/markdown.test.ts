import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { findMentions } from '@/server/messaging/inputs';
import { Markdown, MessageText } from './markdown';

const html = (body: string, people: string[] = []) => renderToStaticMarkup(createElement(MessageText, { body, people }));
const MENTION = (name: string) => `<span data-mention="${name}" class="rounded bg-primary-50 px-0.5 font-medium text-primary-700">@${name}</span>`;

describe('message Markdown subset', () => {
  it('renders bold, italic, code, links and mentions as elements', () => {
    expect(html('**重点** *注意* `ls` [官网](https://example.cn/a) @张工', ['张工'])).toBe(
      '<strong>重点</strong> <em>注意</em> <code class="rounded bg-gray-100 px-1 font-mono text-[0.9em]">ls</code> ' +
        '<a href="https://example.cn/a" target="_blank" rel="noopener noreferrer nofollow ugc" class="text-primary-700 underline break-all">官网</a> ' +
        MENTION('张工'),
    );
  });

  it('a mention is a participant\'s name, even with Chinese text right after it; other @words stay text', () => {
    expect(html('@张伟请看报价，@张伟东 也看下；@陌生人 不是参与者', ['张伟', '张伟东'])).toBe(
      `${MENTION('张伟')}请看报价，${MENTION('张伟东')} 也看下；@陌生人 不是参与者`,
    );
    // Inside code or a link's text the @ stays literal.
    expect(html('`@张伟`', ['张伟'])).not.toContain('data-mention');
  });

  it('never turns user text into markup or script', () => {
    const out = html('<img src=x onerror="alert(1)"><script>alert(2)</script>\n[x](javascript:alert(3)) [y](data:text/html,hi)');
    expect(out).not.toMatch(/<img|<script|href="javascript|href="data/);
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;');
    expect(out).toContain('[x](javascript:alert(3))');
    expect(out).toContain('<br/>');
    // A participant named like markup is still only text.
    expect(html('@<b>x</b>', ['<b>x</b>'])).toBe(MENTION('&lt;b&gt;x&lt;/b&gt;'));
  });

  it('documents (bids, needs) share the inline grammar, including safe bare links', () => {
    const out = renderToStaticMarkup(createElement(Markdown, { source: '## 方案\n访问 https://example.cn/x 与 [坏](javascript:alert(1))' }));
    expect(out).toContain('<h3');
    expect(out).toContain('href="https://example.cn/x"');
    expect(out).not.toContain('href="javascript');
  });
});

describe('findMentions', () => {
  it('finds the longest participant name after each @, not inside e-mail addresses', () => {
    expect(findMentions('@张伟东你好 @张伟 再见 zhang@张伟.cn', ['张伟', '张伟东'])).toEqual([
      { at: 0, name: '张伟东' },
      { at: 7, name: '张伟' },
    ]);
    expect(findMentions('没有提到任何人', ['张伟'])).toEqual([]);
    expect(findMentions('@Li Lei 请确认', ['Li Lei'])).toEqual([{ at: 0, name: 'Li Lei' }]);
  });
});
