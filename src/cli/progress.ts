import type { Io } from './io.js';
import { writeRawErr } from './io.js';

/**
 * A sweep's progress on stderr: rewritten in place on a terminal, a line every few seconds
 * otherwise (CI logs), never on stdout, which stays clean for results.
 */
export class Progress {
  private done = 0;
  private failed = 0;
  private readonly started = Date.now();
  private lastShown = 0;
  private shownInPlace = false;

  constructor(
    private readonly io: Io,
    private readonly label: string,
    private readonly total: number,
    /** A time-budgeted sweep ends when its budget does, long before its (open) range would. */
    private readonly budgetMs?: number,
    private readonly everyMs = io.stderrIsTTY ? 100 : 5000,
  ) {}

  tick(passed: boolean): void {
    this.done++;
    if (!passed) this.failed++;
    const now = Date.now();
    if (this.done < this.total && now - this.lastShown < this.everyMs) return;
    this.lastShown = now;
    this.show(now);
  }

  /** Leave the terminal line clean for what follows. */
  end(): void {
    if (this.shownInPlace) writeRawErr('\n');
    this.shownInPlace = false;
  }

  private show(now: number): void {
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.done / seconds;
    const budgetLeft = this.budgetMs !== undefined ? Math.max(0, Math.ceil((this.budgetMs - (now - this.started)) / 1000)) : undefined;
    const left = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    const shownLeft = budgetLeft !== undefined ? Math.min(left, budgetLeft) : left;
    const done = budgetLeft !== undefined ? `${this.done} seeds` : `${this.done}/${this.total} seeds`;
    const text = `${this.label}: ${done} · ${this.failed} failing · ${rate.toFixed(1)} seeds/s${this.done < this.total ? ` · ~${shownLeft}s left` : ''}`;
    if (this.io.stderrIsTTY) {
      writeRawErr(`\r${text.padEnd(100)}`);
      this.shownInPlace = true;
    } else {
      this.io.err(text);
    }
  }
}
