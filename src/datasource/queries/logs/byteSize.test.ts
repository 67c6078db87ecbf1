import { formatByteSize, parseByteSize } from './byteSize';

describe('byte sizes as people write them', () => {
  it.each([
    ['2 MiB', 2 * 1024 * 1024],
    ['2MiB', 2 * 1024 * 1024],
    ['512Ki', 512 * 1024],
    ['1.5 MB', 1_500_000],
    ['4096', 4096],
    ['1 gib', 1024 ** 3],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('leaves an empty box empty and refuses what is not a size', () => {
    expect(parseByteSize('  ')).toBeUndefined();
    for (const bad of ['two MiB', '2 MiBs', '-1', '0', '1e3', '0.1']) {
      expect(parseByteSize(bad)).toBeNull();
    }
  });

  it('writes a size back in its shortest exact form, so it reads as it was typed', () => {
    expect(formatByteSize(2 * 1024 * 1024)).toBe('2 MiB');
    expect(formatByteSize(512 * 1024)).toBe('512 KiB');
    expect(formatByteSize(1_500_000)).toBe('1500000');
    for (const text of ['2 MiB', '512 KiB', '3 GiB']) {
      expect(formatByteSize(parseByteSize(text)!)).toBe(text);
    }
  });
});
