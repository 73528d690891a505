// Child process for netns-cleanup.test.ts (not a test): creates a namespace outside any test context,
// prints its name, then ends as argv[2] says — a normal exit once the parent closes our stdin (so the
// parent can look at the namespace first), or waiting for a signal.
import { createNetns } from './netns.ts';

const name = createNetns();
process.stdout.write(`${name}\n`);
if (process.argv[2] === 'exit') {
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
} else {
  setInterval(() => {}, 1000); // wait for SIGINT / SIGTERM
}
