// The dotlabel serve page end to end, as a user drives it, in headless Debian Chromium:
// follow a file, type markup, see the label, make a mistake, click its diagnostic, switch
// labels and zoom, hover an element, download and copy, load data rows and step through them. Only 127.0.0.1 is ever contacted.
// Usage: node test.mjs DOTLABEL_CLI WORK_DIR (run.sh installs playwright-core in WORK_DIR).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [cli, work] = process.argv.slice(2);
const { chromium } = createRequire(path.join(work, 'package.json'))('playwright-core');
const here = path.dirname(fileURLToPath(import.meta.url));
const demo = fs.readFileSync(path.join(here, '../../../examples/demo.xml'), 'utf8');
const WAIT = { timeout: 30_000 };

const small = `<PAGE w="50" l="30">
  <LABEL id="1">
    <TEXT x="2" y="2" f="3">FOLLOWED</TEXT>
  </LABEL>
</PAGE>
`;
// Typed key by key; line 3 gets the mistake later.
const typed = `<PAGE w="60" l="40">
  <LABEL id="1">
    <TEXT x="3" y="3" f="3">TYPED</TEXT>
    <BL x="3" y="10" w="40" h="1"/>
  </LABEL>
</PAGE>
`;
const twoLabels = `<PAGE w="40" l="20" ld="2">
  <LABEL id="1" c="2"><TEXT x="2" y="2" f="3">ONE</TEXT></LABEL>
  <LABEL id="2"><TEXT x="2" y="2" f="3">TWO</TEXT></LABEL>
</PAGE>
`;

function startServer(args) {
  const child = spawn(cli, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, url: out.split('\n')[0] });
    });
    child.on('exit', (code) => reject(new Error(`dotlabel serve exited with ${code}`)));
  });
}

function step(name) {
  console.log(`- ${name}`);
}

async function pictureSize(page, width, height) {
  await page.waitForFunction(([w, h]) => {
    const img = document.getElementById('picture');
    return img.naturalWidth === w && img.naturalHeight === h && !img.classList.contains('stale');
  }, [width, height], WAIT);
}

const folder = fs.mkdtempSync(path.join(work, 'run-'));
const file = path.join(folder, 'label.xml');
fs.writeFileSync(file, demo);
const { child: server, url } = await startServer([file]);
assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
const origin = url.slice(0, -1);

const profile = fs.mkdtempSync(path.join(work, 'profile-'));  // a fresh --user-data-dir
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
  viewport: { width: 1600, height: 900 },  // wide enough for the demo label at 1× in Fit
  acceptDownloads: true,
});
let failed = false;
try {
  // The page must work offline: anything not for our server is refused and fails the test.
  const foreign = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith(`${origin}/`) || target.startsWith('data:') || target.startsWith('blob:')) return route.continue();
    foreign.push(target);
    return route.abort();
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  step('loads the page and shows the followed file');
  await page.goto(url);
  await pictureSize(page, 800, 480);
  assert.equal(await page.getAttribute('#file', 'data-path'), file);
  assert.equal(await page.textContent('#file'), 'label.xml');
  assert.equal(await page.inputValue('#source'), demo);

  step('follows the file when it changes on disk');
  fs.writeFileSync(`${file}.tmp`, small);
  fs.renameSync(`${file}.tmp`, file);
  await pictureSize(page, 400, 240);
  assert.equal(await page.inputValue('#source'), small);

  step('renders markup typed into the editor');
  await page.click('#source');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(typed);
  await pictureSize(page, 480, 320);
  assert.equal(await page.inputValue('#source'), typed);
  const gutterLines = await page.$$eval('#gutter div', (lines) => lines.length);
  assert.equal(gutterLines, typed.split('\n').length);

  step('shows a mistake as a diagnostic; clicking it puts the cursor on it');
  await page.$eval('#source', (el) => {
    const at = el.value.indexOf('x="3" y="3"') + 4;
    el.setSelectionRange(at, at);
  });
  await page.keyboard.type('x');  // x="3x": not a number
  const diagnostic = page.locator('#diagnostics li.error[data-line="3"]');
  await diagnostic.first().waitFor(WAIT);
  await page.waitForFunction(() => document.getElementById('picture').classList.contains('stale'), null, WAIT);
  assert.equal(await page.$eval('#gutter', (g) => g.children[2].classList.contains('error')), true);
  const column = Number(await diagnostic.first().getAttribute('data-column'));
  await page.$eval('#source', (el) => el.setSelectionRange(0, 0));
  await page.waitForFunction(() => document.getElementById('cursor').dataset.line === '1', null, WAIT);
  await diagnostic.first().click();
  const caret = await page.$eval('#source', (el) => {
    const before = el.value.slice(0, el.selectionStart);
    return {
      focused: document.activeElement === el,
      line: before.split('\n').length,
      column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1,
      shown: document.getElementById('cursor').textContent,
    };
  });
  assert.deepEqual(caret, { focused: true, line: 3, column, shown: `Ln 3, Col ${column}` });
  await page.fill('#source', typed);
  await pictureSize(page, 480, 320);
  assert.equal(await page.locator('#diagnostics li.error').count(), 0);

  step('switches between labels and the strip');
  await page.fill('#source', twoLabels);
  await pictureSize(page, 320, 160);
  assert.deepEqual(await page.$$eval('#label option', (os) => os.map((o) => o.value)), ['1', '2', 'strip']);
  await page.selectOption('#label', '2');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('label 2'), null, WAIT);
  await page.selectOption('#label', 'strip');
  await pictureSize(page, 320, 3 * 160 + 2 * 16);  // label 1 twice, label 2, gaps of 2 mm

  step('zooms with square dots');
  await page.selectOption('#label', '1');
  await pictureSize(page, 320, 160);
  for (const [button, factor] of [['2×', 2], ['4×', 4], ['1×', 1]]) {
    await page.click(`#zoom button:text-is("${button}")`);
    assert.equal(await page.$eval('#picture', (img) => img.getBoundingClientRect().width), 320 * factor);
  }
  assert.equal(await page.$eval('#picture', (img) => getComputedStyle(img).imageRendering), 'pixelated');

  step('downloads the PNG and copies base64 and Mstching JSON');
  const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'label-1.png');
  const png = fs.readFileSync(await download.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.readUInt32BE(16), 320);
  const expectedBase64 = await page.evaluate(async (markup) =>
    (await (await fetch('/api/base64?label=1', { method: 'POST', body: markup, headers: { 'X-Dotlabel': '1' } })).text()).trim(), twoLabels);
  await page.click('#copy-base64');
  await page.waitForFunction(() => document.getElementById('toast').textContent.startsWith('Copied'), null, WAIT);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expectedBase64);
  assert.equal(png.toString('base64'), expectedBase64);
  await page.click('#copy-mstching');
  await page.waitForFunction(() => document.getElementById('toast').textContent === 'Copied the Mstching JSON', null, WAIT);
  assert.ok(Array.isArray(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))));

  step('hovering an element shows its box on the picture');
  // The demo with one line too long for the label: the renderer's clipping warning shows too.
  const clipped = demo.replace('  </LABEL>', '    <TEXT x="80" y="52" f="3">CLIPPED AT THE EDGE</TEXT>\n  </LABEL>');
  await page.fill('#source', clipped);
  await page.click('#zoom button:text-is("Fit")');
  await pictureSize(page, 800, 480);
  await page.locator('#diagnostics li.warning').first().waitFor(WAIT);
  await page.waitForFunction(() => document.getElementById('toast').hidden, null, WAIT);
  const qr = await page.evaluate(() => {
    const lines = document.getElementById('source').value.split('\n');
    const line = lines.findIndex((l) => l.includes('<QRC')) + 1;
    return { line };
  });
  const zoom = Number(await page.$eval('#picture', (img) => img.dataset.zoom));
  const boxes = await page.evaluate(async (markup) =>
    (await (await fetch('/api/preview', { method: 'POST', body: markup, headers: { 'X-Dotlabel': '1' } })).json()).boxes, clipped);
  const qrBox = boxes.find((b) => b.line === qr.line);
  assert.ok(qrBox, 'the QR code has a box');
  const picture = await page.locator('#picture').boundingBox();
  await page.mouse.move(picture.x + (qrBox.x + qrBox.width / 2) * zoom, picture.y + (qrBox.y + qrBox.height / 2) * zoom);
  await page.waitForFunction(() => !document.getElementById('box').hidden, null, WAIT);
  const shown = await page.$eval('#box', (el) => ({ line: el.dataset.line, left: el.style.left, width: el.style.width }));
  assert.deepEqual(shown, { line: String(qr.line), left: `${qrBox.x * zoom}px`, width: `${qrBox.width * zoom}px` });
  assert.match(await page.textContent('#status'), /^QRC \(line \d+\)/);

  const screenshot = path.join(work, 'serve.png');
  await page.screenshot({ path: screenshot });
  console.log(`screenshot: ${screenshot}`);

  step('loads a data file and steps through its rows');
  const template = `<PAGE w="40" l="20">
  <LABEL id="1"><BL x="{{x}}" y="2" w="4" h="4"/><TEXT x="2" y="10" f="3">{{name}}</TEXT></LABEL>
</PAGE>
`;
  await page.fill('#source', template);
  await page.setInputFiles('#data-file', {
    name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from('x,name\n2,ANN\n12,BOB\n22,CY\n'),
  });
  await page.waitForFunction(() => !document.getElementById('rows').hidden, null, WAIT);
  assert.equal(await page.textContent('#row-count'), '3');
  assert.equal(await page.inputValue('#row'), '1');
  const blockX = async () => {
    const body = await page.evaluate(async ([markup, row]) =>
      (await (await fetch(`/api/preview?row=${row}`, { method: 'POST', body: markup, headers: { 'X-Dotlabel': '1' } })).json()), [template, await page.inputValue('#row')]);
    return body.boxes[0].x;
  };
  assert.equal(await blockX(), 16);  // x = 2 mm
  await page.click('#row-next');
  await page.waitForFunction(() => /row 2 of 3/.test(document.getElementById('status').textContent), null, WAIT);
  assert.equal(await blockX(), 96);  // x = 12 mm
  await page.fill('#row', '3');
  await page.dispatchEvent('#row', 'change');
  await page.waitForFunction(() => /row 3 of 3/.test(document.getElementById('status').textContent), null, WAIT);
  assert.equal(await page.$eval('#row-next', (b) => b.disabled), true);
  await page.click('#data-close');
  await page.waitForFunction(() => document.getElementById('rows').hidden, null, WAIT);

  assert.deepEqual(foreign, [], 'the page asked for something other than 127.0.0.1');
  assert.deepEqual(pageErrors, [], 'the page threw');
  console.log('serve page: all steps passed');
} catch (error) {
  failed = true;
  console.error(error);
  const page = context.pages()[0];
  if (page) await page.screenshot({ path: path.join(work, 'serve-failure.png') }).catch(() => {});
} finally {
  await context.close();
  // A server that already ended (a crash: by a signal) has no exit event left to wait for.
  const ended = server.exitCode ?? server.signalCode;
  const exited = ended !== null ? Promise.resolve(ended)
    : new Promise((resolve) => server.on('exit', (code, signal) => resolve(code ?? signal)));
  server.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) {
    console.error(`dotlabel serve exited with ${code} after SIGTERM`);
    failed = true;
  }
  fs.rmSync(folder, { recursive: true, force: true });
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
