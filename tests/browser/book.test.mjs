// The built book in headless Chromium, served by a tiny static server on 127.0.0.1: every page loads without console
// errors, the sidebar follows src/SUMMARY.md, search works, a quiz can be answered, the playground examples run
// (answered here by a stand-in: nothing leaves the machine), the timeline pictures are legible in every theme, the
// edit link and the print version work, and screenshots of the home page, a chapter page and a quiz are saved in
// light and dark themes. Every request to another host fails the run.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
    BOOK, ROOT, artifactsDir, installColourHelpers, launchBrowser, openPage, requireBook, serveBook, summary, walk,
} from './lib/book.mjs';

const PAGES = summary();
/** The page whose screenshots show a chapter page with a timeline picture. */
const CHAPTER_PAGE = '01-async-await/02-one-after-another.html';
/** The quiz that is answered, and photographed. */
const QUIZ_PAGE = '01-async-await/quiz.html';
/** A page with runnable, editable and noplayground examples. */
const PLAYGROUND_PAGE = '01-async-await/01-hello-await.html';
/** A page with a text timeline (grader output) and timeline pictures, photographed at phone width. */
const PHONE_PAGE = '04-tasks/01-spawn.html';
/** A phone's window: 390 px wide (CSS pixels), as the narrowest common phones. */
const PHONE = { width: 390, height: 844 };
/** The smallest text, in CSS pixels as rendered, that a timeline picture may show. */
const MIN_TEXT_PX = 11;
/** mdBook's themes: light ones, then dark ones. */
const THEMES = ['light', 'rust', 'coal', 'navy', 'ayu'];

describe('the book in a browser', () => {
    let server;
    let browser;

    before(async () => {
        requireBook();
        server = await serveBook();
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        await server?.close();
    });

    /** Opens `path` (relative to the book) in a fresh page with `theme`; returns `{ page, errors }`. */
    async function open(path, theme = 'light', viewport = null) {
        const { page, errors } = await openPage(browser.context);
        if (viewport) {
            await page.setViewportSize(viewport);
        }
        await page.addInitScript(t => localStorage.setItem('mdbook-theme', t), theme);
        await page.emulateMedia({ colorScheme: ['light', 'rust'].includes(theme) ? 'light' : 'dark' });
        await page.goto(server.url + path, { waitUntil: 'load' });
        // toc.js has run (on a phone the sidebar is folded away: its links exist but are hidden)
        await page.waitForSelector('#mdbook-sidebar a', { state: 'attached' });
        return { page, errors };
    }

    test('every page loads without console errors', async () => {
        const failures = [];
        const { page, errors } = await openPage(browser.context);
        for (const path of [...PAGES.map(p => p.html), 'index.html', 'print.html', '404.html']) {
            errors.length = 0;
            const response = await page.goto(server.url + path, { waitUntil: 'load' });
            await page.waitForSelector('#mdbook-sidebar a');
            if (!response.ok()) {
                failures.push(`${path}: HTTP ${response.status()}`);
            }
            if (!(await page.locator('main h1').count())) {
                failures.push(`${path}: no heading`);
            }
            failures.push(...errors.map(e => `${path}: ${e}`));
        }
        await page.close();
        assert.deepEqual(failures, []);
        assert.deepEqual(server.missing, [], 'files asked for that the book does not have');
    });

    test('opened from disk (file://), pages, quizzes and the print version work too', async () => {
        const failures = [];
        const { page, errors } = await openPage(browser.context);
        for (const path of ['index.html', CHAPTER_PAGE, QUIZ_PAGE, 'print.html']) {
            errors.length = 0;
            await page.goto(pathToFileURL(join(BOOK, path)).href, { waitUntil: 'load' });
            await page.waitForSelector('#mdbook-sidebar a');
            failures.push(...errors.map(e => `${path}: ${e}`));
        }
        const quizzes = PAGES.filter(p => readFileSync(join(BOOK, p.html), 'utf8').includes('quiz-placeholder'));
        await page.locator('.mdbook-quiz').nth(quizzes.length - 1).waitFor({ timeout: 5000 }).catch(() => {});
        assert.equal(await page.locator('.mdbook-quiz').count(), quizzes.length, 'every quiz renders in print.html');
        await page.close();
        assert.deepEqual(failures, []);
    });

    test('code and tables fit the text column: no Rust or Python example and no table scrolls sideways, no timeline row wraps', async () => {
        // The listings are formatted 86 characters wide (listings/rustfmt.toml) for mdBook's 750 px column. Program
        // output (compiler errors, grader messages, timelines) is shown as a terminal shows it, and may scroll.
        const failures = [];
        const { page } = await openPage(browser.context);
        for (const { html } of PAGES) {
            await page.goto(server.url + html, { waitUntil: 'load' });
            failures.push(...await page.evaluate(() => {
                const wide = element => element.scrollWidth > element.clientWidth + 1;
                const code = [...document.querySelectorAll('pre > code.language-rust, pre > code.language-python')]
                    .filter(wide)
                    .map(c => `a code block scrolls: ${c.innerText.split('\n').find(l => l.length > 86) ?? ''}`);
                const tables = [...document.querySelectorAll('.table-wrapper')].filter(wide)
                    .map(t => `a table scrolls: ${t.innerText.slice(0, 60).replace(/\s+/g, ' ')}`);
                // Program and grader output wraps rather than hide its end (the times, the likely cause).
                const output = [...document.querySelectorAll('pre > code.output')].filter(wide)
                    .map(c => `an output block scrolls: ${c.innerText.split('\n').find(l => l.length > 86) ?? ''}`);
                // Code in a table breaks only at a space, never inside a name (`spawn_blockin g`): where a line ends,
                // the character on either side of the break is a space.
                const brokenAt = code => {
                    const text = code.firstChild;
                    if (!text || text.nodeType !== Node.TEXT_NODE || code.getClientRects().length < 2) {
                        return null;
                    }
                    const range = document.createRange();
                    const top = i => {
                        range.setStart(text, i);
                        range.setEnd(text, i + 1);
                        return Math.round(range.getBoundingClientRect().top);
                    };
                    const s = text.textContent;
                    for (let i = 1; i < s.length; i++) {
                        if (top(i) > top(i - 1) && s[i] !== ' ' && s[i - 1] !== ' ') {
                            return `${s.slice(0, i)}|${s.slice(i)}`;
                        }
                    }
                    return null;
                };
                const broken = [...document.querySelectorAll('.content table code')]
                    .map(brokenAt).filter(Boolean)
                    .map(b => `a table breaks code inside a word: ${b}`);
                // A listing included from inside a `mod tests { ... }` would show every line indented.
                const indented = [...document.querySelectorAll('pre > code.language-rust')]
                    .filter(c => {
                        const lines = c.innerText.split('\n').filter(l => l.trim());
                        return lines.length > 1 && lines.every(l => l.startsWith('    '));
                    })
                    .map(c => `a Rust block is indented as a whole: ${c.innerText.trim().split('\n')[0]}`);
                // In the text column a timeline row is one line: its end ("(cancelled)") does not wrap to the left
                // edge under the bar. (On a phone the rows stack by design.)
                const wrapped = [];
                for (const block of document.querySelectorAll('pre > code.output')) {
                    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
                    for (let node; (node = walker.nextNode());) {
                        let at = 0;
                        for (const line of node.textContent.split('\n')) {
                            if (/\|[█░·]+\|/.test(line)) {
                                const range = document.createRange();
                                range.setStart(node, at);
                                range.setEnd(node, at + line.length);
                                if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) {
                                    wrapped.push(`a timeline row wraps: ${line.trim()}`);
                                }
                            }
                            at += line.length + 1;
                        }
                    }
                }
                return [...code, ...tables, ...output, ...broken, ...indented, ...wrapped];
            }).then(found => found.map(f => `${html}: ${f}`)));
        }
        await page.close();
        assert.deepEqual(failures, []);
    });

    test('on a wide screen a text timeline row stays on one line, "(cancelled)" included', async () => {
        // Output wraps rather than scroll (above); a timeline row that wrapped would send its end, "(cancelled)",
        // to the start of the next line, where it reads as a row of its own.
        const wrapped = [];
        const { page } = await openPage(browser.context);
        let rows = 0;
        for (const { html } of PAGES) {
            await page.goto(server.url + html, { waitUntil: 'load' });
            await page.evaluate(() => document.fonts.ready);
            const found = await page.evaluate(() => {
                const out = [];
                let count = 0;
                for (const code of document.querySelectorAll('pre > code.output')) {
                    const text = code.firstChild;
                    if (!text || text.nodeType !== Node.TEXT_NODE) {
                        continue;
                    }
                    let at = 0;
                    for (const line of text.textContent.split('\n')) {
                        if (/[█░·]{5}/.test(line)) {
                            count++;
                            const range = document.createRange();
                            range.setStart(text, at);
                            range.setEnd(text, at + line.length);
                            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                            if (tops.size > 1) {
                                out.push(line.trim());
                            }
                        }
                        at += line.length + 1;
                    }
                }
                return { out, count };
            });
            rows += found.count;
            wrapped.push(...found.out.map(l => `${html}: ${l}`));
        }
        await page.close();
        assert.ok(rows >= 20, `timeline rows found: ${rows}`);
        assert.deepEqual(wrapped, []);
    });

    test('an exercise page shows "Where:" and "Grade:" on lines of their own', async () => {
        const exercisePages = PAGES.filter(p => readFileSync(join(ROOT, 'src', p.md), 'utf8').includes('> **Where:**'));
        assert.ok(exercisePages.length >= 20, `exercise pages found: ${exercisePages.length}`);
        const joined = [];
        const { page } = await openPage(browser.context);
        for (const { html } of exercisePages) {
            await page.goto(server.url + html, { waitUntil: 'load' });
            const tops = await page.$$eval('blockquote strong', strongs => Object.fromEntries(strongs
                .filter(s => ['Where:', 'Grade:'].includes(s.textContent.trim()))
                .map(s => [s.textContent.trim(), s.getBoundingClientRect().top])));
            if (!(tops['Where:'] < tops['Grade:'])) {
                joined.push(`${html}: ${JSON.stringify(tops)}`);
            }
        }
        await page.close();
        assert.deepEqual(joined, [], 'pages whose "Where:" and "Grade:" share a line (or are missing)');
    });

    test('at phone width (390 px) no timeline text is smaller than 11 px and nothing widens the page', async () => {
        const withPictures = PAGES.filter(p => readFileSync(join(BOOK, p.html), 'utf8').includes('class="timeline-frame"'));
        assert.ok(withPictures.length >= 10, `pages with timeline pictures: ${withPictures.length}`);
        const problems = [];
        const { page } = await openPage(browser.context);
        await page.setViewportSize(PHONE);
        for (const { html } of [{ html: 'index.html' }, ...PAGES]) {
            await page.goto(server.url + html, { waitUntil: 'load' });
            const found = await page.evaluate(min => {
                const out = [];
                const frames = [...document.querySelectorAll('.timeline-frame')];
                for (const frame of frames) {
                    const shown = [...frame.querySelectorAll('svg.timeline')].filter(s => s.getBoundingClientRect().width > 0);
                    if (shown.length !== 1 || !shown[0].classList.contains('timeline-narrow')) {
                        out.push(`a frame shows ${shown.map(s => s.getAttribute('class')).join(', ') || 'nothing'}, not the narrow layout`);
                    }
                    // The narrow layout fits the screen whole: nothing to scroll to.
                    if (frame.scrollWidth > frame.clientWidth + 1) {
                        out.push(`"${frame.querySelector('title')?.textContent}": the picture scrolls sideways`);
                    }
                }
                for (const svg of [...document.querySelectorAll('svg.timeline')].filter(s => s.getBoundingClientRect().width > 0)) {
                    // The picture's scale on screen: its rendered width over its own coordinate width.
                    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                    const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
                    const smallest = Math.min(...sizes);
                    if (smallest < min) {
                        out.push(`"${svg.querySelector('title')?.textContent}": text renders at ${smallest.toFixed(1)} px`);
                    }
                    const frame = svg.closest('.timeline-frame');
                    if (!frame || frame.getBoundingClientRect().right > window.innerWidth + 1) {
                        out.push(`"${svg.querySelector('title')?.textContent}": not in a frame that fits the screen`);
                    }
                }
                if (document.documentElement.scrollWidth > window.innerWidth + 1) {
                    out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
                }
                return out;
            }, MIN_TEXT_PX);
            problems.push(...found.map(f => `${html}: ${f}`));
        }
        await page.close();
        assert.deepEqual(problems, []);
    });

    test('at phone width (390 px) no table scrolls sideways: a wide one becomes cards that keep its column names', async () => {
        // On a phone a scrolling table hides its last columns (a comparison table's tokio side) with nothing to show
        // they are there. theme/tables.js shows a table that does not fit as one card per row instead.
        const problems = [];
        let stacked = 0;
        const { page } = await openPage(browser.context);
        await page.setViewportSize(PHONE);
        for (const { html } of PAGES) {
            await page.goto(server.url + html, { waitUntil: 'load' });
            await page.evaluate(() => document.fonts.ready);
            const found = await page.evaluate(() => [...document.querySelectorAll('.content .table-wrapper')].map(w => {
                const table = w.querySelector('table');
                const names = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
                const cells = [...table.querySelectorAll('tbody td')];
                const before = td => getComputedStyle(td, '::before').content.replace(/^"|"$/g, '');
                return {
                    head: names.join(' | ').slice(0, 60),
                    scrolls: w.scrollWidth > w.clientWidth + 1,
                    stacked: table.classList.contains('stacked'),
                    // in a card, every cell of a named column shows that name above its content
                    labelled: !table.classList.contains('stacked')
                        || cells.every(td => !names[td.cellIndex] || before(td) === names[td.cellIndex]),
                };
            }));
            for (const t of found) {
                stacked += t.stacked ? 1 : 0;
                if (t.scrolls) {
                    problems.push(`${html}: the table "${t.head}" scrolls sideways`);
                }
                if (!t.labelled) {
                    problems.push(`${html}: the cards of "${t.head}" do not show their column names`);
                }
            }
        }
        // The same tables are tables on a wide screen.
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(server.url + 'appendix-asyncio-to-tokio.html', { waitUntil: 'load' });
        assert.equal(await page.locator('.content table.stacked').count(), 0, 'no cards on a wide screen');
        await page.close();
        assert.ok(stacked >= 5, `wide tables shown as cards at 390 px: ${stacked}`);
        assert.deepEqual(problems, []);
    });

    test('in timeline pictures no text overlaps other text or lies on a crossed-out bar, on a desktop or a phone', async () => {
        const problems = [];
        const { page } = await openPage(browser.context);
        for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
            await page.setViewportSize(viewport);
            for (const { html } of PAGES) {
                await page.goto(server.url + html, { waitUntil: 'load' });
                const found = await page.evaluate(() => {
                    const out = [];
                    const meet = (a, b, slack) => a.left < b.right - slack && b.left < a.right - slack
                        && a.top < b.bottom - slack && b.top < a.bottom - slack;
                    for (const svg of [...document.querySelectorAll('svg.timeline')].filter(s => s.getBoundingClientRect().width > 0)) {
                        const title = svg.querySelector('title')?.textContent;
                        const texts = [...svg.querySelectorAll('text')]
                            .map(t => ({ onPlate: t.hasAttribute('fill'), box: t.getBoundingClientRect(), text: t.textContent }));
                        texts.forEach((a, i) => texts.slice(i + 1).filter(b => meet(a.box, b.box, 1))
                            .forEach(b => out.push(`"${title}": "${a.text}" overlaps "${b.text}"`)));
                        // A label on a hatched bar is hard to read; one on a plate of its own (white text) is fine.
                        const hatched = [...svg.querySelectorAll('g.span.cancelled rect')].map(r => r.getBoundingClientRect());
                        texts.filter(t => !t.onPlate && hatched.some(h => meet(h, t.box, 2)))
                            .forEach(t => out.push(`"${title}": "${t.text}" lies on a crossed-out bar`));
                    }
                    return out;
                });
                problems.push(...found.map(f => `${html} at ${viewport.width} px: ${f}`));
            }
        }
        await page.close();
        assert.deepEqual(problems, []);
    });

    test('the sidebar lists every page in the order of src/SUMMARY.md', async () => {
        const { page } = await open('index.html');
        const links = await page.$$eval('#mdbook-sidebar li.chapter-item', items => items
            .map(li => [...li.querySelectorAll('a[href]')].find(a => a.closest('li') === li))
            .filter(Boolean)
            .map(a => ({ href: a.href, text: a.textContent.replace(/^\s*[\d.]+\s*/, '').trim() })));
        await page.close();
        const shown = links.map(l => ({ html: l.href.slice(server.url.length), title: l.text }));
        assert.deepEqual(shown, PAGES.map(p => ({ html: p.html, title: p.title })));
    });

    // Terms from every chapter. A term no page uses yet (its chapter is still being written) is skipped, not passed.
    for (const term of ['.await', 'todo!', 'join!', 'spawn_blocking']) {
        test(`search finds ${term}`, async t => {
            const expected = PAGES.filter(p => readFileSync(join(ROOT, 'src', p.md), 'utf8').includes(term))
                .map(p => p.html);
            if (expected.length === 0) {
                t.skip(`no page mentions ${term} yet`);
                return;
            }
            const { page, errors } = await open('index.html');
            await page.click('#mdbook-search-toggle');
            const bar = page.locator('#mdbook-searchbar');
            await bar.fill(term);
            await bar.press('End'); // mdBook searches on keyup
            await page.locator('#mdbook-searchresults-header').filter({ hasText: `'${term}'` }).waitFor();
            const found = await page.$$eval('#mdbook-searchresults li a', as => as.map(a => a.href));
            await page.close();
            const pages = found.map(href => href.slice(server.url.length).split(/[?#]/)[0]);
            assert.ok(pages.some(p => expected.includes(p)),
                `searching ${term} should find one of ${expected.join(', ')}; it found ${[...new Set(pages)].join(', ') || 'nothing'}`);
            assert.deepEqual(errors, []);
        });
    }

    /** Answers the quiz on `page`: the first question wrongly, the others rightly. Returns the questions. */
    async function answerQuiz(page) {
        const questions = JSON.parse(await page.locator('.quiz-placeholder').first().getAttribute('data-quiz-questions'))
            .questions;
        await page.getByRole('button', { name: 'Start' }).click();
        for (const [i, q] of questions.entries()) {
            await page.locator('.mdbook-quiz .counter').filter({ hasText: `Question ${i + 1} /` }).waitFor();
            if (q.type === 'MultipleChoice') {
                const choice = i === 0 ? q.prompt.distractors[0] : [q.answer.answer].flat()[0];
                await page.locator('.mdbook-quiz input[type=radio]').and(page.locator(`[value="${choice.replace(/"/g, '\\"')}"]`))
                    .check();
            } else if (q.type === 'ShortAnswer') {
                await page.locator('.mdbook-quiz .response').locator('input[type=text], textarea').fill(q.answer.answer);
            } else {
                throw new Error(`the test does not know how to answer a ${q.type} question`);
            }
            await page.locator('.mdbook-quiz input[type=submit]').click();
        }
        await page.getByText('Answer Review').waitFor();
        return questions;
    }

    test('a quiz can be answered and shows feedback', async () => {
        const { page, errors } = await open(QUIZ_PAGE);
        const questions = await answerQuiz(page);
        const review = page.locator('.mdbook-quiz');
        assert.match(await review.textContent(), new RegExp(`You answered ${questions.length - 1}/${questions.length}`));
        assert.equal(await review.locator('.answer-wrapper').first().locator('.incorrect').count(), 1,
            'the wrong answer is marked incorrect');
        assert.equal(await review.locator('.correct').count(), questions.length - 1, 'the right ones are marked correct');
        // Giving up shows the right answers with their explanations.
        await page.getByRole('button', { name: 'see the correct answers' }).first().click();
        await review.locator('.context').first().getByText(questions[0].context.split('`')[0].trim()).waitFor();
        await page.close();
        assert.deepEqual(errors, []);
    });

    test('every quiz can be answered, and a short answer is accepted in each of the forms its quiz lists', async () => {
        // mdbook-quiz knows `answer.answer` and `answer.alternatives`; any other key is silently dropped, and the
        // forms it lists ("800 ms") would be marked wrong.
        const quizzes = PAGES.filter(p => p.md.endsWith('quiz.md'));
        assert.ok(quizzes.length >= 9, `quizzes found: ${quizzes.length}`);
        const unknown = quizzes.flatMap(({ md }) => readFileSync(join(ROOT, 'src', md.replace(/quiz\.md$/, 'quiz.toml')), 'utf8')
            .split('\n').filter(line => /^answer\.(?!answer\b|alternatives\b)/.test(line)).map(line => `${md}: ${line}`));
        assert.deepEqual(unknown, [], 'answer keys mdbook-quiz does not know');
        const problems = [];
        for (const { html } of quizzes) {
            for (const form of ['first', 'last']) {
                const { page, errors } = await open(html);
                const questions = JSON.parse(await page.locator('.quiz-placeholder').first().getAttribute('data-quiz-questions'))
                    .questions;
                if (form === 'last' && !questions.some(q => q.answer.alternatives?.length)) {
                    await page.close();
                    continue;
                }
                await page.getByRole('button', { name: 'Start' }).click();
                for (const [i, q] of questions.entries()) {
                    await page.locator('.mdbook-quiz .counter').filter({ hasText: `Question ${i + 1} /` }).waitFor();
                    if (q.type === 'MultipleChoice') {
                        const choice = [q.answer.answer].flat()[0];
                        await page.locator('.mdbook-quiz input[type=radio]')
                            .and(page.locator(`[value=${JSON.stringify(choice)}]`)).check();
                    } else {
                        const text = form === 'last' ? (q.answer.alternatives ?? []).at(-1) ?? q.answer.answer : q.answer.answer;
                        await page.locator('.mdbook-quiz .response').locator('input[type=text], textarea').fill(text);
                    }
                    await page.locator('.mdbook-quiz input[type=submit]').click();
                }
                await page.getByText('Answer Review').waitFor();
                const review = await page.locator('.mdbook-quiz').textContent();
                if (!review.includes(`You answered ${questions.length}/${questions.length}`)) {
                    problems.push(`${html} (${form} accepted form of each short answer): ${/You answered \d+\/\d+/.exec(review)?.[0]}`);
                }
                problems.push(...errors.map(e => `${html}: ${e}`));
                await page.close();
            }
        }
        assert.deepEqual(problems, []);
    });

    test('runnable examples run on the playground, editable ones with your edits; the others have no Run button', async () => {
        const { page, errors } = await open(PLAYGROUND_PAGE);
        // What mdBook would send to play.rust-lang.org, answered here instead: nothing leaves the machine.
        const sent = [];
        await page.route('https://play.rust-lang.org/**', route => {
            const request = route.request();
            const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type' };
            if (request.method() === 'OPTIONS') {
                return route.fulfill({ status: 204, headers: cors });
            }
            sent.push({ url: request.url(), body: JSON.parse(request.postData() ?? '{}') });
            return route.fulfill({
                status: 200,
                headers: { ...cors, 'Content-Type': 'application/json' },
                body: JSON.stringify({ result: 'the page has 18 bytes\n', error: null }),
            });
        });
        const runnable = page.locator('pre.playground');
        const runnableCount = await runnable.count();
        assert.ok(runnableCount >= 2, 'the page has runnable examples');
        // mdBook shows a Run button once it knows the playground has the crates the example uses (theme/head.hbs
        // answers that without the network); the buttons appear when the pointer is over the example.
        await page.waitForFunction(() => [...document.querySelectorAll('pre.playground .play-button')]
            .every(b => !b.hidden && !b.classList.contains('hidden')));
        const inert = page.locator('pre:not(.playground) > code.language-rust');
        assert.ok(await inert.count() >= 1, 'the page has noplayground examples');
        assert.equal(await page.locator('pre:not(.playground) .play-button').count(), 0, 'noplayground: no Run button');

        // A runnable example with hidden lines sends the whole program, hidden lines included.
        const first = runnable.first();
        await first.hover();
        await first.locator('.play-button').click();
        await first.locator('.result').filter({ hasText: 'the page has 18 bytes' }).waitFor();
        assert.match(sent[0].body.code, /#\[tokio::main\]\s*async fn main/);
        assert.equal(sent[0].body.edition, '2024');

        // The editable example is an editor; what you type is what runs.
        const editable = page.locator('pre.playground:has(code.editable)');
        await editable.locator('.ace_editor').waitFor();
        await editable.locator('.ace_content').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\n// edited in the browser');
        await editable.hover();
        await editable.locator('.play-button').click();
        await editable.locator('.result').filter({ hasText: 'the page has 18 bytes' }).waitFor();
        assert.equal(sent.length, 2);
        assert.match(sent[1].body.code, /\/\/ edited in the browser/);
        assert.match(sent[1].body.code, /async fn main/);
        assert.ok(sent.every(s => s.url === 'https://play.rust-lang.org/evaluate.json'), 'only Run contacts the playground');
        await page.close();
        assert.deepEqual(errors, []);
    });

    test('every page with runnable examples shows their Run buttons', async () => {
        const withExamples = PAGES.filter(p => readFileSync(join(BOOK, p.html), 'utf8').includes('<pre class="playground">'));
        assert.ok(withExamples.length >= 24, `every exercise page has a runnable example (found ${withExamples.length})`);
        const hidden = [];
        const { page, errors } = await openPage(browser.context);
        for (const { html } of withExamples) {
            await page.goto(server.url + html, { waitUntil: 'load' });
            await page.waitForFunction(() => document.querySelectorAll('pre.playground .play-button').length > 0
                && [...document.querySelectorAll('pre.playground .play-button')].every(b => !b.classList.contains('hidden')),
            null, { timeout: 5000 }).catch(() => hidden.push(html));
        }
        await page.close();
        assert.deepEqual(hidden, [], 'pages whose runnable examples show no Run button');
        assert.deepEqual(errors, []);
    });

    test('timeline pictures are accessible and legible in every theme', async () => {
        const withPictures = PAGES.filter(p => readFileSync(join(BOOK, p.html), 'utf8').includes('class="timeline-frame"'));
        assert.ok(withPictures.length >= 2, 'the introduction and chapter 1 have timeline pictures');
        const problems = [];
        for (const theme of THEMES) {
            for (const { html } of withPictures) {
                const { page } = await open(html, theme);
                await page.evaluate(installColourHelpers);
                // The layout the screen shows (the other one, for phones, is checked at a phone's width).
                const pictures = await page.$$eval('svg.timeline', svgs => {
                    const { rgb, contrast, background } = window.colour;
                    return svgs.filter(svg => svg.getBoundingClientRect().width > 0).map(svg => {
                        const bg = background(svg);
                        const text = [...svg.querySelectorAll('text')].filter(t => !t.hasAttribute('fill'));
                        const finished = [...svg.querySelectorAll('g.span.finished rect')];
                        const cancelled = [...svg.querySelectorAll('g.span.cancelled rect')];
                        return {
                            title: svg.querySelector('title')?.textContent ?? '',
                            role: svg.getAttribute('role'),
                            label: svg.getAttribute('aria-label') ?? '',
                            desc: svg.querySelector('desc')?.textContent ?? '',
                            rows: svg.querySelectorAll('g.span').length,
                            width: svg.getBoundingClientRect().width,
                            text: Math.min(...text.map(t => contrast(rgb(getComputedStyle(t).fill), bg))),
                            bars: Math.min(...finished.map(r => contrast(rgb(getComputedStyle(r).fill), bg)),
                                ...cancelled.map(r => contrast(rgb(getComputedStyle(r).stroke), bg))),
                        };
                    });
                });
                await page.close();
                for (const p of pictures) {
                    const where = `${html} (${theme}) "${p.title}"`;
                    if (!p.title || p.role !== 'img' || !p.label.startsWith(p.title) || !p.desc) {
                        problems.push(`${where}: needs a <title>, a <desc>, role="img" and an aria-label`);
                    }
                    if (p.rows === 0 || p.width < 300) {
                        problems.push(`${where}: ${p.rows} rows, ${p.width}px wide`);
                    }
                    if (p.text < 4.5) {
                        problems.push(`${where}: text contrast ${p.text.toFixed(2)} < 4.5`);
                    }
                    if (p.bars < 3) {
                        problems.push(`${where}: bar contrast ${p.bars.toFixed(2)} < 3`);
                    }
                }
            }
        }
        assert.deepEqual(problems, []);
    });

    test('quiz feedback is legible in every theme', async () => {
        const problems = [];
        for (const theme of THEMES) {
            const { page } = await open(QUIZ_PAGE, theme);
            await answerQuiz(page);
            await page.evaluate(installColourHelpers);
            const marks = await page.$$eval('.mdbook-quiz .correct, .mdbook-quiz .incorrect', els => els.map(el => {
                const { rgb, contrast, background } = window.colour;
                const mark = getComputedStyle(el, '::before');
                return { text: mark.content, contrast: contrast(rgb(mark.color), background(el)) };
            }));
            await page.close();
            for (const mark of marks.filter(m => m.contrast < 4.5)) {
                problems.push(`${theme}: ${mark.text} has contrast ${mark.contrast.toFixed(2)} < 4.5`);
            }
            assert.ok(marks.length > 0, 'the review marks answers');
        }
        assert.deepEqual([...new Set(problems)], []);
    });

    test('the edit link names the page\'s source, and the print version holds the whole book', async () => {
        const { page, errors } = await open(CHAPTER_PAGE);
        const edit = page.locator('a[rel="edit"]');
        const href = await edit.getAttribute('href');
        assert.ok(href?.startsWith('file:') && existsSync(fileURLToPath(href)), `the edit link ${href} names a file`);
        // Served over http, a browser will not follow a file:// link: the page shows the path instead.
        await edit.click();
        const note = page.locator('.edit-link-note');
        await note.waitFor();
        assert.ok((await note.textContent()).includes(fileURLToPath(href)), 'the note shows the source path');
        await page.keyboard.press('Escape');
        assert.equal(await note.count(), 0, 'Escape closes the note');

        await page.locator('a[href$="print.html"]').first().click();
        await page.waitForURL(/print\.html$/);
        await page.waitForSelector('#mdbook-sidebar a');
        const headings = await page.$$eval('main h1', hs => hs.map(h => h.id));
        const pictures = await page.locator('main svg.timeline').count();
        await page.close();
        for (const { html } of PAGES) {
            const id = /<h1 id="([^"]+)"/.exec(readFileSync(join(BOOK, html), 'utf8'))?.[1];
            assert.ok(!id || headings.includes(id), `print.html holds ${html}`);
        }
        const expectedPictures = PAGES.map(p => readFileSync(join(BOOK, p.html), 'utf8').split('class="timeline timeline-').length - 1)
            .reduce((a, b) => a + b, 0);
        assert.equal(pictures, expectedPictures, 'print.html holds every timeline picture');
        assert.deepEqual(errors, []);
    });

    /** A screenshot of the whole page, taken in a window as tall as the page (so the sidebar spans it too). */
    async function wholePage(page, path) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width: 1280, height: Math.min(height, 4000) });
        await page.screenshot({ path });
    }

    test('screenshots: the home page, a chapter page, a quiz and a chapter page on a phone, in light and dark themes', async () => {
        const dir = await artifactsDir();
        for (const [theme, name] of [['light', 'light'], ['navy', 'dark']]) {
            let { page } = await open('index.html', theme);
            await page.screenshot({ path: join(dir, `home-${name}.png`) });
            await page.close();
            ({ page } = await open(CHAPTER_PAGE, theme));
            await wholePage(page, join(dir, `chapter-${name}.png`));
            await page.close();
            ({ page } = await open(QUIZ_PAGE, theme));
            await answerQuiz(page);
            await wholePage(page, join(dir, `quiz-${name}.png`));
            await page.close();
        }
        // A phone: the page with a text timeline and timeline pictures, whole, and its first picture alone.
        for (const [theme, name] of [['light', 'light'], ['navy', 'dark']]) {
            const { page } = await open(PHONE_PAGE, theme, PHONE);
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            await page.setViewportSize({ width: PHONE.width, height: Math.min(height, 8000) });
            await page.screenshot({ path: join(dir, `phone-chapter-${name}.png`) });
            await page.setViewportSize(PHONE);
            const frame = page.locator('.timeline-frame').first();
            await frame.scrollIntoViewIfNeeded();
            await frame.screenshot({ path: join(dir, `phone-timeline-${name}.png`) });
            await page.close();
        }
        const saved = walk(dir).filter(f => f.endsWith('.png'));
        for (const shot of ['home', 'chapter', 'quiz', 'phone-chapter', 'phone-timeline']) {
            assert.ok(saved.includes(`${shot}-light.png`) && saved.includes(`${shot}-dark.png`), shot);
        }
    });

    test('no request left the machine', () => {
        assert.deepEqual(browser.external, [], 'requests to other hosts (blocked)');
        assert.deepEqual(server.missing, [], 'files asked for that the book does not have');
    });
});
