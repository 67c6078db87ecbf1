import { checkSettings, hasOAuthSession } from './settingsCheck';

const URL = 'https://10.0.0.1:6443';

describe('checkSettings', () => {
  it('passes complete token settings', () => {
    expect(checkSettings({ url: URL, jsonData: {}, secureJsonFields: { token: true } }, undefined)).toEqual([]);
  });

  it('tells a missing token from a bad one (the proxy would send no Authorization at all)', () => {
    const [p] = checkSettings({ url: URL, jsonData: { authMethod: 'token' }, secureJsonFields: {} }, undefined);
    expect(p).toMatchObject({ severity: 'error', message: 'No token is set.' });
    expect(p.remedy).toMatch(/create token/);
  });

  it('names the missing half of a client certificate', () => {
    const problems = checkSettings(
      { url: URL, jsonData: { authMethod: 'clientCert', tlsAuth: true }, secureJsonFields: { tlsClientCert: true } },
      undefined
    );
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/the key is not set/)]);
  });

  it('catches a CA switched on but never pasted', () => {
    const problems = checkSettings(
      { url: URL, jsonData: { tlsAuthWithCACert: true }, secureJsonFields: { token: true } },
      undefined
    );
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/no CA certificate is set/)]);
  });

  it('reports the URL problem first', () => {
    const problems = checkSettings({ url: '', jsonData: {}, secureJsonFields: {} }, undefined);
    expect(problems[0].message).toMatch(/URL is empty/);
  });

  it('says a user signed in without OAuth has no identity to forward', () => {
    const json = { authMethod: 'oauth' as const, oauthPassThru: true };
    const noSession = checkSettings(
      { url: URL, jsonData: json, secureJsonFields: {} },
      { authenticatedBy: 'password' }
    );
    expect(noSession[0].message).toMatch(/signed in to Grafana with password/);
    expect(
      checkSettings({ url: URL, jsonData: json, secureJsonFields: {} }, { authenticatedBy: 'oauth_generic_oauth' })
    ).toEqual([]);
  });
});

describe('hasOAuthSession', () => {
  it.each([
    ['oauth_generic_oauth', true],
    ['oauth_azuread', true],
    ['password', false],
    ['ldap', false],
    ['authproxy', false],
    [undefined, undefined],
  ])('%s → %s', (by, expected) => {
    expect(hasOAuthSession({ authenticatedBy: by })).toBe(expected);
  });
});
