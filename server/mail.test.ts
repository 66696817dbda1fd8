import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMailer } from './mail';
import { fakeSmtpServer } from './test/fake-smtp';

describe('mail', () => {
  const smtp = fakeSmtpServer();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));

  it('without SMTP_URL the message goes to the server log and counts as not delivered', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const mailer = createMailer({ from: 'test <noreply@test.kechuang.cn>' });
    expect(mailer.mode).toBe('log');
    expect(await mailer.send({ to: 'a@test.kechuang.cn', subject: '邀请', text: 'https://example.cn/invite/abc' })).toEqual({ delivered: false });
    expect(String(log.mock.calls[0]?.[0])).toContain('https://example.cn/invite/abc');
    log.mockRestore();
  });

  it('with SMTP_URL the message is handed to the SMTP server', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: '众创共享科创云 <noreply@test.kechuang.cn>' });
    expect(mailer.mode).toBe('smtp');
    const result = await mailer.send({ to: 'b@test.kechuang.cn', subject: '重置密码', text: '链接：https://example.cn/reset-password/xyz' });
    expect(result).toEqual({ delivered: true });
    const message = smtp.received.at(-1) ?? '';
    expect(message).toMatch(/^To: b@test\.kechuang\.cn/m);
    expect(message).toMatch(/^Subject: /m);
  });

  it('an SMTP server that cannot be reached is reported as not delivered, not thrown', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'noreply@test.kechuang.cn' });
    expect(await mailer.send({ to: 'c@test.kechuang.cn', subject: 's', text: 't' })).toEqual({ delivered: false });
    expect(String(error.mock.calls[0]?.[0])).toContain('c@test.kechuang.cn');
    error.mockRestore();
  });
});
