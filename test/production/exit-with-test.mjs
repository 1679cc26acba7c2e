// Preloaded (NODE_OPTIONS=--import) into every process these tests start, and so into what those
// start in turn (npm's node, the supervisor's workers): exits when the test process that owns it is
// gone, however it went, so no server is left behind. It watches the test's pid, not its own parent
// and not a stdin pipe, and its timer is unref'd: an open stdin would keep an idle supervisor alive
// and an exit on the parent's death would end an orphan by itself, hiding exactly what the tests check.
const owner = Number(process.env.PROOFHOOK_TEST_OWNER_PID);
if (owner > 0) {
  setInterval(() => {
    try {
      process.kill(owner, 0);
    } catch {
      process.exit(0);
    }
  }, 250).unref();
}
