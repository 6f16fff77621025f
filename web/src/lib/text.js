// Plain-text helpers shared by the charts and exports (no DOM).

// CJK ideographs, kana, Hangul and full-width forms are about one em wide: 1.8 times the
// average Latin glyph the wrapping widths assume (lib/download.js GLYPH = 0.56 em).
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const WIDE_UNITS = 1.8;

/** The width of a text in average Latin characters (a CJK character counts 1.8). */
export function textUnits(text) {
  let n = 0;
  for (const ch of String(text ?? '')) n += WIDE.test(ch) ? WIDE_UNITS : 1;
  return n;
}

/**
 * Words of text in lines at most `max` characters wide (textUnits; a CJK character counts 1.8).
 * A word wider than a line (a long URL, or a run of Chinese, which has no spaces) is cut into
 * line-wide pieces.
 */
export function wrapText(text, max) {
  const lines = [];
  let line = '';
  const limit = Math.max(1, max);
  const words = [];
  for (const w of String(text || '').split(/\s+/).filter(Boolean)) {
    let piece = '';
    for (const ch of w) {
      if (piece && textUnits(piece + ch) > limit) {
        words.push(piece);
        piece = '';
      }
      piece += ch;
    }
    if (piece) words.push(piece);
  }
  for (const word of words) {
    if (line && textUnits(line) + 1 + textUnits(word) > limit) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
