// ISO 3166-1 numeric → alpha-3, for world-atlas feature ids ("276" → DEU). The table is the
// dataset's own economies.csv (its m49 column), bundled at build time.
import { parseCsvObjects } from './csv.js';

/** Builds {numeric → {iso3, name}} from economies.csv text (columns iso3, m49, name). */
export function numericIndex(economiesCsv) {
  const index = new Map();
  for (const row of parseCsvObjects(economiesCsv)) {
    if (!row.m49 || !row.iso3) continue;
    index.set(normaliseNumeric(row.m49), { iso3: row.iso3, name: row.name });
  }
  return index;
}

/** "4", 4, "004" → "004"; anything else → "". */
export function normaliseNumeric(id) {
  if (id === null || id === undefined) return '';
  const s = String(id).trim();
  return /^\d{1,3}$/.test(s) ? s.padStart(3, '0') : '';
}

export function alpha3(index, numericId) {
  const hit = index.get(normaliseNumeric(numericId));
  return hit ? hit.iso3 : '';
}
