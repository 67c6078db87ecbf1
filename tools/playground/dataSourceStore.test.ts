import { applyUpdate, type StoredDataSource, toBrowser } from './dataSourceStore';

const stored: StoredDataSource = {
  uid: 'u',
  name: 'n',
  url: 'http://127.0.0.1:6443',
  jsonData: { authMethod: 'token' },
  secureJsonData: { token: 'secret' },
};

describe('toBrowser', () => {
  it('says which secrets are set without their values', () => {
    const seen = toBrowser(stored);
    expect(seen.secureJsonFields).toEqual({ token: true });
    expect(JSON.stringify(seen)).not.toContain('secret');
  });
});

describe('applyUpdate', () => {
  it('keeps a secret the save did not send, replaces one it sent, and clears one sent empty', () => {
    const kept = applyUpdate(stored, { url: 'http://other', jsonData: { tlsSkipVerify: true } });
    expect(kept.secureJsonData).toEqual({ token: 'secret' });
    expect(kept.url).toBe('http://other');
    expect(kept.jsonData).toEqual({ tlsSkipVerify: true });

    expect(applyUpdate(stored, { secureJsonData: { token: 'new' } }).secureJsonData).toEqual({ token: 'new' });
    expect(applyUpdate(stored, { secureJsonData: { token: '' } }).secureJsonData).toEqual({});
  });
});
