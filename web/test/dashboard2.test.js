import { describe, it, expect } from 'vitest';
import { labelFor, namesInText, humanise, qualifierText, classExplanation, economyColour, PALETTE20, codeOfLabel, LAYER_NAMES } from '../src/lib/labels.js';
import { sortRows, filterRows } from '../src/lib/table.js';
import { timeYears, timeSeries } from '../src/lib/timeline.js';
import { validateParam, editProblems, decodeEdits } from '../src/lib/scenario.js';
import { lossScale, LOSS_BREAKS } from '../src/lib/scenario_charts.js';
import { colourScale, NO_DATA, ZERO, NO_DATA_ITEM, categoryLabel } from '../src/lib/scales.js';
import { metricById } from '../src/lib/metrics.js';
import { svgDocument, charsPerLine } from '../src/lib/download.js';
import { wrapText } from '../src/lib/text.js';
import { decodeState, encodeState } from '../src/lib/state.js';

describe('plain labels', () => {
  it('maps indicator ids to labels with units', () => {
    expect(labelFor('gdp_usd')).toBe('GDP (US$)');
    expect(labelFor('competitiveness_usd_per_usd')).toBe('Competitiveness gain (US$ per US$ invested)');
    // Ids without an entry: words, and the unit suffix as a unit.
    expect(humanise('max_growth_rate')).toBe('Max growth rate');
    expect(humanise('capex_usd')).toBe('Capex (US$)');
    expect(humanise('water_withdrawal_pct')).toBe('Water withdrawal (%)');
    expect(labelFor('host:NLD', (c) => ({ NLD: 'Netherlands' })[c])).toBe('Hosting in Netherlands');
    expect(labelFor('host:XYZ')).toBe('Hosting in XYZ');
    expect(labelFor('chip_usd_per_h100e.USA', (c) => ({ USA: 'United States' })[c])).toBe('Chip (US$ per H100e), United States');
    expect(labelFor('facility_capex_usd_per_mw')).toBe('Facility capex (US$ per MW)');
    expect(namesInText('host a region of a NLD provider', (c) => ({ NLD: 'Netherlands' })[c])).toBe('host a region of a Netherlands provider');
  });
  it('turns qualifiers into words', () => {
    expect(qualifierText('at_least')).toBe('at least');
    expect(qualifierText('about')).toBe('about');
    expect(qualifierText('some_new_one')).toBe('some new one');
    expect(qualifierText('')).toBe('');
  });
  it('names the layers instead of numbering them', () => {
    for (const v of Object.values(LAYER_NAMES)) expect(v).not.toMatch(/Layer \d/);
  });
  it('explains the compute classes with the census thresholds (methodology §7)', () => {
    expect(classExplanation('desert', { south_min_ai_regions: 1 })).toMatch(/fewer than 1 public-cloud AI region /);
    expect(classExplanation('desert', { south_min_ai_regions: 3 })).toMatch(/fewer than 3 public-cloud AI regions/);
    expect(classExplanation('north', { north_min_training_regions: 2 })).toMatch(/at least 2 training-capable cloud regions/);
    expect(classExplanation('south', {})).toMatch(/no training-capable cloud region, but at least 1 AI cloud region/);
    expect(categoryLabel('desert')).toBe('Compute Desert (no AI cloud regions)');
    expect(categoryLabel(null)).toBe('no data');
  });
});

describe('colours', () => {
  it('gives an economy the same colour every time, distinct for the common ones', () => {
    const common = ['USA', 'CHN', 'DEU', 'IND', 'BRA', 'KEN', 'FRA', 'IDN', 'GBR', 'JPN'];
    expect(new Set(common.map(economyColour)).size).toBe(common.length);
    expect(economyColour('NLD')).toBe(economyColour('nld'));
    expect(PALETTE20).toContain(economyColour('NLD'));
    expect(new Set(PALETTE20).size).toBe(20);
    expect(codeOfLabel('Germany (DEU)')).toBe('DEU');
  });
  it('bins losses with fixed breaks 0–5–10–25–50 %, independent of the data', () => {
    expect(LOSS_BREAKS).toEqual([0.0005, 0.05, 0.1, 0.25, 0.5]);
    const s = lossScale();
    expect(s.colour(0)).toBe(ZERO);
    expect(s.colour(-0.2)).toBe(ZERO);
    expect(s.colour(null)).toBe(NO_DATA);
    // 4 % is in the first bin, the same colour as 0.1 %; 5 % starts the second.
    expect(s.colour(0.04)).toBe(s.colour(0.001));
    expect(s.colour(0.05)).not.toBe(s.colour(0.04));
    expect(s.colour(0.49)).toBe(s.colour(0.25));
    expect(s.colour(0.99)).toBe(s.colour(0.5));
    expect(new Set([0, 0.01, 0.07, 0.2, 0.3, 0.7].map(s.colour)).size).toBe(6);
    expect(s.legend.map((l) => l.label)).toEqual(['none (< 0.05 %)', '0–5 %', '5–10 %', '10–25 %', '25–50 %', '≥ 50 %']);
  });
  it('shows the HHI as an index from 0 to 1, not in percent', () => {
    const s = colourScale(metricById('operator_hhi'), [0.3, 1]);
    expect(s.legend.map((l) => l.label)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(metricById('operator_hhi').label).toMatch(/index, 0–1/);
  });
  it('marks no data with a pattern swatch distinct from zero', () => {
    expect(NO_DATA_ITEM.pattern).toBe('nodata');
    expect(NO_DATA).not.toBe(ZERO);
  });
});

describe('scenario edit validation', () => {
  it('rejects out-of-range values with a message instead of clamping', () => {
    expect(validateParam('probability', 5)).toMatch(/probability must be from 0 to 1; 5 is out of range/);
    expect(validateParam('start', 1900)).toMatch(/start year must be from 2,000 to 2,100/);
    expect(validateParam('start', 2027.5)).toMatch(/whole year/);
    expect(validateParam('probability', NaN)).toMatch(/enter a number/);
    expect(validateParam('probability', 0.3)).toBe(null);
    expect(validateParam('start', 2030)).toBe(null);
  });
  it('lists the out-of-range edits of a link', () => {
    const text = '0.probability:5,0.start:2028,1.loss:-1';
    expect(editProblems(text).map((p) => p.key)).toEqual(['0.probability', '1.loss']);
    // decodeEdits still runs at the nearest allowed value (and says so through editProblems).
    expect(decodeEdits(text)['0.probability']).toBe(1);
  });
});

describe('table sorting and search', () => {
  const rows = [
    { code: 'DEU', name: 'Germany', v: 3 },
    { code: 'CIV', name: "Côte d'Ivoire", v: null },
    { code: 'FRA', name: 'France', v: 10 },
    { code: 'AUT', name: 'Austria', v: 3 },
  ];
  it('sorts numbers both ways with missing values last and stable ties', () => {
    expect(sortRows(rows, (r) => r.v).map((r) => r.code)).toEqual(['AUT', 'DEU', 'FRA', 'CIV']);
    expect(sortRows(rows, (r) => r.v, true).map((r) => r.code)).toEqual(['FRA', 'AUT', 'DEU', 'CIV']);
    expect(sortRows(rows, (r) => r.name).map((r) => r.code)).toEqual(['AUT', 'CIV', 'FRA', 'DEU']);
  });
  it('searches every word, ignoring case and accents', () => {
    expect(filterRows(rows, 'cote', (r) => `${r.name} ${r.code}`).map((r) => r.code)).toEqual(['CIV']);
    expect(filterRows(rows, 'fr fra', (r) => `${r.name} ${r.code}`).map((r) => r.code)).toEqual(['FRA']);
    expect(filterRows(rows, '', (r) => r.name)).toHaveLength(4);
  });
});

describe('timeline', () => {
  it('takes 31 December of each year and the dataset date for its own year', () => {
    expect(timeYears(2022, '2024-11-30')).toEqual([{ year: 2022, as_of: '2022-12-31' }, { year: 2023, as_of: '2023-12-31' }, { year: 2024, as_of: '2024-11-30' }]);
  });
  it('reads the lenient value and the strict bound per economy and year', () => {
    const metric = metricById('ai_regions');
    const points = timeYears(2023, '2024-11-30');
    const censuses = [{ rows: [{ code: 'DEU', ai_regions: 4, ai_regions_strict: 2 }] }, { rows: [{ code: 'DEU', ai_regions: 6, ai_regions_strict: 6 }, { code: 'FRA', ai_regions: 1, ai_regions_strict: 0 }] }];
    expect(timeSeries(points, censuses, ['DEU', 'FRA'], metric)).toEqual([
      { code: 'DEU', year: 2023, as_of: '2023-12-31', value: 4, lower: 2 },
      { code: 'FRA', year: 2023, as_of: '2023-12-31', value: null, lower: null },
      { code: 'DEU', year: 2024, as_of: '2024-11-30', value: 6, lower: 6 },
      { code: 'FRA', year: 2024, as_of: '2024-11-30', value: 1, lower: 0 },
    ]);
  });
});

describe('URL state: blocs and an empty selection', () => {
  it('keeps bloc ids (lower case) next to ISO3 codes', () => {
    expect(decodeState('#view=invest&iso3=DEU,eu,XX').iso3).toEqual(['DEU', 'eu']);
  });
  it('keeps an explicitly empty selection so that defaults do not come back', () => {
    const s = decodeState('#view=compare&iso3=');
    expect(s.iso3).toEqual([]);
    expect(s.none).toBe(true);
    expect(encodeState(s)).toBe('view=compare&iso3=');
    expect(decodeState('#view=compare').none).toBe(false);
  });
});

describe('exports', () => {
  function chart() {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '400');
    svg.setAttribute('height', '200');
    svg.setAttribute('text-anchor', 'middle'); // as Observable Plot sets it
    return svg;
  }
  it('adds title, subtitle, legend and the full source line, left-aligned and wrapped', () => {
    const caption = `Source: aisov census (dataset 2026.11.0, as of 2024-11-30; providers: all); cited sources: ${'source_id, '.repeat(30)}end`;
    const text = svgDocument(chart(), { title: 'AI regions, by economy', subtitle: 'Lenient count', caption, legend: [{ label: 'USA', colour: '#1f77b4' }] });
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
    expect(doc.querySelector('.export-title').textContent).toBe('AI regions, by economy');
    expect(doc.querySelector('.export-subtitle').textContent).toBe('Lenient count');
    expect(doc.querySelector('.export-legend').textContent).toBe('USA');
    const cap = doc.querySelector('.export-caption');
    // Nothing is cut: the caption's lines together are the whole source line.
    expect([...cap.querySelectorAll('tspan')].map((t) => t.textContent).join(' ')).toBe(caption.replace(/\s+/g, ' '));
    expect(cap.getAttribute('text-anchor')).toBe('start');
    expect(Number(cap.getAttribute('x'))).toBeGreaterThan(0);
    // Each line fits the figure's width at the caption's size.
    const width = Number(doc.getAttribute('width'));
    for (const t of cap.querySelectorAll('tspan')) expect(t.textContent.length).toBeLessThanOrEqual(charsPerLine(width - 24, 11));
    // The chart is nested in its own svg (its text-anchor stays inside it).
    expect(doc.getAttribute('text-anchor')).toBe('start');
    expect(doc.querySelector('svg').getAttribute('text-anchor')).toBe('middle');
    expect(Number(doc.getAttribute('height'))).toBeGreaterThan(200 + 16 + 12 + 11);
  });
  it('wraps text at word boundaries', () => {
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('abcdefghij k', 4)).toEqual(['abcd', 'efgh', 'ij k']);
  });
});

describe('scenario builder: subject and measure', () => {
  it('opens on the economy the shocks name, or the core of a US/China power bloc', async () => {
    const { scenarioSubject } = await import('../src/lib/scenario.js');
    expect(scenarioSubject({ shocks: [{ kind: 'export_control', designers: ['USA'], economies: ['IDN'] }] })).toBe('IDN');
    expect(scenarioSubject({ shocks: [{ kind: 'export_control', designers: ['USA'], economies: ['power-china'] }] })).toBe('CHN');
    // A foundry disruption names a location, not an economy it is about; an EU cap a bloc with no single core.
    expect(scenarioSubject({ shocks: [{ kind: 'foundry_disruption', locations: ['TWN'] }] })).toBe(null);
    expect(scenarioSubject({ shocks: [{ kind: 'energy_cap', economies: ['eu'] }] })).toBe(null);
  });
  it('keeps the measure in the URL (default accessible left out)', () => {
    expect(encodeState({ view: 'scenario', measure: 'sovereign' })).toBe('view=scenario&measure=sovereign');
    expect(decodeState('#view=scenario&measure=territorial').measure).toBe('territorial');
    expect(decodeState('#view=scenario&measure=bogus').measure).toBe('accessible');
    expect(encodeState({ view: 'scenario', measure: 'accessible' })).toBe('view=scenario');
  });
});

describe('glossary', () => {
  it('defines the classes with the census thresholds and the HHI on its 0–1 scale', async () => {
    const { glossary } = await import('../src/lib/labels.js');
    const g = Object.fromEntries(glossary({ north_min_training_regions: 1, south_min_ai_regions: 1 }).map((x) => [x.term, x.text]));
    expect(g['Compute Desert']).toMatch(/fewer than 1 public-cloud AI region/);
    expect(g.HHI).toMatch(/sum of squared shares, an index from 0 to 1/);
    expect(Object.keys(g)).toEqual(expect.arrayContaining(['Territory', 'Operators', 'Chips', 'Strict / lenient']));
  });
});
