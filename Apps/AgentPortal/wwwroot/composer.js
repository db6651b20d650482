// In the reply box, Enter sends and Shift+Enter starts a new line. Decided here in the browser, at the keystroke:
// a server-side handler can only say in advance whether a key's default is prevented, which would swallow the next
// key typed after a send.
document.addEventListener('keydown', event => {
    const box = event.target;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing &&
        box instanceof HTMLTextAreaElement && 'enterSends' in box.dataset) {
        event.preventDefault();
        box.form?.requestSubmit();
    }
});
