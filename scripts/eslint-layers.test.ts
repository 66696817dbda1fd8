// The layer rules of ARCHITECTURE.md, as eslint.config.js enforces them: each case is one import a file
// in one layer makes, and whether the rule lets it through.
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layersPlugin } from '../eslint.config.js';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser },
      plugins: { layers: layersPlugin },
      rules: { 'layers/imports': 'error' },
    },
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.message);
}

const cases: [file: string, code: string, allowed: boolean][] = [
  // db/ knows nothing above it
  ['db/schema/x.ts', "import { now } from '../../server/clock';", false],
  ['db/schema/x.ts', "import { a } from '@/app/_lib/api';", false],
  ['db/schema/x.ts', "import { users } from './accounts';", true],
  // domain modules: no routers, tRPC, Next, socket.io, app/
  ['server/orgs/orgs.ts', "import { appRouter } from '../routers/_app';", false],
  ['server/orgs/orgs.ts', "import { appRouter } from '@/server/routers/_app';", false],
  ['server/orgs/orgs.ts', "import { publicProcedure } from '../trpc';", false],
  ['server/orgs/orgs.ts', "import { headers } from 'next/headers';", false],
  ['server/orgs/orgs.ts', "import { Server } from 'socket.io';", false],
  ['server/orgs/orgs.ts', "import { TRPCError } from '@trpc/server';", false],
  ['server/orgs/orgs.ts', "export async function f() { return import('../../app/page'); }", false],
  ['server/orgs/orgs.ts', "import { attachRealtime } from '../realtime/server';", false],
  ['server/orgs/orgs.ts', "import type { NotificationPayload } from '../realtime/events';", true],
  ['server/orgs/orgs.ts', "import { organizations } from '@/db/schema';", true],
  ['server/orgs/orgs.ts', "import { audit } from '../audit/audit';", true],
  ['server/auth/config.ts', "import NextAuth from 'next-auth';", true],
  ['server/orgs/orgs.ts', "import NextAuth from 'next-auth';", false],
  // the realtime server and routers may call the domain
  ['server/realtime/server.ts', "import { notify } from '../notifications/notify';", true],
  ['server/routers/orgs.ts', "import { registerOrg } from '../orgs/orgs';", true],
  // tests may wire layers together
  ['server/auth/session-security.test.ts', "import { GET } from '@/app/api/auth/[...nextauth]/route';", true],
  // app/: routers, trpc, context, auth config, inputs, types — never db/
  ['app/org/page.tsx', "import { organizations } from '@/db/schema';", false],
  ['app/org/page.tsx', "import type { Db } from '@/db/client';", false],
  ['app/org/page.tsx', "import { registerOrg } from '@/server/orgs/orgs';", false],
  ['app/org/page.tsx', "import { now } from '../../server/clock';", false],
  ['app/org/page.tsx', "import type { Actor } from '@/server/actor';", true],
  ['app/org/page.tsx', "import { appRouter } from '@/server/routers/_app';", true],
  ['app/org/page.tsx', "import { signIn } from '@/server/auth/config';", true],
  ['app/org/page.tsx', "import { registerInput } from '@/server/orgs/inputs';", true],
  ['app/org/page.tsx', "import { LOCALES } from '@/messages/namespaces';", true],
];

describe('layer rules (eslint layers/imports)', () => {
  it.each(cases)('%s: %s → allowed=%s', async (file, code, allowed) => {
    const found = await problems(file, code);
    if (allowed) expect(found).toEqual([]);
    else expect(found.join('\n')).toMatch(/^Layer rule:/);
  });
});
