import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import en from '../src/i18n/en.js';
import zh from '../src/i18n/zh-CN.js';
import { translator, setLanguage, registerCatalogue, t, formatNumber, formatPercent, countryName, economyLabel, interpolate, hasKey } from '../src/lib/i18n.js';
import { parseMo, chineseNames, loadChineseNames } from '../tools/iso-names.mjs';
import { sourceLine } from '../src/lib/panel.js';
import { wrapText, textUnits } from '../src/lib/text.js';
import { decodeState, encodeState, DEFAULT_STATE } from '../src/lib/state.js';
import { glossary } from '../src/lib/labels.js';
import { METRICS } from '../src/lib/metrics.js';

const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => setLanguage('en'));

describe('message catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it('have the same placeholders for every key, and no empty message', () => {
    for (const k of Object.keys(en)) {
      expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
      expect(String(en[k]).length, k).toBeGreaterThan(0);
      expect(String(zh[k]).length, k).toBeGreaterThan(0);
    }
  });
  it('translate every Chinese label into Chinese (at least one CJK character unless it is a code or a symbol)', () => {
    const latinOnly = Object.entries(zh).filter(([, v]) => !/[\u3400-\u9fff]/.test(v) && /[a-z]{4,}/i.test(v.replace(/\{\w+\}/g, '')));
    // Names such as "HHI" and "H100e" have no letters-only words of four and more.
    expect(latinOnly.map(([k]) => k)).toEqual([]);
  });
  it('name every key the code looks up with a literal t(\'…\')', () => {
    const files = [];
    const walk = (dir) => { for (const f of readdirSync(dir)) { const p = path.join(dir, f); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.js')) files.push(p); } };
    walk(path.resolve(__dirname, '../src'));
    const used = new Set();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-z0-9_.-]+)'/gi)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !hasKey(k))).toEqual([]);
  });
});

describe('translator', () => {
  it('fills placeholders and falls back to English, then to the key', () => {
    expect(interpolate('{n} of {total}', { n: 3, total: 9 })).toBe('3 of 9');
    expect(interpolate('{n} of {total}', { n: 3 })).toBe('3 of {total}');
    const tz = translator('zh-CN');
    expect(tz('view.map')).toBe('World map'); // zh-CN is not loaded yet: English
    registerCatalogue('zh-CN', zh);
    expect(translator('zh-CN')('view.map')).toBe('世界地图');
    expect(translator('zh-CN')('no.such.key')).toBe('no.such.key');
  });
  it('switches labels, glossary and metric names with the language', () => {
    registerCatalogue('zh-CN', zh);
    setLanguage('zh-CN', { IDN: '印度尼西亚' });
    expect(METRICS.find((m) => m.id === 'ai_regions').label).toBe('人工智能区域');
    expect(glossary({ south_min_ai_regions: 1 }).map((g) => g.term)).toContain('算力荒漠');
    expect(economyLabel('IDN', 'Indonesia')).toBe('印度尼西亚 (IDN)');
    expect(countryName('DEU', 'Germany')).toBe('Germany'); // no name given: the English one
    setLanguage('en', { IDN: 'ignored' });
    expect(METRICS.find((m) => m.id === 'ai_regions').label).toBe('AI regions');
    expect(economyLabel('IDN', 'Indonesia')).toBe('Indonesia (IDN)');
  });
});

describe('number formats (Intl)', () => {
  it('group thousands and write percentages as each language does', () => {
    expect(formatNumber(1234567.5, { maximumFractionDigits: 1 })).toBe('1,234,567.5');
    expect(formatPercent(0.1234)).toBe('12.3 %');
    registerCatalogue('zh-CN', zh);
    setLanguage('zh-CN');
    expect(formatNumber(1234567.5, { maximumFractionDigits: 1 })).toBe('1,234,567.5');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatNumber(null)).toBe('');
  });
});

describe('source lines state the as-of date (issue #15 point 4)', () => {
  it('in English, in Chinese, and say so when none is given', () => {
    const meta = { dataset_version: '2026.11.0', as_of: '2024-11-30', providers: ['aws'] };
    expect(sourceLine({ meta, what: 'aisov census' }).text).toBe('Source: aisov census (dataset 2026.11.0, as of 2024-11-30; providers: aws)');
    registerCatalogue('zh-CN', zh);
    setLanguage('zh-CN');
    expect(sourceLine({ meta: { dataset_version: '2026.11.0', as_of: '2024-11-30' } }).text).toBe('来源：aisov 普查（数据集 2026.11.0，截至 2024-11-30）');
    setLanguage('en');
    expect(sourceLine({ meta: { dataset_version: '1' }, what: 'x' }).text).toBe('Source: x (dataset 1, as-of date not given)');
    expect(sourceLine({ meta: { dataset_version: '1' }, what: 'x', asOf: '2025-01-01' }).text).toBe('Source: x (dataset 1, as of 2025-01-01)');
    const cited = sourceLine({ meta, what: 'w', sourceIds: ['b;a', 'a'] });
    expect(cited.head).toBe('Source: w (dataset 2026.11.0, as of 2024-11-30; providers: aws)');
    expect(cited.text).toBe(`${cited.head}; cited sources: a, b`);
  });
});

describe('wrapping Chinese text', () => {
  it('counts a CJK character as 1.8 Latin characters and cuts runs without spaces', () => {
    expect(textUnits('ab')).toBe(2);
    expect(textUnits('中国')).toBeCloseTo(3.6, 12);
    const text = '来源：aisov 普查（数据集 2026.11.0，截至 2024-11-30）；引用来源：一二三四五六七八九十一二三四五六七八九十';
    const lines = wrapText(text, 20);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    for (const l of lines) expect(textUnits(l)).toBeLessThanOrEqual(20);
  });
});

describe('URL state: language and scenario variants', () => {
  it('round-trips lang=zh-CN and vs, leaving the defaults out', () => {
    const s = { ...DEFAULT_STATE, view: 'scenario', lang: 'zh-CN', scenario: 'idn-aligning', vs: ['idn-hedging'], iso3: ['IDN'] };
    const text = encodeState(s);
    expect(text).toBe('view=scenario&lang=zh-CN&iso3=IDN&scenario=idn-aligning&vs=idn-hedging');
    expect(decodeState(`#${text}`)).toEqual(s);
    expect(encodeState({ ...DEFAULT_STATE })).toBe('view=map');
    expect(decodeState('#lang=fr').lang).toBe('en');
    expect(decodeState('#vs=a,../b,c,d').vs).toEqual(['a', 'c']);
  });
});

// A gettext .mo file built by hand (GNU gettext manual, "The Format of GNU MO Files").
function moFile(pairs, { bigEndian = false } = {}) {
  const enc = (s) => Buffer.from(s, 'utf8');
  const n = pairs.length;
  const head = 28;
  const origT = head;
  const transT = origT + 8 * n;
  let off = transT + 8 * n;
  const strings = [];
  const table = (list) => list.map((s) => {
    const b = enc(s);
    const e = { len: b.length, off };
    strings.push(b, Buffer.from([0]));
    off += b.length + 1;
    return e;
  });
  const o = table(pairs.map((p) => p[0]));
  const tr = table(pairs.map((p) => p[1]));
  const buf = Buffer.alloc(off);
  const w = (v, at) => (bigEndian ? buf.writeUInt32BE(v, at) : buf.writeUInt32LE(v, at));
  w(0x950412de, 0); w(0, 4); w(n, 8); w(origT, 12); w(transT, 16); w(0, 20); w(0, 24);
  o.forEach((e, i) => { w(e.len, origT + 8 * i); w(e.off, origT + 8 * i + 4); });
  tr.forEach((e, i) => { w(e.len, transT + 8 * i); w(e.off, transT + 8 * i + 4); });
  Buffer.concat(strings).copy(buf, transT + 8 * n);
  return buf;
}

describe('country names from iso-codes (tools/iso-names.mjs)', () => {
  it('parses a gettext .mo file in either byte order', () => {
    const pairs = [['', 'Content-Type: text/plain; charset=UTF-8\n'], ['Germany', '德国'], ['Taiwan', '台湾']];
    for (const bigEndian of [false, true]) {
      const mo = parseMo(moFile(pairs, { bigEndian }));
      expect([...mo.entries()]).toEqual([['Germany', '德国'], ['Taiwan', '台湾']]);
    }
    expect(() => parseMo(Buffer.alloc(40))).toThrow(/bad magic/);
  });
  it('prefers the common name (as data/economies.csv does) and leaves out untranslated entries', () => {
    const iso = { '3166-1': [
      { alpha_3: 'TWN', name: 'Taiwan, Province of China', common_name: 'Taiwan' },
      { alpha_3: 'DEU', name: 'Germany' },
      { alpha_3: 'XXX', name: 'Nowhere' },
    ] };
    const mo = new Map([['Taiwan, Province of China', '中国台湾省'], ['Taiwan', '台湾'], ['Germany', '德国']]);
    expect(chineseNames(iso, mo)).toEqual({ TWN: '台湾', DEU: '德国' });
  });
  it('reads the installed package: Indonesia is 印度尼西亚, Germany 德国, China 中国', () => {
    const names = loadChineseNames();
    expect(names.IDN).toBe('印度尼西亚');
    expect(names.DEU).toBe('德国');
    expect(names.CHN).toBe('中国');
    expect(Object.keys(names).length).toBeGreaterThan(240);
    expect(() => loadChineseNames('/nonexistent.json')).toThrow(/apt-get install iso-codes/);
  });
});
