// Shared by the browser tests: Debian's chromium driven by playwright-core, a guard that fails
// on any request leaving this machine, a JupyterLab server on a free port with fresh folders,
// and the project's Python.
//
// No browser is downloaded: playwright-core drives the chromium that `make test-browser`
// installs from Debian (/usr/bin/chromium, or $CHROMIUM). The flags are those that keep it
// from calling Google's services at start-up, which would be requests leaving the machine.

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, "..", "..");
const VENV_BIN = path.join(REPO, ".venv", "bin");
export const PYTHON = process.env.ANALYSIS_PYTHON || path.join(VENV_BIN, "python");
export const JUPYTER = process.env.ANALYSIS_JUPYTER || path.join(path.dirname(PYTHON), "jupyter");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A fresh temporary folder, removed by the caller's cleanup. */
export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Debian's chromium, headless, with a fresh empty profile (playwright-core gives every launch
 * a new temporary --user-data-dir and removes it on close). Each page opens in a context of
 * its own (its own storage: two JupyterLab pages in one context compete for the same window
 * name), and every context is guarded: a request that would leave the machine is aborted and
 * recorded, and console errors and uncaught page errors are recorded, each with its page.
 * `problems(page)` lists a page's; `problems()` every one. The tests assert they are none.
 */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no chromium at ${CHROMIUM}: run \`make test-browser\`, which installs Debian's chromium`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const found = [];
  return {
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
      await guard(context, found);
      return context.newPage();
    },
    problems(page) {
      return found
        .filter((problem) => page === undefined || problem.page === page || problem.page === null)
        .map((problem) => `${problem.kind}: ${problem.text}`);
    },
    close: () => browser.close(),
  };
}

/** Close a page with the context it was opened in. */
export async function closePage(page) {
  await page.context().close();
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** True for a URL that stays on this machine: a file, inline data, or a loopback server. */
export function isLocal(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (["file:", "data:", "blob:", "about:"].includes(parsed.protocol)) return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

async function guard(context, found) {
  const pageOf = (request) => {
    try {
      return request.frame().page();
    } catch {
      return null; // a service worker's request belongs to no page
    }
  };
  await context.route("**/*", (route) => {
    const request = route.request();
    if (isLocal(request.url())) return route.continue();
    found.push({ page: pageOf(request), kind: "request leaving the machine", text: request.url() });
    return route.abort("blockedbyclient");
  });
  context.on("page", (page) => {
    page.on("console", (message) => {
      if (message.type() === "error") found.push({ page, kind: "console error", text: message.text() });
    });
    page.on("pageerror", (error) => found.push({ page, kind: "uncaught error", text: error.message }));
    page.on("response", (response) => {
      if (response.status() >= 500) {
        found.push({ page, kind: "server error", text: `${response.status()} ${response.request().method()} ${response.url()}` });
      }
    });
    page.on("websocket", (socket) => {
      if (!isLocal(socket.url())) found.push({ page, kind: "request leaving the machine", text: socket.url() });
    });
  });
}

/** A port that was free a moment ago, on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Run the project's Python on a script; its stdout, or an error with its stderr. */
export function python(code, args = [], env = {}) {
  const result = spawnSync(PYTHON, ["-c", code, ...args], {
    cwd: REPO,
    encoding: "utf-8",
    env: { ...process.env, ...offlineEnv(), ...env },
  });
  if (result.status !== 0) {
    throw new Error(`python failed (${result.status}): ${result.stderr || result.error}`);
  }
  return result.stdout;
}

let emptyNltk;
/** What the Python test suite sets: no NLTK data, figures into a temporary folder. */
export function offlineEnv() {
  emptyNltk ??= tempDir("anx-empty-nltk-");
  return { NLTK_DATA: emptyNltk, ANALYSIS_FIGURES_DIR: tempDir("anx-figures-") };
}

/**
 * JupyterLab on a free loopback port, serving `root`, with a random token and fresh config,
 * data, runtime, settings and workspace folders, so nothing of the user's setup is read or
 * written. Announcements and update checks are off: they would fetch from the network.
 */
export async function startLab(root) {
  const home = tempDir("anx-lab-");
  const folders = {
    JUPYTER_CONFIG_DIR: path.join(home, "config"),
    JUPYTER_DATA_DIR: path.join(home, "data"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: path.join(home, "settings"),
    JUPYTERLAB_WORKSPACES_DIR: path.join(home, "workspaces"),
  };
  Object.values(folders).forEach((folder) => fs.mkdirSync(folder, { recursive: true }));
  const port = await freePort();
  const token = randomBytes(24).toString("hex");
  const args = [
    "lab",
    "--no-browser",
    "--allow-root",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    `--IdentityProvider.token=${token}`,
    `--ServerApp.root_dir=${root}`,
    "--LabApp.expose_app_in_browser=True",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
  ];
  const log = fs.openSync(path.join(home, "lab.log"), "w");
  const server = spawn(JUPYTER, args, {
    cwd: root,
    env: { ...process.env, ...offlineEnv(), ...folders },
    stdio: ["ignore", log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) {
      throw new Error(`JupyterLab exited (${server.exitCode}): ${fs.readFileSync(path.join(home, "lab.log"), "utf-8")}`);
    }
    try {
      const response = await fetch(`${base}/api/status?token=${token}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("JupyterLab did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    base,
    token,
    // A workspace of its own for each file, so that pages open side by side never restore
    // each other's notebooks.
    url: (file) =>
      `${base}/lab/workspaces/${encodeURIComponent(file.replace(/[^A-Za-z0-9]/g, "-"))}/tree/` +
      `${encodeURIComponent(file)}?token=${token}`,
    log: () => fs.readFileSync(path.join(home, "lab.log"), "utf-8"),
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        server.kill("SIGTERM");
        const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Click a term in an explorer and return the sentences it lists, per side. */
export async function clickTerm(page, root, term, { via = "search" } = {}) {
  const explorer = page.locator(root).first();
  if (via === "search") {
    const search = explorer.locator(".anx-search");
    await search.fill("");
    await search.pressSequentially(term);
    await explorer.locator(`.anx-match[data-term="${term}"]`).click();
  } else {
    // The point itself; dispatched, since neighbouring points may cover part of it.
    await explorer.locator(`circle.anx-point[data-term="${term}"]`).dispatchEvent("click");
  }
  await page.locator(`${root}[data-selected="${term}"]`).first().waitFor();
  const read = (side) =>
    explorer.locator(`.anx-column[data-side="${side}"] .anx-sentence`).evaluateAll((items) =>
      items.map((item) => ({
        text: item.querySelector(".anx-text").textContent,
        marked: Array.from(item.querySelectorAll("mark")).map((mark) => mark.textContent),
        doc: item.getAttribute("data-doc"),
      })),
    );
  return { target: await read("target"), reference: await read("reference") };
}
