// The class report page (crates/course/assets/class-report.html), filled with a class of real grades
// (fixtures/class.json) the way the runner fills it (fill-class-report.mjs), in headless Chromium: opened from disk
// and over http without console errors or requests elsewhere; one bar per exercise with the right pass rate; a
// student × exercise grid; the tests failed most often with their likely cause; a student's drill-down with their
// messages; the dark theme (system and toggle); a phone's width. Screenshots: class-report-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { artifactsDir, installColourHelpers, launchBrowser, openPage } from './lib/book.mjs';
import { FIXTURE, TEMPLATE, fill } from './fill-class-report.mjs';

const CLASS = JSON.parse(readFileSync(FIXTURE, 'utf8'));
const GRADED = CLASS.students.filter(s => s.status === 'graded');
const PHONE = { width: 390, height: 844 };

/** The fixture's pass rate of an exercise (by folder): passed / graded students. */
function rate(dir) {
    const pass = GRADED.filter(s => s.report.exercises.find(e => e.dir === dir)?.status === 'passed').length;
    return pass / GRADED.length;
}

describe('the class report page', () => {
    let dir;
    let file;
    let server;
    let url;
    let browser;

    before(async () => {
        dir = mkdtempSync(join(tmpdir(), 'class-report-'));
        file = join(dir, 'class-report.html');
        writeFileSync(file, fill(readFileSync(TEMPLATE, 'utf8'), readFileSync(FIXTURE, 'utf8')));
        writeFileSync(join(dir, 'empty.html'), readFileSync(TEMPLATE, 'utf8'));
        server = createServer((req, res) => {
            const name = new URL(req.url, 'http://127.0.0.1').pathname.slice(1) || 'class-report.html';
            if (!['class-report.html', 'empty.html'].includes(name)) {
                res.writeHead(404).end();
                return;
            }
            res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(readFileSync(join(dir, name)));
        });
        await new Promise(done => server.listen(0, '127.0.0.1', done));
        url = `http://127.0.0.1:${server.address().port}/`;
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await new Promise(done => (server ? server.close(done) : done()));
        rmSync(dir, { recursive: true, force: true });
    });

    async function open(where, { scheme = 'light', viewport = null } = {}) {
        const { page, errors } = await openPage(browser.context);
        if (viewport) {
            await page.setViewportSize(viewport);
        }
        await page.emulateMedia({ colorScheme: scheme });
        // A fresh tab starts without a remembered theme (the browser profile is shared); a reload keeps it.
        await page.addInitScript(() => {
            if (!sessionStorage.getItem('fresh')) {
                localStorage.removeItem('class-report-theme');
                sessionStorage.setItem('fresh', '1');
            }
        });
        await page.goto(where, { waitUntil: 'load' });
        return { page, errors };
    }

    test('the fixture is a class of real grades', () => {
        assert.equal(CLASS.schema, 1);
        assert.equal(CLASS.kind, 'class');
        assert.ok(GRADED.length >= 10, 'at least ten graded students');
        assert.ok(CLASS.students.some(s => s.status === 'unusable' && s.report === null));
        const messages = GRADED.flatMap(s => s.report.exercises.flatMap(e => e.tests.map(t => t.message)));
        assert.ok(messages.some(m => m.includes('Likely cause:')), 'failure messages from the grader');
        assert.ok(messages.some(m => m.includes('Read: src/')));
    });

    test('opens from disk and over http without console errors or outside requests', async () => {
        for (const where of [pathToFileURL(file).href, url, url + 'empty.html']) {
            const { page, errors } = await open(where);
            await page.waitForSelector('#summary li');
            assert.deepEqual(errors, [], where);
            await page.close();
        }
        assert.deepEqual(browser.external, []);
    });

    test('the header sums the class up', async () => {
        const { page } = await open(url);
        const text = id => page.locator(`#${id} b`).textContent();
        assert.equal(await text('sum-students'), String(CLASS.students.length));
        assert.equal(await text('sum-graded'), String(GRADED.length));
        assert.equal(await text('sum-unusable'), String(CLASS.students.length - GRADED.length));
        const scores = GRADED.map(s => s.report.summary.score_percent).sort((a, b) => a - b);
        const mid = scores.length / 2;
        const median = scores.length % 2 ? scores[Math.floor(mid)] : (scores[mid - 1] + scores[mid]) / 2;
        assert.equal(await text('sum-median'), `${median}%`);
        await page.close();
    });

    test('one bar per exercise, with its pass rate, labelled for screen readers', async () => {
        const { page } = await open(url);
        const bars = await page.$$eval('#chart g.rate-row', rows => rows.map(g => ({
            exercise: g.getAttribute('data-exercise'),
            rate: Number(g.querySelector('rect.bar').getAttribute('data-rate')),
            width: g.querySelector('rect.bar').getBoundingClientRect().width,
            track: g.querySelector('rect.track').getBoundingClientRect().width,
            label: g.getAttribute('aria-label'),
            title: g.querySelector('title')?.textContent,
        })));
        assert.deepEqual(bars.map(b => b.exercise), CLASS.exercises.map(e => e.name));
        for (const [i, e] of CLASS.exercises.entries()) {
            const b = bars[i];
            assert.ok(Math.abs(b.rate - rate(e.dir)) < 1e-4, `${e.name}: ${b.rate} != ${rate(e.dir)}`);
            assert.ok(Math.abs(b.width - b.track * rate(e.dir)) < 1.5, `${e.name}: the bar's length shows its rate`);
            assert.match(b.label, new RegExp(`${Math.round(rate(e.dir) * 100)}%`));
            assert.equal(b.title, b.label);
        }
        const chapters = await page.$$eval('#chart text.chapter-label', t => t.map(x => x.textContent));
        assert.equal(chapters.length, CLASS.chapters.length, 'the bars are grouped by chapter');
        assert.ok(rate(CLASS.exercises[0].dir) > 0 && CLASS.exercises.some(e => rate(e.dir) < 1), 'rates vary');
        await page.close();
    });

    test('the grid has a row per student and a cell per exercise, with a symbol as well as a colour', async () => {
        const { page } = await open(url);
        const rows = await page.$$eval('#grid tbody tr', trs => trs.map(tr => ({
            id: tr.getAttribute('data-student'),
            cells: [...tr.querySelectorAll('td')].map(td => ({
                cls: td.className, text: td.textContent.trim(), label: td.getAttribute('aria-label'),
                span: Number(td.getAttribute('colspan') || 1),
            })),
        })));
        assert.deepEqual(rows.map(r => r.id), CLASS.students.map(s => s.id));
        const symbols = { passed: '✓', failed: '✗', compile_error: '⚠', crashed: '!', missing: '∅' };
        for (const s of CLASS.students) {
            const row = rows.find(r => r.id === s.id);
            if (s.status !== 'graded') {
                assert.equal(row.cells.length, 1);
                assert.equal(row.cells[0].span, CLASS.exercises.length);
                assert.match(row.cells[0].text, new RegExp(s.problem));
                continue;
            }
            assert.equal(row.cells.length, CLASS.exercises.length, s.id);
            for (const [i, e] of CLASS.exercises.entries()) {
                const status = s.report.exercises.find(x => x.dir === e.dir).status;
                assert.equal(row.cells[i].cls, `s-${status}`, `${s.id} ${e.name}`);
                assert.equal(row.cells[i].text, symbols[status]);
                assert.match(row.cells[i].label, new RegExp(`^${s.id}, ${e.name}: `));
            }
        }
        const header = await page.$eval('#grid thead th', th => getComputedStyle(th).position);
        assert.equal(header, 'sticky', 'the header row stays in view');
        await page.close();
    });

    test('where the class needs teaching: the tests failed most often, with their most common likely cause', async () => {
        const { page } = await open(url);
        const items = await page.$$eval('#hotspots li.hotspot', lis => lis.map(li => ({
            test: li.getAttribute('data-test'), exercise: li.getAttribute('data-exercise'),
            students: Number(li.getAttribute('data-students')), cause: li.querySelector('.cause q')?.textContent,
        })));
        assert.ok(items.length >= 5, 'several hot spots');
        // The fixture's own count for the first one, and the order.
        // An exercise in which a test reached a todo!() is not finished, and not counted.
        const failedBy = (exercise, name) => GRADED.map(s => s.report.exercises.find(e => e.name === exercise))
            .filter(e => !e.tests.some(t => t.kind === 'unfinished'))
            .filter(e => e.tests.some(t => t.name === name && t.status !== 'pass')).length;
        for (const item of items) {
            assert.equal(item.students, failedBy(item.exercise, item.test), `${item.exercise}/${item.test}`);
            assert.ok(item.cause && item.cause.length > 10, `${item.test} has a cause`);
        }
        assert.deepEqual(items.map(i => i.students), [...items.map(i => i.students)].sort((a, b) => b - a));
        const causes = GRADED.flatMap(s => s.report.exercises.flatMap(e => e.tests.map(t => t.message)))
            .flatMap(m => m.split('\n')).filter(l => l.includes('Likely cause:'))
            .map(l => l.replace(/^\s*Likely cause:\s*/, ''));
        assert.ok(items.some(i => causes.some(c => i.cause.startsWith(c.slice(0, 40)))),
            'the causes shown are the messages\' "Likely cause" lines');
        await page.close();
    });

    test('clicking a student shows their exercises and full messages', async () => {
        const { page, errors } = await open(url);
        // The student with the most failures that are not todo!()s.
        const student = [...GRADED].sort((a, b) => count(b) - count(a))[0];
        function count(s) {
            return s.report.exercises.flatMap(e => e.tests).filter(t => t.status !== 'pass' && t.kind !== 'unfinished').length;
        }
        await page.click(`#grid button[data-student="${student.id}"]`);
        await page.waitForSelector(`#drill[data-student="${student.id}"]`);
        const shown = await page.$$eval('#drill pre.message', pres => pres.map(p => p.textContent));
        const failed = student.report.exercises.flatMap(e => e.tests).filter(t => t.status !== 'pass' && t.message);
        assert.equal(shown.length, failed.length);
        assert.ok(failed.every(t => shown.includes(t.message)), 'every message, whole');
        const wraps = await page.$eval('#drill pre.message', p => getComputedStyle(p).whiteSpace);
        assert.equal(wraps, 'pre-wrap');
        assert.ok(page.url().endsWith(`#student=${student.id}`));
        await page.screenshot({ path: join(await artifactsDir(), 'class-report-student.png'), fullPage: false });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('light and dark: the system\'s choice, and the toggle', async () => {
        const dir = await artifactsDir();
        const background = async page => page.evaluate(() => {
            const c = window.colour.rgb(getComputedStyle(document.body).backgroundColor);
            return (c.r + c.g + c.b) / 3;
        });
        const light = await open(url, { scheme: 'light' });
        await light.page.evaluate(installColourHelpers);
        assert.ok(await background(light.page) > 200, 'light by default on a light system');
        await light.page.screenshot({ path: join(dir, 'class-report-light.png'), fullPage: true });
        await light.page.click('#theme-toggle');
        assert.equal(await light.page.getAttribute('html', 'data-theme'), 'dark');
        assert.ok(await background(light.page) < 60, 'the toggle switches to dark');
        assert.equal(await light.page.getAttribute('#theme-toggle', 'aria-pressed'), 'true');
        const contrast = await light.page.$eval('td.s-passed', td => window.colour.contrast(
            window.colour.rgb(getComputedStyle(td).color), window.colour.background(td)));
        assert.ok(contrast >= 4.5, `grid symbols are legible in dark (${contrast.toFixed(1)})`);
        await light.page.reload();
        await light.page.evaluate(installColourHelpers);
        assert.ok(await background(light.page) < 60, 'the choice is remembered');
        assert.deepEqual(light.errors, []);
        await light.page.close();

        const dark = await open(url, { scheme: 'dark' });
        await dark.page.evaluate(installColourHelpers);
        assert.ok(await background(dark.page) < 60, 'dark on a dark system');
        await dark.page.screenshot({ path: join(dir, 'class-report-dark.png'), fullPage: true });
        await dark.page.click('#theme-toggle');
        assert.ok(await background(dark.page) > 200, 'the toggle switches to light');
        await dark.page.close();
    });

    test('at a phone\'s width the page does not scroll sideways; the grid scrolls in its box', async () => {
        const { page, errors } = await open(pathToFileURL(file).href, { viewport: PHONE });
        const widths = await page.evaluate(() => ({
            page: document.documentElement.scrollWidth,
            body: document.body.scrollWidth,
            box: document.getElementById('grid-box').clientWidth,
            grid: document.getElementById('grid-box').scrollWidth,
            chart: document.querySelector('#chart svg').getBoundingClientRect().width,
        }));
        assert.ok(widths.page <= PHONE.width && widths.body <= PHONE.width, JSON.stringify(widths));
        assert.ok(widths.grid > widths.box, 'the grid is wider than its box, and scrolls inside it');
        assert.ok(widths.chart <= PHONE.width);
        // An ungraded student's reason starts in view, next to the name (not centred far off in its wide cell).
        const reasons = await page.$$eval('#grid td.s-unusable', tds => tds.map(td => {
            const range = document.createRange();
            range.selectNodeContents(td);
            return range.getBoundingClientRect().left < document.getElementById('grid-box').getBoundingClientRect().right;
        }));
        assert.ok(reasons.length > 0 && reasons.every(Boolean), 'the reasons are in view');
        await page.screenshot({ path: join(await artifactsDir(), 'class-report-phone.png'), fullPage: false });
        assert.deepEqual(errors, []);
        await page.close();
    });
});
