// The page's clock. The core never reads a clock: every command gets `at`
// and every time-based query gets `now` from here. `?now=2026-11-20T03:00:00Z`
// freezes it (stable screenshots, reproducible demos); otherwise it is the
// browser's clock.

export class Clock {
  readonly fixed: Date | null;

  constructor(search: string) {
    const raw = new URLSearchParams(search).get("now");
    const t = raw ? Date.parse(raw) : Number.NaN;
    this.fixed = raw && !Number.isNaN(t) && /(Z|[+-]\d\d:?\d\d)$/.test(raw) ? new Date(t) : null;
    this.invalid = raw !== null && this.fixed === null ? raw : null;
  }

  /** The `now` parameter when it was given but unreadable (it needs an offset). */
  readonly invalid: string | null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date(Math.floor(Date.now() / 1000) * 1000);
  }

  get frozen(): boolean {
    return this.fixed !== null;
  }
}
