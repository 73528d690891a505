// Child process for netns-cleanup.test.ts (not a test): creates a namespace outside any test context,
// prints its name, then ends as argv[2] says — normal exit, or waiting for a signal.
import { createNetns } from './netns.ts';

const name = createNetns();
process.stdout.write(`${name}\n`);
if (process.argv[2] === 'exit') process.exit(0);
setInterval(() => {}, 1000); // wait for SIGINT / SIGTERM
