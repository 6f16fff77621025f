// The Natural Earth 1:50m country shapes (world-atlas, bundled as a JSON asset, no download
// from elsewhere). Fetched as JSON rather than imported as a script: JSON.parse is much faster
// than parsing the same data as JavaScript, and the fetch starts with the page (lib/main.js).
import worldUrl from 'world-atlas/countries-50m.json?url';

let world = null;
/** The world topology (a promise; one request per page). */
export function loadWorld() {
  if (!world) {
    world = fetch(worldUrl).then((r) => {
      if (!r.ok) throw new Error(`map shapes: HTTP ${r.status}`);
      return r.json();
    });
    world.catch(() => { world = null; });
  }
  return world;
}
