import { Command } from 'commander';
import { analyzeCommand } from './commands/analyze.js';
import { chokepointsCommand } from './commands/chokepoints.js';
import { demoCommand } from './commands/demo.js';
import { evaluateCommand } from './commands/evaluate.js';
import { exportCommand } from './commands/export.js';
import { exposureCommand } from './commands/exposure.js';
import { ingestCommand } from './commands/ingest.js';
import { monitorCommand } from './commands/monitor.js';
import { networkCommand } from './commands/network.js';
import { pathCommand } from './commands/path.js';
import { screenCommand } from './commands/screen.js';
import { scorePairsCommand } from './commands/score-pairs.js';
import { simulateCommand } from './commands/simulate.js';
import { statsCommand } from './commands/stats.js';
import { watchlistCommand } from './commands/watchlist.js';
import { resolveCommand } from './commands/resolve.js';
import { whatifCommand } from './commands/whatif.js';
import { serveCommand } from './commands/serve.js';
import { userCommand } from './commands/user.js';
import { auditCommand } from './commands/audit.js';

export function buildProgram(version: string): Command {
  const program = new Command('chokepoint')
    .description('Chokepoint: open-source intelligence against the fentanyl supply chain')
    .version(version)
    .showHelpAfterError('(run with --help for usage)');
  for (const command of [
    ingestCommand(),
    statsCommand(),
    exportCommand(),
    simulateCommand(),
    analyzeCommand(),
    evaluateCommand(),
    screenCommand(),
    monitorCommand(),
    scorePairsCommand(),
    watchlistCommand(),
    resolveCommand(),
    whatifCommand(),
    serveCommand(),
    userCommand(),
    auditCommand(),
    networkCommand(),
    pathCommand(),
    chokepointsCommand(),
    exposureCommand(),
    demoCommand(),
  ])
    program.addCommand(command);
  // Usage errors of every subcommand exit 2, not commander's default 1.
  const exitOverride = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}
