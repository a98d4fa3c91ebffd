/**
 * Who is subscribed to which topic. Topics exist only while they have subscribers, so the
 * map never grows with abandoned rooms (the stock server keeps them forever).
 */
export class TopicRegistry<Member> {
  readonly #topics = new Map<string, Set<Member>>();

  get size(): number {
    return this.#topics.size;
  }

  add(topic: string, member: Member): void {
    let members = this.#topics.get(topic);
    if (!members) {
      members = new Set();
      this.#topics.set(topic, members);
    }
    members.add(member);
  }

  remove(topic: string, member: Member): void {
    const members = this.#topics.get(topic);
    if (!members) return;
    members.delete(member);
    if (members.size === 0) this.#topics.delete(topic);
  }

  /** The live member set; callers must not mutate it. Empty when nobody is subscribed. */
  members(topic: string): ReadonlySet<Member> {
    return this.#topics.get(topic) ?? EMPTY;
  }
}

const EMPTY: ReadonlySet<never> = new Set<never>();
