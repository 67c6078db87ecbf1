import { Span, SpanSource } from './timelineTypes';

/**
 * Collects "from this time the state was X" facts in any order and turns them into a lane's spans. At equal
 * times the fact added last wins, so readers add general facts first and more specific ones after.
 */
export class SpanPoints {
  private readonly points: Array<{ ms: number; state: string | null; order: number }> = [];

  /** ignores a fact without a time: a state is never placed at a guessed moment */
  at(ms: number | undefined, state: string | null): void {
    if (ms !== undefined && Number.isFinite(ms)) {
      this.points.push({ ms, state, order: this.points.length });
    }
  }

  /** the earliest time any fact is known, or undefined */
  get firstMs(): number | undefined {
    let first: number | undefined;
    for (const p of this.points) {
      first = first === undefined || p.ms < first ? p.ms : first;
    }
    return first;
  }

  /** time-ordered spans; a repeated state continues the span before it */
  spans(source: SpanSource = 'api'): Span[] {
    const sorted = [...this.points].sort((a, b) => a.ms - b.ms || a.order - b.order);
    const out: Span[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const p = sorted[i];
      if (i + 1 < sorted.length && sorted[i + 1].ms === p.ms) {
        continue;
      }
      const last = out[out.length - 1];
      if (last && last.state === p.state) {
        continue;
      }
      out.push({ startMs: p.ms, state: p.state, source });
    }
    return out;
  }
}
