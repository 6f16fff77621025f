// Strict and lenient dating (docs/methodology.md §2.1). Every census count of regions, AI regions
// and training-capable regions comes as a range: the strict count (`*_strict` fields: only what a
// dated source shows by the date) and the lenient one (the unsuffixed fields: undated regions on
// every date, offerings from their family's launch). strict ≤ lenient always.
import { t, formatNumber, lazyLabels } from './i18n.js';

/** The short explanation shown beside every range (tooltip and footnote), in the current language. */
export const rangeNote = () => t('range.note');

/** Footnote text for a view that shows ranges. */
export const rangeFootnote = () => t('range.footnote', { note: rangeNote() });

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The strict–lenient range of a count field of a census row or totals object: {strict, lenient}.
 * A row without the `_strict` field (an older server) gives strict = lenient.
 */
export function countRange(row, field) {
  const lenient = num(row?.[field]);
  const strictRaw = num(row?.[`${field}_strict`]);
  return { strict: strictRaw === null ? lenient : strictRaw, lenient };
}

function countText(v) {
  return formatNumber(v, { maximumFractionDigits: 0 });
}

/**
 * "12–18" when the bounds differ, "18" when they agree, "no data" when the lenient count is
 * missing. `format` turns one number into text (default: integer with thousands separators).
 */
export function formatRange(strict, lenient, format = countText) {
  if (lenient === null || lenient === undefined || Number.isNaN(lenient)) return t('no_data');
  if (strict === null || strict === undefined || Number.isNaN(strict) || strict === lenient) return format(lenient);
  return `${format(strict)}–${format(lenient)}`;
}

/** formatRange of a row's count field. */
export function formatCount(row, field, format) {
  const { strict, lenient } = countRange(row, field);
  return formatRange(strict, lenient, format);
}

/** Whether a row's count field is a real range (strict ≠ lenient). */
export function isRange(row, field) {
  const { strict, lenient } = countRange(row, field);
  return strict !== null && lenient !== null && strict !== lenient;
}

/**
 * How a region (a /api/v1/sites row or a profile region) is dated on the as-of date:
 *   'undated'      no launch date (`launched_basis` unknown): open under the lenient rule only, on every date;
 *   'estimate'     a curator's estimate: open under the lenient rule only;
 *   'lenient-only' dated, but open only under the lenient rule on this date (its period has not ended);
 *   'strict'       a dated source shows it open by the date.
 */
export function siteDating(site) {
  const basis = site?.launched_basis;
  if (basis === 'unknown' || (basis === undefined && (site?.launched === null || site?.launched === undefined || site?.launched === '') && site?.dated_strict === false)) return 'undated';
  if (basis === 'estimate') return 'estimate';
  if (site?.dated_strict === false) return 'lenient-only';
  return 'strict';
}

export const DATING_LABELS = lazyLabels('dating.', ['strict', 'lenient-only', 'estimate', 'undated']);

/** Whether the site's AI status holds under the lenient rule only (AI offerings without a dated source by the date). */
export function aiLenientOnly(site) {
  return Boolean(site?.ai) && site?.ai_strict === false;
}

/** Counts of sites by dating class: {strict, 'lenient-only', estimate, undated, total, aiLenientOnly}. */
export function datingSummary(sites) {
  const out = { strict: 0, 'lenient-only': 0, estimate: 0, undated: 0, total: 0, aiLenientOnly: 0 };
  for (const s of sites || []) {
    out[siteDating(s)] += 1;
    out.total += 1;
    if (aiLenientOnly(s)) out.aiLenientOnly += 1;
  }
  return out;
}

/**
 * The earliest launch date that a source dates (`announced` or `first_listed`) among sites;
 * null when none. Estimates and undated regions are left out.
 */
export function earliestSourcedLaunch(sites) {
  let min = null;
  for (const s of sites || []) {
    if (!s.launched || !(s.launched_basis === 'announced' || s.launched_basis === 'first_listed')) continue;
    if (min === null || s.launched < min) min = s.launched;
  }
  return min;
}

/**
 * The caption of the map's region markers, e.g. "60 regions without a launch date shown as
 * dashed rings; 18 open under the lenient rule only shown hollow". Empty when every region is
 * strictly dated. `before` (optional) is the earliest sourced launch when the as-of date
 * precedes it.
 */
export function datingCaption(summary, { before = null } = {}) {
  const parts = [];
  const form = (n) => (n === 1 ? 'one' : 'many');
  if (summary.undated) parts.push(t(`dating.caption_undated_${form(summary.undated)}`, { n: formatNumber(summary.undated) }));
  const hollow = summary.estimate + summary['lenient-only'];
  if (hollow) parts.push(t(`dating.caption_hollow_${form(hollow)}`, { n: formatNumber(hollow), estimated: summary.estimate }));
  if (summary.aiLenientOnly) parts.push(t(`dating.caption_ai_${form(summary.aiLenientOnly)}`, { n: formatNumber(summary.aiLenientOnly) }));
  let text = parts.join(t('source.semicolon'));
  if (before && summary.total && summary.strict === 0) {
    text = t('dating.caption_before', { date: before, text: text || t('dating.none_shown') });
  } else if (text) {
    text = t('dating.caption_end', { text: `${text[0].toUpperCase()}${text.slice(1)}` });
  }
  return text;
}
