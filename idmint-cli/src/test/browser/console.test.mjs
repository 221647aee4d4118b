// Drives the idmint web console in Debian's headless Chromium (playwright-core, no downloaded browser) against a
// real `idmint serve` that ConsoleBrowserTest started. Exits 0 when every check passed, 1 otherwise; prints one
// line per check and a closing "N passed, N failed".
//
// env: IDMINT_URL (http://127.0.0.1:PORT), IDMINT_TOKEN (the server's bearer token), IDMINT_SCREENSHOT (a .png
// path), CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';

const base = process.env.IDMINT_URL;
const token = process.env.IDMINT_TOKEN;
const screenshot = process.env.IDMINT_SCREENSHOT;
if (!base || !token) {
  console.error('usage: IDMINT_URL=http://127.0.0.1:PORT IDMINT_TOKEN=... node console.test.mjs');
  process.exit(2);
}
const origin = new URL(base);
if (origin.hostname !== '127.0.0.1') {
  console.error(`refusing to test anything but 127.0.0.1: ${base}`);
  process.exit(2);
}

// Discord's documented example (discord.com/developers/docs/reference#snowflakes): 2016-04-30T11:18:25.796Z,
// internal worker 1 (idmint's datacenter field), process 0 (worker), increment 7 (sequence).
const DISCORD_ID = '175928847299117063';
const DISCORD_HEX = '0x0271065ac1020007';
// RFC 9562's UUIDv7 test vector: unix_ts_ms 0x017F22E279B0 = 2022-02-22T19:22:22.000Z, rand_a 0xCC3.
const RFC_UUID7 = '017f22e2-79b0-7cc3-98c4-dc0c0c07398f';
const GARBAGE = ['not-an-id', '12345678901234567890123'];

const results = [];
const started = Date.now();
function check(name, ok, detail) {
  results.push({ name, ok: !!ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
}

const consoleErrors = [];
const foreignRequests = [];
const expectedRejections = new Set(); // decode URLs the test expects to fail (401 without the token, 400 for garbage)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let load;
let loading = false;
try {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
  // Nothing may leave 127.0.0.1: every other request is recorded and aborted.
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname === '127.0.0.1' && u.port === origin.port) {
      return route.continue();
    }
    if (u.protocol === 'data:') return route.continue();
    foreignRequests.push(u.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url || '';
    const path = url.startsWith(base) ? url.slice(base.length) : url;
    if (/^Failed to load resource: the server responded with a status of (400|401)/.test(msg.text())
        && [...expectedRejections].some((p) => path.startsWith(p))) {
      return; // Chromium logs every 4xx; these are the rejections the test asks for
    }
    consoleErrors.push(`${msg.text()} @ ${url}`);
  });
  page.on('pageerror', (e) => consoleErrors.push('uncaught: ' + e.message));

  // Load: the page, then its first polls.
  const response = await page.goto(`${base}/?interval=250`, { waitUntil: 'load' });
  check('GET / answers 200 with a Content-Security-Policy', response.status() === 200
    && /connect-src 'self'/.test(response.headers()['content-security-policy'] || ''));
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && Number(document.body.dataset.polls) >= 2,
    null, { timeout: 15000 });
  check('the page polls /api/v1/stats and lists the generators',
    (await page.locator('#inspect-generator option').allTextContents()).join(',') === 'default (default),discord (discord),uploads (uuid7)');
  check('health panel shows UP', (await page.locator('#status').getAttribute('data-status')) === 'UP');

  // Load the service while the page polls, from this process (Node's fetch, 127.0.0.1 only).
  loading = true;
  load = (async () => {
    while (loading) {
      await fetch(`${base}/api/v1/ids?count=500`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
      await fetch(`${base}/api/v1/ids`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
    }
  })();
  const rateBefore = await page.locator('#rate-chart path[data-series]').getAttribute('d');
  await page.waitForFunction(() => {
    const p = document.querySelector('#rate-chart path[data-series]');
    const lat = document.querySelector('#latency-chart path[data-series="default p99"]');
    return p && Number(p.dataset.points) >= 4 && lat && Number(lat.dataset.points) >= 2
      && document.getElementById('rate-now').textContent !== '–' && document.getElementById('p99').textContent !== '–';
  }, null, { timeout: 20000 });
  const rateAfter = await page.locator('#rate-chart path[data-series]').getAttribute('d');
  const rateNow = await page.locator('#rate-now').textContent();
  check('the rate chart updates as IDs are issued', rateAfter !== rateBefore && rateNow !== '0.0', `now ${rateNow} IDs/s`);
  check('latency percentiles appear', /s$/.test(await page.locator('#p99').textContent()),
    `p50 ${await page.locator('#p50').textContent()}, p99 ${await page.locator('#p99').textContent()}`);
  await page.selectOption('#rate-generator', 'default');
  await page.waitForFunction(() => Number(document.querySelector('#latency-chart path[data-series="p99"]')?.dataset.points) >= 2,
    null, { timeout: 10000 });
  check('per-generator latency chart draws p50, p99 and p99.9',
    (await page.locator('#latency-chart path[data-series]').count()) === 3);
  check('sequence utilisation shows the 50 % and 80 % thresholds',
    (await page.locator('#sequence-chart line.threshold').count()) === 2
    && (await page.locator('#sequence .gauge[data-generator="default"] .mark').count()) === 2);
  check('lease table has a row per generator', (await page.locator('#leases tbody tr').count()) === 3);
  check('the layout panel shows each end of life',
    (await page.locator('#layouts').textContent()).includes('2084-09-06T15:47:35.552Z'));

  // The inspector: first without the token (the API's rule holds), then with it.
  async function inspect(generator, text, format = 'auto') {
    const done = Number(await page.locator('#inspect-results').getAttribute('data-done') || 0);
    await page.selectOption('#inspect-generator', generator);
    await page.selectOption('#inspect-format', format);
    await page.fill('#inspect-input', text);
    await page.click('#inspect-button');
    await page.waitForFunction((n) => Number(document.getElementById('inspect-results').dataset.done || 0) > n, done,
      { timeout: 15000 });
    return page.locator('#inspect-results .result');
  }
  expectedRejections.add(`/api/v1/ids/${DISCORD_ID}?generator=discord`);
  let r = await inspect('discord', DISCORD_ID);
  check('without the token the inspector shows the 401 and asks for it',
    (await r.first().getAttribute('data-status')) === '401' && /bearer token/.test(await r.first().textContent()));
  expectedRejections.clear();

  await page.fill('#token', token);
  r = await inspect('discord', `${DISCORD_ID}\n${DISCORD_HEX}`);
  const first = r.first();
  const field = async (name) => first.locator(`.bitfield[data-field="${name}"]`).getAttribute('data-value');
  const value = async (key) => first.locator(`dd[data-key="${key}"]`).textContent();
  check('Discord\'s documented ID decodes exactly (no 2^53 rounding)',
    (await first.getAttribute('data-valid')) === 'true' && (await first.getAttribute('data-id')) === DISCORD_ID,
    await first.getAttribute('data-id'));
  check('its fields drawn on the bit layout: timestamp 41944705796, datacenter 1, worker 0, sequence 7',
    (await field('timestamp')) === '41944705796' && (await field('datacenter')) === '1' && (await field('worker')) === '0'
    && (await field('sequence')) === '7');
  check('its timestamp in UTC', (await value('utc')) === '2016-04-30T11:18:25.796Z', await value('utc'));
  check('and in local time (Asia/Tokyo)', (await value('local')).startsWith('2016-04-30 20:18:25.796 +09:00'), await value('local'));
  check('the same ID as hex decodes to the same ID', (await r.nth(1).getAttribute('data-id')) === DISCORD_ID);
  const digits = (await first.locator('.bitfield .digits').allTextContents()).join('');
  check('the bit strip spells the ID\'s 64 bits', digits === BigInt(DISCORD_ID).toString(2).padStart(64, '0'));

  for (const g of GARBAGE) expectedRejections.add(`/api/v1/ids/${encodeURIComponent(g)}?generator=discord`);
  r = await inspect('discord', `${GARBAGE[0]}, ${DISCORD_ID}, ${GARBAGE[1]}`);
  const states = await r.evaluateAll((els) => els.map((e) => e.dataset.valid));
  const messages = await page.locator('#inspect-results .result.error .message').allTextContents();
  check('garbage is rejected with the server\'s message, the valid ID between still decodes',
    states.join(',') === 'false,true,false' && /not an ID: 'not-an-id'/.test(messages[0]) && messages.length === 2,
    messages.join(' | '));
  check('the summary counts them', (await page.locator('#inspect-summary').textContent()).startsWith('1 decoded, 2 invalid'));
  expectedRejections.clear();

  r = await inspect('uploads', RFC_UUID7);
  const u = r.first();
  check('a UUIDv7 decodes on its 128-bit layout', (await u.getAttribute('data-valid')) === 'true'
    && (await u.locator('.bitfield[data-field="timestamp_ms"]').getAttribute('data-value')) === '1645557742000'
    && (await u.locator('.bitfield[data-field="counter"]').getAttribute('data-value')) === String(0xcc3)
    && (await u.locator('dd[data-key="utc"]').textContent()) === '2022-02-22T19:22:22.000Z');

  // A screenshot with the Discord ID decoded.
  expectedRejections.add(`/api/v1/ids/${GARBAGE[0]}?generator=discord`);
  await inspect('discord', `${DISCORD_ID}\n${GARBAGE[0]}`);
  if (screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  loading = false;
  await load;
  check('no console errors', consoleErrors.length === 0, consoleErrors.join(' | '));
  check('no request left 127.0.0.1', foreignRequests.length === 0, foreignRequests.join(' '));
} catch (e) {
  check('the run finished', false, e.stack || String(e));
} finally {
  loading = false;
  await browser.close();
}
if (load) {
  await load.catch(() => {});
}
const failed = results.filter((x) => !x.ok).length;
console.log(`browser run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
