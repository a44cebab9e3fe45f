import { runCommandLine } from './command-line.ts';
import { ABOUT, COMMANDS, PROGRAM } from './commands.ts';
import { runMain } from './run-main.ts';

// The commands, their usage and flags are in commands.ts.
await runMain((argv) => runCommandLine(PROGRAM, ABOUT, COMMANDS, argv));
