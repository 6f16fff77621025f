import { describe, it, expect } from 'vitest';
import { toCsv, parseCsv, parseCsvObjects, csvField, TIDY_COLUMNS } from '../src/lib/csv.js';
import { tidyRows, metricById } from '../src/lib/metrics.js';

describe('CSV export', () => {
  it('quotes per RFC 4180 and leaves missing cells empty', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(0.125)).toBe('0.125');
    expect(csvField(1e21)).toBe('1000000000000000000000');
    expect(csvField(false)).toBe('false');
  });
  it('round-trips through the parser', () => {
    const rows = [{ a: 'Côte d\'Ivoire', b: 'x,"y"', c: 1.5 }, { a: 'line\nbreak', b: '', c: null }];
    const text = toCsv(rows, ['a', 'b', 'c']);
    expect(text.endsWith('\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['a', 'b', 'c'], ["Côte d'Ivoire", 'x,"y"', '1.5'], ['line\nbreak', '', '']]);
    expect(parseCsvObjects('x,y\r\n1,2\r\n')).toEqual([{ x: '1', y: '2' }]);
  });
  it('writes tidy long rows of a metric', () => {
    const rows = [{ code: 'DEU', name: 'Germany', h100e: 10, h100e_low: 5, h100e_high: 20 }];
    const text = toCsv(tidyRows(rows, metricById('h100e'), '2024-11-30'), TIDY_COLUMNS);
    expect(text).toBe('code,name,year,indicator,value,unit,lower,upper,source_id\nDEU,Germany,2024,h100e,10,H100-equivalents,5,20,aisov_census\n');
  });
});
