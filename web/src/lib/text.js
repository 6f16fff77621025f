// Plain-text helpers shared by the charts and exports (no DOM).

/** Words of text in lines of at most `max` characters (a longer word is cut). */
export function wrapText(text, max) {
  const lines = [];
  let line = '';
  const words = [];
  // A word longer than a line (a long URL) is cut into line-long pieces.
  for (const w of String(text || '').split(/\s+/).filter(Boolean)) for (let i = 0; i < w.length; i += Math.max(1, max)) words.push(w.slice(i, i + Math.max(1, max)));
  for (const word of words) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
