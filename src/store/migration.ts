/** A numbered schema change. Released migrations never change; new ones are appended. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Checks that versions are 1..n in order, so a gap or a reordering fails loudly at start. */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
