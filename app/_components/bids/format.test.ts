import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { amount, date, dateTime, fileSize, sumAmounts } from './format';
import { Markdown } from '../markdown/markdown';

describe('marketplace formats', () => {
  it('amounts read 12.50 (万元 added by the messages), sums in cents', () => {
    expect(amount('12.5')).toBe('12.50');
    expect(amount(200)).toBe('200.00');
    expect(amount(null)).toBe('');
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.30');
    expect(sumAmounts(['22', '40.5', '', 'x'])).toBe('62.50');
  });

  it('dates in the county: 2026-11-27, deadlines with the time', () => {
    // 16:30 UTC is 00:30 the next day in Asia/Shanghai.
    expect(date(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27');
    expect(dateTime(new Date('2026-11-27T09:00:00Z'))).toBe('2026-11-27 17:00');
    expect(date(null)).toBe('');
  });

  it('file sizes', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(1536)).toBe('1.5 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('Markdown', () => {
  const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

  it('renders headings from h3 without skipping levels, lists, emphasis, code and http(s) links', () => {
    const out = html('## 技术路线\n### 细节\n- 在线测量\n- **自适应**补偿\n\n1. 第一步\n\n`code` 与 [说明](https://example.com/a)');
    expect(out).toContain('<h3');
    expect(out).toContain('<h4');
    expect(out).toContain('<ul');
    expect(out).toContain('<ol');
    expect(out).toContain('<strong>自适应</strong>');
    expect(out).toContain('<code');
    expect(out).toMatch(/<a href="https:\/\/example.com\/a" target="_blank" rel="noopener noreferrer nofollow ugc"/);
  });

  it('never lets a bidder inject markup or script links', () => {
    const out = html('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('href="javascript');
    expect(out).toContain('&lt;script&gt;');
  });
});
