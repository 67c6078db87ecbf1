/** The values a route template can read, as Grafana passes them (pkg/api/pluginproxy/utils.go). */
export interface TemplateData {
  JsonData: Record<string, unknown>;
  SecureJsonData: Record<string, string | undefined>;
}

const PLACEHOLDER = /\{\{\s*(.*?)\s*\}\}/g;
const FIELD = /^\.(JsonData|SecureJsonData)\.([A-Za-z_][A-Za-z0-9_]*)$/;

// Go's text/template prints a missing map entry as "<no value>" (missingkey=default)
const GO_NO_VALUE = '<no value>';

function goString(value: unknown): string {
  if (value === undefined || value === null) {
    return GO_NO_VALUE;
  }
  if (typeof value === 'object') {
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * Expands `{{ .JsonData.x }}` and `{{ .SecureJsonData.y }}` the way Grafana's Go template does for route
 * headers and URLs. Anything else inside `{{ }}` is refused loudly: the harness supports what our routes use.
 */
export function expandTemplate(text: string, data: TemplateData): string {
  return text.replace(PLACEHOLDER, (_all, expr: string) => {
    const m = FIELD.exec(expr);
    if (!m) {
      throw new Error(`proxy harness: unsupported route template expression {{ ${expr} }}`);
    }
    const source = m[1] === 'JsonData' ? data.JsonData : data.SecureJsonData;
    return goString(Object.prototype.hasOwnProperty.call(source, m[2]) ? source[m[2]] : undefined);
  });
}
