import { describe, it, expect } from 'vitest';
import { countRange, formatRange, formatCount, isRange, siteDating, aiLenientOnly, datingSummary, datingCaption, earliestSourcedLaunch, rangeNote } from '../src/lib/dating.js';
import { metricById, formatMetric, tidyRows } from '../src/lib/metrics.js';
import { toCsv, TIDY_COLUMNS } from '../src/lib/csv.js';
import { siteMarker } from '../src/lib/map.js';
import { rangeEl } from '../src/lib/panel.js';

const row = { code: 'AUS', name: 'Australia', regions: 18, regions_strict: 12, ai_regions: 4, ai_regions_strict: 4, training_regions: 2, training_regions_strict: 0 };

describe('strict–lenient ranges', () => {
  it('formats a range that differs as strict–lenient', () => {
    expect(formatRange(12, 18)).toBe('12–18');
    expect(formatRange(1200, 1800)).toBe('1,200–1,800');
    expect(formatCount(row, 'regions')).toBe('12–18');
    expect(formatCount(row, 'training_regions')).toBe('0–2');
    expect(isRange(row, 'regions')).toBe(true);
  });
  it('shows one number when the bounds agree or the strict field is missing', () => {
    expect(formatRange(4, 4)).toBe('4');
    expect(formatCount(row, 'ai_regions')).toBe('4');
    expect(isRange(row, 'ai_regions')).toBe(false);
    expect(countRange({ regions: 7 }, 'regions')).toEqual({ strict: 7, lenient: 7 });
    expect(formatCount({ regions: 7 }, 'regions')).toBe('7');
    expect(formatRange(null, null)).toBe('no data');
    expect(formatCount({}, 'regions')).toBe('no data');
  });
  it('formats census metrics as ranges and exports both bounds in the tidy CSV', () => {
    expect(formatMetric(metricById('regions'), row)).toBe('12–18');
    expect(formatMetric(metricById('ai_regions'), row)).toBe('4');
    expect(formatMetric(metricById('facilities'), { facilities: 3 })).toBe('3');
    const text = toCsv(tidyRows([row], metricById('regions'), '2015-12-31'), TIDY_COLUMNS);
    expect(text).toBe('code,name,year,indicator,value,unit,lower,upper,source_id\nAUS,Australia,2015,regions,18,count,12,18,aisov_census\n');
  });
  it('renders a range span with the explanation as tooltip', () => {
    const span = rangeEl(row, 'regions');
    expect(span.textContent).toBe('12–18');
    expect(span.className).toBe('range');
    expect(span.dataset.strict).toBe('12');
    expect(span.dataset.lenient).toBe('18');
    expect(span.title).toContain(rangeNote());
    const same = rangeEl(row, 'ai_regions');
    expect(same.textContent).toBe('4');
    expect(same.className).toBe('count');
    expect(same.hasAttribute('title')).toBe(false);
  });
});

describe('dating of regions', () => {
  const undated = { site_id: 'x:syd1', name: 'Sydney 1', city: 'Sydney', iso3: 'AUS', provider: 'x', operator_jurisdiction: 'USA', ai: false, training: false, launched: null, launched_basis: 'unknown', dated_strict: false, ai_strict: false };
  const dated = { ...undated, site_id: 'y:syd', launched: '2012-11-12', launched_basis: 'announced', dated_strict: true, ai: true, ai_strict: true };
  const estimate = { ...undated, site_id: 'z:syd', launched: '2016', launched_basis: 'estimate', dated_strict: false };
  const thisPeriod = { ...dated, site_id: 'w:syd', launched: '2026', launched_basis: 'first_listed', dated_strict: false };
  const aiLoose = { ...dated, site_id: 'v:syd', ai_strict: false };

  it('classifies undated, estimated, lenient-only and strictly dated regions', () => {
    expect(siteDating(undated)).toBe('undated');
    expect(siteDating(estimate)).toBe('estimate');
    expect(siteDating(thisPeriod)).toBe('lenient-only');
    expect(siteDating(dated)).toBe('strict');
    // A profile region (no ai_strict) and an older server's row (no dating fields).
    expect(siteDating({ launched: null, launched_basis: 'unknown', dated_strict: false })).toBe('undated');
    expect(siteDating({ launched: '2019-06' })).toBe('strict');
    expect(aiLenientOnly(aiLoose)).toBe(true);
    expect(aiLenientOnly(dated)).toBe(false);
    expect(aiLenientOnly(undated)).toBe(false);
  });
  it('draws undated regions as dashed rings and lenient-only ones hollow', () => {
    const u = siteMarker(undated);
    expect(u.dating).toBe('undated');
    expect(u.attrs.class).toBe('site plain undated');
    expect(u.attrs.fill).toBe('none');
    expect(u.attrs['stroke-dasharray']).toBeTruthy();
    expect(u.label).toMatch(/launch date unknown/);
    expect(u.tip).toMatch(/launch date unknown/);
    const e = siteMarker(estimate);
    expect(e.attrs.fill).toBe('none');
    expect(e.attrs['stroke-dasharray']).toBeUndefined();
    const d = siteMarker(dated);
    expect(d.attrs.class).toBe('site ai strict');
    expect(d.attrs.fill).not.toBe('none');
    expect(d.tip).toMatch(/launched 2012-11-12/);
    expect(siteMarker(aiLoose).attrs.class).toContain('ai-lenient-only');
  });
  it('summarises and captions the dating of the regions shown', () => {
    const s = datingSummary([undated, undated, dated, estimate, thisPeriod, aiLoose]);
    expect(s).toEqual({ strict: 2, 'lenient-only': 1, estimate: 1, undated: 2, total: 6, aiLenientOnly: 1 });
    expect(datingCaption(s)).toMatch(/^2 regions without a launch date shown as dashed rings; 2 regions open under the lenient rule only \(1 estimated\) shown hollow/);
    expect(datingCaption(datingSummary([dated]))).toBe('');
    // Before the earliest sourced launch only undated regions are open.
    const early = datingCaption(datingSummary([undated]), { before: '2006-08-25' });
    expect(early).toBe('Before the earliest sourced region launch (2006-08-25) no dated source shows any region: 1 region without a launch date shown as dashed rings.');
    expect(earliestSourcedLaunch([undated, estimate, dated, { ...dated, launched: '2010-01' }])).toBe('2010-01');
    expect(earliestSourcedLaunch([undated])).toBe(null);
  });
});

describe('map legend', () => {
  it('wraps a long caption into lines', async () => {
    const { wrapText, siteLegendSvg } = await import('../src/lib/map.js');
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('', 5)).toEqual([]);
    const svg = siteLegendSvg('60 regions without a launch date shown as dashed rings.', 960, { hatched: 3 });
    expect(svg.querySelector('.dating-caption').textContent).toBe('60 regions without a launch date shown as dashed rings.');
    expect(svg.querySelector('.hatch-label').textContent).toMatch(/^hatched: 3 economies/);
    // Three shapes (training, AI, no AI) and four dating styles.
    expect(svg.querySelectorAll('g.site-keys path').length).toBe(7);
  });
});
