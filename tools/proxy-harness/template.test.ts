import { readFileSync } from 'fs';
import { join } from 'path';

import { expandTemplate, TemplateData } from './template';

// Models Go's text/template as Grafana runs it on route templates (pkg/api/pluginproxy/utils.go interpolateString).
const data: TemplateData = {
  JsonData: { cluster: 'prod-eu', timeout: 30, oauthPassThru: true, off: false, zero: 0, empty: '', nothing: null },
  SecureJsonData: { token: 'abc.def' },
  URL: 'https://kube.example:6443',
};

/** The Authorization template of our plugin.json's routes, read from the file so the test follows it. */
const ourTokenTemplate: string = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'src', 'datasource', 'plugin.json'), 'utf8')
).routes.find((r: { headers?: unknown[] }) => r.headers)?.headers[0].content;

describe('expandTemplate (Go text/template, as utils.go interpolateString runs it)', () => {
  it('expands SecureJsonData, JsonData and URL, with or without spaces inside the braces', () => {
    expect(expandTemplate('Bearer {{ .SecureJsonData.token }}', data)).toBe('Bearer abc.def');
    expect(expandTemplate('{{.JsonData.cluster}}/{{ .JsonData.timeout }}/{{ .JsonData.oauthPassThru }}', data)).toBe(
      'prod-eu/30/true'
    );
    expect(expandTemplate('{{ .URL }}/api', data)).toBe('https://kube.example:6443/api');
  });

  it('prints a missing key as Go does, <no value>, and a JSON null as <nil>', () => {
    expect(expandTemplate('Bearer {{ .SecureJsonData.missing }}', data)).toBe('Bearer <no value>');
    expect(expandTemplate('{{ .JsonData.nope }}', { JsonData: {}, SecureJsonData: {} })).toBe('<no value>');
    expect(expandTemplate('{{ .JsonData.nope.deeper }}', data)).toBe('<no value>');
    expect(expandTemplate('{{ .JsonData.nothing }}', data)).toBe('<nil>');
  });

  it('takes if / else if / else with Go truth: missing, false, 0, "" and null are false', () => {
    const t = '{{ if .JsonData.X }}x{{ else if .SecureJsonData.token }}token{{ else }}none{{ end }}';
    for (const falsy of ['nope', 'off', 'zero', 'empty', 'nothing']) {
      expect(expandTemplate(t.replace('X', falsy), data)).toBe('token');
    }
    expect(expandTemplate(t.replace('X', 'cluster'), data)).toBe('x');
    expect(expandTemplate(t.replace('X', 'nope'), { JsonData: {}, SecureJsonData: { token: '' } })).toBe('none');
    expect(expandTemplate('a{{ if .JsonData.off }}b{{ end }}c', data)).toBe('ac');
  });

  it('gives our route header: the token, nothing in OAuth mode, nothing (not "Bearer <no value>") without one', () => {
    expect(ourTokenTemplate).toContain('{{ if .JsonData.oauthPassThru }}');
    expect(expandTemplate(ourTokenTemplate, { JsonData: {}, SecureJsonData: { token: 't0k' } })).toBe('Bearer t0k');
    expect(
      expandTemplate(ourTokenTemplate, { JsonData: { oauthPassThru: true }, SecureJsonData: { token: 't' } })
    ).toBe('');
    expect(expandTemplate(ourTokenTemplate, { JsonData: {}, SecureJsonData: {} })).toBe('');
  });

  it('leaves text without actions alone', () => {
    expect(expandTemplate('application/json', data)).toBe('application/json');
  });

  it('refuses loudly what it does not implement', () => {
    for (const t of [
      '{{ . }}',
      '{{ .SecureJsonData.token | printf "%s" }}',
      '{{- .URL }}',
      '{{/* note */}}',
      '{{ with .JsonData.cluster }}x{{ end }}',
      '{{ if .JsonData.cluster }}unterminated',
      '{{ end }}',
      '{{ .Other }}',
      '{{ .JsonData }}',
      '{{ .JsonData.cluster.name }}',
    ]) {
      expect(() => expandTemplate(t, data)).toThrow(/proxy harness/);
    }
  });
});
