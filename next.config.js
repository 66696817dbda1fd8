import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./app/i18n.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // e2e and page benchmarks build into their own directory (scripts/e2e-server.mjs) so they never touch
  // the .next of a developer's running server.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native addons and the embedded database must be loaded by Node, never bundled:
  // PGlite is opened once per process and shared through globalThis.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'postgres',
    '@node-rs/argon2',
    '@node-rs/jieba',
    'ioredis',
    'socket.io',
    'nodemailer',
  ],
  // Set by scripts/e2e-server.mjs, which builds after `npm test` has run tsc over the same sources.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
