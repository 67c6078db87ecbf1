/** A response that parsed as JSON but is not the shape Kubernetes sends. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly what: string,
    readonly problem: string
  ) {
    super(`Unexpected ${what} from the API server: ${problem}`);
  }
}

/** The `items` array of a Kubernetes list, or a DecodeError naming what arrived instead. */
export function listItems(body: unknown, what: string): unknown[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const got = body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body;
    throw new DecodeError(what, `expected a JSON object, got ${got}`);
  }
  const items = (body as { items?: unknown }).items;
  if (items === null || items === undefined) {
    // the API server writes `items: null` for an empty list in some versions
    return [];
  }
  if (!Array.isArray(items)) {
    throw new DecodeError(what, '`items` is not an array');
  }
  return items;
}
