// Drives the page of a running `diplograph serve` in headless Chromium: runs a shipped
// query and reads its rows, then opens an event and reads its who-attended diagram.
//
//   node tests/browser/page.mjs URL EXPECTED_NAME ATTENDEE SCREENSHOT_DIR
//
// EXPECTED_NAME must appear in the results of the `attendance` query; ATTENDEE must be
// drawn in the diagram of the event whose list entry is clicked (the first event listed
// that has ATTENDEE among its participants is found through the page's own table).
import { chromium } from "playwright-core";

const [url, expectedName, attendee, shots] = process.argv.slice(2);
if (!url || !expectedName || !attendee) {
  console.error("usage: page.mjs URL EXPECTED_NAME ATTENDEE [SCREENSHOT_DIR]");
  process.exit(2);
}

const fail = (msg) => {
  console.error(`page: ${msg}`);
  process.exit(1);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The query error provoked below is logged by the browser as a failed 400 load.
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().includes("status of 400")) errors.push(m.text());
  });
  page.on("response", (r) => { if (r.status() === 404) errors.push(`404 for ${r.url()}`); });
  await page.goto(url);

  // The example queries are offered; the attendance query fills the editor.
  await page.waitForFunction(() => document.querySelectorAll("#examples option").length > 0);
  const options = await page.$$eval("#examples option", (os) => os.map((o) => o.value));
  if (!options.includes("attendance")) fail(`no attendance query among ${options}`);
  await page.selectOption("#examples", "attendance");
  const text = await page.inputValue("#query");
  if (!text.includes("dg:Participation")) fail("the editor does not hold the attendance query");

  // Run it: rows appear, one of them names EXPECTED_NAME.
  await page.click("#run");
  await page.waitForSelector("#results tbody tr", { timeout: 20000 });
  const rows = await page.$$eval("#results tbody tr", (trs) => trs.map((tr) => tr.innerText));
  const header = await page.$$eval("#results thead th", (ths) => ths.map((th) => th.innerText));
  if (!header.includes("person") || !header.includes("role")) fail(`header ${header}`);
  if (!rows.some((r) => r.includes(expectedName))) fail(`no row names ${expectedName}`);
  const info = await page.textContent("#info");
  if (!info.includes(`${rows.length} row`)) fail(`info says ${info}, table has ${rows.length} rows`);
  console.log(`page: attendance query, ${rows.length} rows, ${expectedName} among them`);

  // A query error is shown, not thrown.
  await page.fill("#query", "SELECT WHERE {");
  await page.click("#run");
  await page.waitForSelector("#error:not([hidden])");
  const err = await page.textContent("#error");
  if (!err.includes("400")) fail(`error shown: ${err}`);

  // Find the event ATTENDEE took part in with a query whose results link events, click it.
  await page.fill("#query", `PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?event WHERE { ?p dg:event ?event ; dg:participant ?x . ?x schema:name "${attendee}"@zh }`);
  await page.click("#run");
  await page.waitForSelector("#results tbody a.event");
  await page.click("#results tbody a.event");
  await page.waitForSelector("#diagram svg", { timeout: 20000 });
  const drawn = await page.textContent("#diagram svg");
  if (!drawn.includes(attendee)) fail(`the diagram does not draw ${attendee}`);
  if (!drawn.includes(expectedName)) fail(`the diagram does not draw ${expectedName}`);
  const nodes = await page.$$eval("#diagram svg g.node", (ns) => ns.length);
  console.log(`page: diagram of the event drawn as SVG, ${nodes} nodes, ${attendee} among them`);

  // The event list opens the same diagram.
  const listed = await page.$$eval("#event-list li", (lis) => lis.length);
  if (listed === 0) fail("no event listed");
  await page.click("#event-list li >> nth=0");
  await page.waitForSelector("#event-list li.selected");
  await page.waitForFunction(() => document.querySelector("#diagram svg") !== null);
  console.log(`page: ${listed} events listed; the first opens its diagram`);

  // Chinese renders: the labels occupy width (a missing font would draw nothing or boxes
  // of the same glyph width; a zero-width text means nothing was laid out).
  const widths = await page.$$eval("#diagram svg text", (ts) => ts.map((t) => t.getComputedTextLength()));
  if (!widths.some((w) => w > 0)) fail("diagram labels have no width");

  if (shots) await page.screenshot({ path: `${shots}/page.png`, fullPage: true });
  if (errors.length) fail(`errors in the page: ${errors.join(" | ")}`);
} finally {
  await browser.close();
}
