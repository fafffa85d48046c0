// Reads the explorer's pages in headless chromium as a person does (ExplorerBrowserIT):
//
//   node browse.mjs <plan.json>
//
// plan.json: {"base": "http://127.0.0.1:port", "chromium": "/usr/bin/chromium", "screenshots": dir,
//   "l2Transfer": hash, "l2TransferBlock": n, "sender": address, "l1Block": n,
//   "l1Deposit": hash, "withdrawal": {"l2Tx": hash} (optional, once the explorer has the page)}
//
// Each page kind is opened, its visible text (what is rendered, not the HTML) is checked for what a
// person looks for — headings, status words, times, links both ways between L1 and L2 — links are
// followed by clicking them, bad input goes through the search box and the address bar, and a
// screenshot of each page kind is saved. No request may leave the explorer (no CDN, no fonts).
//
// Progress goes to stderr; stdout gets one JSON line: {"ok":true,"pages":[...]} or
// {"ok":false,"failures":[...]} with exit status 1. Every wait is bounded.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const NAVIGATION_MS = 20_000;
const started = performance.now();
const log = (message) =>
  process.stderr.write(`[browse ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);

const failures = [];
const pages = [];

function check(condition, what) {
  if (!condition) {
    failures.push(what);
    log(`FAIL ${what}`);
  }
}

/** The page's visible text and HTTP status after opening `url` (a moving page may reload itself). */
async function visit(page, url) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_MS });
      return { status: response.status(), text: await visibleText(page) };
    } catch (e) {
      // A meta refresh landing between load and reading destroys the context: read again.
      if (attempt >= 3 || !/context was destroyed|detached|navigat/i.test(String(e))) throw e;
    }
  }
}

async function visibleText(page) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.evaluate(() => document.body.innerText);
    } catch (e) {
      if (attempt >= 3 || !/context was destroyed|detached|navigat/i.test(String(e))) throw e;
      await page.waitForNavigation({ waitUntil: 'load', timeout: NAVIGATION_MS }).catch(() => {});
    }
  }
}

/** Clicks the first link whose href is `href` (or starts with it) and waits for its page. */
async function follow(page, href, prefix = false) {
  const selector = prefix ? `main a[href^="${href}"]` : `main a[href="${href}"]`;
  const link = await page.$(selector);
  check(link !== null, `${page.url()}: a link to ${href}${prefix ? '…' : ''}`);
  if (link === null) return null;
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: NAVIGATION_MS }),
    link.click(),
  ]);
  return { status: response?.status() ?? 0, text: await visibleText(page), url: page.url() };
}

/** Whether the page has a link to `href`. */
async function links(page, href) {
  return (await page.$(`main a[href="${href}"]`)) !== null;
}

/** Types `query` into the header's search box and submits it, as a person does. */
async function search(page, query) {
  await page.$eval('header input[name=q]', (input) => (input.value = ''));
  await page.type('header input[name=q]', query);
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: NAVIGATION_MS }),
    page.keyboard.press('Enter'),
  ]);
  return { status: response?.status() ?? 0, text: await visibleText(page), url: page.url() };
}

/** A page for people: no stack trace, the layout's header. */
function readable(kind, text) {
  check(!/Exception|at io\.merapi/.test(text), `${kind}: no stack trace on the page`);
  check(text.includes('Merapi explorer'), `${kind}: the explorer's header`);
}

function contains(kind, text, words) {
  for (const word of words) check(text.includes(word), `${kind}: shows "${word}"`);
}

async function shot(page, dir, kind) {
  const file = path.join(dir, `${kind}.png`);
  await page.screenshot({ path: file, fullPage: true });
  pages.push({ kind, url: page.url(), screenshot: file });
  log(`${kind}: ${page.url()} -> ${file}`);
}

const TIME = /\d+ (s|min|h|d) ago/;
const UTC = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/;

async function run(plan) {
  fs.mkdirSync(plan.screenshots, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: plan.chromium,
    headless: true,
    // Root on CI needs --no-sandbox; the pages are the explorer's own.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
    timeout: 60_000,
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.setDefaultTimeout(NAVIGATION_MS);
    page.on('dialog', async (dialog) => {
      failures.push(`a script ran: dialog "${dialog.message()}"`);
      await dialog.dismiss();
    });
    const foreign = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(plan.base) && !url.startsWith('data:')) foreign.push(url);
    });
    const base = plan.base;
    const tx = `/l2/tx/${plan.l2Transfer}`;
    const l2Block = `/l2/block/${plan.l2TransferBlock}`;

    // Home: the heads at a glance and the latest blocks, which lead to a block page.
    let p = await visit(page, `${base}/`);
    check(p.status === 200, `home: status 200, got ${p.status}`);
    contains('home', p.text, [
      'The rollup at a glance', 'L1 head', 'L2 unsafe', 'L2 safe', 'L2 finalized',
      'Latest L1 blocks', 'Latest L2 blocks', 'sequenced, not yet on L1', 'derived from data on L1',
    ]);
    check(TIME.test(p.text), 'home: block ages ("… s ago")');
    readable('home', p.text);
    await shot(page, plan.screenshots, 'home');
    p = await follow(page, '/l2/block/', true);
    if (p) contains('home → L2 block', p.text, ['L2 block']);

    // The L2 transfer: its status word, the L1 block and batcher transaction that made it safe.
    p = await visit(page, `${base}${tx}`);
    check(p.status === 200, `l2-tx: status 200, got ${p.status}`);
    contains('l2-tx', p.text, [
      plan.l2Transfer, 'L2 status', 'success', 'Made safe by', 'Batcher transaction',
      '0.000000000000000001 ETH', 'EIP-1559',
    ]);
    check(/\b(safe|finalized)\b/.test(p.text), 'l2-tx: status word safe or finalized');
    check(TIME.test(p.text) && UTC.test(p.text), 'l2-tx: block time as "… ago" and in UTC');
    readable('l2-tx', p.text);
    await shot(page, plan.screenshots, 'l2-tx');
    // L2 → L1: the batcher transaction that carried it, which says what it is.
    p = await follow(page, '/l1/tx/', true);
    if (p) contains('l2-tx → batcher transaction', p.text, ['L1 transaction', 'batcher transaction']);

    // Its block lists it, and the link leads back.
    p = await visit(page, `${base}${l2Block}`);
    contains('l2-block', p.text, [`L2 block ${plan.l2TransferBlock}`, 'Status', 'Hash', 'Parent', 'deposit']);
    check(UTC.test(p.text), 'l2-block: time in UTC');
    check(await links(page, tx), 'l2-block: a link to the transfer');
    readable('l2-block', p.text);
    await shot(page, plan.screenshots, 'l2-block');
    p = await follow(page, tx);
    if (p) contains('l2-block → tx', p.text, [plan.l2Transfer]);

    // An L1 block with a transaction, and that transaction.
    p = await visit(page, `${base}/l1/block/${plan.l1Block}`);
    contains('l1-block', p.text, [`L1 block ${plan.l1Block}`, 'Hash', 'Parent', 'Transactions']);
    check(UTC.test(p.text) && TIME.test(p.text), 'l1-block: time as "… ago" and in UTC');
    readable('l1-block', p.text);
    await shot(page, plan.screenshots, 'l1-block');
    p = await follow(page, '/l1/tx/', true);
    if (p) {
      contains('l1-tx', p.text, ['L1 transaction', 'L1 status', 'From', 'To', 'Value']);
      check(await links(page, `/l1/block/${plan.l1Block}`), 'l1-tx: a link back to its block');
      readable('l1-tx', p.text);
      await shot(page, plan.screenshots, 'l1-tx');
    }

    // The deposit, both ways: the L1 transaction lists its L2 transaction, which links back.
    p = await visit(page, `${base}/l1/tx/${plan.l1Deposit}`);
    contains('deposit', p.text, ['Deposits to L2', '0.001 ETH', 'L2 status']);
    readable('deposit', p.text);
    await shot(page, plan.screenshots, 'deposit');
    p = await follow(page, '/l2/tx/', true);
    if (p) {
      contains('deposit → L2', p.text, ['deposit', 'from L1', 'L1 transaction', 'Minted']);
      p = await follow(page, `/l1/tx/${plan.l1Deposit}`);
      if (p) contains('deposit → L2 → L1', p.text, [plan.l1Deposit, 'Deposits to L2']);
    }

    // The withdrawal, both ways: its L2 transaction links to its page, which shows the four stages,
    // the stage reached and the time left, and links back.
    if (plan.withdrawal) {
      const l2Tx = `/l2/tx/${plan.withdrawal.l2Tx}`;
      p = await visit(page, `${base}${l2Tx}`);
      contains('withdrawal → L2 tx', p.text, ['MessagePassed', 'L2ToL1MessagePasser']);
      p = await follow(page, '/withdrawal/', true);
      if (p) {
        contains('withdrawal', p.text, [
          'Withdrawal', 'Withdrawal hash', 'Stage', 'Time left', 'Stages',
          'initiated', 'proposed', 'proven', 'finalized', 'Times left are counted from the L1 head',
        ]);
        check(UTC.test(p.text), 'withdrawal: the L1 head time in UTC');
        check(await links(page, l2Tx), 'withdrawal: a link back to its L2 transaction');
        readable('withdrawal', p.text);
        await shot(page, plan.screenshots, 'withdrawal');
        const withdrawal = new URL(p.url).pathname;
        p = await visit(page, `${base}/withdrawals`);
        contains('withdrawals', p.text, ['Withdrawals']);
        check(await links(page, withdrawal), 'withdrawals: a link to the withdrawal');
        readable('withdrawals', p.text);
      }
    } else {
      log('withdrawal: not in this plan');
    }
    p = await visit(page, `${base}/deposits`);
    contains('deposits', p.text, ['Deposits', 'in L2 block']);
    check(await links(page, `/l1/tx/${plan.l1Deposit}`), 'deposits: a link to the L1 deposit');
    readable('deposits', p.text);

    // The sender's address: balance, kind, its transactions, which link to their pages.
    p = await visit(page, `${base}/l2/address/${plan.sender}`);
    contains('address', p.text, ['Balance', ' ETH', 'account', 'Nonce']);
    check(await links(page, tx), 'address: a link to the transfer');
    readable('address', p.text);
    await shot(page, plan.screenshots, 'address');

    // Search as a person types it: a block number, then bad input.
    p = await search(page, String(plan.l2TransferBlock));
    check(p.url.endsWith(l2Block), `search ${plan.l2TransferBlock}: lands on ${l2Block}, got ${p.url}`);
    p = await search(page, plan.l2Transfer);
    check(p.url.endsWith(tx), `search the transfer's hash: lands on ${tx}, got ${p.url}`);
    p = await search(page, 'hello');
    check(p.status === 400, `search "hello": status 400, got ${p.status}`);
    contains('search "hello"', p.text, ['cannot be looked up', 'Back to the home page']);
    readable('search "hello"', p.text);
    p = await search(page, '<script>alert(1)</script>');
    check(p.status === 400, `search a script: status 400, got ${p.status}`);
    contains('search a script', p.text, ['<script>alert(1)</script>']); // shown as text, not run
    p = await search(page, '0x' + '42'.repeat(32));
    check(p.status === 404, `search an unknown hash: status 404, got ${p.status}`);
    contains('search an unknown hash', p.text, ['No transaction or block on L1 or L2']);
    p = await visit(page, `${base}/l2/tx/0x${'00'.repeat(31)}01`);
    check(p.status === 404, `unknown transaction: status 404, got ${p.status}`);
    contains('unknown transaction', p.text, ['Transaction not found']);
    p = await visit(page, `${base}/l2/block/99999999`);
    check(p.status === 404, `block past the head: status 404, got ${p.status}`);
    contains('block past the head', p.text, ['is past the head', 'Back to the home page']);
    readable('not-found', p.text);
    await shot(page, plan.screenshots, 'not-found');
    p = await follow(page, '/');
    if (p) contains('not-found → home', p.text, ['The rollup at a glance']);

    check(foreign.length === 0, `no request leaves the explorer: ${foreign.join(', ')}`);
  } finally {
    await browser.close();
  }
}

async function main() {
  const planFile = process.argv[2];
  if (!planFile) throw new Error('usage: node browse.mjs <plan.json>');
  await run(JSON.parse(fs.readFileSync(planFile, 'utf8')));
}

try {
  await main();
  const ok = failures.length === 0;
  process.stdout.write(JSON.stringify({ ok, pages, failures, seconds: (performance.now() - started) / 1000 }) + '\n');
  process.exit(ok ? 0 : 1);
} catch (e) {
  failures.push(String(e?.stack ?? e));
  process.stdout.write(JSON.stringify({ ok: false, pages, failures }) + '\n');
  process.exit(1);
}
