/**
 * labelSelector and fieldSelector as the API server parses them (apimachinery labels/selector.go and
 * fields/selector.go): equality, set-based and existence requirements, ANDed by commas.
 */

export type LabelOp = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const QUALIFIED_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (!prefix || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) {
      return `key: Invalid value: "${key}": prefix part must be a valid DNS subdomain`;
    }
  }
  if (!name || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return (
      `key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', ` +
      `and must start and end with an alphanumeric character`
    );
  }
  return undefined;
}

function validValue(v: string): string | undefined {
  if (v === '') {
    return undefined;
  }
  if (v.length > 63 || !QUALIFIED_NAME.test(v)) {
    return (
      `values[0][key]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric ` +
      `characters, '-', '_' or '.', and must start and end with an alphanumeric character`
    );
  }
  return undefined;
}

type Tok = { t: 'id' | 'op' | ',' | '(' | ')' | 'end'; v: string };

const SPECIAL = new Set([' ', '\t', '\n', ',', '=', '!', '(', ')', '<', '>']);

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === ',' || c === '(' || c === ')') {
      out.push({ t: c, v: c });
      i++;
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = s.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        out.push({ t: 'op', v: two });
        i += 2;
      } else {
        out.push({ t: 'op', v: c });
        i++;
      }
    } else {
      let j = i;
      while (j < s.length && !SPECIAL.has(s[j])) {
        j++;
      }
      out.push({ t: 'id', v: s.slice(i, j) });
      i = j;
    }
  }
  out.push({ t: 'end', v: '' });
  return out;
}

function describe(tok: Tok): string {
  return tok.t === 'end' ? "''" : `'${tok.v}'`;
}

/** Parses a labelSelector; the empty string selects everything. */
export function parseLabelSelector(input: string): Parsed<LabelRequirement[]> {
  const toks = lex(input);
  const reqs: LabelRequirement[] = [];
  let p = 0;
  const fail = (m: string): Parsed<LabelRequirement[]> => ({ ok: false, message: `unable to parse requirement: ${m}` });
  if (toks[0].t === 'end') {
    return { ok: true, value: [] };
  }
  for (;;) {
    let tok = toks[p++];
    if (tok.t === 'op' && tok.v === '!') {
      const key = toks[p++];
      if (key.t !== 'id') {
        return fail(`found ${describe(key)}, expected: identifier`);
      }
      const bad = validKey(key.v);
      if (bad) {
        return fail(bad);
      }
      reqs.push({ key: key.v, op: '!', values: [] });
    } else if (tok.t === 'id') {
      const key = tok.v;
      const bad = validKey(key);
      if (bad) {
        return fail(bad);
      }
      tok = toks[p];
      if (tok.t === ',' || tok.t === 'end') {
        reqs.push({ key, op: 'exists', values: [] });
      } else if (tok.t === 'op' && tok.v !== '!') {
        p++;
        const op: LabelOp = tok.v === '!=' ? '!=' : tok.v === '>' ? 'gt' : tok.v === '<' ? 'lt' : '=';
        let value = '';
        if (toks[p].t === 'id') {
          value = toks[p++].v;
        } else if (op === 'gt' || op === 'lt' || (toks[p].t !== ',' && toks[p].t !== 'end')) {
          return fail(`found ${describe(toks[p])}, expected: identifier`);
        }
        if ((op === 'gt' || op === 'lt') && !/^-?\d+$/.test(value)) {
          return fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        }
        const badValue = validValue(value);
        if (badValue) {
          return fail(badValue);
        }
        reqs.push({ key, op, values: [value] });
      } else if (tok.t === 'id' && (tok.v === 'in' || tok.v === 'notin')) {
        p++;
        if (toks[p].t !== '(') {
          return fail(`found ${describe(toks[p])}, expected: '('`);
        }
        p++;
        const values: string[] = [];
        for (;;) {
          const v = toks[p];
          if (v.t === 'id') {
            const badValue = validValue(v.v);
            if (badValue) {
              return fail(badValue);
            }
            values.push(v.v);
            p++;
          } else if (v.t === ',' || v.t === ')') {
            // an empty element, e.g. "in (a,,b)" or "in ()", is the empty value
            values.push('');
          } else {
            return fail(`found ${describe(v)}, expected: ',', ')' or identifier`);
          }
          const sep = toks[p];
          if (sep.t === ',') {
            p++;
            continue;
          }
          if (sep.t === ')') {
            p++;
            break;
          }
          return fail(`found ${describe(sep)}, expected: ',' or ')'`);
        }
        reqs.push({ key, op: tok.v, values });
      } else {
        return fail(`found ${describe(tok)}, expected: in, notin, =, ==, !=, gt, lt`);
      }
    } else {
      return fail(`found ${describe(tok)}, expected: !, identifier`);
    }
    const sep = toks[p++];
    if (sep.t === 'end') {
      return { ok: true, value: reqs };
    }
    if (sep.t !== ',') {
      return fail(`found ${describe(sep)}, expected: ','`);
    }
  }
}

export function matchLabels(reqs: LabelRequirement[], labels: Record<string, string>): boolean {
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels[r.key] : undefined;
    switch (r.op) {
      case '=':
        if (v !== r.values[0]) {
          return false;
        }
        break;
      case '!=':
        if (v === r.values[0]) {
          return false;
        }
        break;
      case 'in':
        if (v === undefined || !r.values.includes(v)) {
          return false;
        }
        break;
      case 'notin':
        if (v !== undefined && r.values.includes(v)) {
          return false;
        }
        break;
      case 'exists':
        if (!has) {
          return false;
        }
        break;
      case '!':
        if (has) {
          return false;
        }
        break;
      case 'gt':
      case 'lt': {
        if (v === undefined || !/^-?\d+$/.test(v)) {
          return false;
        }
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > bound) : !(n < bound)) {
          return false;
        }
        break;
      }
    }
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Splits on a separator that is not escaped with a backslash. */
function splitUnescaped(s: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      parts.push(cur);
      cur = '';
    } else {
      cur += s[i];
    }
  }
  parts.push(cur);
  return parts;
}

function unescapeFieldValue(v: string): string | undefined {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\') {
      const n = v[i + 1];
      if (n !== '\\' && n !== ',' && n !== '=') {
        return undefined;
      }
      out += n;
      i++;
    } else if (v[i] === ',' || v[i] === '=') {
      return undefined;
    } else {
      out += v[i];
    }
  }
  return out;
}

/** Parses a fieldSelector ("a=b,c!=d"); field names are checked per resource by the caller. */
export function parseFieldSelector(input: string): Parsed<FieldRequirement[]> {
  if (input.trim() === '') {
    return { ok: true, value: [] };
  }
  const reqs: FieldRequirement[] = [];
  for (const part of splitUnescaped(input, ',')) {
    const m = /^([^=!]*?)(!=|==|=)(.*)$/.exec(part);
    const field = m?.[1].trim();
    if (!m || !field) {
      return { ok: false, message: `invalid selector: '${input}'; can't understand '${part}'` };
    }
    const value = unescapeFieldValue(m[3]);
    if (value === undefined) {
      return { ok: false, message: `invalid selector: '${input}'; can't understand '${part}'` };
    }
    reqs.push({ field, op: m[2] === '!=' ? '!=' : '=', value });
  }
  return { ok: true, value: reqs };
}

export function matchFields(reqs: FieldRequirement[], get: (field: string) => string | undefined): boolean {
  for (const r of reqs) {
    const v = get(r.field) ?? '';
    if (r.op === '=' ? v !== r.value : v === r.value) {
      return false;
    }
  }
  return true;
}
