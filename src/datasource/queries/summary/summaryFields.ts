/**
 * Typed readers of a kubelet Summary body's fields (from parseJsonFast): each checks what it reads and fails with
 * the field's path (`pods[3].cpu.usageCoreNanoSeconds should be a non-negative integer, got string "x"`).
 */
import { DecodeError } from '../../decode/decodeError';
import { Json64Object, Json64Value } from '../../decode/json64';
import { ExactJson } from '../../decode/json64Fast';
import { parseKubeTime } from '../../decode/kubeTime';

export const WHAT = 'kubelet stats summary';

/**
 * How a value read from the parsed body becomes exact (json64Fast.ts): set by `readingExactly` for the length of
 * one decode, which runs to the end synchronously, so every reader below sees the body being decoded.
 */
let exact: ExactJson['exact'] = (v) => v;

/** Runs `decode` with the readers below reading the body's values through `how`. */
export function readingExactly<T>(how: ExactJson['exact'], decode: () => T): T {
  exact = how;
  try {
    return decode();
  } finally {
    exact = (v) => v;
  }
}

export function fail(path: string, problem: string): never {
  throw new DecodeError(WHAT, `${path} ${problem}`);
}

/** A field's path for messages: `pods[2].cpu` + `time`; top-level fields have no prefix. */
export function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function kindOf(v: Json64Value | undefined): string {
  if (v === null) {
    return 'null';
  }
  if (Array.isArray(v)) {
    return 'an array';
  }
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`;
}

/** An optional nested object: absent or null is undefined. */
export function objectAt(parent: Json64Object, key: string, path: string): Json64Object | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    fail(at(path, key), `should be an object, got ${kindOf(v)}`);
  }
  return v as Json64Object;
}

/** A list that the kubelet may write as null or leave out: both mean empty. */
export function arrayAt(parent: Json64Object, key: string, path: string): Json64Value[] {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return [];
  }
  if (!Array.isArray(v)) {
    fail(at(path, key), `should be an array, got ${kindOf(v)}`);
  }
  return v;
}

export function elementObject(element: Json64Value, path: string): Json64Object {
  const v = exact(element);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    fail(path, `should be an object, got ${kindOf(v)}`);
  }
  return v;
}

export function requiredString(parent: Json64Object, key: string, path: string): string {
  const v = exact(parent[key]);
  if (typeof v !== 'string') {
    fail(at(path, key), v === undefined ? 'is missing' : `should be a string, got ${kindOf(v)}`);
  }
  return v;
}

export function optionalString(parent: Json64Object, key: string, path: string): string | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    fail(at(path, key), `should be a string, got ${kindOf(v)}`);
  }
  return v;
}

/**
 * Date.parse is slow, and a Summary repeats a few sample times hundreds of times (every stats block has one):
 * times already read are remembered, a bounded number of them.
 */
const TIMES = new Map<string, number | undefined>();
const TIMES_KEPT = 1024;

function kubeTime(text: string): number | undefined {
  let ms = TIMES.get(text);
  if (ms === undefined && !TIMES.has(text)) {
    if (TIMES.size >= TIMES_KEPT) {
      TIMES.clear();
    }
    ms = parseKubeTime(text);
    TIMES.set(text, ms);
  }
  return ms;
}

/** metav1.Time: RFC 3339 text, or null for the zero time. */
export function timeAt(parent: Json64Object, key: string, path: string): number | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  const ms = typeof v === 'string' ? kubeTime(v) : undefined;
  if (ms === undefined) {
    fail(at(path, key), `should be an RFC 3339 time, got ${kindOf(v)}`);
  }
  return ms;
}

/** A uint64 counter, exact. */
export function counterAt(parent: Json64Object, key: string, path: string): bigint | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'bigint' && v >= BigInt(0)) {
    return v;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    return BigInt(v);
  }
  return fail(at(path, key), `should be a non-negative integer, got ${kindOf(v)}`);
}

/** A uint64 gauge, as a number (exact below 2^53, which byte and inode gauges stay under in practice). */
export function gaugeAt(parent: Json64Object, key: string, path: string): number | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    return v;
  }
  if (typeof v === 'bigint' && v >= BigInt(0)) {
    return Number(v);
  }
  return fail(at(path, key), `should be a non-negative integer, got ${kindOf(v)}`);
}

export function floatAt(parent: Json64Object, key: string, path: string): number | undefined {
  const v = exact(parent[key]);
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  return fail(at(path, key), `should be a number, got ${kindOf(v)}`);
}

/** Sets `key` only when there is a value, so absent fields stay absent rather than present-but-undefined. */
export function put<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) {
    target[key] = value;
  }
}

export function newest(...times: Array<number | undefined>): number | undefined {
  let max: number | undefined;
  for (const t of times) {
    if (t !== undefined && (max === undefined || t > max)) {
      max = t;
    }
  }
  return max;
}

export type FieldReader = (parent: Json64Object, key: string, path: string) => unknown;

/** A stats block's fields: our name -> how to read it and (when it differs) the kubelet's JSON name. */
type FieldSpec<S> = { [K in keyof S]?: FieldReader | [FieldReader, string] };

/** A FieldSpec as a list, made once per block type: a row reads its blocks thousands of times per Summary. */
export type Fields<S> = ReadonlyArray<{ ours: keyof S & string; theirs: string; read: FieldReader }>;

export function fields<S>(spec: FieldSpec<S>): Fields<S> {
  return (Object.keys(spec) as Array<keyof S & string>).map((ours) => {
    const entry = spec[ours]!;
    const [read, theirs] = Array.isArray(entry) ? entry : [entry, ours];
    return { ours, theirs, read };
  });
}

export const TIME: [FieldReader, string] = [timeAt, 'time'];

/** Reads the listed fields from `o` into `into`; absent fields stay absent. */
export function readFields<S extends object>(o: Json64Object, path: string, into: S, list: Fields<S>): S {
  for (let i = 0; i < list.length; i++) {
    const { ours, theirs, read } = list[i];
    put(into, ours, read(o, theirs, path) as S[typeof ours] | undefined);
  }
  return into;
}

/** The optional object `parent[key]` read by `build`, or undefined when the kubelet left it out. */
export function block<S>(
  parent: Json64Object,
  key: string,
  path: string,
  build: (o: Json64Object, path: string) => S
): S | undefined {
  const o = objectAt(parent, key, path);
  return o ? build(o, `${path}.${key}`) : undefined;
}
