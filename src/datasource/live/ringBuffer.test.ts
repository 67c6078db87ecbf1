import { RingBuffer } from './ringBuffer';

function contents(b: RingBuffer): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < b.size; i++) {
    out.push([b.timeAt(i), b.valueAt(i)]);
  }
  return out;
}

describe('RingBuffer', () => {
  it('keeps points oldest first and grows up to its capacity', () => {
    const b = new RingBuffer(100, 2);
    for (let t = 1; t <= 50; t++) {
      b.push(t * 1000, t / 2);
    }
    expect(b.size).toBe(50);
    expect(b.timeAt(0)).toBe(1000);
    expect(b.lastTime()).toBe(50_000);
    expect(b.valueAt(49)).toBe(25);
  });

  it('drops the oldest point once full, wrapping around its arrays', () => {
    const b = new RingBuffer(4, 4);
    for (let t = 1; t <= 10; t++) {
      b.push(t, t * 10);
    }
    expect(b.size).toBe(4);
    expect(contents(b)).toEqual([
      [7, 70],
      [8, 80],
      [9, 90],
      [10, 100],
    ]);
  });

  it('copies a time range across the wrap point, bounds included', () => {
    const b = new RingBuffer(5, 5);
    for (let t = 1; t <= 8; t++) {
      b.push(t * 10, t);
    } // holds 40..80, physically split after 50
    expect(b.copyRange(50, 70)).toEqual({ times: [50, 60, 70], values: [5, 6, 7] });
    expect(b.copyRange(45, 1000)).toEqual({ times: [50, 60, 70, 80], values: [5, 6, 7, 8] });
    expect(b.copyRange(-Infinity, Infinity).times).toEqual([40, 50, 60, 70, 80]);
    expect(b.copyRange(81, 90)).toEqual({ times: [], values: [] });
    expect(b.copyRange(0, 39)).toEqual({ times: [], values: [] });
  });

  it('forgets points older than a time, then keeps appending', () => {
    const b = new RingBuffer(6, 2);
    for (let t = 1; t <= 9; t++) {
      b.push(t, -t);
    }
    b.dropBefore(6);
    expect(b.copyRange(-Infinity, Infinity).times).toEqual([6, 7, 8, 9]);
    b.push(10, -10);
    b.push(11, -11);
    b.push(12, -12);
    expect(contents(b)).toEqual([
      [7, -7],
      [8, -8],
      [9, -9],
      [10, -10],
      [11, -11],
      [12, -12],
    ]);
    b.dropBefore(100);
    expect(b.size).toBe(0);
    expect(b.lastTime()).toBeUndefined();
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(2.5)).toThrow(RangeError);
  });
});
