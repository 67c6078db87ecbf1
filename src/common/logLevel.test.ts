import { detectLevel, LOG_LEVELS, LogLevel, normalizeLevel } from './logLevel';

function expectLevels(cases: Array<[string, LogLevel]>) {
  for (const [line, level] of cases) {
    expect([line, detectLevel(line)]).toEqual([line, level]);
  }
}

describe('detectLevel on JSON lines', () => {
  it('reads the usual level keys and spellings', () => {
    expectLevels([
      ['{"level":"info","ts":1767348000.1,"msg":"started"}', 'info'],
      ['{"level":"INFO","msg":"x"}', 'info'],
      ['{"ts":1,"lvl":"warn","msg":"slow"}', 'warning'],
      ['{"severity":"WARNING","message":"disk 91% full"}', 'warning'],
      ['{"@timestamp":"2026-01-02T10:00:00Z","log.level":"error","message":"x"}', 'error'],
      ['{"asctime":"2026-01-02 10:00:00","levelname":"ERROR","message":"x"}', 'error'],
      ['{"level":"err","msg":"x"}', 'error'],
      ['{"level":"fatal","msg":"x"}', 'critical'],
      ['{"level":"panic","msg":"x"}', 'critical'],
      ['{"level":"dpanic","msg":"x"}', 'critical'],
      ['{"level":"crit","msg":"x"}', 'critical'],
      ['{"level":"debug","msg":"x"}', 'debug'],
      ['{"level":"trace","msg":"x"}', 'trace'],
      ['{"Level":"Information","MessageTemplate":"x"}', 'info'],
      ['{"log":{"level":"warn","logger":"app"},"message":"x"}', 'warning'],
      ['  { "level" : "error" , "msg" : "spaced out" }', 'error'],
    ]);
  });

  it('maps bunyan/pino numeric levels 10..60', () => {
    expectLevels([
      ['{"level":10,"msg":"x"}', 'trace'],
      ['{"level":20,"msg":"x"}', 'debug'],
      ['{"name":"api","hostname":"web-1","pid":1,"level":30,"msg":"x"}', 'info'],
      ['{"level":40,"msg":"x"}', 'warning'],
      ['{"level":50,"msg":"x"}', 'error'],
      ['{"level":60,"msg":"x"}', 'critical'],
    ]);
  });

  it('finds the key after long other fields', () => {
    const line = `{"msg":"${'x'.repeat(3000)}","level":"error"}`;
    expect(detectLevel(line)).toBe('error');
  });

  it('does not take a level word from inside a string value', () => {
    expectLevels([
      ['{"msg":"the \\"level\\": error happened"}', 'unknown'],
      ['{"msg":"ERROR in upstream","status":500}', 'unknown'],
    ]);
  });
});

describe('detectLevel on logfmt and klog', () => {
  it('reads level=, lvl= and severity=, quoted or not, any case', () => {
    expectLevels([
      ['time="2026-01-02T10:00:00Z" level=warn msg="slow query"', 'warning'],
      ['ts=2026-01-02T10:00:00Z lvl=error msg=boom', 'error'],
      ['severity=debug component=cache', 'debug'],
      ['level="info" msg="quoted"', 'info'],
      ['level=ERROR msg="upper"', 'error'],
      ['caller=main.go:12 level=warn msg="ERROR words in the message do not win"', 'warning'],
    ]);
  });

  it('reads the klog prefix letter', () => {
    expectLevels([
      ['I1123 10:00:00.123456       1 controller.go:123] Synced', 'info'],
      ['W1123 10:00:00.123456       1 reflector.go:424] watch closed', 'warning'],
      ['E1123 10:00:00.123456       1 server.go:77] failed', 'error'],
      ['F1123 10:00:00.123456       1 main.go:9] cannot start', 'critical'],
    ]);
  });

  it('does not mistake ordinary words starting with I/W/E/F for klog', () => {
    expectLevels([
      ['Everything is fine', 'unknown'],
      ['Initialized 4 workers', 'unknown'],
    ]);
  });
});

describe('detectLevel on plain-text prefixes', () => {
  it('reads common leading forms', () => {
    expectLevels([
      ['ERROR something broke', 'error'],
      ['[error] upstream timed out', 'error'],
      ['WARN: deprecated flag', 'warning'],
      ['<info> listening', 'info'],
      ['Error: Cannot find module "x"', 'error'],
      ['warning: ignoring unknown option', 'warning'],
      ['E: Unable to locate package foo', 'error'],
      ['WARNING:root:low disk space', 'warning'],
      ['INFO[0042] starting server', 'info'],
      ['[Warning] config reloaded', 'warning'],
      ['<3>kernel said no', 'error'],
      ['<6>all good', 'info'],
    ]);
  });

  it('finds the level after a timestamp (log4j, Spring, nginx, Serilog, zap console)', () => {
    expectLevels([
      ['2026-01-02 10:00:00,123 ERROR [main] com.example.Service - failed', 'error'],
      ['2026-01-02T10:00:00.123Z  WARN 1 --- [main] o.s.b.StartupInfoLogger : slow start', 'warning'],
      ['2026/01/02 10:00:00 [error] 7#7: *1 connect() failed', 'error'],
      ['[10:00:00 INF] Application started', 'info'],
      ['2026-01-02T10:00:00.000Z\tDEBUG\tcache/lru.go:40\tevicted', 'debug'],
      ['Jan 02 10:00:00 host app[1]: FATAL: out of memory', 'critical'],
    ]);
  });

  it('strips ANSI colours before looking', () => {
    expectLevels([
      ['\x1b[32mINFO\x1b[0m listening on :8080', 'info'],
      ['\x1b[31m[ERROR]\x1b[0m boom', 'error'],
      ['\x1b[33mWARN\x1b[0m[0001] retrying', 'warning'],
      ['2026-01-02 10:00:00 \x1b[1;31mERROR\x1b[0m failed', 'error'],
      ['\x1b[90m{"level":"debug","msg":"x"}', 'debug'],
    ]);
  });

  it('says unknown when nothing states a level', () => {
    expectLevels([
      ['10.0.0.7 - - [02/Jan/2026:10:00:00 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"', 'unknown'],
      ['the error count is 0', 'unknown'],
      ['Information superhighway', 'unknown'],
      ['[main] started', 'unknown'],
      ['', 'unknown'],
    ]);
  });

  it('looks only at the head of a plain line', () => {
    expect(detectLevel(`${'x'.repeat(300)} ERROR late`)).toBe('unknown');
    expect(detectLevel(`${'x '.repeat(50)}ERROR early enough`)).toBe('error');
  });
});

describe('normalizeLevel', () => {
  it.each<[string, LogLevel]>([
    ['WARN', 'warning'],
    ['warning', 'warning'],
    ['Information', 'info'],
    ['notice', 'info'],
    ['err', 'error'],
    ['EMERG', 'critical'],
    ['fatal', 'critical'],
    ['dbg', 'debug'],
    ['verbose', 'trace'],
    [' info ', 'info'],
    ['iNfO', 'info'],
    ['50', 'error'],
    ['35', 'info'],
    ['E', 'error'],
    ['garbage', 'unknown'],
    ['', 'unknown'],
  ])('%j is %s', (text, level) => {
    expect(normalizeLevel(text)).toBe(level);
  });
});

describe('LOG_LEVELS', () => {
  it('lists every level, most severe first, in Grafana spelling', () => {
    expect(LOG_LEVELS).toEqual(['critical', 'error', 'warning', 'info', 'debug', 'trace', 'unknown']);
  });
});
