// The built book's links, read from its files (no browser needed): every internal link and anchor resolves, nothing
// is loaded from another host, every page's "edit this page" link names its source, and the pages and exercises
// point at each other. (The equivalent of mdbook-linkcheck, for the built HTML as the reader gets it.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BOOK, ROOT, requireBook, summary, walk } from './lib/book.mjs';

requireBook();
const files = walk(BOOK);
const htmlFiles = files.filter(f => f.endsWith('.html'));
const read = file => readFileSync(join(BOOK, file), 'utf8');

/** `<tag … href="…">` / `src="…"` references in an HTML file: `{ tag, attr, value, rel }`. */
function references(html) {
    const refs = [];
    const tagPattern = /<([a-zA-Z][\w-]*)\b([^>]*)>/g;
    for (const [, tag, attrs] of html.matchAll(tagPattern)) {
        for (const [, attr, value] of attrs.matchAll(/\s(href|src)="([^"]*)"/g)) {
            const rel = /\srel="([^"]*)"/.exec(attrs)?.[1] ?? '';
            refs.push({ tag: tag.toLowerCase(), attr, value: decodeEntities(value), rel });
        }
    }
    return refs;
}

function decodeEntities(text) {
    return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>');
}

const idCache = new Map();
function ids(file) {
    if (!idCache.has(file)) {
        const html = read(file);
        idCache.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]*)"/g)].map(m => decodeEntities(m[1]))));
    }
    return idCache.get(file);
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i; // http:, https:, mailto:, file:, data:, javascript:…

test('every page listed in SUMMARY.md was built', () => {
    const missing = summary().filter(p => !existsSync(join(BOOK, p.html))).map(p => p.html);
    assert.deepEqual(missing, [], 'pages missing from the built book');
});

test('every internal link, resource and anchor resolves', () => {
    const problems = [];
    for (const file of htmlFiles) {
        const html = read(file);
        // 404.html is served for any missing path, so mdBook gives it <base href="/">: its links start at the root.
        const base = /<base href="\/">/.test(html) ? '' : posix.dirname(file);
        for (const { value } of references(html)) {
            if (value === '' || EXTERNAL.test(value)) {
                continue;
            }
            const [pathAndQuery, fragment] = value.split('#', 2);
            const path = decodeURIComponent(pathAndQuery.split('?')[0]);
            let target = file;
            if (path !== '') {
                target = posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(base, path));
                if (target.startsWith('..')) {
                    problems.push(`${file}: ${value} points outside the book`);
                    continue;
                }
                if (target === '.' || target.endsWith('/') || (existsSync(join(BOOK, target))
                    && statSync(join(BOOK, target)).isDirectory())) {
                    target = posix.join(target, 'index.html');
                }
                if (!existsSync(join(BOOK, target))) {
                    problems.push(`${file}: ${value} → ${target} does not exist`);
                    continue;
                }
            }
            if (fragment && target.endsWith('.html') && !ids(target).has(decodeURIComponent(fragment))) {
                problems.push(`${file}: ${value} → no anchor #${fragment} in ${target}`);
            }
        }
    }
    assert.deepEqual(problems, [], `broken links:\n${problems.join('\n')}`);
});

test('nothing is loaded from another host (offline book)', () => {
    const problems = [];
    for (const file of htmlFiles) {
        for (const { tag, attr, value, rel } of references(read(file))) {
            // A hyperlink the reader may follow is fine; a resource the page loads by itself is not.
            const loads = tag !== 'a' && !(tag === 'link' && /^(canonical|alternate|edit)$/.test(rel));
            if (loads && /^(https?:)?\/\//i.test(value)) {
                problems.push(`${file}: <${tag} ${attr}="${value}">`);
            }
        }
    }
    for (const file of files.filter(f => f.endsWith('.css'))) {
        for (const [url] of read(file).matchAll(/(?:url\(\s*['"]?|@import\s+['"])(?:https?:)?\/\/[^'")\s]+/gi)) {
            problems.push(`${file}: ${url}`);
        }
    }
    assert.deepEqual(problems, [], `resources from other hosts:\n${problems.join('\n')}`);
});

test('the print version holds every page', () => {
    const print = read('print.html');
    const missing = summary().filter(p => {
        const h1 = /<h1 id="([^"]+)"/.exec(read(p.html));
        return h1 && !print.includes(`id="${h1[1]}"`);
    });
    assert.deepEqual(missing.map(p => p.md), [], 'pages whose first heading is missing from print.html');
});

test('every page has an "edit this page" link to its own source file', () => {
    const problems = [];
    for (const page of summary()) {
        const edit = references(read(page.html)).find(r => r.tag === 'a' && r.rel === 'edit');
        if (!edit) {
            problems.push(`${page.html}: no edit link (build the book with \`cargo course book --build\`)`);
            continue;
        }
        if (!edit.value.startsWith('file:') || !edit.value.endsWith(`/src/${page.md}`)) {
            problems.push(`${page.html}: the edit link ${edit.value} is not a file:// link to src/${page.md}`);
        } else if (!existsSync(fileURLToPath(edit.value))) {
            problems.push(`${page.html}: the edit link points at ${fileURLToPath(edit.value)}, which does not exist`);
        }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
});

/** The exercises of course.toml, in order: their `dir`s (`NN-chapter/MM-name`). */
function exercises() {
    const dirs = [];
    let table = '';
    for (const line of readFileSync(join(ROOT, 'course.toml'), 'utf8').split('\n')) {
        const header = /^\s*\[\[?([\w.-]+)\]\]?\s*$/.exec(line);
        if (header) {
            table = header[1];
        }
        const dir = /^\s*dir\s*=\s*"([^"]+)"/.exec(line);
        if (dir && table === 'exercise') {
            dirs.push(dir[1]);
        }
    }
    return dirs;
}

test('every exercises/… path a page mentions exists', () => {
    const problems = [];
    for (const md of walk(join(ROOT, 'src')).filter(f => f.endsWith('.md'))) {
        const text = readFileSync(join(ROOT, 'src', md), 'utf8');
        for (const [mention] of text.matchAll(/exercises\/[A-Za-z0-9_./-]*/g)) {
            const path = mention.replace(/[.]+$/, '');
            if (!existsSync(join(ROOT, path))) {
                problems.push(`src/${md} mentions ${path}, which does not exist`);
            }
        }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
});

test('every exercise and its page point at each other', () => {
    const pages = new Set(summary().map(p => p.md));
    const problems = [];
    for (const dir of exercises()) {
        const page = `src/${dir}.md`;
        const exercise = `exercises/${dir}`;
        if (!existsSync(join(ROOT, page)) || !pages.has(`${dir}.md`)) {
            problems.push(`${exercise}: its page ${page} is missing or not in SUMMARY.md`);
        } else if (!readFileSync(join(ROOT, page), 'utf8').includes(`${exercise}/`)) {
            problems.push(`${page} never names its exercise folder ${exercise}/`);
        }
        const lib = join(ROOT, exercise, 'src', 'lib.rs');
        if (!existsSync(lib)) {
            problems.push(`${exercise}/src/lib.rs is missing`);
        } else if (!readFileSync(lib, 'utf8').includes(page)) {
            problems.push(`${exercise}/src/lib.rs does not tell the learner to read ${page}`);
        }
        const grade = join(ROOT, exercise, 'tests', 'grade.rs');
        const named = existsSync(grade) && /const PAGE: &str = "([^"]+)"/.exec(readFileSync(grade, 'utf8'));
        if (named && named[1] !== page) {
            problems.push(`${exercise}/tests/grade.rs sends failures to ${named[1]}, not ${page}`);
        }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
});

/** The crates a runnable example may name: the playground has tokio and rand (and std, of course). */
const PLAYGROUND_CRATES = new Set(['std', 'core', 'alloc', 'tokio', 'rand', 'self', 'super', 'crate']);

/** The Rust code of each runnable (`pre.playground`) example of a built page, hidden lines included. */
function runnableExamples(html) {
    return [...html.matchAll(/<pre class="playground"><code[^>]*>([\s\S]*?)<\/code><\/pre>/g)]
        .map(m => decodeEntities(m[1].replace(/<[^>]+>/g, '')));
}

/** The first segment of every path in `code` (`tokio` in `tokio::time::sleep`), comments and strings left out. */
function pathRoots(code) {
    let bare = code.replace(/\/\/[^\n]*/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    const roots = new Set();
    // A `use` names its crate first; inside its braces (`use tokio::time::{error::Elapsed, timeout}`) come paths
    // relative to it, so take the root and drop the statement.
    // The modules a `use` brings in (`mpsc` in `use tokio::sync::mpsc;`) are then local names, not crates.
    const imported = new Set();
    bare = bare.replace(/\buse\s+([a-z_][a-z0-9_]*)\s*::([^;]*);/g, (_, root, rest) => {
        roots.add(root);
        for (const [name] of rest.matchAll(/\b[a-z_][a-z0-9_]*\b/g)) {
            imported.add(name);
        }
        return '';
    });
    // `.collect::<T>()` and `Ordering::SeqCst` are not crate paths: after a dot, or capitalised.
    for (const [, root] of bare.matchAll(/(?<![\w:.])([a-z_][a-z0-9_]*)\s*::/g)) {
        if (!imported.has(root)) {
            roots.add(root);
        }
    }
    return roots;
}

test('every exercise page has a runnable example, and runnable examples name only crates the playground has', () => {
    const problems = [];
    for (const page of summary()) {
        const examples = runnableExamples(read(page.html));
        if (/^\d\d-[^/]+\/\d\d-[^/]+\.md$/.test(page.md) && examples.length === 0) {
            problems.push(`${page.md}: no runnable example (a \`rust\` block without \`noplayground\`)`);
        }
        for (const code of examples) {
            const foreign = [...pathRoots(code)].filter(root => !PLAYGROUND_CRATES.has(root));
            if (foreign.length > 0 || /\bextern\s+crate\b/.test(code)) {
                const first = code.trim().split('\n')[0];
                problems.push(`${page.md}: the runnable example starting \`${first}\` names ${foreign.join(', ') || 'an extern crate'}: ` +
                    'the playground cannot build it (mark it `noplayground`, or use only std, tokio and rand)');
            }
        }
    }
    assert.deepEqual(problems, [], problems.join('\n'));
});

test('the check for runnable examples sees a crate the playground lacks', () => {
    const code = 'use sim::{web, x::y};\nuse std::time::{self, error::E};\nlet v = it.collect::<Vec<_>>();\n// grader::x\n' +
        'let s = "a::b";\ntokio::spawn(x);\nlet n = rand::random_range(1..3);\nuse tokio::sync::mpsc;\nmpsc::channel(1);\n' +
        'journal::render();';
    assert.deepEqual([...pathRoots(code)].sort(), ['journal', 'rand', 'sim', 'std', 'tokio']);
});
