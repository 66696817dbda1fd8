import { describe, expect, it } from 'vitest';
import { sniff, zipEntryNames } from './sniff';
import { makeZip } from './zip-fixture';

const office = (part: string) => makeZip({ '[Content_Types].xml': '<Types/>', [part]: '<x/>' });

function kindOf(bytes: Buffer, name = '') {
  const result = sniff(new Uint8Array(bytes.subarray(0, 65536)), new Uint8Array(bytes.subarray(-131072)), bytes.length, name);
  return result.ok ? result.kind : `refused:${result.reason}`;
}

describe('content sniffing', () => {
  it('recognises every allowed type from its bytes', () => {
    expect(kindOf(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
    expect(kindOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('png');
    expect(kindOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]))).toBe('jpg');
    expect(kindOf(office('word/document.xml'))).toBe('docx');
    expect(kindOf(office('xl/workbook.xml'))).toBe('xlsx');
    expect(kindOf(office('ppt/presentation.xml'))).toBe('pptx');
    expect(kindOf(makeZip({ 'data/参数表.csv': 'a,b' }))).toBe('zip');
    expect(kindOf(Buffer.from('工艺参数说明\n第二行'), '说明.txt')).toBe('txt');
    expect(kindOf(Buffer.from('# 需求说明\n\n- 轴承'), 'README.md')).toBe('md');
  });

  it('lists a zip’s entries from its central directory', () => {
    expect(zipEntryNames(new Uint8Array(office('word/document.xml')))).toEqual(['[Content_Types].xml', 'word/document.xml']);
  });

  it('refuses a renamed executable whatever its name says', () => {
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode')]);
    expect(kindOf(pe, '技术方案.pdf')).toBe('refused:executable');
    expect(kindOf(Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(64)]), 'report.docx')).toBe('refused:executable');
    expect(kindOf(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'notes.txt')).toBe('refused:executable');
    expect(kindOf(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), 'a.png')).toBe('refused:executable');
  });

  it('refuses empty files, binary junk, and a zip that only claims to be one', () => {
    expect(kindOf(Buffer.alloc(0))).toBe('refused:empty');
    expect(kindOf(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x10]), 'data.txt')).toBe('refused:unknown');
    expect(kindOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), 'x.zip')).toBe('refused:unknown');
    // GIF, SVG-as-binary, etc. are simply not on the list.
    expect(kindOf(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'))).toBe('refused:unknown');
  });
});
