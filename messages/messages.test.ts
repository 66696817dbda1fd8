// Translation coverage: both locales carry every namespace with the same keys, no empty strings, the same
// ICU placeholders (and rich-text tags), messages that parse, and English text free of Chinese characters.
import fs from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES, NAMESPACES } from './namespaces';

const dir = import.meta.dirname;
type Tree = { [key: string]: string | Tree };

function read(locale: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.join(dir, locale, `${ns}.json`), 'utf8')) as Tree;
}

/** Every leaf as [dotted key, value]; a non-string, non-object leaf is reported as a problem by the caller. */
function leaves(tree: unknown, prefix = ''): [string, unknown][] {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return [[prefix, tree]];
  return Object.entries(tree).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v, prefix ? `${prefix}.${k}` : k) : [[prefix ? `${prefix}.${k}` : k, v] as [string, unknown]],
  );
}

/** Argument names and tag names a message uses, at any depth (plural/select branches included). */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        found.add(`{${el.value}}`);
        break;
      case TYPE.select:
      case TYPE.plural:
        found.add(`{${el.value}}`);
        for (const option of Object.values(el.options)) placeholders(option.value, found);
        break;
      case TYPE.tag:
        found.add(`<${el.value}>`);
        placeholders(el.children, found);
        break;
      default:
        break;
    }
  }
  return found;
}

// Han ideographs (incl. extensions and compatibility), CJK punctuation, fullwidth forms, kana, hangul.
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3134f}]/u;

/**
 * A language's own name stays in its own script in every locale (the switch offers "中文" to an English
 * reader who may not read English): the one Chinese word English text may hold.
 */
const ENDONYMS = /简体中文|中文/g;

const [zh, en] = LOCALES;

describe('message files', () => {
  it('each locale folder holds exactly the namespaces listed in namespaces.ts', () => {
    for (const locale of LOCALES) {
      const files = fs
        .readdirSync(path.join(dir, locale))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
      expect(files, `messages/${locale}/`).toEqual([...NAMESPACES].sort());
    }
  });

  describe.each(NAMESPACES.map((ns) => [ns]))('namespace %s', (ns) => {
    const trees = Object.fromEntries(LOCALES.map((l) => [l, read(l, ns)])) as Record<string, Tree>;
    const flat = Object.fromEntries(LOCALES.map((l) => [l, new Map(leaves(trees[l]))]));

    it('has the same keys in every locale', () => {
      const keys = LOCALES.map((l) => [...(flat[l]?.keys() ?? [])].sort());
      for (let i = 1; i < keys.length; i++) {
        const missing = keys[0]?.filter((k) => !keys[i]?.includes(k));
        const extra = keys[i]?.filter((k) => !keys[0]?.includes(k));
        expect({ missing, extra }, `${LOCALES[i]} vs ${LOCALES[0]}`).toEqual({ missing: [], extra: [] });
      }
    });

    it('has only non-empty strings that parse as ICU messages', () => {
      const problems: string[] = [];
      for (const locale of LOCALES) {
        for (const [key, value] of flat[locale] ?? []) {
          if (typeof value !== 'string') problems.push(`${locale} ${key}: not a string (${JSON.stringify(value)})`);
          else if (value.trim() === '') problems.push(`${locale} ${key}: empty`);
          else {
            try {
              parse(value);
            } catch (e) {
              problems.push(`${locale} ${key}: ${(e as Error).message}`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it('uses the same placeholders and tags in every locale', () => {
      const problems: string[] = [];
      for (const [key, zhValue] of flat[zh] ?? []) {
        const enValue = flat[en]?.get(key);
        if (typeof zhValue !== 'string' || typeof enValue !== 'string') continue;
        try {
          const a = [...placeholders(parse(zhValue))].sort();
          const b = [...placeholders(parse(enValue))].sort();
          if (a.join() !== b.join()) problems.push(`${key}: ${zh} ${a.join(' ') || '(none)'} ≠ ${en} ${b.join(' ') || '(none)'}`);
        } catch {
          // reported by the parse test
        }
      }
      expect(problems).toEqual([]);
    });

    it('has no Chinese (CJK) characters in English', () => {
      const problems = [...(flat[en] ?? [])]
        .filter(([, v]) => typeof v === 'string' && CJK.test(v.replace(ENDONYMS, '')))
        .map(([k, v]) => `${k}: ${String(v)}`);
      expect(problems).toEqual([]);
    });
  });
});

describe('the checks themselves', () => {
  it('finds placeholders inside plural branches and tags, not branch text', () => {
    const found = placeholders(parse('{count, plural, one {# item by {name}} other {items}} <b>{org}</b>'));
    expect([...found].sort()).toEqual(['<b>', '{count}', '{name}', '{org}']);
  });
  it('spots Chinese characters and full-width punctuation', () => {
    expect(CJK.test('Enterprise 企业')).toBe(true);
    expect(CJK.test('Wrong password，try again')).toBe(true);
    expect(CJK.test('Innovation Cloud — 2026 “quoted”')).toBe(false);
    expect(CJK.test('Switch language to 中文'.replace(ENDONYMS, ''))).toBe(false);
  });
});
