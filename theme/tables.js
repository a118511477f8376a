// Tables on a phone. The book's tables (asyncio next to tokio, an exercise's urls and latencies) are written for the
// 750 px text column; on a 390 px phone most are wider than the screen, and mdBook lets them scroll sideways, which
// hides their last columns with nothing to say they are there. Here, on a narrow screen, a table that does not fit
// is shown as a list of cards instead: one card per row, each cell under its column's name (theme/course.css draws
// them; tests/browser checks that no table scrolls sideways at 390 px). Tables that fit stay tables.
(function stackWideTables() {
    'use strict';
    const narrow = window.matchMedia('(max-width: 600px)');

    /** Gives every body cell its column's name, which the cards show above the cell's content. */
    function label(table) {
        const names = [...table.querySelectorAll('thead th, thead td')].map(th => th.textContent.trim());
        for (const row of table.querySelectorAll('tbody tr')) {
            [...row.children].forEach((cell, i) => {
                if (names[i]) {
                    cell.setAttribute('data-label', names[i]);
                }
            });
        }
    }

    function layout() {
        for (const wrapper of document.querySelectorAll('.content .table-wrapper')) {
            const table = wrapper.querySelector('table');
            if (!table) {
                continue;
            }
            table.classList.remove('stacked');
            if (narrow.matches && wrapper.scrollWidth > wrapper.clientWidth + 1) {
                label(table);
                table.classList.add('stacked');
            }
        }
    }

    layout();
    // The widths change when the web fonts arrive and when the window is resized or turned.
    if (document.fonts) {
        document.fonts.ready.then(layout);
    }
    let pending = 0;
    window.addEventListener('resize', () => {
        cancelAnimationFrame(pending);
        pending = requestAnimationFrame(layout);
    });
})();
