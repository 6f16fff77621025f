import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-50m.json';
import economies from '../../data/economies.csv?raw';
import { numericIndex, alpha3, normaliseNumeric } from '../src/lib/iso.js';

const index = numericIndex(economies);

describe('ISO 3166-1 numeric → alpha-3', () => {
  it('maps padded and unpadded ids', () => {
    expect(alpha3(index, '276')).toBe('DEU');
    expect(alpha3(index, '004')).toBe('AFG');
    expect(alpha3(index, 4)).toBe('AFG');
    expect(alpha3(index, '840')).toBe('USA');
    expect(alpha3(index, '156')).toBe('CHN');
    expect(alpha3(index, '404')).toBe('KEN');
    expect(alpha3(index, '702')).toBe('SGP');
    expect(alpha3(index, '999')).toBe('');
    expect(alpha3(index, undefined)).toBe('');
    expect(normaliseNumeric('12a')).toBe('');
  });
  it('covers every world-atlas shape that has an ISO id', () => {
    const ids = feature(world, world.objects.countries).features.map((f) => f.id).filter(Boolean);
    const missing = ids.filter((id) => !alpha3(index, id));
    expect(missing).toEqual([]);
    expect(ids.length).toBeGreaterThan(230);
  });
  it('agrees with Debian iso-codes where installed', () => {
    const debian = '/usr/share/iso-codes/json/iso_3166-1.json';
    if (!existsSync(debian)) return;
    const entries = JSON.parse(readFileSync(debian, 'utf8'))['3166-1'];
    let checked = 0;
    for (const e of entries) {
      if (!index.has(e.numeric)) continue;
      expect(alpha3(index, e.numeric)).toBe(e.alpha_3);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(240);
  });
});
