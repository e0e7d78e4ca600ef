// The end of a run: once the last line is written, the process ends. Requests given up on (a host
// that never answers, DNS look-ups of an unresolvable host) and idle keep-alive sockets would
// otherwise hold it open for tens of seconds after the report; nothing they could bring is used.
/** Waits until stdout and stderr have taken every write, then exits with `code`. */
async function exitWhenFlushed(code) {
    await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => {
        stream.write('', () => {
            resolve();
        });
    })));
    process.exit(code);
}

export { exitWhenFlushed };
//# sourceMappingURL=exit.js.map
