// Fills the class report page the way `cargo course grade --submissions` does: the class JSON goes in place of the
// `{}` of the one line `<script type="application/json" id="class-data">{}</script>`, with every `</` written
// `<\/` (so no text in a message can end the script element). The browser test uses it, so the page is tested
// without the runner; by hand:
//
//     node tests/browser/fill-class-report.mjs [class.json] [out.html]

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const TEMPLATE = resolve(HERE, '../../crates/course/assets/class-report.html');
export const FIXTURE = join(HERE, 'fixtures', 'class.json');
const SLOT = '<script type="application/json" id="class-data">{}</script>';

/** The page with `json` (text) in it. */
export function fill(template, json) {
    const lines = template.split('\n');
    const at = lines.filter(l => l.trim() === SLOT);
    if (at.length !== 1) {
        throw new Error(`the template must have the line ${SLOT} exactly once (found ${at.length})`);
    }
    const data = JSON.stringify(JSON.parse(json)).replaceAll('</', '<\\/');
    return lines.map(l => (l.trim() === SLOT ? l.replace('{}', () => data) : l)).join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const [json = FIXTURE, out = 'class-report.html'] = process.argv.slice(2);
    writeFileSync(out, fill(readFileSync(TEMPLATE, 'utf8'), readFileSync(json, 'utf8')));
    console.log(`wrote ${out}`);
}
