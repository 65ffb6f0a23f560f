/** Interns strings to small integers, as the batch table does, so rows are stored as numbers. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** `first`, when given, takes id 0 (the batch table's "no name" / "unknown"). */
  constructor(first?: string) {
    if (first !== undefined) this.id(first);
  }

  id(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.index.set(value, id);
    }
    return id;
  }

  find(value: string): number | undefined {
    return this.index.get(value);
  }
}
