/** A progress bar on a terminal; a start and an end line elsewhere (CI logs should not fill with bars). */
export interface Progress {
  tick(done: number): void;
  /** Ends the bar, with what was done (e.g. how many were new). */
  end(outcome?: string): void;
}

export function progress(label: string, total: number, enabled: boolean): Progress {
  const tty = enabled && process.stderr.isTTY === true;
  if (enabled && !tty) process.stderr.write(`${label}: ${total}…\n`);
  let shown = -1;
  return {
    tick(done) {
      if (!tty) return;
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent === shown) return;
      shown = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      process.stderr.write(
        `\r${label.padEnd(24)} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`,
      );
    },
    end(outcome) {
      const tail = outcome ? ` (${outcome})` : '';
      if (tty) process.stderr.write(`${tail}\n`);
      else if (enabled) process.stderr.write(`${label}: done${tail}\n`);
    },
  };
}
