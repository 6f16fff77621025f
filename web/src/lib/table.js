// Sorting and searching of table rows (the Table and Sources views); pure, tested in test/table.test.js.

/**
 * Rows sorted by value(row): numbers numerically, text by locale; missing values (null,
 * undefined, NaN, '') always last whatever the direction; ties by name then code, so the order is stable.
 */
export function sortRows(rows, value, desc = false) {
  const missing = (v) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
  const tie = (a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')) || String(a.code ?? '').localeCompare(String(b.code ?? ''));
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (missing(va) || missing(vb)) return missing(va) === missing(vb) ? tie(a, b) : missing(va) ? 1 : -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return (desc ? -c : c) || tie(a, b);
  });
}

/** Rows whose text(row) contains every word of the query (case- and accent-insensitive). */
export function filterRows(rows, query, text) {
  const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = fold(query || '').split(/\s+/).filter(Boolean);
  if (!words.length) return rows;
  return rows.filter((r) => {
    const t = fold(text(r));
    return words.every((w) => t.includes(w));
  });
}
