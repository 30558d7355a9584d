// Preloaded into a child process (node --require) to report its peak resident set size at exit,
// in kilobytes, on standard error: how a test measures the memory a CLI command needs.
process.on('exit', () => {
  process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
});
