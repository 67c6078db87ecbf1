import { cutLine, looksLikeHtml, MAX_QUOTED_BODY, needsSummary, statusLine, summarizeBody } from './errorBody';

// The pages as these servers write them (nginx's is byte for byte its built-in 502 page).
const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';
const HAPROXY_503 =
  '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n';
const APACHE_504 =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>504 Gateway Timeout</title>\n</head><body>\n' +
  '<h1>Gateway Timeout</h1>\n<p>The gateway did not receive a timely response\nfrom the upstream server or application.</p>\n' +
  '<hr>\n<address>Apache/2.4.57 (Debian) Server at k8s.example.com Port 443</address>\n</body></html>\n';

describe('summarizeBody', () => {
  it('nginx: the title, and the signature under the rule as the server; nothing else to say', () => {
    expect(summarizeBody(NGINX_502)).toEqual({
      html: true,
      heading: '502 Bad Gateway',
      server: 'nginx/1.25.3',
      line: undefined,
    });
  });

  it('HAProxy: no title, the h1 as heading and the sentence as the line', () => {
    expect(summarizeBody(HAPROXY_503)).toEqual({
      html: true,
      heading: '503 Service Unavailable',
      server: undefined,
      line: 'No server is available to handle this request.',
    });
  });

  it('Apache: the <address> is the server; the paragraph is one line with its white space collapsed', () => {
    const s = summarizeBody(APACHE_504, { status: 504, statusText: 'Gateway Time-out' });
    expect(s.server).toBe('Apache/2.4.57 (Debian) Server at k8s.example.com Port 443');
    expect(s.heading).toBe('504 Gateway Timeout');
    // the h1 only repeats the status phrase, so the line is the paragraph after it
    expect(s.line).toBe('The gateway did not receive a timely response from the upstream server or application.');
  });

  it('without the status, a line that differs from the heading counts as news', () => {
    expect(summarizeBody(APACHE_504).line).toBe('Gateway Timeout');
  });

  it('a Server header wins over the page', () => {
    expect(summarizeBody(NGINX_502, { server: 'cloudflare' }).server).toBe('cloudflare');
  });

  it('drops scripts, styles, comments and the head; decodes entities', () => {
    const page =
      '<!doctype html><html><head><title>Sign in &ndash; SSO</title><style>body{color:red}</style>' +
      '<script>var x = "<p>not this</p>";</script></head><body><!-- <p>nor this</p> -->' +
      '<div class="x"><p>Please sign in &amp; try again &#8211; or ask &lt;ops&gt;.</p></div></body></html>';
    const s = summarizeBody(page);
    expect(s.heading).toBe('Sign in &ndash; SSO');
    expect(s.line).toBe('Please sign in & try again – or ask <ops>.');
  });

  it('cuts a long line at 200 characters with an ellipsis', () => {
    const s = summarizeBody(`<html><body><p>${'word '.repeat(100)}</p></body></html>`);
    expect(s.line).toHaveLength(200);
    expect(s.line!.endsWith('…')).toBe(true);
  });

  it('plain text: the first non-empty line, cut', () => {
    const big = `\n\npanic: runtime error: index out of range\n${'goroutine 1 [running]:\n'.repeat(200)}`;
    expect(summarizeBody(big)).toEqual({
      html: false,
      server: undefined,
      line: 'panic: runtime error: index out of range',
    });
  });

  it('reads only the start of a huge page', () => {
    const page = `<html><body><p>first</p>${'<div>x</div>'.repeat(200_000)}</body></html>`;
    expect(summarizeBody(page).line).toBe('first');
  });
});

describe('looksLikeHtml and needsSummary', () => {
  it.each([NGINX_502, HAPROXY_503, APACHE_504, '  <!DOCTYPE html><p>x', '<!-- c --><html>'])('%p is HTML', (body) => {
    expect(looksLikeHtml(body)).toBe(true);
    expect(needsSummary(body)).toBe(true);
  });

  it.each([
    '404 page not found',
    'Authentication to data source failed',
    'Forbidden (user=system:serviceaccount:x:y, verb=get, resource=nodes, subresource=proxy)',
    'a <b> in the middle of text',
  ])('%p is quoted as it is', (body) => {
    expect(looksLikeHtml(body)).toBe(false);
    expect(needsSummary(body)).toBe(false);
  });

  it('plain text over the limit is summarised', () => {
    expect(needsSummary('x'.repeat(MAX_QUOTED_BODY))).toBe(false);
    expect(needsSummary('x'.repeat(MAX_QUOTED_BODY + 1))).toBe(true);
  });
});

describe('statusLine and cutLine', () => {
  it('uses the status text, or the standard phrase when there is none (HTTP/2)', () => {
    expect(statusLine(502, 'Bad Gateway')).toBe('502 Bad Gateway');
    expect(statusLine(503, '')).toBe('503 Service Unavailable');
    expect(statusLine(599)).toBe('599');
  });

  it('collapses white space and leaves short text alone', () => {
    expect(cutLine('  a \n\t b  ')).toBe('a b');
    expect(cutLine('abcdef', 4)).toBe('abc…');
  });
});
