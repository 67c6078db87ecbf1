/**
 * The values a route template can read, as Grafana passes them to Go's text/template
 * (pkg/api/pluginproxy/utils.go interpolateString; templateData in ds_auth_provider.go): `.JsonData` is a
 * map[string]any, `.SecureJsonData` a map[string]string (decrypted), `.URL` the data source URL.
 */
export interface TemplateData {
  JsonData: Record<string, unknown>;
  SecureJsonData: Record<string, string | undefined>;
  URL?: string;
}

/** Go's text/template prints a missing map entry as "<no value>" (missingkey=default) and a nil as "<nil>". */
const GO_NO_VALUE = '<no value>';
const GO_NIL = '<nil>';
const MISSING = Symbol('missing map key');

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'print'; field: string[] }
  | { kind: 'if'; branches: Array<{ field: string[]; body: Node[] }>; otherwise: Node[] };

type Token = { kind: 'text'; text: string } | { kind: 'action'; expr: string };

const ACTION = /\{\{([\s\S]*?)\}\}/g;
const FIELD = /^(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function unsupported(expr: string, why = 'unsupported'): Error {
  return new Error(`proxy harness: ${why} route template expression {{${expr}}}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const m of text.matchAll(ACTION)) {
    if (m.index > at) {
      tokens.push({ kind: 'text', text: text.slice(at, m.index) });
    }
    tokens.push({ kind: 'action', expr: m[1] });
    at = m.index + m[0].length;
  }
  if (at < text.length) {
    tokens.push({ kind: 'text', text: text.slice(at) });
  }
  return tokens;
}

function parseField(expr: string, raw: string): string[] {
  if (!FIELD.test(expr)) {
    throw unsupported(raw);
  }
  return expr.slice(1).split('.');
}

/** Parses nodes until `{{ end }}`/`{{ else ... }}` (returned as the stop word) or the end of the tokens. */
function parseList(tokens: Token[], pos: { i: number }): { nodes: Node[]; stop?: { word: string; raw: string } } {
  const nodes: Node[] = [];
  while (pos.i < tokens.length) {
    const tok = tokens[pos.i++];
    if (tok.kind === 'text') {
      nodes.push(tok);
      continue;
    }
    const raw = tok.expr;
    if (raw.startsWith('-') || raw.endsWith('-') || raw.trim().startsWith('/*')) {
      throw unsupported(raw); // trim markers and comments: our routes use neither
    }
    const expr = raw.trim();
    if (expr === 'end' || expr === 'else' || expr.startsWith('else if ')) {
      return { nodes, stop: { word: expr, raw } };
    }
    if (expr.startsWith('if ')) {
      nodes.push(parseIf(tokens, pos, parseField(expr.slice(3).trim(), raw), raw));
      continue;
    }
    nodes.push({ kind: 'print', field: parseField(expr, raw) });
  }
  return { nodes };
}

function parseIf(tokens: Token[], pos: { i: number }, first: string[], raw: string): Node {
  const branches: Array<{ field: string[]; body: Node[] }> = [];
  let field = first;
  for (;;) {
    const { nodes, stop } = parseList(tokens, pos);
    if (!stop) {
      throw unsupported(raw, 'unterminated (no {{ end }})');
    }
    branches.push({ field, body: nodes });
    if (stop.word === 'end') {
      return { kind: 'if', branches, otherwise: [] };
    }
    if (stop.word === 'else') {
      const rest = parseList(tokens, pos);
      if (rest.stop?.word !== 'end') {
        throw unsupported(raw, 'unterminated (no {{ end }} after {{ else }})');
      }
      return { kind: 'if', branches, otherwise: rest.nodes };
    }
    field = parseField(stop.word.slice('else if '.length).trim(), stop.raw);
  }
}

/** Field chain lookup as Go does it on our data: a missing map key is "missing", not an error. */
function lookup(data: TemplateData, field: string[]): unknown {
  const [top, ...rest] = field;
  if (top !== 'JsonData' && top !== 'SecureJsonData' && top !== 'URL') {
    throw new Error(`proxy harness: can't evaluate field ${top} in the route template data`);
  }
  let value: unknown = top === 'URL' ? (data.URL ?? '') : data[top];
  for (const key of rest) {
    if (value === MISSING || value === null) {
      return MISSING; // Go: a field of a missing entry is missing too
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`proxy harness: can't evaluate field ${key} in a ${typeof value} (route template)`);
    }
    const map = value as Record<string, unknown>;
    value = Object.prototype.hasOwnProperty.call(map, key) && map[key] !== undefined ? map[key] : MISSING;
  }
  return value;
}

/** Go's template truth: missing, nil, false, 0, "" and empty maps or slices are false. */
function isTrue(value: unknown): boolean {
  if (value === MISSING || value === null || value === undefined) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (typeof value === 'object') {
    return Object.keys(value).length > 0;
  }
  return Boolean(value);
}

function goPrint(value: unknown, field: string[]): string {
  if (value === MISSING) {
    return GO_NO_VALUE;
  }
  if (value === null) {
    return GO_NIL;
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'number' && !String(value).includes('e')) {
    return String(value);
  }
  // Go prints maps, slices and exponent floats its own way; our routes never print them
  throw new Error(`proxy harness: printing .${field.join('.')} (${JSON.stringify(value)}) is not supported`);
}

function render(nodes: Node[], data: TemplateData): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
    } else if (node.kind === 'print') {
      out += goPrint(lookup(data, node.field), node.field);
    } else {
      const branch = node.branches.find((b) => isTrue(lookup(data, b.field)));
      out += render(branch ? branch.body : node.otherwise, data);
    }
  }
  return out;
}

/**
 * Expands a route header, URL or URL-parameter template the way Grafana's Go text/template does, for the
 * subset our plugin.json uses: `{{ .JsonData.x }}`, `{{ .SecureJsonData.y }}`, `{{ .URL }}` and
 * `{{ if X }}…{{ else if Y }}…{{ else }}…{{ end }}` over those fields. Anything else throws, so a route that
 * needs more cannot silently pass in tests.
 */
export function expandTemplate(text: string, data: TemplateData): string {
  const pos = { i: 0 };
  const { nodes, stop } = parseList(tokenize(text), pos);
  if (stop) {
    throw unsupported(stop.raw, `unexpected {{ ${stop.word} }} in`);
  }
  return render(nodes, data);
}
