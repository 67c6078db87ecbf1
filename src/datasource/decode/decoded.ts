import { quantityToNumber } from './quantity';

/** What a list decoder answers: the items it could read, and why the others were left out. */
export interface Decoded<T> {
  items: T[];
  /** items left out, each with the reason */
  problems: string[];
}

/** Reads a quantity, recording a problem instead of throwing so one bad value does not lose the rest. */
export function readQuantity(value: unknown, where: string, problems: string[]): number | undefined {
  try {
    return quantityToNumber(value);
  } catch (e) {
    problems.push(`${where}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
