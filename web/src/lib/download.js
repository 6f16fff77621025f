// Downloads of a chart: its data as CSV, the chart as SVG or PNG. Everything happens in the
// browser; nothing is sent anywhere.

export function downloadBlob(blob, filename) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

export function downloadText(text, filename, type = 'text/csv;charset=utf-8') {
  downloadBlob(new Blob([text], { type }), filename);
}

/** A standalone SVG document of an element, with inline styles it needs and a caption. */
export function svgDocument(svg, caption = '') {
  const clone = svg.cloneNode(true);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const width = Number(svg.getAttribute('width')) || svg.viewBox?.baseVal?.width || svg.clientWidth || 800;
  const height = Number(svg.getAttribute('height')) || svg.viewBox?.baseVal?.height || svg.clientHeight || 400;
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('width', width);
  clone.setAttribute('height', height + (caption ? 24 : 0));
  clone.setAttribute('font-family', 'system-ui, sans-serif');
  if (caption) {
    const vb = clone.getAttribute('viewBox').split(/\s+/).map(Number);
    vb[3] += 24;
    clone.setAttribute('viewBox', vb.join(' '));
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    t.setAttribute('x', vb[0] + 4);
    t.setAttribute('y', vb[1] + vb[3] - 8);
    t.setAttribute('font-size', '11');
    t.setAttribute('fill', '#555');
    t.textContent = caption;
    clone.appendChild(t);
  }
  return new XMLSerializer().serializeToString(clone);
}

export function downloadSvg(svg, filename, caption) {
  downloadText(svgDocument(svg, caption), filename, 'image/svg+xml;charset=utf-8');
}

export async function downloadPng(svg, filename, caption, scale = 2) {
  const text = svgDocument(svg, caption);
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  const w = Number(doc.getAttribute('width'));
  const h = Number(doc.getAttribute('height'));
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w * scale;
  canvas.height = h * scale;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  downloadBlob(blob, filename);
}
