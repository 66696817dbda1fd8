/** Where to go after signing in: only paths on this site, since an open redirect would lend phishing links our name. */
export function safeCallback(raw: string): string {
  return raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/org';
}
