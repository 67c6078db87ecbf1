import { launchChromium } from '/work/main/tools/browser-checks/chromium';
(async () => {
  const b = await launchChromium();
  const page = await b.context.newPage(); await page.setViewportSize({ width: 1400, height: 2400 });
  page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
  page.on('pageerror', (e) => console.log('pageerror', e.message.slice(0, 500)));
  await page.goto(process.argv[2] ?? 'http://127.0.0.1:3300/');
  await page.waitForTimeout(8000);
  await page.screenshot({ path: '/tmp/shot.png', fullPage: false });
  await b.close();
})();
