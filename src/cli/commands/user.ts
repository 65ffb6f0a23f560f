import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import {
  addUser,
  AuthError,
  createApiToken,
  isRole,
  listUsers,
  MIN_PASSWORD_LENGTH,
  ROLES,
  type Role,
} from '../../auth/index.js';
import { openWorkspaceDb } from '../../server/index.js';
import { UsageError } from '../errors.js';
import { dbLocation, dbOption, jsonOption } from '../options.js';

/** Who ran the command, for the audit log. */
const cliActor = (): string => `cli:${userInfo().username}`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  // Only the line ending is dropped: spaces are part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks on the terminal without echoing what is typed. */
function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function password(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password: pipe it in with --password-stdin');
  const first = await prompt('password: ');
  const again = await prompt('password again: ');
  if (first !== again) throw new UsageError('the two passwords differ');
  return first;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function userCommand(): Command {
  const user = new Command('user').description("manage the server's users and API tokens");

  user
    .command('add')
    .description('add a user (the first admin comes from here)')
    .argument('<name>', 'user name')
    .addOption(dbOption())
    .addOption(new Option('--admin', 'give the admin role'))
    .addOption(new Option('--role <role>', 'viewer, analyst, supervisor or admin').choices(ROLES))
    .addOption(new Option('--team <team>', 'a team (compartment) the user belongs to; repeatable').argParser(collect))
    .addOption(new Option('--password-stdin', 'read the password from standard input instead of prompting'))
    .addHelpText(
      'after',
      `\nPasswords need at least ${MIN_PASSWORD_LENGTH} characters; they are stored as argon2id hashes.\n\nExamples:\n  chokepoint user add --admin alice\n  printf '%s' "$PW" | chokepoint user add bob --role analyst --team narcotics --password-stdin`,
    )
    .action(
      async (name: string, opts: { db?: string; admin?: boolean; role?: string; team?: string[]; passwordStdin?: boolean }) => {
        if (opts.admin && opts.role !== undefined && opts.role !== 'admin')
          throw new UsageError(`--admin and --role ${opts.role} contradict each other`);
        const role: Role = opts.admin ? 'admin' : opts.role !== undefined && isRole(opts.role) ? opts.role : 'analyst';
        const secret = await password(opts.passwordStdin === true);
        if (secret.length < MIN_PASSWORD_LENGTH)
          throw new UsageError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
        const sql = await openWorkspaceDb(dbLocation(opts.db));
        try {
          const created = await addUser(sql, { name, password: secret, role, teams: opts.team ?? [] }, cliActor());
          process.stdout.write(
            `added ${created.name} (${created.role}${created.teams.length ? `, teams ${created.teams.join(', ')}` : ''}) id ${created.id}\n`,
          );
        } catch (err) {
          if (err instanceof AuthError) throw new UsageError(err.message);
          throw err;
        } finally {
          await sql.close();
        }
      },
    );

  user
    .command('list')
    .description('list users with their roles and teams')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const sql = await openWorkspaceDb(dbLocation(opts.db));
      try {
        const users = await listUsers(sql);
        if (opts.json) process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        else
          for (const u of users)
            process.stdout.write(
              `${u.name.padEnd(20)} ${u.role.padEnd(11)} ${u.active ? 'active  ' : 'inactive'} ${u.teams.join(',')}\n`,
            );
      } finally {
        await sql.close();
      }
    });

  user
    .command('token')
    .description('create an API token acting as a user (printed once; only its hash is stored)')
    .argument('<name>', 'user name')
    .requiredOption('--label <label>', 'what the token is for')
    .addOption(dbOption())
    .addHelpText(
      'after',
      '\nExample:\n  chokepoint user token ingest-bot --label "nightly screening"\n  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/alerts',
    )
    .action(async (name: string, opts: { db?: string; label: string }) => {
      const sql = await openWorkspaceDb(dbLocation(opts.db));
      try {
        const found = (await listUsers(sql)).find((u) => u.name === name);
        if (found === undefined) throw new UsageError(`no user ${name}`);
        const { secret } = await createApiToken(sql, found.id, opts.label, cliActor());
        process.stdout.write(`${secret}\n`);
      } finally {
        await sql.close();
      }
    });

  return user;
}
