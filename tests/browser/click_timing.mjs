// For benchmarks/bench_explorer.py: open a saved explorer from disk in Debian's chromium and
// time, in the page, how long a click on a term takes to list its sentences (the handler and
// the layout it forces). Prints one JSON line. Not a test: timings go in the README.
//
// Usage: node click_timing.mjs FILE.html

import { pathToFileURL } from "node:url";

import { launch } from "./lib.mjs";

const file = process.argv[2];
const browser = await launch();
try {
  const page = await browser.newPage();
  const start = Date.now();
  await page.goto(pathToFileURL(file).href);
  await page.locator('.anx-root[data-ready="1"]').waitFor();
  const openMs = Date.now() - start;
  const timings = await page.evaluate(() => {
    const points = Array.from(document.querySelectorAll("circle.anx-point"));
    const data = JSON.parse(document.querySelector("script.anx-data").textContent);
    // The most used term lists the most sentences: the slowest click.
    const uses = data.terms.countTarget.map((n, i) => n + data.terms.countReference[i]);
    const busiest = uses.indexOf(Math.max(...uses));
    const point = points.find((p) => Number(p.getAttribute("data-i")) === busiest);
    const times = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      point.dispatchEvent(new MouseEvent("click", { bubbles: true }));
      void document.body.offsetHeight; // the layout of the new list, inside the timing
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return {
      term: data.terms.term[busiest],
      sentencesListed: document.querySelectorAll(".anx-sentence").length,
      clickMedianMs: times[2],
      clickMaxMs: times[4],
    };
  });
  console.log(JSON.stringify({ openMs, ...timings }));
} finally {
  await browser.close();
}
