import { expandTemplate } from './template';

const data = {
  JsonData: { cluster: 'prod-eu', timeout: 30, oauthPassThru: true },
  SecureJsonData: { token: 'abc.def' },
};

describe('expandTemplate', () => {
  it('expands SecureJsonData and JsonData, with or without spaces inside the braces', () => {
    expect(expandTemplate('Bearer {{ .SecureJsonData.token }}', data)).toBe('Bearer abc.def');
    expect(expandTemplate('{{.JsonData.cluster}}/{{ .JsonData.timeout }}/{{ .JsonData.oauthPassThru }}', data)).toBe(
      'prod-eu/30/true'
    );
  });

  it('prints a missing value as Go does: <no value>', () => {
    expect(expandTemplate('Bearer {{ .SecureJsonData.missing }}', data)).toBe('Bearer <no value>');
    expect(expandTemplate('{{ .JsonData.nope }}', { JsonData: {}, SecureJsonData: {} })).toBe('<no value>');
  });

  it('leaves text without placeholders alone', () => {
    expect(expandTemplate('application/json', data)).toBe('application/json');
  });

  it('refuses expressions it does not implement', () => {
    expect(() => expandTemplate('{{ .URL }}', data)).toThrow(/unsupported/);
    expect(() => expandTemplate('{{ .SecureJsonData.token | printf "%s" }}', data)).toThrow(/unsupported/);
  });
});
