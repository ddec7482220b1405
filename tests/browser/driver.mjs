// The test suite's browser and HTML validators, one process per pytest worker (tests/browser_tools.py).
//
// Reads one JSON request a line on stdin, answers one JSON line on stdout: {"id", "ok", "result"|"error"}.
// One headless Chromium is launched on the first request that needs it and serves every later one, so a
// worker never starts a second browser. Nothing here reaches beyond this machine: pages are opened only
// from the loopback servers under test, and under axe every request but the page's own (fulfilled from
// the request itself) and the loopback server's is aborted.
//
//   htmlvalidate {docs: [{name, html}]}              -> {name: [message, ...]}
//   axe          {docs: [{name, html, url}], media}  -> {name: [violation, ...]}  (url: where the page
//                                                        claims to be; its other requests go there)
//   keyboard_round {base, code, width, height, shots?} -> {pages: [title, ...], wide: [...], round: url}
//   screenshot   {url, width, height, path?, cookies?, scale?, fullPage?, waitFor?} -> {path, scrollWidth, innerWidth}
//                                                        (no path: the page's widths alone)
//   serve_keyboard {url, width, height, quit, tabs}   -> where focus is on load, axe's violations then,
//                                                        where focus is after the session ends and after each Tab
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { HtmlValidate } from "html-validate";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
// Without these Chromium waits on the network this machine does not have (updates, sync, QUIC probes).
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
  "--disable-site-isolation-trials",
  "--disable-features=IsolateOrigins,site-per-process,Translate,OptimizationHints,MediaRouter",
  "--renderer-process-limit=1",
  "--disable-extensions",
];
const TIMEOUT = 20000;

// The recommended rules, with one change: checkboxes may share a name, as the HTML standard lets them (one
// field, many values: the room's lists of signs); the rule's default expects PHP's "name[]" instead.
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: { "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }] },
});
let browser = null;
let profile = null; // a fresh --user-data-dir for each run, removed at the end

async function theBrowser() {
  if (browser === null) {
    profile = mkdtempSync(`${tmpdir()}/screener-chromium-`);
    browser = await puppeteer.launch({
      executablePath: process.env.SCREENER_CHROMIUM || "chromium",
      headless: true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
      userDataDir: profile,
      timeout: TIMEOUT,
      protocolTimeout: TIMEOUT * 3,
    });
  }
  return browser;
}

async function newPage({ width = 1280, height = 800, scale = 1 } = {}) {
  const page = await (await theBrowser()).newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewport({ width, height, deviceScaleFactor: scale });
  return page;
}

async function htmlvalidate({ docs }) {
  const out = {};
  for (const { name, html } of docs) {
    const report = await validator.validateString(html, name);
    out[name] = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`),
    );
  }
  return out;
}

// Loopback only: a page under test may fetch from the server that served it, nothing else.
function loopback(url) {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "[::1]" || host.startsWith("127.");
}

async function axeHere(page) {
  await page.evaluate(AXE_SOURCE);
  return axeAgain(page);
}

// axe once it is loaded in the page: run again on whatever the document now holds.
async function axeAgain(page) {
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const found = await axe.run(document, { resultTypes: ["violations"] });
    return found.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
    }));
  });
}

async function axe({ docs, media }) {
  const page = await newPage();
  await page.emulateMediaType(media || "screen");
  await page.setBypassCSP(true);
  await page.setRequestInterception(true);
  let current = null;
  page.on("request", (request) => {
    if (current !== null && request.isNavigationRequest() && request.url() === current.url) {
      request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: current.html });
    } else if (loopback(request.url()) && !request.isNavigationRequest()) {
      request.continue();
    } else {
      request.abort();
    }
  });
  const out = {};
  try {
    // A page is loaded (and axe with it) once an origin: the next document of that origin is written
    // into it, at its own address, keeping axe (document.open keeps the window); loading axe again for
    // every page was most of this check's time.
    let origin = null;
    for (const doc of docs) {
      const url = doc.url || "http://127.0.0.1:9/document.html";
      if (new URL(url).origin === origin) {
        await page.evaluate(writeDocument, url, doc.html);
        out[doc.name] = await axeAgain(page);
      } else {
        current = { url, html: doc.html };
        await page.goto(url, { waitUntil: "load" });
        out[doc.name] = await axeHere(page);
        origin = new URL(url).origin;
      }
    }
  } finally {
    await page.close();
  }
  return out;
}

// In the page: replace the document with html, at url (same origin), and wait for its style sheets and images.
function writeDocument(url, html) {
  history.replaceState(null, "", url);
  return new Promise((resolve) => {
    document.open();
    document.write(html);
    document.close();
    if (document.readyState === "complete") {
      resolve();
    } else {
      window.addEventListener("load", () => resolve(), { once: true });
    }
  });
}

async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) {
      return "";
    }
    const label = el.labels && el.labels.length ? el.labels[0].textContent.trim() : "";
    return `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ""}${el.id ? `#${el.id}` : ""} ${label || el.textContent.trim()}`.trim();
  });
}

async function pressUntil(page, want, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    if (want(now)) {
      return now;
    }
  }
  throw new Error(`Tab never reached the wanted control on ${page.url()}`);
}

async function title(page) {
  return page.$eval("h1", (h) => h.textContent.trim());
}

// A trainee on a phone with a keyboard and no script: Tab to move, Space to mark, Enter to send.
async function keyboard_round({ base, code, width, height, shots, age = "15" }) {
  const page = await newPage({ width, height });
  await page.setJavaScriptEnabled(false);
  const pages = [];
  const wide = []; // pages wider than the screen: a phone would scroll them sideways
  const note = async () => {
    const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (w[0] > w[1]) {
      wide.push(`${await title(page)}: ${w[0]} px in ${w[1]}`);
    }
  };
  const shoot = async (name) => {
    if (shots) {
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
    }
  };
  const submit = async () => {
    await pressUntil(page, (f) => f.startsWith("button[submit]"));
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    pages.push(await title(page));
    await note();
  };
  try {
    await page.goto(base, { waitUntil: "load" });
    pages.push(await title(page));
    await pressUntil(page, (f) => f.startsWith("input[text]#code"));
    await page.keyboard.type(code);
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    pages.push(await title(page));
    // The scenario list: the first is chosen already; Space keeps it chosen, then on to Start.
    await pressUntil(page, (f) => f.startsWith("input[radio]"));
    await page.keyboard.press("Space");
    await submit();
    for (let step = 0; step < 20 && !pages[pages.length - 1].startsWith("Results"); step++) {
      if (step === 0) {
        await shoot("trainee-question");
      }
      // On the way to the button: type the age the case gives, move each choice on by one with the arrow
      // key (Tab stops once in a group of radio buttons), and mark the first sign on each list.
      const seen = new Set();
      for (let i = 0; i < 400; i++) {
        await page.keyboard.press("Tab");
        const now = await focused(page);
        const group = await page.evaluate(() => document.activeElement.name || "");
        const first = !seen.has(group);
        seen.add(group);
        if (first && now.startsWith("input[text]#age-text")) {
          await page.keyboard.type(age);
        } else if (first && now.startsWith("input[radio]") && step < 2) {
          await page.keyboard.press("ArrowDown");
        } else if (first && now.startsWith("input[checkbox]")) {
          await page.keyboard.press("Space");
        }
        if (now.startsWith("button[submit]")) {
          break;
        }
      }
      await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
      pages.push(await title(page));
      await note();
    }
    await shoot("trainee-results");
    return { pages, wide, round: page.url() };
  } catch (error) {
    throw new Error(`${error.message}; pages so far: ${pages.join(" | ")}; focus: ${await focused(page)}`);
  } finally {
    await page.close();
  }
}

async function screenshot({ url, width, height, path, cookies, scale, fullPage, waitFor }) {
  const page = await newPage({ width, height, scale: scale || 1 });
  try {
    if (cookies) {
      await page.setCookie(...cookies);
    }
    await page.goto(url, { waitUntil: "load" });
    if (waitFor) {
      await page.waitForSelector(waitFor, { timeout: 60000 });
      await new Promise((done) => setTimeout(done, 1000));
    }
    if (path) {
      await page.screenshot({ path, fullPage: fullPage !== false });
    }
    const widths = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    return { path, ...widths };
  } finally {
    await page.close();
  }
}

// `screener serve`'s page: where focus is once the session's first screen is in, with no click; then a
// key that ends the session (quit), and where each Tab goes after that.
async function serve_keyboard({ url, width, height, quit, tabs }) {
  const page = await newPage({ width, height });
  const where = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) {
        return "body";
      }
      return [el.tagName.toLowerCase(), ...el.classList].join(".");
    });
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForSelector("body.-first-byte", { timeout: 60000 });
    await new Promise((done) => setTimeout(done, 200));
    const onLoad = await where();
    const violations = await axeHere(page); // the page as it is with its session running
    // Keys typed now go where focus is: the terminal's input, so to the app, which quits.
    for (const key of quit) {
      await page.keyboard.down("Control");
      await page.keyboard.press(key);
      await page.keyboard.up("Control");
    }
    await page.waitForSelector("body.-closed", { timeout: 30000 });
    await new Promise((done) => setTimeout(done, 100));
    const afterEnd = await where();
    const afterTabs = [];
    for (let i = 0; i < tabs; i++) {
      await page.keyboard.press("Tab");
      afterTabs.push(await where());
    }
    return { onLoad, afterEnd, afterTabs, violations };
  } finally {
    await page.close();
  }
}

const OPS = { htmlvalidate, axe, keyboard_round, screenshot, serve_keyboard };

async function serve() {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) {
      continue;
    }
    const request = JSON.parse(line);
    let answer;
    try {
      answer = { id: request.id, ok: true, result: await OPS[request.op](request.args || {}) };
    } catch (error) {
      answer = { id: request.id, ok: false, error: String(error && error.stack ? error.stack : error) };
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
  if (browser !== null) {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await serve();
