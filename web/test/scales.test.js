import { describe, it, expect } from 'vitest';
import { colourScale, niceSteps, NO_DATA, ZERO, CATEGORY_COLOURS } from '../src/lib/scales.js';
import { metricById, layerMetricIds } from '../src/lib/metrics.js';

function lightness(hex) {
  const m = hex.match(/rgb\((\d+), (\d+), (\d+)\)/);
  const [r, g, b] = m ? m.slice(1).map(Number) : [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return r + g + b;
}

describe('colour scales', () => {
  it('classes have fixed colours, unknown is no-data', () => {
    const s = colourScale(metricById('compute_class'), ['north', 'south', 'desert']);
    expect(s.colour('north')).toBe(CATEGORY_COLOURS.compute_class.north);
    expect(s.colour('desert')).toBe(CATEGORY_COLOURS.compute_class.desert);
    expect(s.colour(null)).toBe(NO_DATA);
    expect(s.legend.map((l) => l.label)).toEqual(['Compute North (training-capable)', 'Compute South (inference only)', 'Compute Desert (no AI cloud regions)']);
    const st = colourScale(metricById('strategy'), []);
    expect(new Set(['domestic', 'aligning', 'hedging', 'none'].map(st.colour)).size).toBe(4);
  });
  it('counts get darker with the value; zero and missing are distinct', () => {
    const s = colourScale(metricById('ai_regions'), [0, 1, 5, 40]);
    expect(s.colour(0)).toBe(ZERO);
    expect(s.colour(null)).toBe(NO_DATA);
    expect(lightness(s.colour(1))).toBeGreaterThan(lightness(s.colour(5)));
    expect(lightness(s.colour(5))).toBeGreaterThan(lightness(s.colour(40)));
    expect(s.legend[0]).toEqual({ label: '0', colour: ZERO });
  });
  it('shares span [0, 1] whatever the data', () => {
    const a = colourScale(metricById('domestic_share'), [0.1, 0.2]);
    const b = colourScale(metricById('domestic_share'), [0.5, 1]);
    expect(a.colour(0.3)).toBe(b.colour(0.3));
    expect(lightness(a.colour(0.9))).toBeLessThan(lightness(a.colour(0.1)));
    expect(a.colour(undefined)).toBe(NO_DATA);
  });
  it('legend steps are round and increasing', () => {
    expect(niceSteps(0)).toEqual([0]);
    const steps = niceSteps(1500000);
    expect(steps[steps.length - 1]).toBe(1500000);
    for (let i = 1; i < steps.length; i += 1) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
  });
});

describe('metrics', () => {
  const row = {
    ai_regions: 4, domestic_share: 0.25, h100e: 0,
    operator_jurisdiction: { hhi: 0.5, shares: [{ key: 'USA', share: 0.5, weight: 2 }, { key: 'DEU', share: 0.5, weight: 2 }] },
    designer_jurisdiction: { hhi: 1, shares: [{ key: 'USA', share: 1, weight: 4 }] },
    fab_location: { hhi: 0, shares: [] }, operator_bloc: { hhi: 0, shares: [] },
  };
  it('reads layer-share metrics', () => {
    expect(metricById('operator_jurisdiction:DEU').get(row)).toBe(0.5);
    expect(metricById('operator_jurisdiction:CHN').get(row)).toBe(0);
    expect(metricById('fab_location:TWN').get(row)).toBe(null);
    expect(metricById('top_designer_share').get(row)).toBe(1);
    expect(metricById('no-such').id).toBe('ai_regions');
    expect(layerMetricIds([row])).toEqual(['operator_jurisdiction:DEU', 'operator_jurisdiction:USA', 'designer_jurisdiction:USA']);
  });
});
