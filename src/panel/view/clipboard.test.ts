import { copyText } from './clipboard';

describe('copyText', () => {
  const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
  afterEach(() => {
    if (original) {
      Object.defineProperty(navigator, 'clipboard', original);
    }
    delete (document as { execCommand?: unknown }).execCommand;
  });

  it('uses the Clipboard API when there is one', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await expect(copyText('a line')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('a line');
  });

  it('falls back to a selected textarea and execCommand, and cleans up', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });
    let selected = '';
    const execCommand = jest.fn(() => {
      selected = (document.activeElement as HTMLTextAreaElement | null)?.value ?? '';
      return true;
    });
    Object.assign(document, { execCommand });
    await expect(copyText('fallback line')).resolves.toBe(true);
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(selected).toBe('fallback line');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('falls back when the Clipboard API refuses', async () => {
    const writeText = jest.fn().mockRejectedValue(new Error('denied'));
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    Object.assign(document, { execCommand: jest.fn(() => true) });
    await expect(copyText('x')).resolves.toBe(true);
  });
});
