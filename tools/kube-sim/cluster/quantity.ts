/** resource.Quantity strings in the canonical form the API server writes. */

const BINARY: Array<[string, number]> = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

/** Decimal canonical form of an integer: the largest multiple-of-3 exponent that stays exact ("1500", "15k", "2M"). */
export function decimalQuantity(n: number): string {
  let v = Math.round(n);
  if (v === 0) {
    return '0';
  }
  const suffixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  while (i < suffixes.length - 1 && v % 1000 === 0) {
    v /= 1000;
    i++;
  }
  return `${v}${suffixes[i]}`;
}

/** BinarySI canonical form for bytes ("128Mi", "732212Ki"); values that do not divide by 1024 fall back to decimal. */
export function binaryQuantity(bytes: number): string {
  const v = Math.round(bytes);
  if (v === 0) {
    return '0';
  }
  for (const [suffix, size] of BINARY) {
    if (Math.abs(v) >= size && v % size === 0) {
      return `${v / size}${suffix}`;
    }
  }
  return decimalQuantity(v);
}

/** CPU in cores as requests/capacity are usually written: "2", "250m". */
export function cpuQuantity(cores: number): string {
  const milli = Math.round(cores * 1000);
  if (milli === 0) {
    return '0';
  }
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** A nanocore count in canonical DecimalSI ("487558164n", "12u", "250m", "0"), as metrics-server writes CPU usage. */
export function nanoQuantity(nanos: number): string {
  let v = Math.max(0, Math.round(nanos));
  if (v === 0) {
    return '0';
  }
  const suffixes = ['n', 'u', 'm', '', 'k'];
  let i = 0;
  while (i < suffixes.length - 1 && v % 1000 === 0) {
    v /= 1000;
    i++;
  }
  return `${v}${suffixes[i]}`;
}
