// ESLint 9 flat config: typescript-eslint's type-aware recommended rules (tuned to catch real bugs —
// floating promises, unsafe `any`, misused promises — without style noise) plus the layer rules of
// ARCHITECTURE.md, checked on the RESOLVED target of every import (relative, `@/` alias, dynamic `import()`),
// so `../routers/x` and `@/server/routers/x` are judged alike.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

/** Folders under server/ that are not domain modules: transport, realtime and test support. */
const NOT_DOMAIN = new Set(['routers', 'realtime', 'test']);

/** What `app/` may import from `server/` at run time (type-only imports of anything in server/ are fine). */
const APP_MAY_IMPORT = [
  /^server\/routers\//,
  /^server\/(trpc|context)$/,
  /^server\/auth\/config$/,
  /^server\/realtime\/events$/, // the typed event map shared with the client
  /^server\/[^/]+\/inputs$/, // zod input schemas shared by routers and forms (ARCHITECTURE.md)
];

/** The file's layer, from its path relative to the repository root. */
function layerOf(rel) {
  // Tests wire layers together on purpose (a domain test may drive a router or a route handler).
  if (/\.test\.tsx?$/.test(rel)) return null;
  if (rel.startsWith('db/')) return { name: 'db' };
  if (rel.startsWith('app/')) return { name: 'app' };
  const m = /^server\/([^/]+)\//.exec(rel);
  if (m && m[1] && !NOT_DOMAIN.has(m[1])) return { name: 'domain', domain: m[1] };
  return null;
}

/** The import target: `{ file }` for project files (repo-relative, no extension) or `{ pkg }` for packages. */
function targetOf(source, fromFile) {
  let abs;
  if (source.startsWith('@/')) abs = path.join(root, source.slice(2));
  else if (source.startsWith('.')) abs = path.resolve(path.dirname(fromFile), source);
  else return { pkg: source };
  const rel = path.relative(root, abs).split(path.sep).join('/');
  return { file: rel.replace(/\.(tsx?|jsx?|mjs|json)$/, '').replace(/\/index$/, '') };
}

const isPkg = (pkg, name) => pkg === name || pkg.startsWith(`${name}/`);

/** Why this import breaks the layer rules, or null. */
function violation(layer, target, typeOnly) {
  const { file, pkg } = target;
  if (layer.name === 'db') {
    if (file && /^(server|app)(\/|$)/.test(file)) return 'db/ must not import server/ or app/ (the schema knows no domain code)';
    if (pkg && (isPkg(pkg, 'next') || isPkg(pkg, 'socket.io') || pkg.startsWith('@trpc/')))
      return `db/ must not import ${pkg}`;
    return null;
  }
  if (layer.name === 'domain') {
    if (file && /^app(\/|$)/.test(file)) return 'domain modules must not import app/';
    if (file && /^server\/(routers\/|trpc$|context$)/.test(file))
      return 'domain modules must not import routers or the tRPC context: routers call the domain, not the other way';
    if (file && /^server\/realtime\//.test(file) && !typeOnly)
      return 'domain modules must not import server/realtime (announce events through an interface; type imports are fine)';
    if (pkg) {
      const authAdapter = layer.domain === 'auth' && isPkg(pkg, 'next-auth');
      if (!authAdapter && (isPkg(pkg, 'next') || pkg.startsWith('next-') || pkg.startsWith('@next/')))
        return `domain modules must not import ${pkg} (plain functions: (db, actor, input))`;
      if (isPkg(pkg, 'socket.io') || pkg.startsWith('@trpc/')) return `domain modules must not import ${pkg}`;
    }
    return null;
  }
  if (layer.name === 'app') {
    if (file && /^db(\/|$)/.test(file)) return 'app/ must never import db/: go through server/routers (or serverApi())';
    if (file && /^server\//.test(file) && !typeOnly && !APP_MAY_IMPORT.some((re) => re.test(file)))
      return `app/ may import from server/ only routers, trpc, context, auth/config, realtime/events, <domain>/inputs (or types); not ${file}`;
    return null;
  }
  return null;
}

/** @type {import('eslint').ESLint.Plugin} */
export const layersPlugin = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [], docs: { description: 'ARCHITECTURE.md layer rules' } },
      create(context) {
        const rel = path.relative(root, context.filename).split(path.sep).join('/');
        const layer = layerOf(rel);
        if (!layer) return {};
        const check = (node, sourceNode, typeOnly) => {
          if (!sourceNode || typeof sourceNode.value !== 'string') return;
          const why = violation(layer, targetOf(sourceNode.value, context.filename), typeOnly);
          if (why) context.report({ node, message: `Layer rule: ${why}.` });
        };
        return {
          ImportDeclaration(node) {
            const typeOnly =
              node.importKind === 'type' ||
              (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
            check(node, node.source, typeOnly);
          },
          ExportNamedDeclaration(node) {
            if (node.source) check(node, node.source, node.exportKind === 'type');
          },
          ExportAllDeclaration(node) {
            check(node, node.source, node.exportKind === 'type');
          },
          ImportExpression(node) {
            if (node.source.type === 'Literal') check(node, node.source, false);
          },
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.next-e2e/**',
      'node_modules/**',
      '.data/**',
      'drizzle/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        URLSearchParams: 'readonly',
        AbortController: 'readonly',
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { layers: layersPlugin },
    rules: {
      'layers/imports': 'error',
      // The house style forbids papering over nullables with `!` (narrow instead).
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // React event handlers may be async (`onSubmit={async () => …}`); a promise-returning handler is fine there.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // tRPC procedures and domain functions are async by contract even when a branch does not await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Plain JS (this file, next.config.js, scripts/*.mjs): no type information.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests may reach through objects they just created and assert shapes loosely.
    files: ['**/*.test.ts', 'e2e/**', 'server/test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
