import { Command } from 'commander';
import { screenNamesCommand } from './screen-names.js';
import { screenShipmentsCommand } from './screen-shipments.js';
import { screenTransactionsCommand } from './screen-transactions.js';

/**
 * `chokepoint screen ...`: one parent for the screening commands. Each subcommand lives in its own
 * file (`screen-<kind>.ts`) and is added here: shipments (trade screening), transactions
 * (financial monitoring), names (watchlist screening).
 */
export function screenCommand(): Command {
  return new Command('screen')
    .description(
      'screen records: shipments for precursors, presses and split parcels; transactions for laundering typologies; names against watchlists',
    )
    .addCommand(screenShipmentsCommand())
    .addCommand(screenTransactionsCommand())
    .addCommand(screenNamesCommand())
    .addHelpText(
      'after',
      '\nExamples:\n  chokepoint screen shipments manifest.csv --out scored.csv\n  chokepoint screen transactions --help',
    );
}
