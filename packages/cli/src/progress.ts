/** A one-line counter on stderr for long runs in a terminal; silent when stderr is piped or redirected. */
export class Progress {
  private shown = false;
  private lastDraw = 0;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  /** Whether to show one for `total` files on the stderr of `io`, which is not opened for a handful. */
  static enabled(io: { readonly stderr: NodeJS.WriteStream }, total: number): boolean {
    // A handful of files is done before a counter could be read; a hook run must stay quiet.
    return total >= 20 && io.stderr.isTTY === true;
  }

  update(done: number, detail = ""): void {
    const now = Date.now();
    if (done < this.total && now - this.lastDraw < 50) return;
    this.lastDraw = now;
    this.shown = true;
    const columns = this.stream.columns || 80;
    this.stream.write(`\r\u001b[K${`${this.label} ${done}/${this.total} ${detail}`.slice(0, columns - 1)}`);
  }

  clear(): void {
    if (this.shown) this.stream.write("\r\u001b[K");
    this.shown = false;
  }
}
