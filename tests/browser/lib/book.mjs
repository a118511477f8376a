// Shared by the browser tests: where things are, the book's table of contents (read from src/SUMMARY.md), a tiny
// static server for the built book on 127.0.0.1, and headless Chromium.

import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The course's root folder (this file is in tests/browser/lib/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built book: `cargo course book --build` writes it to book/ (BOOK_DIR overrides). */
export const BOOK = resolve(process.env.BOOK_DIR ?? join(ROOT, 'book'));
/** Where the screenshots go (the README says so). */
export const ARTIFACTS = resolve(process.env.BROWSER_ARTIFACTS ?? join(ROOT, 'target', 'browser-artifacts'));
/** Headless Chromium from Debian's `chromium` package (CHROMIUM overrides). */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function requireBook() {
    if (!existsSync(join(BOOK, 'index.html'))) {
        throw new Error(`no built book in ${BOOK}: build it first with \`cargo course book --build\``);
    }
}

/**
 * The book's pages in reading order, from src/SUMMARY.md: `{ title, md, html }` with `md` relative to src/ and
 * `html` relative to the built book. `title` is as the sidebar shows it (Markdown backticks removed).
 */
export function summary() {
    const text = readFileSync(join(ROOT, 'src', 'SUMMARY.md'), 'utf8');
    const pages = [];
    for (const line of text.split('\n')) {
        const m = /^\s*(?:[-*]\s+)?\[(.+)\]\(([^)]*)\)\s*$/.exec(line);
        if (!m || m[2] === '') {
            continue; // not a link, or a draft chapter (no page yet)
        }
        const md = m[2].replace(/^\.\//, '');
        pages.push({ title: m[1].replace(/`/g, ''), md, html: md.replace(/\.md$/, '.html') });
    }
    return pages;
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function walk(dir, base = dir) {
    const out = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            out.push(...walk(path, base));
        } else {
            out.push(relative(base, path).split(sep).join('/'));
        }
    }
    return out;
}

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.ttf': 'font/ttf',
    '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built book on 127.0.0.1 (a free port). Returns `{ url, missing, close }`: `missing` collects the
 * paths that were asked for and do not exist (a broken link or resource).
 */
export async function serveBook() {
    const missing = [];
    const server = createServer((req, res) => {
        const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
        let file = normalize(join(BOOK, path));
        if (!file.startsWith(BOOK)) {
            res.writeHead(403).end();
            return;
        }
        if (existsSync(file) && statSync(file).isDirectory()) {
            file = join(file, 'index.html');
        }
        if (!existsSync(file)) {
            if (path !== '/favicon.ico') {
                missing.push(path);
            }
            res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
            return;
        }
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
    });
    await new Promise(done => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${server.address().port}/`;
    return { url, missing, close: () => new Promise(done => server.close(done)) };
}

/**
 * Headless Chromium with a fresh profile (deleted on close). Every request that does not go to 127.0.0.1 is
 * aborted and recorded in `external`: the book must work offline. A test that means to answer such a request
 * itself (the playground's Run) routes it on its page, which takes precedence.
 */
export async function launchBrowser() {
    const { chromium } = await import('playwright-core');
    if (!existsSync(CHROMIUM)) {
        throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
    }
    const profile = mkdtempSync(join(tmpdir(), 'book-browser-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
        ],
        viewport: { width: 1280, height: 900 },
        timeout: 60_000,
    });
    const external = [];
    await context.route('**/*', route => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1' || ['data:', 'blob:', 'file:'].includes(url.protocol)) {
            return route.continue();
        }
        external.push(route.request().url());
        return route.abort('blockedbyclient');
    });
    return {
        context,
        external,
        close: async () => {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        },
    };
}

/** Opens a page that records its console errors and uncaught exceptions in `errors`. */
export async function openPage(context) {
    const page = await context.newPage();
    const errors = [];
    page.on('console', message => {
        if (message.type() === 'error') {
            errors.push(`console: ${message.text()}`);
        }
    });
    page.on('pageerror', error => errors.push(`uncaught: ${error.message}`));
    return { page, errors };
}

export async function artifactsDir() {
    await mkdir(ARTIFACTS, { recursive: true });
    return ARTIFACTS;
}

/**
 * Run in a page (`page.evaluate(installColourHelpers)`): defines `window.colour` with `rgb(css)`, `contrast(a, b)`
 * (the WCAG ratio, 1 to 21) and `background(element)` (the first opaque background behind it).
 */
export function installColourHelpers() {
    const rgb = text => {
        const [r, g, b, a = 1] = text.match(/[\d.]+/g).map(Number);
        return { r, g, b, a };
    };
    const luminance = ({ r, g, b }) => {
        const f = v => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (x, y) => {
        const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
        return (hi + 0.05) / (lo + 0.05);
    };
    const background = element => {
        for (let e = element; e; e = e.parentElement) {
            const c = rgb(getComputedStyle(e).backgroundColor);
            if (c.a > 0) {
                return c;
            }
        }
        return { r: 255, g: 255, b: 255, a: 1 };
    };
    window.colour = { rgb, contrast, background };
}
