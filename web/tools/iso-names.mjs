// Country names in Simplified Chinese from Debian's iso-codes package (scripts/packages.txt):
// the ISO 3166-1 list (/usr/share/iso-codes/json/iso_3166-1.json) and its zh_CN gettext
// catalogue (/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo). Nothing of iso-codes is copied
// into the repository: vite.config.js turns these files into the module 'virtual:iso-names-zh'
// at build time (and for Vitest), so a newer iso-codes gives newer names on the next build.
import { readFileSync } from 'node:fs';

export const ISO_JSON = '/usr/share/iso-codes/json/iso_3166-1.json';
export const ISO_MO = '/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo';

/**
 * Parses a GNU gettext .mo file (little- or big-endian) into a Map msgid → msgstr. Plural forms
 * keep their first form; the header entry (empty msgid) is left out. Throws on a bad magic
 * number or an offset outside the file.
 */
export function parseMo(buf) {
  if (buf.length < 28) throw new Error('not a gettext .mo file (too short)');
  const magic = buf.readUInt32LE(0);
  const le = magic === 0x950412de;
  if (!le && magic !== 0xde120495) throw new Error('not a gettext .mo file (bad magic number)');
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const n = u32(8);
  const origTable = u32(12);
  const transTable = u32(16);
  const str = (table, i) => {
    const len = u32(table + 8 * i);
    const off = u32(table + 8 * i + 4);
    if (off + len > buf.length) throw new Error(`.mo string ${i} runs past the end of the file`);
    return buf.toString('utf8', off, off + len);
  };
  const out = new Map();
  for (let i = 0; i < n; i += 1) {
    const id = str(origTable, i).split('\0')[0];
    if (!id) continue;
    out.set(id, str(transTable, i).split('\0')[0]);
  }
  return out;
}

/**
 * {alpha_3 → Chinese name} for every ISO 3166-1 entry: the catalogue's translation of the
 * entry's common_name where it has one (the English name data/economies.csv uses too, e.g.
 * "Taiwan", "South Korea"), else of its `name`; entries without a translation are left out
 * (the dashboard then shows the English name).
 */
export function chineseNames(isoJson, mo) {
  const out = {};
  for (const e of isoJson['3166-1'] || []) {
    const zh = (e.common_name && mo.get(e.common_name)) || mo.get(e.name);
    if (e.alpha_3 && zh) out[e.alpha_3] = zh;
  }
  return out;
}

/** Reads the installed iso-codes files; a clear error when the package is missing. */
export function loadChineseNames(jsonPath = ISO_JSON, moPath = ISO_MO) {
  let json, mo;
  try {
    json = JSON.parse(readFileSync(jsonPath, 'utf8'));
    mo = parseMo(readFileSync(moPath));
  } catch (err) {
    throw new Error(`country names: cannot read Debian's iso-codes data (${err.message}); install it with: apt-get install iso-codes`);
  }
  return chineseNames(json, mo);
}
