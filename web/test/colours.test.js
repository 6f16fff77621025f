import { it, expect } from 'vitest';
import * as chromatic from 'd3-scale-chromatic';
import { interpolateBlues, interpolatePurples } from '../src/lib/scales.js';
it('the map ramps are d3-scale-chromatic Blues and Purples, colour for colour', () => {
  for (const t of [0, 0.1, 0.33, 0.5, 0.77, 1]) {
    expect(interpolateBlues(t)).toBe(chromatic.interpolateBlues(t));
    expect(interpolatePurples(t)).toBe(chromatic.interpolatePurples(t));
  }
});
