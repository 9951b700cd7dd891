import { createRandom, weightedPick } from './random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed, numbers and strings alike', () => {
    const draw = (seed: number | string): number[] => {
      const r = createRandom(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw('7')).toEqual(draw(7));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('keeps next, int, pick and chance in range', () => {
    const r = createRandom('range');
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = r.int(-2, 2);
      expect(n >= -2 && n <= 2 && Number.isInteger(n)).toBe(true);
      seen.add(n);
      expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    }
    expect(seen.size).toBe(5);
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
  });

  it('refuses impossible ranges and empty picks', () => {
    const r = createRandom(1);
    expect(() => r.int(3, 2)).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);
  });

  it('weights picks roughly in proportion', () => {
    const r = createRandom('weights');
    let heavy = 0;
    for (let i = 0; i < 10000; i++)
      if (
        weightedPick(r, [
          ['heavy', 9],
          ['light', 1],
        ]) === 'heavy'
      )
        heavy++;
    expect(heavy).toBeGreaterThan(8700);
    expect(heavy).toBeLessThan(9300);
  });
});
