// Preloaded (node --require) into a measured child: reports the process's peak resident
// set on exit, on stderr with a marker, because the child's stdout belongs to the program.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
