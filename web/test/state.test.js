import { describe, it, expect } from 'vitest';
import { decodeState, encodeState, apiScope, DEFAULT_STATE } from '../src/lib/state.js';

describe('URL state', () => {
  it('round-trips a full view', () => {
    const s = { view: 'compare', metric: 'operator_jurisdiction:USA', weight: 'h100e', as_of: '2024-11-30', providers: 'reference-nine', iso3: ['DEU', 'FRA', 'KEN'] };
    const text = encodeState(s);
    expect(text).toBe('view=compare&metric=operator_jurisdiction%3AUSA&weight=h100e&as_of=2024-11-30&providers=reference-nine&iso3=DEU,FRA,KEN');
    expect(decodeState(`#${text}`)).toEqual({ ...DEFAULT_STATE, ...s });
  });
  it('leaves defaults out', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('view=map');
    expect(encodeState({ view: 'profile', iso3: ['DEU'] })).toBe('view=profile&iso3=DEU');
  });
  it('falls back to defaults on bad input and cleans the ISO list', () => {
    const s = decodeState('#view=nope&metric=<script>&weight=kg&as_of=yesterday&providers=evil&iso3=deu,XX,DEU,fra&iso3=KEN');
    expect(s).toEqual({ ...DEFAULT_STATE, iso3: ['DEU', 'FRA', 'KEN'] });
    expect(decodeState('')).toEqual({ ...DEFAULT_STATE, iso3: [] });
    expect(decodeState('?view=profile&as_of=2024').as_of).toBe('2024');
  });
  it('builds the API query of a state', () => {
    expect(apiScope(DEFAULT_STATE)).toBe('');
    expect(apiScope({ as_of: '2024-11-30', providers: 'reference-nine', weight: 'mw' })).toBe('as_of=2024-11-30&providers=reference-nine&weight=mw');
    expect(apiScope({ as_of: '', providers: 'all', weight: 'mw' }, { weight: false })).toBe('');
  });
});
