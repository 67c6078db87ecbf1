import { ansiRuns, ESC_SYMBOL, stripTerminal } from './terminal';

describe('stripTerminal', () => {
  it('leaves lines without escapes alone', () => {
    const line = 'GET /healthz 200';
    expect(stripTerminal(line)).toBe(line);
  });

  it('removes SGR, cursor moves, screen clears and OSC titles and links', () => {
    expect(stripTerminal('\x1b[1;31mred\x1b[0m')).toBe('red');
    expect(stripTerminal('\x1b[2J\x1b[Hhome\x1b[1A\x1b[?25l')).toBe('home');
    expect(stripTerminal('\x1b]0;title\x07after')).toBe('after');
    expect(stripTerminal('a \x1b]8;;https://x.example/\x1b\\link\x1b]8;;\x1b\\ b')).toBe('a link b');
    expect(stripTerminal('\x1bPq#0;2;0;0;0\x1b\\sixel gone')).toBe('sixel gone');
    expect(stripTerminal('\x1b(Bcharset\x1b7saved')).toBe('charsetsaved');
  });

  it('shows a lone ESC as a symbol and keeps the text of an unterminated OSC visible', () => {
    expect(stripTerminal('end\x1b')).toBe(`end${ESC_SYMBOL}`);
    expect(stripTerminal('\x1b]8;;http://x')).toBe('8;;http://x');
  });

  it('does not let removing one sequence splice another together', () => {
    expect(stripTerminal('\x1b\x1b[2J[31mtext')).toBe(`${ESC_SYMBOL}[31mtext`);
  });
});

describe('ansiRuns', () => {
  it('turns SGR into styled runs whose text joins to the stripped line', () => {
    const raw = 'ok \x1b[1;32mPASS\x1b[0m \x1b[4;38;5;208mwarn\x1b[m \x1b[48;2;300;0;0mbg\x1b[0m';
    const runs = ansiRuns(raw);
    expect(runs.map((r) => r.text).join('')).toBe(stripTerminal(raw));
    const pass = runs.find((r) => r.text === 'PASS')!;
    expect(pass.style).toMatchObject({ bold: true, color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(runs.find((r) => r.text === 'warn')!.style).toMatchObject({ underline: true, color: expect.any(String) });
    // RGB values out of range are clamped to a valid hex colour
    expect(runs.find((r) => r.text === 'bg')!.style!.background).toBe('#ff0000');
    expect(runs.find((r) => r.text === 'ok ')!.style).toBeUndefined();
  });

  it('drops non-SGR sequences and never yields an escape character', () => {
    const raw = '\x1b]0;t\x07\x1b[31mred\x1b[2Kline\x1b';
    const text = ansiRuns(raw)
      .map((r) => r.text)
      .join('');
    expect(text).toBe(stripTerminal(raw));
    expect(text).not.toContain('\x1b');
  });

  it('picks palette colours for the theme', () => {
    expect(ansiRuns('\x1b[34mx', true)[0].style!.color).not.toBe(ansiRuns('\x1b[34mx', false)[0].style!.color);
  });

  it('ignores the hidden attribute so text cannot be hidden from the reader', () => {
    const [run] = ansiRuns('\x1b[8msecret');
    expect(run.text).toBe('secret');
    expect(run.style).toBeUndefined();
  });
});
