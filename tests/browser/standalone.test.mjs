// Pages opened directly from disk (file://): a saved explorer (Explorer.save_html) on the
// seeds and on a corpus that is not the seeds, with its own group column and labels, and the
// report.html that `analysis report` writes for that corpus. Clicking a term lists the
// sentences that use it; the document view colours each sentence; nothing is fetched and
// nothing logs an error.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";

import { clickTerm, closePage, launch, python, tempDir } from "./lib.mjs";

let folder, browser;

// The seeds as notebook 03 shows them, and a corpus of letters from two towns written here:
// "harbour" in every north letter, "vineyard" in every south one, "council" in both.
const BUILD = String.raw`
import sys
import pandas as pd
import analysis as an

out = sys.argv[1]
corpus = an.load_corpus(an.paths.SEEDS_DIR)
an.explore(
    corpus, group="stance", target="critical", reference="favourable",
    stop_words=an.read_stop_words(an.paths.SEEDS_DIR),
).save_html(f"{out}/seeds.html")
rows = []
for i in range(6):
    rows.append({"letter": f"n{i}", "town": "north",
                 "body": "The harbour flooded again. The council met at night. Fishing stopped."})
    rows.append({"letter": f"s{i}", "town": "south",
                 "body": "The vineyard had a wonderful year. The council praised the growers."})
letters = an.corpus_from_frame(pd.DataFrame(rows), text="body", doc_id="letter")
an.explore(letters, group="town", target="south", reference="north").save_html(f"{out}/letters.html")
an.explore(
    letters, group="town", target="south", reference="north", max_documents=4
).save_html(f"{out}/letters-sample.html")
pd.DataFrame(rows).to_csv(f"{out}/letters.csv", index=False)
an.report.build_report(
    f"{out}/letters.csv", group="town", target="south", reference="north", out=f"{out}/report",
    text="body", doc_id="letter", progress=False,
)
`;

before(async () => {
  folder = tempDir("anx-standalone-");
  python(BUILD, [folder]);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

async function open(name) {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(path.join(folder, name)).href);
  await page.locator('.anx-root[data-ready="1"]').waitFor();
  return page;
}

test("the network guard is on: a request to another machine is stopped and reported", async () => {
  const own = await launch();
  try {
    const page = await own.newPage();
    await page.goto("data:text/html,<p>guard</p>");
    await page.evaluate(() => fetch("http://192.0.2.1/probe").catch(() => null)); // TEST-NET-1
    assert.ok(own.problems(page).some((problem) => problem.includes("192.0.2.1")));
  } finally {
    await own.close();
  }
});

test("the seeds' explorer, from file://: clicking moscow lists the sentences of both sides that use it", async () => {
  const page = await open("seeds.html");
  for (const via of ["search", "point"]) {
    const found = await clickTerm(page, ".anx-root", "moscow", { via });
    // Counted by hand in the seeds' texts: 9 sentences of 001 name Moscow, and one each of 003
    // and 004.
    assert.equal(found.target.length, 9);
    assert.deepEqual(found.target.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i), ["001"]);
    assert.deepEqual(found.reference.map((s) => s.doc), ["003", "004"]);
    for (const sentence of [...found.target, ...found.reference]) {
      assert.match(sentence.text, /moscow/i);
      assert.ok(sentence.marked.length > 0 && sentence.marked.every((m) => /^moscow/i.test(m)));
    }
  }
  // Hovering a point shows its counts.
  await page.locator('circle.anx-point[data-term="moscow"]').dispatchEvent("mouseover");
  const tip = await page.locator(".anx-tip").textContent();
  assert.match(tip, /critical: 9 uses .* in 1 of 1 documents/);
  assert.match(tip, /favourable: 2 uses .* in 2 of 3 documents/);
  assert.deepEqual(browser.problems(page), []);
  await closePage(page);
});

test("the document view colours each sentence by its score and names its document", async () => {
  const page = await open("seeds.html");
  await page.locator(".anx-tab[data-view=documents]").click();
  const value = await page
    .locator(".anx-picker option")
    .evaluateAll((options) => options.find((option) => option.textContent.startsWith("003")).value);
  await page.locator(".anx-picker").selectOption(value);
  const head = await page.locator(".anx-doc-head").textContent();
  assert.match(head, /^003 \(stance: favourable\)/);
  const colours = await page.locator(".anx-unit").evaluateAll((spans) => spans.map((span) => span.style.background));
  assert.ok(colours.length > 10);
  assert.ok(new Set(colours).size > 3, "sentences are not coloured by their scores");
  await page.locator(".anx-unit").first().dispatchEvent("mouseover");
  assert.match(await page.locator(".anx-tip").textContent(), /^compound [+−]?\d\.\d{3}/);
  assert.deepEqual(browser.problems(page), []);
  await closePage(page);
});

test("any corpus: letters of two towns, their own column and labels", async () => {
  const page = await open("letters.html");
  const found = await clickTerm(page, ".anx-root", "harbour");
  assert.equal(found.target.length, 0); // south never writes it
  assert.deepEqual(found.reference.map((s) => s.doc), ["n0", "n1", "n2", "n3", "n4", "n5"]);
  const shared = await clickTerm(page, ".anx-root", "council");
  assert.equal(shared.target.length, 6);
  assert.equal(shared.reference.length, 6);
  assert.match(await page.locator(".anx-column[data-side=target] .anx-column-head").textContent(), /^south: 6 sentences/);
  assert.deepEqual(browser.problems(page), []);
  await closePage(page);
});

test("a sample of documents: the view says how many documents its sentences come from", async () => {
  const page = await open("letters-sample.html");
  // At most 4 documents: 2 of the 6 of each town.
  assert.match(
    await page.locator(".anx-note").textContent(),
    /6 south and 6 north documents; sentences of 2 of 6 south and 2 of 6 north documents, drawn at random \(seed 0\)/,
  );
  const shared = await clickTerm(page, ".anx-root", "council");
  assert.equal(shared.target.length, 2);
  assert.equal(shared.reference.length, 2);
  assert.match(
    await page.locator(".anx-column[data-side=target] .anx-column-head").textContent(),
    /^south: 2 sentences in the 2 documents shown/,
  );
  // Counts on hover are every document's; a term one town never writes says so.
  await clickTerm(page, ".anx-root", "harbour");
  const card = await page.locator(".anx-card").textContent();
  assert.match(card, /north: 6 uses .* in 6 of 6 documents/);
  assert.match(card, /\(only north uses it\)/);
  assert.match(card, /documents shown: n\d, n\d/);
  assert.deepEqual(browser.problems(page), []);
  await closePage(page);
});

test("the report of `analysis report` holds a working explorer", async () => {
  const page = await open("report/report.html");
  const found = await clickTerm(page, ".anx-root", "vineyard");
  assert.deepEqual(found.target.map((s) => s.doc), ["s0", "s1", "s2", "s3", "s4", "s5"]);
  assert.equal(found.reference.length, 0);
  assert.ok(found.target.every((s) => s.marked.join() === "vineyard"));
  assert.deepEqual(browser.problems(page), []);
  await closePage(page);
});

test("nothing left the machine, and no page logged an error", () => {
  assert.deepEqual(browser.problems(), []);
});
