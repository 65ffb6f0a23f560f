import { Command } from 'commander';
import { verifyAudit } from '../../audit/index.js';
import { openWorkspaceDb } from '../../server/index.js';
import { dbLocation, dbOption, jsonOption } from '../options.js';

export function auditCommand(): Command {
  const audit = new Command('audit').description("the server's hash-chained audit log");
  audit
    .command('verify')
    .description('recompute the audit chain; exit 1 and name the first tampered row if it is broken')
    .addOption(dbOption())
    .addOption(jsonOption())
    .addHelpText('after', '\nExample:\n  chokepoint audit verify --db data/chokepoint.db')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const sql = await openWorkspaceDb(dbLocation(opts.db));
      try {
        const report = await verifyAudit(sql);
        if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else if (report.ok) process.stdout.write(`audit log intact: ${report.checked} rows, head ${report.head}\n`);
        else {
          const b = report.firstBreak!;
          const why = {
            hash: 'its content does not match its hash',
            'previous-hash': 'it does not link to the row before',
            sequence: `a row is missing or inserted (expected seq ${b.reason === 'sequence' ? b.expected : ''})`,
          }[b.reason];
          process.stdout.write(`audit log TAMPERED at row ${b.seq}: ${why}; ${report.checked} rows before it are intact\n`);
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await sql.close();
      }
    });
  return audit;
}
