/**
 * Lines added under a size budget: an export sized for a GitHub or GitLab comment (65,536 characters at most)
 * stops adding lines before the budget and counts, per section, what it left out, so it can say so.
 */
export class LineBudget {
  private readonly lines: string[] = []
  private used = 0
  private full = false
  /** Section name → how many of its items were left out. */
  readonly leftOut = new Map<string, number>()

  /** `limit`: the most characters in all; `reserve`: kept free for the note that says what was left out. */
  constructor(private readonly limit: number, private readonly reserve: number) {}

  /**
   * Adds one line (or a block of lines) unless it would pass the budget; once one did not fit, nothing more is
   * added. An item of `section` left out is counted; a line without a section (a heading) is not.
   */
  add(text: string, section?: string): boolean {
    if (!this.full && this.used + text.length + 1 <= this.limit - this.reserve) {
      this.lines.push(text)
      this.used += text.length + 1
      return true
    }
    this.full = true
    if (section) this.leftOut.set(section, (this.leftOut.get(section) ?? 0) + 1)
    return false
  }

  /** Adds a line whatever the budget (the closing note, within the reserve). */
  force(text: string): void {
    this.lines.push(text)
    this.used += text.length + 1
  }

  get isFull(): boolean {
    return this.full
  }

  text(): string {
    return `${this.lines.join('\n')}\n`
  }
}
