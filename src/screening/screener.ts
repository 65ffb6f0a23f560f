import type { Entity } from '../model/index.js';
import { CandidateIndex, CandidateIndexBuilder } from './candidate-index.js';
import type { Matcher, MatchResult, PreparedSubject } from './matcher.js';
import { isScreenable, schemataCompatible, subjectFromEntity, type MatchSubject } from './subject.js';

/** A listed entity as the screener keeps it: its facts and where it came from. */
export interface ListedEntity {
  readonly subject: MatchSubject;
  readonly dataset: string;
}

export interface ScreenHit {
  readonly entityId: string;
  readonly dataset: string;
  readonly schema: string;
  readonly result: MatchResult;
}

/** Collects listed entities and builds the screener over them. */
export class ScreenerBuilder {
  private readonly index: CandidateIndexBuilder;
  private readonly listed: ListedEntity[] = [];

  constructor(private readonly matcher: Matcher) {
    this.index = new CandidateIndexBuilder(matcher.policy.data, matcher.context.phonetic);
  }

  /** Adds a subject (names and facts); returns false when it has no usable name. */
  addSubject(subject: MatchSubject, dataset: string): boolean {
    const prepared = this.matcher.prepareSubject(subject);
    if (prepared.names.length === 0) return false;
    this.index.addEntity(prepared.names);
    this.listed.push({ subject, dataset });
    return true;
  }

  /** Adds an FtM entity when it names someone (people, companies, vessels; links are skipped). */
  addEntity(entity: Entity, dataset: string): boolean {
    return isScreenable(entity) && this.addSubject(subjectFromEntity(entity), dataset);
  }

  get size(): number {
    return this.listed.length;
  }

  build(): Screener {
    return new Screener(this.matcher, this.index.build(), this.listed);
  }
}

/**
 * Screens queries against listed entities: blocking keeps each query to a few dozen candidates,
 * the matcher scores each with its explanation, and hits at or above the threshold come back
 * best first.
 */
export class Screener {
  /**
   * Listed names rebuilt from the index, kept for the entities queries meet often. Bounded, so a
   * list of millions does not end up held twice.
   */
  private readonly prepared = new Map<number, PreparedSubject>();
  private static readonly PREPARED_CACHE = 50_000;

  constructor(
    readonly matcher: Matcher,
    readonly index: CandidateIndex,
    private readonly listed: readonly ListedEntity[],
  ) {}

  private preparedEntity(e: number, listed: ListedEntity): PreparedSubject {
    let subject = this.prepared.get(e);
    if (subject === undefined) {
      if (this.prepared.size >= Screener.PREPARED_CACHE) this.prepared.clear();
      subject = { subject: listed.subject, names: this.index.entityNames(e) };
      this.prepared.set(e, subject);
    }
    return subject;
  }

  get size(): number {
    return this.listed.length;
  }

  /** The listed entities in index order (entity number i is entry i), for persisting. */
  get listedEntities(): readonly ListedEntity[] {
    return this.listed;
  }

  screen(query: MatchSubject, threshold: number = this.matcher.threshold): ScreenHit[] {
    const prepared = this.matcher.prepareSubject(query);
    if (prepared.names.length === 0) return [];
    const hits: ScreenHit[] = [];
    for (const e of this.index.candidates(prepared.names)) {
      const listed = this.listed[e];
      if (listed === undefined || !schemataCompatible(query.schema, listed.subject.schema)) continue;
      const result = this.matcher.matchAtLeast(prepared, this.preparedEntity(e, listed), threshold);
      if (result !== undefined)
        hits.push({ entityId: listed.subject.id, dataset: listed.dataset, schema: listed.subject.schema, result });
    }
    return hits.sort((a, b) => b.result.score - a.result.score);
  }
}
