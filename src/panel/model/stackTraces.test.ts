import { LOG_LEVELS } from '../../common/logLevel';
import { LogStore } from './logStore';

const lvl = (name: string) => LOG_LEVELS.indexOf(name as (typeof LOG_LEVELS)[number]);

/** The lines as one source's log, in one batch: the groups the store forms, as lists of lines. */
function groups(lines: string[], levels: string[] = []): string[][] {
  const store = new LogStore(1000);
  store.append({
    length: lines.length,
    times: lines.map((_, i) => i),
    bodies: lines,
    texts: lines,
    levels: lines.map((_, i) => lvl(levels[i] ?? 'unknown')),
    sources: lines.map(() => 0),
  });
  const out: string[][] = [];
  const byHead = new Map<number, string[]>();
  store.heads.forEach((head, i) => {
    let g = byHead.get(head);
    if (!g) {
      g = [];
      byHead.set(head, g);
      out.push(g);
    }
    g.push(store.texts[i]);
  });
  return out;
}

// Fixtures written from each runtime's trace format (names and paths made up).
const JAVA = [
  'Exception in thread "main" java.lang.IllegalStateException: cart is empty',
  '\tat com.example.shop.Checkout.total(Checkout.java:42)',
  '\tat com.example.shop.Checkout.run(Checkout.java:17) ~[shop-1.4.2.jar:1.4.2]',
  '\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885) [spring-webmvc-6.1.3.jar:6.1.3]',
  '\tat scala.collection.immutable.List.foreach(List.scala:333)',
  '\tat jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
  '\tat java.base/java.lang.Thread.run(Thread.java:1583)',
  'Caused by: java.lang.NullPointerException: Cannot invoke "Item.price()" because "item" is null',
  '\tat com.example.shop.Cart.sum(Cart.java:88)',
  '\t... 3 more',
  '\tSuppressed: java.io.IOException: close failed',
  '\t\tat com.example.shop.Store.close(Store.java:9)',
  '\t\t... 4 common frames omitted',
];

const KOTLIN = [
  'kotlin.KotlinNullPointerException',
  '\tat com.example.app.MainKt.main(Main.kt:7)',
  '\tat com.example.app.MainKt.main(Main.kt)',
];

const PYTHON = [
  'Traceback (most recent call last):',
  '  File "/app/server.py", line 52, in handle',
  '    order = load_order(request.args["id"])',
  '            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
  '  File "/app/orders.py", line 18, in load_order',
  '    raise ValueError(f"no order {order_id}")',
  'ValueError: no order 42',
];

const PYTHON_CHAINED = [
  'Traceback (most recent call last):',
  '  File "/app/db.py", line 10, in connect',
  '    return pool.get()',
  'TimeoutError: pool exhausted',
  '',
  'During handling of the above exception, another exception occurred:',
  '',
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 4, in <module>',
  '    connect()',
  'RuntimeError: database unavailable',
];

const PYTHON_GROUP = [
  '  + Exception Group Traceback (most recent call last):',
  '  |   File "/app/jobs.py", line 30, in <module>',
  '  |     asyncio.run(main())',
  '  | ExceptionGroup: 2 jobs failed (2 sub-exceptions)',
  '  +-+---------------- 1 ----------------',
  '    | ValueError: job 1',
  '    +---------------- 2 ----------------',
  "    | KeyError: 'job 2'",
  '    +------------------------------------',
];

const GO_DUMP = [
  'SIGQUIT: quit',
  'PC=0x46e1c1 m=0 sigcode=0',
  '',
  'goroutine 0 gp=0x5a2f40 m=0 mp=0x5a3800 [idle]:',
  'runtime.futex(0x5a3940, 0x80, 0x0, 0x0, 0x0, 0x0)',
  '\t/usr/local/go/src/runtime/sys_linux_amd64.s:557 +0x21 fp=0x7ffd5c0c0e28 sp=0x7ffd5c0c0e20 pc=0x46e1c1',
];

const GO = [
  'panic: runtime error: index out of range [5] with length 3',
  '',
  'goroutine 1 [running]:',
  'main.pick(...)',
  '\t/src/app/main.go:12',
  'main.main()',
  '\t/src/app/main.go:8 +0x1d',
  '',
  'goroutine 18 [chan receive]:',
  'net/http.(*conn).serve(0xc000150000, {0x6e1f10, 0xc000114f30})',
  '\t/usr/local/go/src/net/http/server.go:2009 +0x5f4',
  'created by net/http.(*Server).Serve in goroutine 1',
  '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
];

const NODE = [
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at getUser (/app/src/users.js:14:22)',
  '    at /app/src/routes.js:31:5',
  '    at async Promise.all (index 0)',
  '    at async handler (file:///app/src/server.mjs:9:3)',
  '    at Array.map (<anonymous>)',
  '    at new Session (/app/src/session.js:3:11)',
];

const DOTNET = [
  'System.InvalidOperationException: Order 42 has no lines',
  " ---> System.ArgumentNullException: Value cannot be null. (Parameter 'source')",
  '   at System.Linq.ThrowHelper.ThrowArgumentNullException(ExceptionArgument argument)',
  '   at Shop.Orders.Total(Order order) in /src/Shop/Orders.cs:line 27',
  '   --- End of inner exception stack trace ---',
  '   at Shop.Orders.Checkout(Int32 id) in /src/Shop/Orders.cs:line 12',
  '--- End of stack trace from previous location ---',
  '   at Shop.Program.<Main>$(String[] args) in /src/Shop/Program.cs:line 5',
  '   at Shop.Repo`1.Find[TKey](TKey key)',
];

describe('stack trace detection', () => {
  it.each([
    ['Java', JAVA],
    ['Kotlin', KOTLIN],
    ['Python', PYTHON],
    ['Python, chained exceptions', PYTHON_CHAINED],
    ['Go', GO],
    ['Node.js', NODE],
    ['.NET', DOTNET],
  ])('groups a %s trace with the line that starts it', (_, trace) => {
    expect(groups(['starting', ...trace, 'ready'])).toEqual([['starting'], trace, ['ready']]);
  });

  it('keeps an exception group’s tree inside its Python traceback', () => {
    const trace = ['Traceback (most recent call last):', '  File "/app/jobs.py", line 12, in run', ...PYTHON_GROUP];
    // the group's tree is indented, so it joins the traceback it is printed in
    expect(groups(['starting', ...trace])).toEqual([['starting'], trace]);
  });

  it('groups a Go goroutine dump from its first goroutine line', () => {
    expect(groups(GO_DUMP)).toEqual([['SIGQUIT: quit'], ['PC=0x46e1c1 m=0 sigcode=0'], [''], GO_DUMP.slice(3)]);
  });

  it('closes a Python traceback at its exception line', () => {
    expect(groups([...PYTHON, '  indented text after it', 'next'])).toEqual([
      PYTHON,
      ['  indented text after it'],
      ['next'],
    ]);
  });

  it('ends a Go trace at the first line that is not part of it', () => {
    expect(groups([...GO.slice(0, 7), 'exit status 2'])).toEqual([GO.slice(0, 7), ['exit status 2']]);
  });

  it('joins an exception to the error line that reported it, and gives the frames that level', () => {
    const store = new LogStore(100);
    const lines = ['12:00:01 ERROR [main] c.e.Shop - checkout failed', ...JAVA.slice(1, 4)];
    const withException = [lines[0], 'java.lang.IllegalStateException: cart is empty', ...lines.slice(1)];
    store.append({
      length: withException.length,
      times: withException.map((_, i) => i),
      bodies: withException,
      texts: withException,
      levels: withException.map((_, i) => (i === 0 ? lvl('error') : lvl('unknown'))),
      sources: withException.map(() => 0),
    });
    expect(store.heads).toEqual([0, 0, 0, 0, 0]);
    expect(store.levels.map((l) => LOG_LEVELS[l])).toEqual(['error', 'error', 'error', 'error', 'error']);
    expect(
      groups(['ERROR something failed', 'Traceback (most recent call last):', ...PYTHON.slice(1)], ['error'])
    ).toHaveLength(1);
    // an info line is not what an exception explains
    expect(groups(['INFO all good', 'java.lang.IllegalStateException: x'], ['info'])).toHaveLength(2);
  });

  it('does not join prose that looks a little like a frame', () => {
    const prose = [
      'We met',
      '  at the door',
      '  at noon (UTC)',
      '    at home: resting',
      '... and 3 more things',
      '\tFile "notes.txt" was saved',
      'Caused by: the weather',
      'main.go is the entry point',
      '',
    ];
    expect(groups(prose)).toEqual(prose.map((l) => [l]));
  });

  it('does not let loose continuation shapes join outside a trace', () => {
    // an indented line, "Caused by:" and a Go function line only join a group already in a trace
    expect(groups(['config:', '    port: 8080', 'Caused by: x', 'main.main()'])).toHaveLength(4);
  });

  it('keeps sources apart: frames join their own source’s line', () => {
    const store = new LogStore(100);
    const texts = ['Error: boom', 'listening on :8080', '    at run (/app/a.js:1:2)', '    at /app/a.js:3:4'];
    store.append({
      length: 4,
      times: [1, 2, 3, 4],
      bodies: texts,
      texts,
      levels: [lvl('error'), lvl('info'), lvl('unknown'), lvl('unknown')],
      sources: [0, 1, 0, 0],
    });
    expect(store.heads).toEqual([0, 1, 0, 0]);
    expect(store.levels.map((l) => LOG_LEVELS[l])).toEqual(['error', 'info', 'error', 'error']);
  });

  it('looks at a bounded share of very long lines', () => {
    const long = `    at ${'x'.repeat(100_000)} (/app/a.js:1:2)`;
    expect(groups(['Error: boom', long])).toHaveLength(2);
  });
});
