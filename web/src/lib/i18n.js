// Two languages (issue #15 point 9): English and Simplified Chinese. Our own UI strings are in
// one message catalogue per language (src/i18n/en.js, src/i18n/zh-CN.js; test/i18n.test.js
// checks that both have the same keys and placeholders); country names in Chinese come from
// Debian's iso-codes at build time (tools/iso-names.mjs, the chunk 'virtual:iso-names-zh');
// numbers are formatted by Intl for the language.
//
// The language is held in the URL (lang=zh-CN, lib/state.js). The shell (main.js) calls
// setLanguage() before it renders a view; the one piece of module state below is that choice,
// read by t(), formatNumber() and countryName(), so that pure helpers (labels, metrics, scales)
// need no extra argument. translator() builds a stand-alone translator for tests.
import en from '../i18n/en.js';

export const LANGUAGES = [
  { id: 'en', label: 'English', intl: 'en-US' },
  { id: 'zh-CN', label: '简体中文', intl: 'zh-CN' },
];
// Loaded catalogues: English with the page; Chinese (and its country names) when first asked for
// (loadLanguage), so that an English reader downloads neither.
const CATALOGUES = { en };
const LOADERS = { 'zh-CN': () => import('../i18n/zh-CN.js') };
const NAME_LOADERS = { 'zh-CN': () => import('virtual:iso-names-zh') };

/** "{n} regions" with {n: 3} → "3 regions"; a placeholder without a value stays as it is. */
export function interpolate(template, params = {}) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (params[k] === undefined || params[k] === null ? m : String(params[k])));
}

/** A translator for one language: t(key, params); a key missing in it falls back to English, then to the key. */
export function translator(lang) {
  const cat = CATALOGUES[lang] || en;
  return (key, params) => interpolate(cat[key] ?? en[key] ?? key, params);
}

const current = { lang: 'en', t: translator('en'), names: {} };

/** Sets the language of everything rendered next; names: {ISO3 → name} in that language. */
export function setLanguage(lang, names = {}) {
  current.lang = CATALOGUES[lang] ? lang : 'en';
  current.t = translator(current.lang);
  current.names = current.lang === 'en' ? {} : names || {};
}

export const language = () => current.lang;
export const intlLocale = () => LANGUAGES.find((l) => l.id === current.lang)?.intl || 'en-US';

/** The UI string of a key in the current language. */
export function t(key, params) {
  return current.t(key, params);
}

/** A number formatted for the current language (Intl.NumberFormat options). */
export function formatNumber(v, opts = {}) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '';
  return new Intl.NumberFormat(intlLocale(), opts).format(Number(v));
}

/** A share (0.123) as a percentage in the current language ("12.3 %" / "12.3%"). */
export function formatPercent(share, digits = 1) {
  return t('fmt.percent', { v: formatNumber(share * 100, { minimumFractionDigits: digits, maximumFractionDigits: digits }) });
}

/** The name of an economy in the current language: the ISO name for its code, else the given (English) name. */
export function countryName(code, fallback) {
  return current.names[String(code || '').toUpperCase()] || fallback || code || '';
}

/** "Indonesia (IDN)" / "印度尼西亚 (IDN)". */
export function economyLabel(code, fallback) {
  return `${countryName(code, fallback)} (${code})`;
}

/**
 * Loads a language's catalogue and its country names (for Chinese: a chunk built from
 * iso-codes); resolves to the names ({ISO3 → name}, {} for English).
 */
export async function loadLanguage(lang) {
  if (!LOADERS[lang]) return {};
  const [cat, names] = await Promise.all([LOADERS[lang](), NAME_LOADERS[lang]()]);
  CATALOGUES[lang] = cat.default;
  return names.default;
}

/** Registers a catalogue that is already loaded (tests). */
export function registerCatalogue(lang, catalogue) {
  CATALOGUES[lang] = catalogue;
}

/** A collator for sorting names in the current language. */
export function compareNames(a, b) {
  return String(a).localeCompare(String(b), intlLocale());
}

/** Whether the (English reference) catalogue has a key. */
export function hasKey(key) {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** An object whose property k reads t(`${prefix}${k}`) when asked (for label maps read at render time). */
export function lazyLabels(prefix, keys) {
  const out = {};
  for (const k of keys) Object.defineProperty(out, k, { enumerable: true, get: () => t(`${prefix}${k}`) });
  return Object.freeze(out);
}
