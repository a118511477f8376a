// "Edit this page" (the pencil at the top right) points at the page's Markdown source in your own checkout of the
// course: `cargo course book` builds the book with a file:// link to it (there is no public repository to send you
// to, and your copy is the one you edit). A browser follows that link when the book is opened from disk
// (book/index.html), but not from a page served over http (`cargo course book` serves it at localhost:3000). There,
// a click shows the file's path instead, copied to the clipboard, to open in your editor.
(function editLink() {
    'use strict';
    const link = document.querySelector('a[rel="edit"]');
    if (!link || !link.href.startsWith('file:')) {
        return;
    }
    let path = decodeURIComponent(new URL(link.href).pathname);
    if (/^\/[A-Za-z]:\//.test(path)) {
        path = path.slice(1); // Windows: /C:/Users/… → C:/Users/…
    }
    link.title = 'Edit this page: ' + path;
    link.setAttribute('aria-label', link.title);
    if (location.protocol === 'file:') {
        return;
    }

    let note = null;
    function hide() {
        if (note) {
            note.remove();
            note = null;
        }
    }
    link.addEventListener('click', function(event) {
        event.preventDefault();
        hide();
        note = document.createElement('div');
        note.className = 'edit-link-note';
        note.setAttribute('role', 'status');
        note.style.cssText = 'position: fixed; top: calc(var(--menu-bar-height, 50px) + 8px); right: 16px; '
            + 'z-index: 1000; max-width: min(560px, 90vw); padding: 10px 14px; border-radius: 6px; '
            + 'background: var(--theme-popup-bg); color: var(--fg); border: 1px solid var(--theme-popup-border); '
            + 'box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25); font-size: 1.4rem; line-height: 1.5;';
        const code = document.createElement('code');
        code.textContent = path;
        code.style.overflowWrap = 'anywhere';
        const copied = document.createElement('span');
        note.append('This page\'s source is ', code, copied,
            '. Open it in your editor: the served book reloads when you save it.');
        document.body.append(note);
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(path).then(() => {
                copied.textContent = ' (copied)';
            }, () => {});
        }
    });
    document.addEventListener('click', function(event) {
        if (note && !note.contains(event.target) && !link.contains(event.target)) {
            hide();
        }
    });
    document.addEventListener('keydown', function(event) {
        if (event.key === 'Escape') {
            hide();
        }
    });
})();
