import {
  ContainerToSize,
  cpuQuantity,
  memoryQuantity,
  MIN_SAMPLES,
  roundCpuUp,
  roundMemoryUp,
  shellQuote,
  suggest,
  usageQuantiles,
} from './sizing';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** `n` values evenly from lo to hi */
function spread(lo: number, hi: number, n = 20): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function container(over: Partial<ContainerToSize> = {}): ContainerToSize {
  return {
    namespace: 'shop',
    pod: 'web-7d9f8-abcde',
    container: 'app',
    sidecar: false,
    cpu: usageQuantiles(spread(0.05, 0.2)),
    memory: usageQuantiles(spread(100 * MiB, 200 * MiB)),
    current: { cpuRequest: 1, memoryRequest: 1 * GiB, memoryLimit: 2 * GiB },
    ...over,
  };
}

describe('usage quantiles', () => {
  it('gives p50, p95 and max of the values held', () => {
    const q = usageQuantiles(spread(1, 20))!;
    expect(q.p50).toBeCloseTo(10.5, 10);
    expect(q.p95).toBeCloseTo(19.05, 10);
    expect(q.max).toBe(20);
    expect(q.samples).toBe(20);
    expect(usageQuantiles([])).toBeUndefined();
  });
});

describe('rounding to Kubernetes quantities', () => {
  it('rounds CPU up to 5m below a core and 50m above, never below 10m', () => {
    expect(roundCpuUp(0.2301)).toBe(0.235);
    expect(roundCpuUp(0.235)).toBe(0.235);
    expect(roundCpuUp(1.26)).toBe(1.3);
    expect(roundCpuUp(0.0001)).toBe(0.01);
    expect(cpuQuantity(0.235)).toBe('235m');
    expect(cpuQuantity(2)).toBe('2');
  });

  it('rounds memory up to 16 MiB below a GiB and 128 MiB above, never below 16 MiB', () => {
    expect(roundMemoryUp(230 * MiB)).toBe(240 * MiB);
    expect(roundMemoryUp(1.1 * GiB)).toBe(1152 * MiB);
    expect(roundMemoryUp(1)).toBe(16 * MiB);
    expect(memoryQuantity(240 * MiB)).toBe('240Mi');
    expect(memoryQuantity(2 * GiB)).toBe('2Gi');
  });
});

describe('suggestions', () => {
  it('requests p95 plus 15 % and limits memory at max plus 30 %, leaving an absent CPU limit absent', () => {
    const s = suggest(container());
    // cpu p95 = 0.05 + 0.15 × 18.05 / 19 = 0.1925; × 1.15 = 0.2214 -> 225m
    expect(s.cpuRequest).toBe(0.225);
    expect(s.cpuLimit).toBeUndefined();
    // memory p95 = 195 MiB; × 1.15 = 224.25 MiB -> 240 MiB; max 200 MiB × 1.3 = 260 MiB -> 272 MiB
    expect(s.memoryRequest).toBe(240 * MiB);
    expect(s.memoryLimit).toBe(272 * MiB);
  });

  it('writes a resize command that patches only what the container sets now', () => {
    const s = suggest(container());
    expect(s.command).toBe(
      `kubectl patch pod web-7d9f8-abcde -n shop --subresource=resize --patch ` +
        `'{"spec":{"containers":[{"name":"app","resources":{"requests":{"cpu":"225m","memory":"240Mi"},"limits":{"memory":"272Mi"}}}]}}'`
    );
  });

  it('keeps a request equal to its limit equal, at the larger suggestion', () => {
    const s = suggest(container({ current: { cpuRequest: 1, cpuLimit: 1, memoryRequest: GiB, memoryLimit: GiB } }));
    expect(s.cpuRequest).toBe(s.cpuLimit);
    // cpu max 0.2 × 1.3 = 0.26 beats p95 × 1.15
    expect(s.cpuLimit).toBe(0.26);
    expect(s.memoryRequest).toBe(272 * MiB);
    expect(s.memoryLimit).toBe(272 * MiB);
  });

  it('suggests a CPU limit only where one is set, never below the request', () => {
    const flat = usageQuantiles(Array(20).fill(0.5));
    const s = suggest(container({ cpu: flat, current: { cpuRequest: 0.1, cpuLimit: 2 } }));
    expect(s.cpuRequest).toBe(0.575);
    expect(s.cpuLimit).toBe(0.65);
  });

  it('patches a sidecar under initContainers', () => {
    expect(suggest(container({ sidecar: true })).command).toContain('{"spec":{"initContainers":[{"name":"app"');
  });

  it('gives no command for a container with no requests or limits, and says why', () => {
    const s = suggest(container({ current: {} }));
    expect(s.command).toBeUndefined();
    expect(s.memoryRequest).toBe(240 * MiB);
    expect(s.note).toMatch(/BestEffort/);
  });

  it(`suggests nothing from fewer than ${MIN_SAMPLES} samples, and says how many there are`, () => {
    const s = suggest(container({ cpu: usageQuantiles([0.1, 0.2, 0.3]), memory: usageQuantiles([MiB, MiB, MiB]) }));
    expect(s).toEqual({ note: `3 of the ${MIN_SAMPLES} samples a suggestion needs` });
  });
});

describe('shell quoting', () => {
  it('leaves plain words alone and single-quotes the rest so the shell passes them through as they are', () => {
    expect(shellQuote('web-1')).toBe('web-1');
    expect(shellQuote('{"a":1}')).toBe(`'{"a":1}'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
