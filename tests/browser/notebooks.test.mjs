// Every notebook, opened in JupyterLab in a real browser and run from a fresh kernel: no error
// output, every figure shown, and in notebook 03 the explorer answers a click on "moscow" with
// the sentences that use it. Then the executed 03, exported by nbconvert, works as a page of
// its own. Nothing may leave the machine and nothing may log a console error.
//
// The notebooks are copied to a temporary folder that JupyterLab serves, so that running and
// autosaving them never writes outputs into the repository's notebooks.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import { JUPYTER, REPO, clickTerm, closePage, launch, offlineEnv, startLab, tempDir } from "./lib.mjs";

const NOTEBOOKS = fs
  .readdirSync(path.join(REPO, "notebooks"))
  .filter((name) => /^\d\d-.*\.ipynb$/.test(name))
  .sort();
const EXPLORER_NOTEBOOK = NOTEBOOKS.find((name) => name.startsWith("03-"));

let root, lab, browser;

before(async () => {
  root = tempDir("anx-notebooks-");
  for (const name of NOTEBOOKS) {
    fs.copyFileSync(path.join(REPO, "notebooks", name), path.join(root, name));
  }
  lab = await startLab(root);
  browser = await launch();
  // JupyterLab once, alone, before two pages load it side by side: its first load writes the
  // fresh settings and workspace folders, which two first loads at once could race on.
  const page = await browser.newPage();
  await page.goto(`${lab.base}/lab?token=${lab.token}`);
  await page.waitForFunction(() => window.jupyterapp !== undefined, null, { timeout: 60_000 });
  await page.evaluate(() => window.jupyterapp.restored.then(() => true));
  await page.waitForLoadState("networkidle");
  await closePage(page);
});

after(async () => {
  await browser?.close();
  await lab?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** Open a notebook, run all its cells, wait for the kernel; return what the outputs hold. */
async function runNotebook(page, name) {
  await page.goto(lab.url(name));
  await page.waitForFunction(
    (file) => {
      const widget = window.jupyterapp?.shell?.currentWidget;
      return widget?.context?.path === file && widget.content?.widgets?.length > 0;
    },
    name,
    { timeout: 60_000 },
  );
  return page.evaluate(async () => {
    const app = window.jupyterapp;
    const panel = app.shell.currentWidget;
    await panel.context.ready;
    await panel.sessionContext.ready;
    await app.commands.execute("notebook:run-all-cells");
    // Wait until every code cell has run and the kernel is idle.
    for (;;) {
      const cells = Array.from(panel.content.model.cells).filter((cell) => cell.type === "code");
      const done = cells.every((cell) => cell.executionCount !== null);
      if (done && panel.sessionContext.session?.kernel?.status === "idle") break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const outputs = [];
    Array.from(panel.content.model.cells).forEach((cell, index) => {
      if (cell.type !== "code") return;
      for (let k = 0; k < cell.outputs.length; k++) {
        outputs.push({ cell: index, ...cell.outputs.get(k).toJSON() });
      }
    });
    // Every image in the outputs, scrolled into view and decoded: shown, not a broken icon.
    const images = Array.from(panel.content.node.querySelectorAll(".jp-OutputArea-output img"));
    const shown = [];
    for (const image of images) {
      image.scrollIntoView({ block: "center" });
      try {
        await image.decode();
      } catch {
        // a broken image fails the check below
      }
      shown.push(image.complete && image.naturalWidth > 0 && image.getBoundingClientRect().width > 0);
    }
    return { outputs, shown };
  });
}

async function shutDown(page) {
  await page.evaluate(async () => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.context.save();
    await panel.sessionContext.shutdown();
  });
  await closePage(page);
}

// Two notebooks at a time: one kernel per core of a two-core machine.
describe("the notebooks in JupyterLab", { concurrency: 2 }, () => {
for (const name of NOTEBOOKS) {
  test(`${name}: runs in JupyterLab with no error and shows every figure`, { timeout: 300_000 }, async () => {
    const page = await browser.newPage();
    const { outputs, shown } = await runNotebook(page, name);

    const errors = outputs.filter((output) => output.output_type === "error");
    assert.deepEqual(
      errors.map((error) => `cell ${error.cell}: ${error.ename}: ${error.evalue}`),
      [],
      "error outputs",
    );
    const stderr = outputs.filter((output) => output.output_type === "stream" && output.name === "stderr");
    assert.deepEqual(stderr.map((output) => `cell ${output.cell}: ${output.text}`), [], "output on stderr");

    const figures = outputs.filter((output) => output.data && output.data["image/png"]);
    assert.ok(figures.length > 0 || !/save_figure/.test(fs.readFileSync(path.join(root, name), "utf-8")), "no figure shown");
    assert.ok(shown.length >= figures.length, `${figures.length} figures in the outputs, ${shown.length} images on the page`);
    assert.deepEqual(shown.filter((ok) => !ok).length, 0, "an image that did not load");

    if (name === EXPLORER_NOTEBOOK) await checkExplorerInLab(page, outputs);

    const problems = browser.problems(page);
    await shutDown(page);
    if (problems.length) {
      // The server's own account of what failed, for the reader of a failing run.
      const log = lab.log().split("\n").filter((line) => /error|traceback|\b5\d\d\b/i.test(line));
      console.log(`JupyterLab's log, error lines:\n${log.slice(-40).join("\n")}`);
    }
    assert.deepEqual(problems, [], "requests that left the machine, console or page errors");
  });
}
});

async function checkExplorerInLab(page, outputs) {
  const views = outputs.filter((output) => (output.data?.["text/html"] ?? "").includes('data-explorer="analysis"'));
  assert.ok(views.length >= 1, "notebook 03 shows no explorer");
  const ready = page.locator('.jp-OutputArea-output .anx-root[data-ready="1"]');
  assert.equal(await ready.count(), views.length, "an explorer whose script did not run");
  await ready.first().scrollIntoViewIfNeeded();

  // Typed into the search box: JupyterLab's shortcuts must not take the keys.
  const typed = await clickTerm(page, ".jp-OutputArea-output .anx-root", "moscow");
  assert.equal(await ready.first().locator(".anx-search").inputValue(), "moscow");
  checkSentences(typed, "moscow");
  // The point itself.
  const clicked = await clickTerm(page, ".jp-OutputArea-output .anx-root", "moscow", { via: "point" });
  assert.deepEqual(clicked, typed);
  // From a sentence to its document, sentence by sentence.
  await ready.first().locator(".anx-column[data-side=target] .anx-doclink").first().click();
  assert.ok(await ready.first().locator(".anx-docs-view").isVisible());
  assert.ok((await ready.first().locator(".anx-unit.anx-flash").textContent()).toLowerCase().includes("moscow"));
}

function checkSentences(found, term) {
  for (const side of ["target", "reference"]) {
    assert.ok(found[side].length > 0, `no ${side} sentence listed for "${term}"`);
    for (const sentence of found[side]) {
      assert.ok(sentence.text.toLowerCase().includes(term), `"${sentence.text}" does not contain ${term}`);
      assert.ok(sentence.marked.length > 0 && sentence.marked.every((m) => m.toLowerCase().startsWith(term)));
    }
  }
}

test("the executed notebook 03, exported to HTML by nbconvert, is a working explorer offline", { timeout: 120_000 }, async () => {
  // Saved by the test above with its outputs, in the temporary copy.
  const executed = path.join(root, EXPLORER_NOTEBOOK);
  const notebook = JSON.parse(fs.readFileSync(executed, "utf-8"));
  assert.ok(notebook.cells.some((cell) => (cell.outputs ?? []).length), "notebook 03 was not saved with its outputs");
  const out = tempDir("anx-export-");
  // The package's offline template (no require.js or MathJax from a CDN), as `analysis report` uses.
  const result = spawnSync(
    JUPYTER,
    [
      "nbconvert", "--to", "html", "--template", "report",
      `--TemplateExporter.extra_template_basedirs=${path.join(REPO, "analysis", "templates", "html")}`,
      "--output-dir", out, executed,
    ],
    { encoding: "utf-8", env: { ...process.env, ...offlineEnv() } },
  );
  assert.equal(result.status, 0, result.stderr);
  const page = await browser.newPage();
  const file = path.join(out, EXPLORER_NOTEBOOK.replace(/\.ipynb$/, ".html"));
  await page.goto(pathToFileURL(file).href);
  await page.locator('.anx-root[data-ready="1"]').first().waitFor();
  checkSentences(await clickTerm(page, ".anx-root", "moscow"), "moscow");
  const problems = browser.problems(page);
  await closePage(page);
  fs.rmSync(out, { recursive: true, force: true });
  assert.deepEqual(problems, [], "requests that left the machine, console or page errors");
});

test("nothing left the machine, and no page logged an error, in the whole run", () => {
  const problems = browser.problems();
  if (problems.length) console.log(lab.log());
  assert.deepEqual(problems, []);
});
