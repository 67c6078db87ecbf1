import { inertPieces, inertString, visibleEscape } from './inertText';

describe('inert text', () => {
  it('returns ordinary text as one piece', () => {
    expect(inertPieces('plain\ttext\nnext')).toEqual(['plain\ttext\nnext']);
  });

  it('shows bidi controls, NUL and other controls as visible escapes', () => {
    expect(inertPieces('a\u202Eb')).toEqual(['a', { shown: '⟨U+202E⟩' }, 'b']);
    expect(inertString('x\u0000y\u0007\u2066z\u2069\u200F')).toBe('x⟨U+0000⟩y⟨U+0007⟩⟨U+2066⟩z⟨U+2069⟩⟨U+200F⟩');
    expect(inertString('c1 \u009b csi')).toBe('c1 ⟨U+009B⟩ csi');
    expect(visibleEscape('\u061C')).toBe('⟨U+061C⟩');
  });

  it('drops line-ending carriage returns but shows others', () => {
    expect(inertString('windows line\r')).toBe('windows line');
    expect(inertString('progress 10%\rprogress 20%')).toBe('progress 10%⟨U+000D⟩progress 20%');
  });
});
